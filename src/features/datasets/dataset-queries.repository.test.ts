import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { insertCrosswalk, listCrosswalkFrom } from '../areas/area.repository.ts';
import {
  listExistingFocusAreaSlugs,
  upsertFocusArea,
} from '../focus-areas/focus-area.repository.ts';
import {
  insertDataset,
  insertObservations,
  listActiveDatasetImports,
  listDatasetAreaCodes,
  setDatasetStatus,
  snapshotObservationsQuery,
  summariseDatasetVariables,
} from './dataset.repository.ts';
import type { NewDataset } from './dataset.table.ts';

const dataset = (id: string, importedAt: string): NewDataset => ({
  id,
  kind: 'local-csv',
  fingerprint: `fixture-${id}`,
  source: 'fixture',
  table_id: `tabel-${id}`,
  edition: null,
  title: id,
  file_name: 'fixture.csv',
  file_hash: id,
  indeling_year: 2024,
  imported_at: importedAt,
  imported_by: 'fixture',
  row_count: 0,
  observation_count: 0,
  area_count: 0,
  status: 'actief',
  attribution: 'fixture',
});

const obs = (datasetId: string, variable: string, area: string, period: string, value: number) => ({
  dataset_id: datasetId,
  variable,
  indeling_year: 2024,
  area_code: area,
  period,
  value,
  numerator: null,
  denominator: null,
  status: 'definitief' as const,
});

/** The queries that moved out of services (issue 16.2): datasets, crosswalk and focus areas. */
describeEachDialect('queries moved into repositories', (getDb) => {
  it('summarises a dataset per variable and names the areas it holds', async () => {
    const { db } = getDb();
    await insertDataset(db, dataset('a', '2027-01-01T00:00:00.000Z'));
    await insertObservations(db, [
      obs('a', 'V1', 'BU09990001', '2022', 1),
      obs('a', 'V1', 'BU09990002', '2024', 2),
      obs('a', 'V2', 'BU09990001', '2023', 3),
    ]);
    assert.deepEqual(await summariseDatasetVariables(db, 'a'), [
      { variable: 'V1', values: 2, firstPeriod: '2022', lastPeriod: '2024' },
      { variable: 'V2', values: 1, firstPeriod: '2023', lastPeriod: '2023' },
    ]);
    assert.deepEqual((await listDatasetAreaCodes(db, 'a')).sort(), ['BU09990001', 'BU09990002']);
    assert.deepEqual(await listDatasetAreaCodes(db, 'onbekend'), []);
  });

  it('lists the active imports only, and reads a snapshot of active observations by area', async () => {
    const { db } = getDb();
    await insertDataset(db, dataset('a', '2027-01-01T00:00:00.000Z'));
    await insertDataset(db, dataset('b', '2027-02-01T00:00:00.000Z'));
    await insertObservations(db, [obs('a', 'V1', 'BU1', '2024', 1), obs('b', 'V1', 'BU1', '2024', 2)]);
    await setDatasetStatus(db, 'b', 'ingetrokken');
    assert.deepEqual(await listActiveDatasetImports(db), [
      { kind: 'local-csv', table_id: 'tabel-a', imported_at: '2027-01-01T00:00:00.000Z' },
    ]);
    const rows = await snapshotObservationsQuery(db, ['BU1', 'BU2']).execute();
    assert.deepEqual(
      rows.map((r) => [r.dataset_id, Number(r.value), r.imported_at]),
      [['a', 1, '2027-01-01T00:00:00.000Z']],
    );
  });

  it('reads the crosswalk from a set of codes, any years', async () => {
    const { db } = getDb();
    await insertCrosswalk(db, [
      { from_year: 2022, from_code: 'BU1', to_year: 2024, to_code: 'BU9', weight: 1, note: '' },
      { from_year: 2023, from_code: 'BU2', to_year: 2024, to_code: 'BU9', weight: 0.5, note: '' },
      { from_year: 2023, from_code: 'BU3', to_year: 2024, to_code: 'BU9', weight: 0.5, note: '' },
    ]);
    const rows = await listCrosswalkFrom(db, ['BU1', 'BU2']);
    assert.deepEqual(rows.map((r) => r.from_code).sort(), ['BU1', 'BU2']);
    assert.deepEqual(await listCrosswalkFrom(db, []), []);
  });

  it('tells which focus-area slugs exist', async () => {
    const { db } = getDb();
    await upsertFocusArea(db, {
      slug: 'bestaat',
      name: 'Bestaat',
      municipality_code: 'GM0999',
      municipality_name: 'Fixture',
      composition_status: 'onbekend',
      source_note: 'fixture',
    });
    assert.deepEqual(await listExistingFocusAreaSlugs(db, ['bestaat', 'niet']), ['bestaat']);
    assert.deepEqual(await listExistingFocusAreaSlugs(db, []), []);
  });
});
