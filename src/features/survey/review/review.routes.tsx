import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { Layout } from '../../../views/layout.tsx';
import { actorOf } from '../../accounts/index.ts';
import { CsrfField, SubmitButton } from '../../../views/components/form.tsx';
import { SavedNotice } from '../../../views/components/form-controls.tsx';
import { formBody, html, schemaOptions, type ZodSchemas, pageQuery } from '../../../shared/http.ts';
import { requireUser } from '../../../shared/route-helpers.ts';
import { textIn } from '../definition/fixed-labels.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { keyingItems, keyedText } from '../keying/keying-codes.ts';
import { awaitsReview } from '../responses/trust.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

const params = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  key: z.string().regex(/^[a-z0-9-]{3,64}$/),
});
const one = params.extend({ id: z.string().uuid() });

const CHANNEL: Record<string, string> = {
  web: 'internet',
  mondeling: 'interview',
  schriftelijk: 'papier',
};

const who = (actor: string | null) => (actor ? actor.replace(/^gebruiker:\S+ /, '') : '–');
const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');

/**
 * Interviewer and keyed responses wait here until a reviewer approves them (then they count)
 * or rejects them. The list shows no answers; one response at a time is opened to check it.
 */
export async function reviewRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, responses, surveys } = opts.services;

  async function questionnaireIn(gemeente: string, key: string): Promise<Questionnaire> {
    const q = surveys.questionnaires.get(key);
    const area = q ? ((await focusAreas.find(q.focusArea)) ?? undefined) : undefined;
    if (!q || area?.area.municipality_code !== gemeente) {
      throw new NotFoundError('Deze vragenlijst bestaat niet in deze gemeente.');
    }
    return q;
  }

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/controle',
    {
      ...schemaOptions({
        params: params,
        querystring: pageQuery({ klaar: z.string().optional() }),
      }),
      config: { permission: 'survey:review' },
    },
    async (request, reply) => {
      const { gemeente, key } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const waiting = await responses.awaitingReview(q.key, 500);
      const flagged = await responses.countSkippedAnswers(waiting.map((r) => r.id));
      const base = `/werkruimte/${gemeente}/enquetes/${q.key}/controle`;
      const done = request.query.klaar;
      return html(
        reply,
        <Layout
          title={`Antwoorden controleren: ${textIn(q.title, 'nl')}`}
          breadcrumbs={[
            { href: '/werkruimte', label: 'Werkruimte' },
            { href: `/werkruimte/${gemeente}/enquetes`, label: 'Enquêtes' },
          ]}
        >
          <h1 class="utrecht-heading-1">Antwoorden controleren</h1>
          <SavedNotice
            text={
              done === 'goedgekeurd' || done === 'afgekeurd'
                ? `Het antwoord is ${done}.`
                : undefined
            }
          />
          <p class="utrecht-paragraph">
            {`${waiting.length} antwoorden van interviews en papieren formulieren wachten op controle. Ze tellen pas mee als ze zijn goedgekeurd.`}
          </p>
          {waiting.length > 0 && (
            <TableScroll label="Te controleren">
              <Table>
                <TableCaption>Te controleren</TableCaption>
                <THead>
                  <Tr>
                    {['Binnengekomen', 'Kanaal', 'Door', 'Formulier', 'Let op', ''].map((h) => (
                      <Th scope="col">{h}</Th>
                    ))}
                  </Tr>
                </THead>
                <TBody>
                  {waiting.map((r) => (
                    <Tr>
                      <Td>{date(r.submitted_at)}</Td>
                      <Td>{CHANNEL[r.channel] ?? r.channel}</Td>
                      <Td>{who(r.interviewer_id ?? r.keyer_id)}</Td>
                      <Td>
                        {r.form_number === null ? '–' : String(r.form_number).padStart(6, '0')}
                      </Td>
                      <Td data-flag={flagged.has(r.id) ? 'overgeslagen' : undefined}>
                        {flagged.has(r.id)
                          ? `${flagged.get(r.id)} ${flagged.get(r.id) === 1 ? 'antwoord' : 'antwoorden'} bij overgeslagen vragen`
                          : ''}
                      </Td>
                      <Td>
                        <a class="utrecht-link" href={`${base}/${r.id}`}>
                          Bekijken
                        </a>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </TableScroll>
          )}
        </Layout>,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/controle/:id',
    { ...schemaOptions({ params: one }), config: { permission: 'survey:review' } },
    async (request, reply) => {
      const { gemeente, key, id } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const r = await responses.find(id);
      if (!r || r.questionnaire_key !== q.key || !awaitsReview(r)) {
        throw new NotFoundError('Dit antwoord wacht niet op controle.');
      }
      const version = surveys.questionnaires.get(q.key, Number(r.version)) ?? q;
      const typed = keyedText(version, await responses.readAnswers(id));
      const skipped = keyedText(version, await responses.readSkippedAnswers(id));
      const base = `/werkruimte/${gemeente}/enquetes/${q.key}/controle`;
      return html(
        reply,
        <Layout
          title="Antwoord controleren"
          breadcrumbs={[{ href: base, label: 'Antwoorden controleren' }]}
        >
          <h1 class="utrecht-heading-1">Antwoord controleren</h1>
          <p class="utrecht-paragraph">
            {`Kanaal: ${CHANNEL[r.channel] ?? r.channel} · door ${who(r.interviewer_id ?? r.keyer_id)}${
              r.form_number === null ? '' : ` · formulier ${String(r.form_number).padStart(6, '0')}`
            } · versie ${r.version}`}
          </p>
          {Object.keys(skipped).length > 0 && (
            <div
              class="utrecht-alert utrecht-alert--warning"
              role="status"
              data-flag="overgeslagen"
            >
              <div class="utrecht-alert__content">
                <p class="utrecht-paragraph">
                  Op het formulier staan antwoorden bij vragen die de routing overslaat. Ze zijn
                  bewaard maar tellen niet mee. Kijk op het papieren formulier welke vraag klopt;
                  past het niet, keur het antwoord dan af.
                </p>
              </div>
            </div>
          )}
          <dl class="wk-definitions" data-answers>
            {keyingItems(version).flatMap(({ numbered, fields }) =>
              fields.map((f) => (
                <>
                  <dt>{`${f.label}. ${textIn(numbered.question.text, 'nl')}`}</dt>
                  <dd>
                    {typed[f.field]
                      ? `${typed[f.field]} (${f.codes})`
                      : skipped[f.field]
                        ? `${skipped[f.field]} (${f.codes}) — ingevuld, maar de routing slaat deze vraag over; telt niet mee`
                        : 'niet ingevuld'}
                  </dd>
                </>
              )),
            )}
          </dl>
          <form method="post" action={`${base}/${id}`} class="wk-stack">
            <CsrfField token={reply.generateCsrf()} />
            <input type="hidden" name="besluit" value="goedgekeurd" />
            <SubmitButton label="Goedkeuren: telt mee" />
          </form>
          <form method="post" action={`${base}/${id}`} class="wk-stack">
            <CsrfField token={reply.generateCsrf()} />
            <input type="hidden" name="besluit" value="afgekeurd" />
            <SubmitButton label="Afkeuren: telt niet mee" variant="warning" />
          </form>
        </Layout>,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/controle/:id',
    { ...schemaOptions({ params: one }), config: { permission: 'survey:review' } },
    async (request, reply) => {
      const { gemeente, key, id } = request.params;
      const q = await questionnaireIn(gemeente, key);
      const r = await responses.find(id);
      if (!r || r.questionnaire_key !== q.key)
        throw new NotFoundError('Dit antwoord bestaat niet.');
      const decision = formBody(request).besluit === 'afgekeurd' ? 'afgekeurd' : 'goedgekeurd';
      await responses.review({
        id,
        decision,
        reviewer: actorOf(requireUser(request)),
        municipalityCode: gemeente,
      });
      return reply.redirect(
        `/werkruimte/${gemeente}/enquetes/${q.key}/controle?klaar=${decision}`,
        303,
      );
    },
  );
}
