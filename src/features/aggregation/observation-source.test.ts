import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaCrosswalk } from '../areas/area.table.ts';
import type { ObservationWithProvenance } from '../datasets/dataset.repository.ts';
import type { AreaColumn } from './aggregate.ts';
import { SnapshotSource } from './observation-source.ts';

/** FIXTURE rows: made-up values, only their keys matter here. */
function row(over: Partial<ObservationWithProvenance>): ObservationWithProvenance {
  return {
    dataset_id: 'fixture-a',
    variable: 'AantalInwoners',
    indeling_year: 2024,
    area_code: 'NL00',
    period: '2023',
    value: 1,
    numerator: null,
    denominator: null,
    status: 'definitief',
    imported_at: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

function link(over: Partial<AreaCrosswalk>): AreaCrosswalk {
  return {
    from_year: 2023,
    from_code: 'BU0001',
    to_year: 2024,
    to_code: 'BU0001',
    weight: 1,
    note: '',
    ...over,
  };
}

describe('SnapshotSource (FIXTURE rows)', () => {
  it('keeps one code’s figures per indeling year apart', async () => {
    // NL00 exists in both indelingen with a value for the same period in each.
    const source = new SnapshotSource(
      [row({ indeling_year: 2023, value: 10 }), row({ indeling_year: 2024, value: 20 })],
      [],
    );
    const query = { variables: ['AantalInwoners'], areaCodes: ['NL00'], periods: ['2023'] };
    const in2023 = await source.observations({ ...query, indelingYear: 2023 });
    const in2024 = await source.observations({ ...query, indelingYear: 2024 });
    assert.deepEqual(
      in2023.map((r) => r.value),
      [10],
    );
    assert.deepEqual(
      in2024.map((r) => r.value),
      [20],
    );
    assert.equal((await source.loadedVariablePeriods()).length, 2);
  });

  it('lets the newest import win within one indeling year', async () => {
    const source = new SnapshotSource(
      [
        row({ dataset_id: 'old', value: 1, imported_at: '2026-01-01T00:00:00.000Z' }),
        row({ dataset_id: 'new', value: 2, imported_at: '2026-02-01T00:00:00.000Z' }),
      ],
      [],
    );
    const rows = await source.observations({
      variables: ['AantalInwoners'],
      indelingYear: 2024,
      areaCodes: ['NL00'],
    });
    assert.deepEqual(
      rows.map((r) => r.dataset_id),
      ['new'],
    );
  });

  it('answers only the areas, variables and periods asked for', async () => {
    const source = new SnapshotSource(
      [
        row({ area_code: 'A', period: '2022', value: 1 }),
        row({ area_code: 'A', period: '2023', value: 2 }),
        row({ area_code: 'B', period: '2023', value: 3 }),
        row({ area_code: 'C', period: '2023', value: 4 }),
        row({ variable: 'Other', area_code: 'A', period: '2023', value: 5 }),
      ],
      [],
    );
    const byPeriod = await source.observations({
      variables: ['AantalInwoners'],
      indelingYear: 2024,
      areaCodes: ['A', 'B', 'X'],
      periods: ['2023'],
    });
    assert.deepEqual(byPeriod.map((r) => r.value).sort(), [2, 3]);
    const allPeriods = await source.observations({
      variables: ['AantalInwoners', 'Other'],
      indelingYear: 2024,
      areaCodes: ['A'],
    });
    assert.deepEqual(allPeriods.map((r) => r.value).sort(), [1, 2, 5]);
  });

  it('gives ready columns per variable for one year and period, the newest import winning', async () => {
    const source = new SnapshotSource(
      [
        row({ area_code: 'A', value: '12.5' as unknown as number, status: 'voorlopig' }),
        row({ area_code: 'B', value: null, status: 'geheim' }),
        row({ area_code: 'A', period: '2022', value: 7 }),
        row({ area_code: 'A', indeling_year: 2023, value: 99 }),
        row({
          dataset_id: 'old',
          area_code: 'C',
          value: 1,
          imported_at: '2025-01-01T00:00:00.000Z',
        }),
        row({
          dataset_id: 'new',
          area_code: 'C',
          value: 2,
          imported_at: '2026-03-01T00:00:00.000Z',
        }),
      ],
      [],
    );
    const columns = await source.values(['AantalInwoners', 'Missing'], 2024, '2023', ['A', 'B']);
    assert.deepEqual([...columns.keys()], ['AantalInwoners']);
    const read = (c: AreaColumn | undefined, code: string) => {
      const v = c?.get(code);
      return v && { value: v.value, status: v.status };
    };
    const column = columns.get('AantalInwoners');
    // Numeric text (as a driver may give it) becomes a number; a secret value stays null.
    assert.deepEqual(read(column, 'A'), { value: 12.5, status: 'voorlopig' });
    assert.deepEqual(read(column, 'B'), { value: null, status: 'geheim' });
    assert.deepEqual(read(column, 'C'), { value: 2, status: 'definitief' });
    assert.equal(read(column, 'X'), undefined);
    const earlier = await source.values(['AantalInwoners'], 2024, '2022', ['A']);
    assert.deepEqual(read(earlier.get('AantalInwoners'), 'A'), { value: 7, status: 'definitief' });
    const otherYear = await source.values(['AantalInwoners'], 2023, '2023', ['A']);
    assert.deepEqual(read(otherYear.get('AantalInwoners'), 'A'), {
      value: 99,
      status: 'definitief',
    });
  });

  it('finds crosswalk rows by years and code, splits included', async () => {
    const source = new SnapshotSource(
      [],
      [
        link({ from_code: 'A', to_code: 'A' }),
        link({ from_code: 'B', to_code: 'B1', weight: 0.5 }),
        link({ from_code: 'B', to_code: 'B2', weight: 0.5 }),
        link({ from_year: 2022, from_code: 'A', to_code: 'Z' }),
      ],
    );
    const found = await source.crosswalk(2023, 2024, ['A', 'B', 'C']);
    assert.deepEqual(found.map((l) => `${l.from_code}>${l.to_code}`).sort(), [
      'A>A',
      'B>B1',
      'B>B2',
    ]);
    assert.deepEqual(await source.crosswalk(2024, 2023, ['A']), []);
  });
});
