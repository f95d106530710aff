import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { insertCrosswalk, upsertAreas } from '../features/areas/area.repository.ts';
import {
  insertDataset,
  insertDatasetObservations,
  insertObservations,
  setDatasetStatus,
  upsertVariables,
} from '../features/datasets/dataset.repository.ts';
import type { NewDataset } from '../features/datasets/dataset.table.ts';
import { insertVersion, upsertFocusArea } from '../features/focus-areas/focus-area.repository.ts';
import { replacePostcodeTable } from '../features/imports/postcode-buurt.repository.ts';
import { insertCatalogueVersion } from '../features/indicators/catalogue.store.ts';
import { loadCatalogue } from '../features/indicators/catalogue.ts';
import {
  insertResponse,
  markResponseSent,
  recordReviewDecision,
  writeAnswers,
  type NewResponse,
} from '../features/survey/responses/response.repository.ts';
import { fixtureResidentSurvey as q } from '../features/survey/test-fixtures.ts';
import { deleteTarget, upsertTarget } from '../features/targets/target.repository.ts';
import type { Target } from '../features/targets/target.types.ts';
import {
  bumpDataVersion,
  lastDataChange,
  readDataVersionRow,
  withDataChange,
} from './data-change.repository.ts';
import type { Database } from './schema.ts';

type Q = Kysely<Database>;

const dataset = (id: string): NewDataset => ({
  id,
  kind: 'local-csv',
  fingerprint: `fixture-${id}`,
  source: 'fixture',
  table_id: null,
  edition: null,
  title: `fixture ${id}`,
  file_name: 'fixture.csv',
  file_hash: `fixture-${id}`,
  indeling_year: 2024,
  imported_at: '2026-12-04T10:00:00.000Z',
  imported_by: 'fixture',
  row_count: 0,
  observation_count: 0,
  area_count: 0,
  status: 'actief',
  attribution: 'fixture',
});

const target: Target = {
  focusAreaSlug: 'fixture-gebied',
  indicatorKey: 'overgewicht',
  kind: 'gap',
  reference: 'nederland',
  gapShare: 0.5,
  baselinePeriod: '2023',
  targetYear: 2035,
  isExample: false,
  note: 'fixture',
};

const response = (id: string, submitted: boolean): NewResponse => ({
  id,
  questionnaire: q,
  channel: 'web',
  source: 'open_link',
  language: 'nl',
  status: submitted ? 'te_controleren' : 'concept',
  idempotencyKey: `fixture-${id}`,
  now: '2027-03-01T10:00:00.000Z',
  submitted,
});

const observation = {
  variable: 'FIXTURE_1',
  indeling_year: 2024,
  area_code: 'BU09990000',
  period: '2024',
  value: 1,
  numerator: null,
  denominator: null,
  status: 'definitief' as const,
};

/** What each write needs to exist before it runs (not counted). */
async function arrange(db: Q): Promise<void> {
  await upsertFocusArea(db, {
    slug: 'fixture-gebied',
    name: 'Fixturegebied',
    municipality_code: 'GM0999',
    municipality_name: 'Fixturegemeente',
    composition_status: 'onbekend',
    source_note: 'fixture',
  });
  await insertDataset(db, dataset('bestaand'));
  await upsertTarget(db, { ...target, indicatorKey: 'bestaand-doel' }, 'fixture');
  await insertResponse(db, response('concept-1', false));
  await insertResponse(db, response('verstuurd-1', true));
}

/**
 * Every repository write on a table that feeds the public monitor, each as the workspace, an
 * import or a survey channel calls it. The guard test (test/architecture) finds the write
 * statements in src/; this table shows that each of them moves the version.
 */
