import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { Layout } from '../../../views/layout.tsx';
import { isAllowed, type Permission } from '../../accounts/index.ts';
import { html, schemaOptions, type ZodSchemas } from '../../../shared/http.ts';
import { requireUser } from '../../../shared/route-helpers.ts';
import { textIn } from '../definition/fixed-labels.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';

const params = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });

const STATUS_NAMES: Record<string, string> = {
  concept: 'nog bezig',
  ingediend: 'verstuurd',
  te_controleren: 'te controleren',
  goedgekeurd: 'goedgekeurd',
  afgekeurd: 'afgekeurd',
};

interface Row {
  q: Questionnaire;
  counts: { status: string; n: number }[];
  links: { href: string; label: string }[];
}

/** The questionnaires of a municipality with what each signed-in role can do with them. */
export async function surveyOverviewRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, responses, surveys } = opts.services;
  app.get(
    '/werkruimte/:gemeente/enquetes',
    { ...schemaOptions({ params: params }), config: { permission: 'account:self' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const user = requireUser(request);
      const can = (p: Permission) => isAllowed(user.grants, p, gemeente);
      const rows: Row[] = [];
      for (const q of surveys.questionnaires.list()) {
        const area = (await focusAreas.find(q.focusArea)) ?? undefined;
        if (area?.area.municipality_code !== gemeente) continue;
        const base = `/werkruimte/${gemeente}/enquetes/${q.key}`;
        const links = [
          { href: `/enquete/${q.key}`, label: 'Open de vragenlijst op internet' },
          { href: `/enquete/${q.key}/papier`, label: 'Papieren vragenlijst (afdrukken of PDF)' },
          ...(can('survey:interview')
            ? [{ href: `${base}/interview`, label: 'Interview afnemen' }]
            : []),
          ...(can('survey:key-in')
            ? [{ href: `${base}/invoer`, label: 'Papieren formulieren invoeren' }]
            : []),
          ...(can('survey:review')
            ? [
                { href: `${base}/controle`, label: 'Antwoorden controleren' },
                { href: `${base}/verschillen`, label: 'Verschillen bij dubbele invoer' },
                { href: `${base}/resultaten`, label: 'Resultaten en downloads' },
              ]
            : []),
        ];
        const counts = can('survey:review') ? await responses.count(q.key) : [];
        rows.push({ q, counts, links });
      }
      return html(
        reply,
        <Layout title="Enquêtes" breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}>
          <h1 class="utrecht-heading-1">Enquêtes</h1>
          {rows.length === 0 && (
            <p class="utrecht-paragraph">Deze gemeente heeft nog geen vragenlijsten.</p>
          )}
          {rows.map(({ q, counts, links }) => {
            const totals = new Map<string, number>();
            for (const c of counts) totals.set(c.status, (totals.get(c.status) ?? 0) + c.n);
            return (
              <section class="wk-stack" aria-labelledby={`vragenlijst-${q.key}`}>
                <h2 class="utrecht-heading-2" id={`vragenlijst-${q.key}`}>
                  {textIn(q.title, 'nl')}
                </h2>
                <p class="utrecht-paragraph wk-muted">
                  {`Versie ${q.version} · voor ${q.audience}`}
                  {totals.size > 0 &&
                    ` · ${[...totals].map(([s, n]) => `${n} ${STATUS_NAMES[s] ?? s}`).join(', ')}`}
                </p>
                <ul class="utrecht-unordered-list">
                  {links.map((l) => (
                    <li class="utrecht-unordered-list__item">
                      <a class="utrecht-link" href={l.href}>
                        {l.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </Layout>,
      );
    },
  );
}
