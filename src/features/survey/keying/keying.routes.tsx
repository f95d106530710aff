import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { actorOf } from '../../accounts/index.ts';
import { formBody, html, schemaOptions, type ZodSchemas, pageQuery } from '../../../shared/http.ts';
import { requireUser } from '../../../shared/route-helpers.ts';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { PaperBuurt } from '../paper/paper-codes.ts';
import {
  LANGUAGES,
  type Language,
  type Questionnaire,
} from '../definition/questionnaire.schema.ts';
import { KeyingRefusedError, parseFormNumber } from './keying.service.ts';
import { DiscrepancyPage } from './views/discrepancy.page.tsx';
import { KeyingFormPage } from './views/keying-form.page.tsx';
import { formLabel, keyingBase } from './views/keying-parts.tsx';
import { KeyingStartPage } from './views/keying-start.page.tsx';
import { countedMembers } from '../../focus-areas/index.ts';

const params = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  key: z.string().regex(/^[a-z0-9-]{3,64}$/),
});
const formParams = params.extend({
  formulier: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number),
});

const OUTCOME: Record<string, string> = {
  klaar: 'is opgeslagen en komt binnen als "te controleren".',
  wacht: 'is opgeslagen. Het wordt ter controle nog een keer ingevoerd, door iemand anders.',
  verschillen:
    'is opgeslagen, maar de twee invoeren verschillen. Het staat op de lijst met verschillen.',
};

/** "2,7" → [2, 7]: the question numbers a saved form had keyed although the routing skips them. */
function skippedNumbers(raw: unknown): number[] {
  if (typeof raw !== 'string' || !/^\d{1,3}(,\d{1,3}){0,49}$/.test(raw)) return [];
  return [...new Set(raw.split(',').map(Number))];
}

/** Text fields of a posted form, without the CSRF token; anything else is ignored. */
function textFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * Keying paper forms and settling double-entry differences, per questionnaire, scoped to the
 * municipality of the questionnaire's focus area.
 */
