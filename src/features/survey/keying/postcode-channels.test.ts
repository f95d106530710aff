import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../../config.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { getFocusArea } from '../../focus-areas/focus-area.service.ts';
import { parsePostcodeBuurtCsv } from '../../imports/postcode-buurt.importer.ts';
import { importPostcodeTable } from '../../imports/postcode-buurt.service.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { readAnswers } from '../responses/response.repository.ts';
import {
  AnswersRejectedError,
  newIdempotencyKey,
  submitComplete,
} from '../responses/response.service.ts';
import { fixtureResidentSurvey as q } from '../test-fixtures.ts';
import { saveGroup, startConcept } from '../web/session-response.service.ts';

/** The web page save (also the interviewer's) and the JSON API apply the same postcode check. */
for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `postcode answers on the web and API channels [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let handle: TestDb;
      before(async () => {
        handle = await createTestDb(dialect);
        await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
        const year = (await getFocusArea(handle.db, q.focusArea)).version!.indeling_year;
        const text = fs
          .readFileSync(
            path.join(projectRoot, 'test/fixtures/imports/postcode-buurt.fixture.csv'),
            'utf8',
          )
          .replaceAll('2024', String(year));
        await importPostcodeTable(
          handle.db,
          parsePostcodeBuurtCsv(
            { bytes: Buffer.from(text), fileName: 'postcode-buurt.fixture.csv' },
            { indelingYear: year },
          ),
          { importedBy: 'test' },
        );
      });
      after(async () => {
        await handle?.drop();
      });

      const answers = (woonbuurt: string) => ({
        onveilig_buurt: 'nee',
        rapportcijfer: 7,
        woonbuurt,
        leeftijdsgroep: '25_44',
        geslacht: 'vrouw',
      });

      it('API: Amsterdam is refused with a Dutch message, a Dordrecht postcode becomes its buurt', async () => {
        await assert.rejects(
          submitComplete(handle.db, {
            questionnaire: q,
            channel: 'web',
            language: 'nl',
            answers: answers('1012AB'),
            idempotencyKey: newIdempotencyKey(),
          }),
          (e: unknown) =>
            e instanceof AnswersRejectedError &&
            /^Bij "Buurt": postcode 1012 AB ligt niet in de gemeente Dordrecht, maar in GM0363\./.test(
              e.message,
            ),
        );
        const { id } = await submitComplete(handle.db, {
          questionnaire: q,
          channel: 'web',
          language: 'nl',
          answers: answers('3314AA'),
          idempotencyKey: newIdempotencyKey(),
        });
        assert.equal((await readAnswers(handle.db, id)).woonbuurt, 'BU05050301');
      });

      it('web and interviewer page: refused, nothing saved; mapped when inside', async () => {
        const id = await startConcept(handle.db, {
          questionnaire: q,
          channel: 'web',
          language: 'nl',
          secret: 'fixture-secret-for-postcode-channels-0123456789',
        });
        const group = q.groups[0]!;
        const refused = await saveGroup(handle.db, {
          questionnaire: q,
          responseId: id,
          group,
          given: answers('1012AB'),
        });
        assert.match(refused.problems[0]?.message ?? '', /ligt niet in de gemeente Dordrecht/);
        assert.deepEqual(await readAnswers(handle.db, id), {});
        const saved = await saveGroup(handle.db, {
          questionnaire: q,
          responseId: id,
          group,
          given: answers('3314 AA'.replace(' ', '')),
        });
        assert.deepEqual(saved.problems, []);
        assert.equal((await readAnswers(handle.db, id)).woonbuurt, 'BU05050301');
      });
    },
  );
}