const writes: { name: string; run: (db: Q) => Promise<unknown> }[] = [
  {
    name: 'upsertAreas',
    run: (db) =>
      upsertAreas(db, [
        {
          indeling_year: 2024,
          code: 'BU09990000',
          kind: 'buurt',
          name: 'Fixturebuurt',
          parent_code: null,
          municipality_code: 'GM0999',
          geometry: null,
          is_water: 0,
        },
      ]),
  },
  {
    name: 'insertCrosswalk',
    run: (db) =>
      insertCrosswalk(db, [
        {
          from_year: 2023,
          from_code: 'BU09990000',
          to_year: 2024,
          to_code: 'BU09990000',
          weight: 1,
          note: 'fixture',
        },
      ]),
  },
  { name: 'insertDataset', run: (db) => insertDataset(db, dataset('nieuw')) },
  { name: 'setDatasetStatus', run: (db) => setDatasetStatus(db, 'bestaand', 'ingetrokken') },
  {
    name: 'insertObservations',
    run: (db) => insertObservations(db, [{ ...observation, dataset_id: 'bestaand' }]),
  },
  {
    name: 'insertDatasetObservations (own transaction)',
    run: (db) => insertDatasetObservations(db, db, 'bestaand', [observation]),
  },
  {
    name: 'insertDatasetObservations (caller transaction)',
    run: (db) =>
      db
        .transaction()
        .execute((trx) => insertDatasetObservations(db, trx, 'bestaand', [observation])),
  },
  {
    name: 'upsertVariables',
    run: (db) =>
      upsertVariables(db, [
        { stem: 'FIXTURE', table_id: 'fixture', title: 'Fixture', unit: null, description: null },
      ]),
  },
  {
    name: 'upsertFocusArea',
    run: (db) =>
      upsertFocusArea(db, {
        slug: 'ander-gebied',
        name: 'Ander gebied',
        municipality_code: 'GM0999',
        municipality_name: 'Fixturegemeente',
        composition_status: 'onbekend',
        source_note: 'fixture',
      }),
  },
  {
    name: 'insertVersion (focus-area membership)',
    run: (db) =>
      insertVersion(
        db,
        {
          focus_area_slug: 'fixture-gebied',
          version: 1,
          indeling_year: 2024,
          rationale: 'fixture',
          created_at: '2026-12-04T10:00:00.000Z',
          created_by: 'fixture',
        },
        [
          {
            focus_area_slug: 'fixture-gebied',
            version: 1,
            buurt_code: 'BU09990000',
            status: 'lid',
            reason: null,
          },
        ],
      ),
  },
  {
    name: 'insertCatalogueVersion',
    run: (db) =>
      insertCatalogueVersion(db, { catalogue: loadCatalogue(), note: 'fixture', createdBy: 'x' }),
  },
  { name: 'upsertTarget (new)', run: (db) => upsertTarget(db, target, 'fixture') },
  {
    name: 'upsertTarget (changed)',
    run: (db) =>
      upsertTarget(db, { ...target, indicatorKey: 'bestaand-doel', note: 'anders' }, 'fixture'),
  },
  { name: 'deleteTarget', run: (db) => deleteTarget(db, 'fixture-gebied', 'bestaand-doel', 'x') },
  { name: 'insertResponse (sent)', run: (db) => insertResponse(db, response('nieuw', true)) },
  {
    name: 'markResponseSent',
    run: (db) =>
      markResponseSent(db, {
        id: 'concept-1',
        status: 'ingediend',
        now: '2027-03-02T10:00:00.000Z',
        idempotencyKey: 'fixture-verzonden',
      }),
  },
  {
    name: 'recordReviewDecision',
    run: (db) =>
      recordReviewDecision(db, {
        id: 'verstuurd-1',
        decision: 'goedgekeurd',
        reviewer: 'fixture',
        at: '2027-03-02T10:00:00.000Z',
        awaiting: 'te_controleren',
      }),
  },
  {
    name: 'writeAnswers (sent response)',
    run: (db) =>
      db
        .transaction()
        .execute((trx) => writeAnswers(trx, 'verstuurd-1', ['geslacht'], { geslacht: 'vrouw' })),
  },
  {
    name: 'replacePostcodeTable',
    run: (db) =>
      replacePostcodeTable(db, 2024, 'bestaand', [
        {
          postcode: '9999AA',
          buurt_code: 'BU09990000',
          wijk_code: 'WK099900',
          gemeente_code: 'GM0999',
          addresses: 1,
        },
      ]),
  },
];

/** Writes that change nothing the monitor shows: the version stays. */
const quiet: { name: string; run: (db: Q) => Promise<unknown> }[] = [
  { name: 'insertResponse (concept)', run: (db) => insertResponse(db, response('c2', false)) },
  {
    name: 'writeAnswers (concept)',
    run: (db) =>
      db
        .transaction()
        .execute((trx) => writeAnswers(trx, 'concept-1', ['geslacht'], { geslacht: 'vrouw' })),
  },
  {
    name: 'upsertTarget (saved unchanged)',
    run: (db) => upsertTarget(db, { ...target, indicatorKey: 'bestaand-doel' }, 'fixture'),
  },
];

describeEachDialect('data version (data_changes)', (getDb) => {
  it('starts at one per database, with an ISO time and a random epoch', async () => {
    const { db } = getDb();
    const { version } = await readDataVersionRow(db);
    assert.match(version, /^[A-Za-z0-9_-]{8}\.1$/);
    const last = await lastDataChange(db);
    assert.equal(last.reason, 'migratie');
    assert.equal(new Date(last.changedAt).toISOString(), last.changedAt);
  });

  for (const write of writes) {
    it(`${write.name} moves the version by at least one`, async () => {
      const { db } = getDb();
      await arrange(db);
      const before = await lastDataChange(db);
      await write.run(db);
      const after = await lastDataChange(db);
      assert.ok(
        after.version > before.version,
        `${write.name}: ${before.version} → ${after.version}`,
      );
      assert.notEqual((await readDataVersionRow(db)).version.split('.')[1], String(before.version));
    });
  }

  for (const write of quiet) {
    it(`${write.name} leaves the version as it was`, async () => {
      const { db } = getDb();
      await arrange(db);
      const before = await readDataVersionRow(db);
      await write.run(db);
      assert.deepEqual(await readDataVersionRow(db), before);
    });
  }

  it('moves in the same transaction: a write that fails leaves the version as it was', async () => {
    const { db } = getDb();
    await arrange(db);
    const before = await lastDataChange(db);
    // The same dataset id twice: the insert fails after nothing else was written.
    await assert.rejects(insertDataset(db, dataset('bestaand')));
    // A failure after the bump, inside the caller's transaction.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await setDatasetStatus(trx, 'bestaand', 'ingetrokken');
        throw new Error('fixture: afgebroken');
      }),
    );
    await assert.rejects(
      withDataChange(db, 'dataset', async () => {
        throw new Error('fixture: afgebroken');
      }),
    );
    assert.deepEqual(await lastDataChange(db), before);
  });

  it('refuses a bump outside a transaction', async () => {
    const { db } = getDb();
    await assert.rejects(bumpDataVersion(db, 'dataset'), /binnen de transactie/);
  });

  it('tells what moved it last, and when', async () => {
    const { db } = getDb();
    await db
      .transaction()
      .execute((trx) => bumpDataVersion(trx, 'doel', new Date('2027-01-02T03:04:05.678Z')));
    const last = await lastDataChange(db);
    assert.equal(last.reason, 'doel');
    assert.equal(last.changedAt, '2027-01-02T03:04:05.678Z');
    assert.equal(last.version, 2);
  });
});
