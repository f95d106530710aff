import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { selectionForFocusArea } from '../../monitor/profiles/profile.service.ts';
import {
  fixtureRespondents,
  fixtureResidentSurvey as q,
  submitFixtureRespondents,
} from '../test-fixtures.ts';
import { listCountedResponses } from '../responses/response.repository.ts';
import { populationMargins } from '../weighting/population-margins.ts';
import { surveyEstimateProvider } from './monitor-estimates.ts';
import { weightedShare, weightResponses } from './survey-results.ts';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`survey results in the monitor [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let app: FastifyInstance;
    before(async () => {
      handle = await createTestDb(dialect);
      await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
      await submitFixtureRespondents(handle.db, q, new Date('2027-03-01T10:00:00Z'));
      app = await buildApp({
        services: createServices(handle, { datasetsDir, questionnaires: [q] }),
      });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await handle?.drop();
    });

    it('gives the weighted share per fieldwork year for the focus area, only there', async () => {
      const services = createServices(handle, { datasetsDir, questionnaires: [q] });
      const provider = surveyEstimateProvider(handle.db, services.surveys.questionnaires);
      const selection = await selectionForFocusArea(services.monitor, 'dordt-west');
      const measure = {
        type: 'survey_proportion' as const,
        questionnaire: q.key,
        variable: 'onveilig_buurt',
        values: ['ja'],
      };
      const [e, ...rest] = await provider(measure, selection);
      assert.equal(rest.length, 0);
      assert.equal(e?.period, '2027');
      // The same figure straight from the weighting on the stored responses.
      const responses = await listCountedResponses(handle.db, q.key);
      const margins = (await populationMargins(handle.db, 'dordt-west')).margins;
      const expected = weightedShare(
        responses,
        weightResponses(q, responses, margins),
        'onveilig_buurt',
        ['ja'],
        30,
      );
      assert.ok(expected && e);
      assert.ok(Math.abs(e.value - expected.value) < 1e-9);
      assert.equal(e.n, fixtureRespondents().filter((r) => r.onveilig).length);
      assert.ok(e.lower < e.value && e.value < e.upper && e.effectiveN < e.n);
      assert.deepEqual(await provider(measure, { ...selection, kind: 'selectie' }), []);
    });

    it('shows it on the profile as a survey result with its margin', async () => {
      const res = await app.inject('/gebieden/dordt-west');
      assert.equal(res.statusCode, 200);
      const row = /<tr[^>]*data-indicator="voelt-zich-onveilig"[^>]*>([\s\S]*?)<\/tr>/.exec(
        res.body,
      );
      assert.ok(row, 'the survey indicator has a row');
      // A cell's note is written once under the tables and linked (issue 17 point 5): the row
      // says what its notes say.
      const notes = [...row[1]!.matchAll(/href="#(noot-\d+)"/g)].map(
        (ref) => new RegExp(`<li id="${ref[1]}"[^>]*>([\\s\\S]*?)</li>`).exec(res.body)?.[1] ?? '',
      );
      const said = [row[1]!, ...notes].join(' ');
      assert.match(said, /enquête/);
      assert.match(said, /95%-marge \d+ tot \d+/);
      assert.match(said, /Niet gemeten/);
    });

    it('has an indicator page with the survey figure, its margin and the table', async () => {
      const res = await app.inject('/gebieden/dordt-west/indicatoren/voelt-zich-onveilig');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /95%-marge/);
      const csv = await app.inject(
        '/gebieden/dordt-west/indicatoren/voelt-zich-onveilig?formaat=csv',
      );
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /2027/);
    });
  });
}
