import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import type { Database } from '../../db/schema.ts';
import { insertDataset, insertObservations } from '../datasets/dataset.repository.ts';
import type { DatasetStatus, NewObservation } from '../datasets/dataset.table.ts';
import { loadCatalogue } from './catalogue.ts';
import { indicatorAvailability, type IndicatorAvailability } from './indicator-availability.ts';

// Fixture values only (codes BU0999xxxx do not exist); availability looks at presence, not value.

async function dataset(
  db: Kysely<Database>,
  id: string,
  status: DatasetStatus,
  obs: Omit<NewObservation, 'dataset_id' | 'status'>[],
): Promise<void> {
  await insertDataset(db, {
    id,
    kind: 'local-csv',
    fingerprint: `fp-${id}`,
    source: 'fixture',
    table_id: null,
    edition: null,
    title: `fixture ${id}`,
    file_name: `${id}-fixture.csv`,
    file_hash: id,
    indeling_year: null,
    imported_at: '2026-01-01T00:00:00.000Z',
    imported_by: 'test',
    row_count: obs.length,
    observation_count: obs.length,
    area_count: 1,
    status,
    attribution: 'fixture',
  });
  await insertObservations(
    db,
    obs.map((o) => ({ ...o, dataset_id: id, status: 'definitief' as const })),
  );
}

const o = (variable: string, indeling_year: number, period: string) => ({
  variable,
  indeling_year,
  area_code: 'BU09990001',
  period,
  value: 1,
  numerator: null,
  denominator: null,
});

describeEachDialect('indicator availability', (getDb) => {
  const catalogue = loadCatalogue();
  const find = (list: IndicatorAvailability[], key: string): IndicatorAvailability => {
    const a = list.find((x) => x.key === key);
    assert.ok(a, key);
    return a;
  };

  it('says "nog niet geladen" for every indicator of an empty database', async () => {
    const list = await indicatorAvailability(getDb().db, catalogue);
    assert.equal(list.length, catalogue.indicators.length);
    assert.ok(list.every((a) => a.status === 'nog niet geladen'));
  });

  it('is loaded only where every variable of the rule has the same period in an active dataset', async () => {
    const { db } = getDb();
    await dataset(db, 'kwb', 'actief', [
      o('AantalInwoners', 2024, '2024'),
      o('PersonenPerSoortUitkeringBijstand', 2024, '2024'),
    ]);
    await dataset(db, 'pdok', 'actief', [o('AantalInwoners', 2023, '2023')]);
    await dataset(db, 'politie', 'actief', [o('GeregistreerdeMisdrijven', 2023, '2023')]);
    // A withdrawn dataset does not make anything available.
    await dataset(db, 'oud', 'ingetrokken', [
      o('PercentagePersonen0Tot15Jaar', 2023, '2023'),
      o('Woningvoorraad', 2023, '2023'),
    ]);

    const list = await indicatorAvailability(db, catalogue);
    assert.deepEqual(find(list, 'aantal-inwoners'), {
      key: 'aantal-inwoners',
      status: 'geladen',
      periods: [
        { period: '2023', indelingYears: [2023] },
        { period: '2024', indelingYears: [2024] },
      ],
    });
    assert.deepEqual(find(list, 'bijstand-per-1000'), {
      key: 'bijstand-per-1000',
      status: 'geladen',
      periods: [{ period: '2024', indelingYears: [2024] }],
    });
    // Crimes exist for 2023 only, inhabitants for 2023 and 2024: the rate has 2023.
    const crime = find(list, 'misdrijven-per-1000');
    assert.equal(crime.status, 'geladen');
    assert.deepEqual(crime.status === 'geladen' && crime.periods.map((p) => p.period), ['2023']);

    const kids = find(list, 'kinderen-0-15');
    assert.equal(kids.status, 'nog niet geladen');
    assert.deepEqual(kids.status === 'nog niet geladen' && kids.missing, [
      'PercentagePersonen0Tot15Jaar',
    ]);
    assert.equal(find(list, 'woningvoorraad').status, 'nog niet geladen');
    assert.equal(find(list, 'voelt-zich-onveilig').status, 'nog niet geladen');
  });

  it('is not loaded when the variables exist but never in the same period', async () => {
    const { db } = getDb();
    await dataset(db, 'a', 'actief', [
      o('WmoClienten', 2024, '2022'),
      o('AantalInwoners', 2024, '2024'),
    ]);
    const wmo = find(await indicatorAvailability(db, catalogue), 'wmo-clienten-per-1000');
    assert.equal(wmo.status, 'nog niet geladen');
    assert.match(wmo.status === 'nog niet geladen' ? wmo.reason : '', /niet voor dezelfde periode/);
  });
});
