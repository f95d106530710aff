import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { snapshotObservationsQuery } from './observation-source.ts';

/** The plan of the snapshot read for one municipality's areas, as one text. */
async function snapshotPlan(handle: TestDb): Promise<string> {
  const codes = ['NL00', 'GM0505', 'WK050500', 'BU05050000', 'BU05050001'];
  const query = snapshotObservationsQuery(handle.db, codes).compile();
  if (handle.dialect === 'sqlite') {
    const result = await handle.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    return result.rows.map((r) => r.detail).join('\n');
  }
  // PostgreSQL picks a sequential scan for a small table whatever the indexes; with that turned
  // off for this connection, the plan shows whether an index can serve the read at all.
  return handle.db.connection().execute(async (conn) => {
    await sql`SET enable_seqscan = off`.execute(conn);
    const result = await conn.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
    );
    await sql`RESET enable_seqscan`.execute(conn);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describeEachDialect('snapshot read: one municipality through an index', (getDb) => {
  it('uses observations_area_idx, not a scan of all observations', async () => {
    const plan = await snapshotPlan(getDb());
    assert.match(plan, /observations_area_idx/, plan);
    if (getDb().dialect === 'sqlite') assert.doesNotMatch(plan, /\bSCAN o\b/, plan);
  });

  it('without the index (as before migration 20261204_0701) the read scans the table', async () => {
    const handle = getDb();
    await handle.db.schema.dropIndex('observations_area_idx').execute();
    const plan = await snapshotPlan(handle);
    assert.doesNotMatch(plan, /observations_area_idx/, plan);
    if (handle.dialect === 'sqlite') assert.match(plan, /\bSCAN o\b/, plan);
  });
});
