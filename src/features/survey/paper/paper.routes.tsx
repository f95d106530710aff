import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { BadRequestError, NotFoundError } from '../../../shared/errors.ts';
import { renderPage } from '../../../views/render.ts';
import { Layout } from '../../../views/layout.tsx';
import { pdfUnavailable, renderPdf } from '../../factsheet/factsheet.pdf.ts';
import { getFocusArea } from '../../focus-areas/focus-area.service.ts';
import { textIn } from '../definition/fixed-labels.ts';
import { LANGUAGES, type Language } from '../definition/questionnaire.schema.ts';
import { PaperForm } from './paper-form.tsx';

/** At most this many numbered forms in one document: a print run is done in batches. */
export const MAX_FORMS_PER_BATCH = 200;

const params = z.object({ key: z.string().regex(/^[a-z0-9-]{3,64}$/) });
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
    throw new BadRequestError(`Hoogstens ${MAX_FORMS_PER_BATCH} formulieren per keer.`);
  }
  return { language: taal, numbers: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
}

/**
 * The paper questionnaire, public like the web survey: print HTML (print CSS, one form per sheet
 * set, form number on every form) and the same page as a tagged PDF through Chromium.
 */
export async function paperRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { db, surveys } = opts.services;

  async function load(rawParams: unknown) {
    const p = params.safeParse(rawParams);
    const q = p.success ? surveys.questionnaires.get(p.data.key) : undefined;
    if (!q) throw new NotFoundError('Deze vragenlijst bestaat niet.');
    const area = await getFocusArea(db, q.focusArea).catch(() => undefined);
    const buurten = (area?.members ?? [])
      .filter((m) => m.status === 'lid')
      .map((m) => ({ code: m.buurt_code, name: m.name ?? m.buurt_code }));
    return { q, buurten };
  }

  app.get('/enquete/:key/papier', async (request, reply) => {
    const { q, buurten } = await load(request.params);
    const { language, numbers } = parseQuery(request.query);
    if (!q.languages.includes(language)) {
      throw new BadRequestError(`Deze vragenlijst is er niet in de taal "${language}".`);
    }
    const title = `Papieren vragenlijst: ${textIn(q.title, 'nl')}`;
    const forms = numbers.length > 0 ? numbers : [undefined];
    const html = renderPage(
      <Layout title={title} head={<link rel="stylesheet" href="/assets/css/paper.css" />}>
        <h1 class="utrecht-heading-1 wk-paper-screen-only">{title}</h1>
        <p class="utrecht-paragraph wk-paper-screen-only">
          {'Druk deze pagina af, of '}
          <a
            class="utrecht-link"
            href={`/enquete/${q.key}/papier.pdf${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`}
          >
            download de PDF
          </a>
          {'. Voor genummerde formulieren: voeg ?van=1&tot=50 aan het adres toe.'}
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
  });

  app.get('/enquete/:key/papier.pdf', async (request, reply) => {
    const { q } = await load(request.params);
    parseQuery(request.query);
    const unavailable = pdfUnavailable();
    if (unavailable) return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const pdf = await renderPdf(app, `/enquete/${q.key}/papier${search}`);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="vragenlijst-${q.key}.pdf"`)
      .send(pdf);
  });
}