export async function keyingRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, keying, surveys } = opts.services;

  /** The questionnaire and the buurten its paper form lists (as paper.routes.tsx prints them). */
  async function formIn(
    gemeente: string,
    key: string,
  ): Promise<{ q: Questionnaire; buurten: PaperBuurt[]; indelingYear: number | undefined }> {
    const q = surveys.questionnaires.get(key);
    if (!q) throw new NotFoundError('Deze vragenlijst bestaat niet.');
    const area = (await focusAreas.find(q.focusArea)) ?? undefined;
    if (area?.area.municipality_code !== gemeente) {
      throw new NotFoundError('Deze vragenlijst hoort niet bij deze gemeente.');
    }
    const buurten = countedMembers(area.members).map((m) => ({
      code: m.buurt_code,
      name: m.name ?? m.buurt_code,
    }));
    return { q, buurten, indelingYear: area.version?.indeling_year };
  }
  const questionnaireIn = async (gemeente: string, key: string) => (await formIn(gemeente, key)).q;

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/invoer',
    {
      ...schemaOptions({
        params: params,
        querystring: pageQuery({
          opgeslagen: z.string().optional(),
          uitkomst: z.string().optional(),
          overgeslagen: z.string().optional(),
        }),
      }),
      config: { permission: 'survey:key-in' },
    },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const n = parseFormNumber(request.query.opgeslagen);
      const outcome = OUTCOME[request.query.uitkomst ?? ''];
      return html(
        reply,
        <KeyingStartPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          questionnaire={q}
          counts={await keying.counts(q.key)}
          saved={n !== undefined && outcome ? `Formulier ${formLabel(n)} ${outcome}` : undefined}
          skipped={n !== undefined && outcome ? skippedNumbers(request.query.overgeslagen) : []}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/invoer',
    { ...schemaOptions({ params: params }), config: { permission: 'survey:key-in' } },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const raw = formBody(request).formulier;
      const n = parseFormNumber(raw);
      let error: string | undefined;
      if (n === undefined) error = 'Typ het formuliernummer: alleen cijfers, hoogstens 6.';
      else {
        try {
          await keying.nextPass(q, n, actorOf(requireUser(request)));
        } catch (e) {
          if (!(e instanceof KeyingRefusedError)) throw e;
          error = e.message;
        }
      }
      if (error || n === undefined) {
        return html(
          reply,
          <KeyingStartPage
            csrf={reply.generateCsrf()}
            municipalityCode={gemeente}
            questionnaire={q}
            counts={await keying.counts(q.key)}
            error={error}
            value={typeof raw === 'string' ? raw.slice(0, 20) : ''}
          />,
          400,
        );
      }
      return reply.redirect(`${keyingBase(gemeente, q.key)}/invoer/${n}`, 303);
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/invoer/:formulier',
    { ...schemaOptions({ params: formParams }), config: { permission: 'survey:key-in' } },
    async (request, reply) => {
      const { gemeente, key, formulier } = request.params;
      const { q, buurten } = await formIn(gemeente, key);
      const pass = await keying.nextPass(q, formulier, actorOf(requireUser(request)));
      return html(
        reply,
        <KeyingFormPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          questionnaire={q}
          buurten={buurten}
          formNumber={formulier}
          pass={pass}
          values={{}}
          errors={{}}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/invoer/:formulier',
    { ...schemaOptions({ params: formParams }), config: { permission: 'survey:key-in' } },
    async (request, reply) => {
      const { gemeente, key, formulier } = request.params;
      const { q, buurten, indelingYear } = await formIn(gemeente, key);
      const keyer = actorOf(requireUser(request));
      const values = textFields(formBody(request));
      const language = (LANGUAGES as readonly string[]).includes(values.taal ?? '')
        ? (values.taal as Language)
        : 'nl';
      const outcome = await keying.save(
        { municipalityCode: gemeente, indelingYear },
        {
          questionnaire: q,
          formNumber: formulier,
          keyerId: keyer,
          language,
          raw: values,
          buurten,
        },
      );
      if (outcome.kind === 'fouten') {
        const errors: FieldErrors = {};
        for (const p of outcome.problems) errors[p.field] ??= p.message;
        return html(
          reply,
          <KeyingFormPage
            csrf={reply.generateCsrf()}
            municipalityCode={gemeente}
            questionnaire={q}
            buurten={buurten}
            formNumber={formulier}
            pass={values.invoer === '2' ? 2 : 1}
            values={values}
            errors={errors}
          />,
          400,
        );
      }
      const kind = outcome.kind === 'wacht_op_tweede' ? 'wacht' : outcome.kind;
      // Only question numbers travel in the address, never an answer.
      const skipped = outcome.skipped.map((s) => s.replace(/^Vraag /, '')).join(',');
      return reply.redirect(
        `${keyingBase(gemeente, q.key)}/invoer?opgeslagen=${formulier}&uitkomst=${kind}${
          skipped ? `&overgeslagen=${skipped}` : ''
        }`,
        303,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/verschillen',
    {
      ...schemaOptions({
        params: params,
        querystring: pageQuery({ opgelost: z.string().optional() }),
      }),
      config: { permission: 'survey:review' },
    },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const n = parseFormNumber(request.query.opgelost);
      return html(
        reply,
        <DiscrepancyPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          questionnaire={q}
          forms={await keying.discrepancies(q)}
          saved={
            n === undefined
              ? undefined
              : `Formulier ${formLabel(n)} is goedgekeurd en komt binnen als "te controleren".`
          }
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/verschillen/:formulier',
    { ...schemaOptions({ params: formParams }), config: { permission: 'survey:review' } },
    async (request, reply) => {
      const { gemeente, key, formulier } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const values = textFields(formBody(request));
      const choices: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) {
        if (k.endsWith('__anders')) continue;
        choices[k] = v === 'anders' ? (values[`${k}__anders`] ?? '') : v;
      }
      const outcome = await keying.resolve(
        { municipalityCode: gemeente },
        {
          questionnaire: q,
          formNumber: formulier,
          reviewerId: actorOf(requireUser(request)),
          choices,
        },
      );
      if (outcome.kind === 'fouten') {
        const errors: FieldErrors = {};
        for (const p of outcome.problems) errors[p.field] ??= p.message;
        return html(
          reply,
          <DiscrepancyPage
            csrf={reply.generateCsrf()}
            municipalityCode={gemeente}
            questionnaire={q}
            forms={await keying.discrepancies(q)}
            errors={{ formNumber: formulier, errors, values }}
          />,
          400,
        );
      }
      return reply.redirect(
        `${keyingBase(gemeente, q.key)}/verschillen?opgelost=${formulier}`,
        303,
      );
    },
  );
}
