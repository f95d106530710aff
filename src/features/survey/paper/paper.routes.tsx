import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { schemaOptions, type ZodSchemas } from '../../../shared/http.ts';
import { AppError, BadRequestError, NotFoundError } from '../../../shared/errors.ts';
import { renderPage } from '../../../views/render.ts';
import { Layout } from '../../../views/layout.tsx';
import { assetUrl } from '../../../shared/assets.ts';
import { isAllowed } from '../../accounts/index.ts';
import { appPageFetcher } from '../../factsheet/index.ts';
import { textIn } from '../definition/fixed-labels.ts';
import { LANGUAGES, type Language } from '../definition/questionnaire.schema.ts';
import { PaperForm } from './paper-form.tsx';
import { countedMembers } from '../../focus-areas/index.ts';

/** At most this many numbered forms in one document: a print run is done in batches. */
export const MAX_FORMS_PER_BATCH = 100;

const params = z.object({ key: z.string().regex(/^[a-z0-9-]{3,64}$/) });
/** A key that does not fit names no questionnaire. */
const unknownSurvey = { notFound: 'Deze vragenlijst bestaat niet.' };
const query = z.strictObject({
  taal: z.enum(LANGUAGES).optional(),
  van: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
  tot: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
});

function parseQuery(raw: unknown): { language: Language; numbers: number[] } {
  const parsed = query.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new BadRequestError(
      'Het adres klopt niet. Gebruik taal=nl of taal=en, en voor genummerde formulieren van=1&tot=50 (hele getallen).',
    );
  }
  const { taal = 'nl', van, tot } = parsed.data;
  if (van === undefined && tot === undefined) return { language: taal, numbers: [] };
  const from = van ?? tot ?? 1;
  const to = tot ?? from;
  if (from < 1 || to < from)
    throw new BadRequestError('"van" moet 1 of meer zijn en "tot" niet kleiner dan "van".');
  if (to - from + 1 > MAX_FORMS_PER_BATCH) {
    throw new BadRequestError(
      `U vraagt ${to - from + 1} formulieren. Per keer kunnen er hoogstens ${MAX_FORMS_PER_BATCH}; maak meer bestanden, bijvoorbeeld van=${from}&tot=${from + MAX_FORMS_PER_BATCH - 1} en daarna van=${from + MAX_FORMS_PER_BATCH}.`,
    );
  }
  return { language: taal, numbers: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
}

/**
 * The paper questionnaire. One blank form (HTML) is public like the web survey; numbered forms
 * are a print run that keyed entry counts on, so they need the survey:print-forms permission in
 * the questionnaire's municipality, and so does every PDF (each one costs a browser render).
 * PDFs go through the shared renderer: one render at a time, kept per questionnaire version,
 * language and form range.
 */
export async function paperRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, surveys, pdf } = opts.services;

  async function load(rawParams: unknown) {
    const p = params.safeParse(rawParams);
    const q = p.success ? surveys.questionnaires.get(p.data.key) : undefined;
    if (!q) throw new NotFoundError('Deze vragenlijst bestaat niet.');
    const area = (await focusAreas.find(q.focusArea)) ?? undefined;
    const buurten = countedMembers(area?.members ?? []).map((m) => ({
      code: m.buurt_code,
      name: m.name ?? m.buurt_code,
    }));
    return { q, buurten, municipalityCode: area?.area.municipality_code };
  }

  /**
   * Numbered forms and PDFs: only for those who may print forms in the questionnaire's
   * municipality (any municipality when its focus area is not loaded). Returns false after
   * sending the login redirect.
   */
  function mayPrint(
    request: FastifyRequest,
    reply: FastifyReply,
    municipalityCode: string | undefined,
  ): boolean {
    if (!request.user) {
      void reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
      return false;
    }
    if (!isAllowed(request.user.grants, 'survey:print-forms', municipalityCode)) {
      throw new AppError(
        'FORBIDDEN',
        'Genummerde formulieren en de PDF zijn er alleen voor het programmabureau en invoerders van deze gemeente. Het lege formulier kunt u zonder inloggen afdrukken.',
      );
    }
    return true;
  }

  app.get(
    '/enquete/:key/papier',
    { ...schemaOptions({ params }, unknownSurvey) },
    async (request, reply) => {
      const { q, buurten, municipalityCode } = await load(request.params);
      const { language, numbers } = parseQuery(request.query);
      if (numbers.length > 0 && !mayPrint(request, reply, municipalityCode)) return reply;
      if (!q.languages.includes(language)) {
        throw new BadRequestError(`Deze vragenlijst is er niet in de taal "${language}".`);
      }
      const title = `Papieren vragenlijst: ${textIn(q.title, 'nl')}`;
      const forms = numbers.length > 0 ? numbers : [undefined];
      const html = renderPage(
        <Layout
          title={title}
          description={`${textIn(q.title, 'nl')} op papier: druk de vragenlijst af om hem met de hand in te vullen, of om er een gesprek mee te voeren.`}
          head={<link rel="stylesheet" href={assetUrl('css/paper.css')} />}
        >
          <h1 class="utrecht-heading-1 wk-paper-screen-only">{title}</h1>
          <p class="utrecht-paragraph wk-paper-screen-only">
            {'Druk deze pagina af, of '}
            <a
              class="utrecht-link"
              href={`/enquete/${q.key}/papier.pdf${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`}
            >
              download de PDF
            </a>
            {
              ' (na inloggen). Genummerde formulieren (na inloggen, hoogstens 100 per keer): voeg ?van=1&tot=50 aan het adres toe.'
            }
          </p>
          {forms.map((n) => (
            <PaperForm
              questionnaire={q}
              language={language}
              buurten={buurten}
              {...(n === undefined ? {} : { formNumber: n })}
            />
          ))}
        </Layout>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.addHook('onClose', () => pdf.close());

  app.get(
    '/enquete/:key/papier.pdf',
    { ...schemaOptions({ params }, unknownSurvey), config: { permission: 'survey:print-forms' } },
    async (request, reply) => {
      const { q, municipalityCode } = await load(request.params);
      const { language, numbers } = parseQuery(request.query);
      if (!mayPrint(request, reply, municipalityCode)) return reply;
      const unavailable = pdf.unavailable();
      if (unavailable) return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
      const range = numbers.length > 0 ? `${numbers[0]}-${numbers[numbers.length - 1]}` : 'leeg';
      const search = new URLSearchParams({ taal: language });
      if (numbers.length > 0) {
        search.set('van', String(numbers[0]));
        search.set('tot', String(numbers[numbers.length - 1]));
      }
      const bytes = await pdf.render(
        `papier\u0000${q.key}\u0000${q.version}\u0000${language}\u0000${range}`,
        appPageFetcher(app, request.headers.cookie),
        `/enquete/${q.key}/papier?${search.toString()}`,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="vragenlijst-${q.key}.pdf"`)
        .send(bytes);
    },
  );
}
