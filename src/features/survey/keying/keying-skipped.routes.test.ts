import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { projectRoot } from '../../../config.ts';
import { parsePostcodeBuurtCsv } from '../../imports/postcode-buurt.importer.ts';
import { importPostcodeTable } from '../../imports/postcode-buurt.service.ts';
import { createServices, type Services } from '../../../composition.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { login, makeUser } from '../../../../test/security/security-app.ts';
import { getFocusArea } from '../../focus-areas/focus-area.service.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { formFields, postForm } from '../../../../test/helpers/forms.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { numberedBuurten } from '../paper/paper-codes.ts';
import { readAnswers } from '../responses/response.repository.ts';
import { reviewResponse } from '../responses/response.service.ts';
import { readSkippedAnswers } from '../review/skipped-answers.repository.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);
const BASE = `/werkruimte/GM0505/enquetes/${q.key}`;

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `keying: printed codes and answers the routing skips [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let handle: TestDb;
      let app: FastifyInstance;
      let services: Services;
      const cookies: Record<string, string> = {};
      before(async () => {
        handle = await createTestDb(dialect);
        await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
        services = createServices(handle, { datasetsDir, questionnaires: [q] });
        services.surveys.doubleEntryShare = 0;
        app = await buildApp({
          services,
          sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
        });
        await app.ready();
        for (const [i, [name, role]] of (
          [
            ['invoer', 'invoerder'],
            ['bureau', 'programmabureau'],
          ] as const
        ).entries()) {
          await makeUser(
            handle,
            `${name}@fixture.example`,
            [{ role, municipalityCode: 'GM0505' }],
            name,
          );
          cookies[name] = (
            await login(app, `${name}@fixture.example`, undefined, `10.9.0.${i + 1}`)
          ).cookie;
        }
      });
      after(async () => {
        await app?.close();
        await handle?.drop();
      });

      async function key(formNumber: string, codes: Record<string, string>) {
        const cookie = cookies.invoer!;
        const start = await app.inject({ url: `${BASE}/invoer`, headers: { cookie } });
        const go = await postForm(app, `${BASE}/invoer`, cookie, {
          ...formFields(start.body, `${BASE}/invoer`),
          formulier: formNumber,
        });
        assert.equal(go.statusCode, 303);
        const action = go.headers.location as string;
        const page = await app.inject({ url: action, headers: { cookie } });
        assert.equal(page.statusCode, 200);
        return {
          page,
          saved: await postForm(app, action, cookie, {
            ...formFields(page.body, action),
            ...codes,
          }),
        };
      }

      it('shows the printed buurt numbers and accepts them', async () => {
        const area = await getFocusArea(handle.db, q.focusArea);
        const printed = numberedBuurten(
          area.members
            .filter((m) => m.status === 'lid')
            .map((m) => ({ code: m.buurt_code, name: m.name ?? m.buurt_code })),
        );
        assert.ok(printed.length > 3);
        const third = printed[2]!;
        const { page, saved } = await key('301', { heeft_werk: '1', woonbuurt: third.key });
        assert.match(page.body, new RegExp(`3 ${third.name.replace(/[()]/g, '.')}`));
        assert.equal(saved.statusCode, 303);
        const row = await handle.db
          .selectFrom('survey_responses')
          .select('id')
          .where('form_number', '=', 301)
          .executeTakeFirstOrThrow();
        assert.equal((await readAnswers(handle.db, row.id)).woonbuurt, third.code);
      });

      it('maps a postcode to its buurt through the CBS table, refuses one outside Dordrecht', async () => {
        // The table must be of the focus area's indeling year (2023 in the shipped data): the
        // FIXTURE file is written for 2024, so its header is renamed to that year here.
        const year = (await getFocusArea(handle.db, q.focusArea)).version!.indeling_year;
        // Without a table the postcode stays the answer.
        const before = await key('401', { heeft_werk: '1', woonbuurt: '3314 AA' });
        assert.equal(before.saved.statusCode, 303);
        assert.equal(await woonbuurtOf(401), '3314AA');
        // Once counted, the results page says the postcode is not mapped, and why.
        const row = await handle.db
          .selectFrom('survey_responses')
          .select('id')
          .where('form_number', '=', 401)
          .executeTakeFirstOrThrow();
        await reviewResponse(handle.db, {
          id: row.id,
          decision: 'goedgekeurd',
          reviewer: 'bureau',
          municipalityCode: 'GM0505',
        });
        const results = await app.inject({
          url: `${BASE}/resultaten`,
          headers: { cookie: cookies.bureau! },
        });
        assert.equal(results.statusCode, 200);
        assert.match(
          results.body,
          new RegExp(
            `<p class="utrecht-paragraph" data-postcodes="true">1 antwoord heeft bij de buurt alleen een postcode\\. Die is niet aan een buurt gekoppeld: er is geen postcodetabel van het CBS \\(indeling ${year}\\) geladen\\.`,
          ),
        );

        await importPostcodeTable(
          handle.db,
          parsePostcodeBuurtCsv(
            {
              bytes: Buffer.from(
                fs
                  .readFileSync(
                    path.join(projectRoot, 'test/fixtures/imports/postcode-buurt.fixture.csv'),
                    'utf8',
                  )
                  .replaceAll('2024', String(year)),
              ),
              fileName: 'postcode-buurt.fixture.csv',
            },
            { indelingYear: year },
          ),
          { importedBy: 'test' },
        );
        const amsterdam = await key('402', { heeft_werk: '1', woonbuurt: '1012AB' });
        assert.equal(amsterdam.saved.statusCode, 400);
        assert.match(
          amsterdam.saved.body,
          /Vraag 10: postcode 1012 AB ligt niet in de gemeente Dordrecht, maar in GM0363\. Deze enquête is alleen voor bewoners van Dordrecht\./,
        );
        assert.equal(
          await handle.db
            .selectFrom('survey_key_entries')
            .select('form_number')
            .where('form_number', '=', 402)
            .executeTakeFirst(),
          undefined,
          'nothing stored',
        );
        const mapped = await key('403', { heeft_werk: '1', woonbuurt: '3314AA' });
        assert.equal(mapped.saved.statusCode, 303);
        assert.equal(await woonbuurtOf(403), 'BU05050301');
        const split = await key('404', { heeft_werk: '1', woonbuurt: '3314AB' });
        assert.equal(split.saved.statusCode, 303);
        assert.equal(await woonbuurtOf(404), '3314AB', 'a postcode over two buurten stays');
      });

      async function woonbuurtOf(formNumber: number) {
        const row = await handle.db
          .selectFrom('survey_responses')
          .select('id')
          .where('form_number', '=', formNumber)
          .executeTakeFirstOrThrow();
        return (await readAnswers(handle.db, row.id)).woonbuurt;
      }

      it('keeps an answer the routing skips, tells the keyer, and flags it for review', async () => {
        const { saved } = await key('302', { heeft_werk: '2', uren: '20', cijfer_buurt: '6' });
        assert.equal(saved.statusCode, 303);
        assert.match(
          String(saved.headers.location),
          /opgeslagen=302&uitkomst=klaar&overgeslagen=2$/,
        );
        const told = await app.inject({
          url: saved.headers.location as string,
          headers: { cookie: cookies.invoer! },
        });
        assert.match(
          told.body,
          /Let op: bij vraag 2 staat een antwoord, maar volgens de routing van het formulier had die vraag overgeslagen moeten worden\. Het antwoord is bewaard/,
        );

        const row = await handle.db
          .selectFrom('survey_responses')
          .select('id')
          .where('form_number', '=', 302)
          .executeTakeFirstOrThrow();
        assert.deepEqual(await readAnswers(handle.db, row.id), {
          heeft_werk: 'nee',
          cijfer_buurt: 6,
        });
        assert.deepEqual(await readSkippedAnswers(handle.db, row.id), { uren: 20 });

        const list = await app.inject({
          url: `${BASE}/controle`,
          headers: { cookie: cookies.bureau! },
        });
        assert.match(
          list.body,
          new RegExp(
            `000302</td><td class="utrecht-table__cell" data-flag="overgeslagen">1 antwoord bij overgeslagen vragen</td><td class="utrecht-table__cell"><a class="utrecht-link" href="${BASE}/controle/${row.id}"`,
          ),
        );
        assert.match(
          list.body,
          /000301<\/td><td class="utrecht-table__cell"><\/td>/,
          'no flag without one',
        );
        const detail = await app.inject({
          url: `${BASE}/controle/${row.id}`,
          headers: { cookie: cookies.bureau! },
        });
        assert.match(detail.body, /data-flag="overgeslagen"/);
        assert.match(
          detail.body,
          /<dd>20 \(een getal\) — ingevuld, maar de routing slaat deze vraag over; telt niet mee<\/dd>/,
        );
      });
    },
  );
}
