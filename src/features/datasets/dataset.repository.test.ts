import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import {
  findObservations,
  insertDataset,
  insertDatasetObservations,
  type DatasetObservation,
} from './dataset.repository.ts';

function dataset(id: string, importedAt: string) {
  return {
    id,
    kind: 'local-csv' as const,
    fingerprint: `fp-${id}`,
    source: 'fixture',
    table_id: null,
    edition: null,
    title: 'fixture',
    file_name: 'fixture.csv',
    file_hash: 'x',
    indeling_year: 2023,
    imported_at: importedAt,
    imported_by: 'test',
    row_count: 0,
    observation_count: 0,
    area_count: 0,
    status: 'actief' as const,
    attribution: 'fixture',
  };
}

describeEachDialect('observation bulk write', (getDb) => {
  it('writes every row with nulls and statuses intact, grouped by variable', async () => {
    const { db } = getDb();
    await insertDataset(db, dataset('d1', '2026-01-01T00:00:00.000Z'));
    const rows: DatasetObservation[] = [];
    for (let a = 0; a < 30; a++) {
      for (const variable of ['A', 'B', 'C']) {
        rows.push({
          variable,
          indeling_year: 2023,
          area_code: `BU${String(a).padStart(8, '0')}`,
          period: '2023',
          value: a === 7 ? null : a * 1.5,
          numerator: variable === 'B' ? a : null,
          denominator: variable === 'B' ? 100 : null,
          status: a === 7 ? 'geheim' : 'definitief',
        });
      }
    }
    const progress: number[] = [];
    await db.transaction().execute((trx) => insertDatasetObservations(db, trx, 'd1', rows, (n) => progress.push(n)));
    assert.equal(progress.at(-1), 90);
    const found = await findObservations(db, {
      variables: ['A', 'B', 'C'],
      indelingYear: 2023,
      areaCodes: rows.map((r) => r.area_code),
    });
    assert.equal(found.length, 90);
    const secret = found.find((o) => o.variable === 'B' && o.area_code === 'BU00000007');
    assert.equal(secret?.value, null);
    assert.equal(secret?.status, 'geheim');
    const b3 = found.find((o) => o.variable === 'B' && o.area_code === 'BU00000003');
    assert.deepEqual([b3?.value, b3?.numerator, b3?.denominator], [4.5, 3, 100]);
  });

  it('rolls back with the transaction: nothing stays after a failure', async () => {
    const { db } = getDb();
    await insertDataset(db, dataset('d2', '2026-01-01T00:00:00.000Z'));
    const row: DatasetObservation = {
      variable: 'A', indeling_year: 2023, area_code: 'BU1', period: '2023', value: 1, numerator: null, denominator: null, status: 'definitief',
    };
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await insertDatasetObservations(db, trx, 'd2', [row]);
        throw new Error('afgebroken');
      }),
      /afgebroken/,
    );
    const found = await findObservations(db, { variables: ['A'], indelingYear: 2023, areaCodes: ['BU1'] });
    assert.equal(found.length, 0);
  });

  it('lets the newest active dataset win for the same variable, area and period', async () => {
    const { db } = getDb();
    await insertDataset(db, dataset('old', '2026-01-01T00:00:00.000Z'));
    await insertDataset(db, dataset('new', '2026-02-01T00:00:00.000Z'));
    const base = { variable: 'A', indeling_year: 2023, area_code: 'BU1', period: '2023', numerator: null, denominator: null, status: 'definitief' as const };
    await insertDatasetObservations(db, db, 'old', [{ ...base, value: 1 }]);
    await insertDatasetObservations(db, db, 'new', [{ ...base, value: 2 }]);
    const found = await findObservations(db, { variables: ['A'], indelingYear: 2023, areaCodes: ['BU1'] });
    assert.deepEqual(found.map((o) => [o.dataset_id, o.value]), [['new', 2]]);
  });
});
