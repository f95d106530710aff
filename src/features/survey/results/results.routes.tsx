import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { BadRequestError, NotFoundError } from '../../../shared/errors.ts';
import { html, schemaOptions, type ZodSchemas, pageQuery } from '../../../shared/http.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { buildDataset } from '../export/dataset.ts';
import { renderSurveyExport, surveyExportFormatSchema } from '../export/formats.ts';
import { wijkOf } from '../weighting/geography.ts';
import { ResultsPage, type DomainView } from './views/results.page.tsx';
import {
  datasetWeighting,
  domainResults,
  exportWeights,
  questionResults,
  resultTables,
  type ResultResponse,
  type Weighting,
} from './survey-results.ts';

const params = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  key: z.string().regex(/^[a-z0-9-]{3,64}$/),
});

const CHANNEL_NAMES: Record<string, string> = {
  web: 'internet',
  mondeling: 'mondeling',
  schriftelijk: 'op papier',
};

/**
 * Results and exports of a questionnaire for the researchers and the programme bureau: the
 * counted responses (web, and approved interviews and paper forms), weighted to the CBS
 * population of the focus area where that can be done.
 */
export async function resultsRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, responses: responseService, surveyResults, surveys } = opts.services;

  async function load(gemeente: string, key: string) {
    const q = surveys.questionnaires.get(key);
    if (!q) throw new NotFoundError('Deze vragenlijst bestaat niet.');
    const area = await focusAreas.find(q.focusArea);
    if (area?.area.municipality_code !== gemeente) {
      throw new NotFoundError('Deze vragenlijst hoort niet bij deze gemeente.');
    }
    const responses = await responseService.listCounted(q.key);
    const weighting = (await surveyResults.weigher(q))(responses);
    const names = new Map((area?.members ?? []).map((m) => [m.buurt_code, m.name ?? m.buurt_code]));
    const postcodes = await surveyResults.unmappedPostcodeNote(
      q,
      responses,
      area.version?.indeling_year,
    );
    return { q, responses, weighting, names, postcodes };
  }

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/resultaten',
    {
      ...schemaOptions({
        params: params,
        querystring: pageQuery({ vraag: z.string().optional(), naar: z.string().optional() }),
      }),
      config: { permission: 'survey:review' },
    },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const { q, responses, weighting, names, postcodes } = await load(gemeente, key);
      const tables = questionResults(q, responses, weighting);
      const byChannel: Record<string, number> = {};
      for (const r of responses) {
        const name = CHANNEL_NAMES[r.channel] ?? r.channel;
        byChannel[name] = (byChannel[name] ?? 0) + 1;
      }
      const domain = domainView(q, responses, weighting, names, request.query);
      return html(
        reply,
        <ResultsPage
          base={`/werkruimte/${gemeente}/enquetes`}
          questionnaire={q}
          responses={responses.length}
          byChannel={byChannel}
          weighting={weighting}
          postcodes={postcodes}
          tables={tables}
          domain={domain}
        />,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/export',
    {
      ...schemaOptions({
        params: params,
        querystring: pageQuery({ formaat: z.string().optional() }),
      }),
      config: { permission: 'survey:review' },
    },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const format = surveyExportFormatSchema.safeParse(request.query.formaat);
      if (!format.success) {
        throw new BadRequestError(`Parameter formaat: ${format.error.issues[0]?.message ?? ''}`);
      }
      const { q, responses, weighting } = await load(gemeente, key);
      const weights = exportWeights(weighting);
      const dataset = buildDataset(
        surveys.questionnaires.versions(q.key),
        responses.map((r, i) => ({
          id: r.id,
          version: r.version,
          channel: r.channel,
          language: r.language as Questionnaire['languages'][number],
          status: r.status,
          submittedAt: r.submittedAt,
          ...(q.weighting && typeof r.answers[q.weighting.buurt] === 'string'
            ? { buurt: r.answers[q.weighting.buurt] as string }
            : {}),
          ...weights.get(i),
          answers: r.answers,
        })),
        datasetWeighting(weighting),
      );
      const out = await renderSurveyExport(dataset, format.data);
      return reply
        .type(out.contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .send(out.body);
    },
  );
}

function domainView(
  q: Questionnaire,
  responses: readonly ResultResponse[],
  weighting: Weighting,
  names: ReadonlyMap<string, string>,
  query: { vraag?: string; naar?: string },
): DomainView | undefined {
  if (query.vraag === undefined && query.naar === undefined) return undefined;
  const spec = resultTables(q).find((t) => t.variable === query.vraag);
  if (!spec) throw new BadRequestError('Parameter vraag: deze vraag staat niet in de vragenlijst.');
  if (query.naar !== 'kanaal' && query.naar !== 'buurt' && query.naar !== 'wijk') {
    throw new BadRequestError('Parameter naar: kies kanaal, buurt of wijk.');
  }
  const by = query.naar;
  const buurtVar = q.weighting?.buurt;
  const buurtOf = (r: ResultResponse) => {
    const code = buurtVar ? r.answers[buurtVar] : undefined;
    return typeof code === 'string' && /^BU\d{8}$/.test(code) ? code : null;
  };
  const domainOf =
    by === 'kanaal'
      ? (r: ResultResponse) => CHANNEL_NAMES[r.channel] ?? r.channel
      : by === 'buurt'
        ? (r: ResultResponse) => {
            const code = buurtOf(r);
            return code ? `${names.get(code) ?? code} (${code})` : null;
          }
        : (r: ResultResponse) => {
            const code = buurtOf(r);
            const wijk = code ? wijkOf(code) : null;
            return wijk ? (names.has(wijk) ? `${names.get(wijk)} (${wijk})` : wijk) : null;
          };
  return {
    title: spec.title,
    variable: spec.variable,
    by,
    categories: spec.categories.filter((c) => !c.missing),
    rows: domainResults(spec, responses, weighting, domainOf),
  };
}
