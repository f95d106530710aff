import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import { datasetsDir } from '../../../test/helpers/app.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { seedShippedData } from '../seed/seed.service.ts';
import { MonitorData } from './monitor-data.ts';
import { buildProfile, selectionForFocusArea } from './profiles/profile.service.ts';
import type { SurveyEstimate, SurveyEstimateProvider } from './survey-estimates.ts';
import { profileView } from './profiles/views/profile-section.tsx';

const catalogue = loadCatalogue();

/** FIXTURE estimates (not real survey results): two fieldwork years of one question. */
const FIXTURE: SurveyEstimate[] = [
  { period: '2027', value: 31.2, lower: 26.9, upper: 35.5, n: 412, effectiveN: 355.1 },
  { period: '2025', value: 38.4, lower: 33.6, upper: 43.2, n: 390, effectiveN: 318.7 },
];

describe('survey-based indicators in the monitor', () => {
  let handle: TestDb;
  before(async () => {
    handle = await createTestDb('sqlite');
    await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
  });
  after(async () => {
    await handle?.drop();
  });

  it('shows the weighted share with its interval and n, marked as a survey result', async () => {
    const asked: string[] = [];
    const provider: SurveyEstimateProvider = async (measure, selection) => {
      asked.push(`${measure.questionnaire}/${measure.variable}/${selection.buurtCodes.length}`);
      return measure.variable === 'onveilig_buurt' ? FIXTURE : [];
    };
    const data = new MonitorData(handle.db, async () => catalogue, provider);
    const selection = await selectionForFocusArea(data, 'dordt-west');
    const profile = await buildProfile(data, selection);
    assert.ok(
      asked.includes(`bewonersenquete-dordt-west/onveilig_buurt/${selection.buurtCodes.length}`),
    );
    const p = profile.themes
      .flatMap((t) => t.indicators)
      .find((i) => i.indicator.key === 'voelt-zich-onveilig');
    assert.ok(p);
    assert.deepEqual(
      p.area.map((x) => x.period),
      ['2025', '2027'],
    );
    assert.equal(p.latest?.result.value, 31.2);
    assert.deepEqual(p.latest?.result.survey, {
      lower: 26.9,
      upper: 35.5,
      n: 412,
      effectiveN: 355.1,
    });
    assert.ok(Math.abs((p.change as number) - (31.2 - 38.4)) < 1e-9);
    assert.ok(
      p.references.every((r) => r.points.length === 0 && /Niet gemeten/.test(r.note ?? '')),
    );

    const view = profileView(profile, [], []);
    const row = view.flatMap((t) => t.rows).find((r) => r.indicator.key === 'voelt-zich-onveilig');
    assert.ok(row, 'a row, not "nog niet geladen"');
    assert.ok(row.latest.flags.includes('enquête'));
    assert.match(row.latest.note ?? '', /412 antwoorden, gewogen; 95%-marge 27 tot 36/);
    // Questions without estimates stay "nog niet geladen" with the survey reason.
    const notLoaded = view.flatMap((t) => t.notLoaded).map((n) => n.indicator.key);
    assert.ok(notLoaded.includes('tevreden-met-woning'));
  });

  it('shows "te onzeker om te tonen" with the reason, and no figure, for a withheld estimate', async () => {
    const withheld: SurveyEstimate = {
      period: '2027',
      value: 30,
      lower: 5,
      upper: 70,
      n: 35,
      effectiveN: 21.4,
      withheld: 'het effectieve aantal antwoorden is 21,4, minder dan 30',
    };
    const provider: SurveyEstimateProvider = async (measure) =>
      measure.variable === 'onveilig_buurt' ? [withheld] : [];
    const data = new MonitorData(handle.db, async () => catalogue, provider);
    const profile = await buildProfile(data, await selectionForFocusArea(data, 'dordt-west'));
    const p = profile.themes
      .flatMap((t) => t.indicators)
      .find((i) => i.indicator.key === 'voelt-zich-onveilig');
    assert.equal(p?.latest?.result.value, null);
    assert.equal(p?.latest?.result.survey, undefined);
    assert.match(
      p?.latest?.result.note ?? '',
      /te onzeker om te tonen, want het effectieve aantal antwoorden is 21,4, minder dan 30/,
    );
    const view = profileView(profile, [], []);
    const shown = JSON.stringify(view);
    assert.match(shown, /te onzeker om te tonen/);
    assert.doesNotMatch(shown, /95%-marge 5 tot 70/);
  });

  it('without a survey provider, survey indicators are not loaded', async () => {
    const data = new MonitorData(handle.db, async () => catalogue);
    const profile = await buildProfile(data, await selectionForFocusArea(data, 'dordt-west'));
    const p = profile.themes
      .flatMap((t) => t.indicators)
      .find((i) => i.indicator.key === 'voelt-zich-onveilig');
    assert.equal(p?.loaded, false);
    assert.equal(p?.latest, null);
  });
});
