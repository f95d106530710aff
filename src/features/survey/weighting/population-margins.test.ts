import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../../test/helpers/db.ts';
import { projectRoot } from '../../../config.ts';
import type { Database } from '../../../db/schema.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { insertDataset, insertObservations } from '../../datasets/dataset.repository.ts';
import { insertVersion, upsertFocusArea } from '../../focus-areas/focus-area.repository.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { populationMargins } from './population-margins.ts';
import { rake } from './rake.ts';

const fixtures = path.join(projectRoot, 'test/fixtures/survey-weighting');
type Row = Record<string, string>;
const readCsv = (file: string) =>
  parse(fs.readFileSync(path.join(fixtures, file)), { columns: true }) as Row[];
const fixtureMargins = readCsv('fixture-population-margins.csv');
const reference = JSON.parse(
  fs.readFileSync(path.join(fixtures, 'reference-r-survey.json'), 'utf8'),
) as { control: { maxit: number; epsilon: number }; weights: { raked: number[] } };

/* Fixture focus area "fixture-west" with made-up buurten BU0999xxxx (indeling 2023). */
async function fixtureArea(db: Kysely<Database>, vars: Record<string, [string, number][]>) {
  await upsertFocusArea(db, {
    slug: 'fixture-west',
    name: 'Fixture West',
    municipality_code: 'GM0999',
    municipality_name: 'Fixturestad',
    composition_status: 'bekend',
    source_note: 'fixture',
  });
  await insertVersion(
    db,
    {
      focus_area_slug: 'fixture-west',
      version: 1,
      indeling_year: 2023,
      rationale: 'fixture',
      created_at: '2026-01-01',
      created_by: 'test',
    },
    ['BU09990001', 'BU09990002'].map((buurt_code) => ({
      focus_area_slug: 'fixture-west',
      version: 1,
      buurt_code,
      status: 'lid' as const,
      reason: null,
    })),
  );
  const obs = Object.entries(vars).flatMap(([variable, rows]) =>
    rows.map(([area_code, value]) => ({
      dataset_id: 'fixture-pdok',
      variable,
      indeling_year: 2023,
      area_code,
      period: '2023',
      value,
      numerator: null,
      denominator: null,
      status: 'definitief' as const,
    })),
  );
  await insertDataset(db, {
    id: 'fixture-pdok',
    kind: 'local-csv',
    fingerprint: 'fp-fixture-pdok',
    source: 'fixture',
    table_id: null,
    edition: null,
    title: 'fixture',
    file_name: 'fixture.csv',
    file_hash: 'fixture',
    indeling_year: 2023,
    imported_at: '2026-01-01T00:00:00.000Z',
    imported_by: 'test',
    row_count: obs.length,
    observation_count: obs.length,
    area_count: 2,
    status: 'actief',
    attribution: 'fixture',
  });
  await insertObservations(db, obs);
}

const both = (a: number, b: number): [string, number][] => [
  ['BU09990001', a],
  ['BU09990002', b],
];

describeEachDialect('populationMargins', (getDb) => {
  it('reads the 15+ margins of Dordt West from the seeded CBS data, as the fixture file has them', async () => {
    const { db } = getDb();
    await seedShippedData(db, path.join(projectRoot, 'datasets'), { importedBy: 'test' });
    const result = await populationMargins(db, 'dordt-west');
    assert.equal(result.indelingYear, 2023);
    assert.equal(result.period, '2023');
    const fromDb = result.margins.flatMap((m) =>
      Object.entries(m.totals).map(([category, total]) => [m.variable, category, total]),
    );
    const fromFile = fixtureMargins.map((r) => [r.margin, r.category, Number(r.total)]);
    assert.deepEqual(
      fromDb.sort((a, b) => String(a).localeCompare(String(b))),
      fromFile.sort((a, b) => String(a).localeCompare(String(b))),
    );
    assert.deepEqual(
      result.leftOut.map((b) => [b.buurtCode, b.reason]),
      [
        ['BU05050406', 'leeftijdsverdeling geheim (CBS), ca. 45 inwoners'],
        ['BU05050706', 'geen inwoners'],
      ],
    );
    // Zuidhoven is excluded from Dordt West and so from its margins.
    assert.equal('BU05050802' in result.margins[0]!.totals, false);

    // Straight into the raking: the FIXTURE respondents get the weights R gave them.
    const raked = rake({
      respondents: readCsv('fixture-respondents.csv').map((r) => ({
        categories: { buurt: r.buurt!, leeftijd: r.leeftijd!, geslacht: r.geslacht! },
      })),
      margins: result.margins,
      options: { maxIter: reference.control.maxit, epsilon: reference.control.epsilon },
    });
    raked.weights.forEach((w, i) => {
      const expected = reference.weights.raked[i]!;
      assert.ok(Math.abs(w - expected) <= 1e-6 * expected, `weight ${i + 1}: ${w} ≠ ${expected}`);
    });
  });

  it('says in Dutch which figures are not loaded when the age distribution is missing', async () => {
    const { db } = getDb();
    await fixtureArea(db, {
      AantalInwoners: both(100, 200),
      Mannen: both(50, 100),
      Vrouwen: both(50, 100),
    });
    await assert.rejects(populationMargins(db, 'fixture-west'), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.match(
        e.message,
        /focusgebied "Fixture West" \(indeling 2023\) zijn nog niet geladen: percentage 15 tot 25 jaar \(PercentagePersonen15Tot25Jaar\),/,
      );
      return true;
    });
  });

  it('leaves out a buurt whose figures are not loaded and says which', async () => {
    const { db } = getDb();
    await fixtureArea(db, {
      AantalInwoners: both(100, 200),
      Mannen: both(50, 100),
      Vrouwen: both(50, 100),
      PercentagePersonen15Tot25Jaar: both(10, 10),
      PercentagePersonen25Tot45Jaar: both(30, 30),
      PercentagePersonen45Tot65Jaar: both(30, 30),
      PercentagePersonen65JaarEnOuder: [['BU09990001', 20]],
    });
    const result = await populationMargins(db, 'fixture-west');
    assert.deepEqual(result.margins[0]!.totals, { BU09990001: 90 });
    assert.deepEqual(result.leftOut, [
      {
        buurtCode: 'BU09990002',
        inhabitants: 200,
        reason: 'niet geladen: percentage 65 jaar en ouder',
      },
    ]);
  });

  it('refuses an unknown focus area', async () => {
    await assert.rejects(populationMargins(getDb().db, 'bestaat-niet'), NotFoundError);
  });
});
