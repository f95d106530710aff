import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { projectRoot } from '../config.ts';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { upsertAreas } from '../features/areas/area.repository.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { runHaalOp, type HaalOpIo } from './haal-op.ts';

/** GM0505 and 12 of its 13 wijken of indeling 2024 (WK050598 left out: not loaded yet). */
const rows = fs
  .readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/kwb2024_dordrecht.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));

async function loadAreas(db: Kysely<Database>): Promise<void> {
  await upsertAreas(
    db,
    rows
      .filter(([code]) => code !== 'WK050598')
      .map(([code, name]) => ({
        indeling_year: 2024,
        code: code!,
        kind: code!.startsWith('GM') ? ('gemeente' as const) : ('wijk' as const),
        name: name!,
        parent_code: code!.startsWith('GM') ? null : 'GM0505',
        municipality_code: code!.startsWith('GM') ? null : 'GM0505',
        geometry: null,
        is_water: 0,
      })),
  );
}

async function count(db: Kysely<Database>, table: 'datasets' | 'observations' | 'audit_log') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

let server: ReplayServer;
before(async () => {
  server = await startReplayServer();
});
after(async () => server.close());

describeEachDialect('wijkkompas haal-op against a local replay server', (getDb) => {
  function io(lines: string[]): HaalOpIo {
    return {
      datasetsDir: path.join(projectRoot, 'datasets'),
      backoffMs: 1,
      sleep: async () => undefined,
      log: (line) => lines.push(line),
      progress: () => undefined,
      importedBy: 'test',
    };
  }

  it('fetches, imports in one transaction, says "al geïmporteerd" the second time, and never half-imports', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-cli-'));
    const args = ['--indeling', '2024', '--gemeente', 'GM0505', '--gemeente', 'GM0014'];
    const common = ['--map', dir, '--bron', server.baseUrl];
    try {
      server.requests.length = 0;
      server.faults.page2 = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...common], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 1, observations: 13 * 8 });
      assert.match(
        lines[0]!,
        /85984NED \(indeling 2024\) GM0505: geïmporteerd, 14 rijen, 104 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen\./,
      );
      assert.match(
        lines[1]!,
        /GM0014: overgeslagen, deze gemeente heeft nog geen gebieden in indeling 2024/,
      );
      assert.equal(await count(db, 'observations'), 104);
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.kind, 'cbs-odata');
      assert.equal(dataset.table_id, '85984NED');
      assert.equal(dataset.municipality_code, 'GM0505');
      assert.match(dataset.title, /opgehaald bij CBS open data/);
      assert.equal(await count(db, 'audit_log'), 1);
      const value = await db
        .selectFrom('observations')
        .select('value')
        .where('area_code', '=', 'GM0505')
        .where('variable', '=', 'Bevolkingsdichtheid')
        .executeTakeFirstOrThrow();
      assert.equal(Number(value.value), 1574);

      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...common], io(again));
      assert.equal(second.unchanged, 1);
      assert.match(again[0]!, /GM0505: al geïmporteerd/);
      assert.equal(server.requests.length, requests, 'replayed from the stored responses');
      assert.equal(await count(db, 'datasets'), 1);

      // Fetched again, the second page broken: refused before anything is written.
      server.broken.add('page2');
      await assert.rejects(
        runHaalOp(db, [...args, ...common, '--opnieuw'], io([])),
        (error: unknown) => error instanceof OdataFetchError && /Pagina 2/.test(error.message),
      );
      server.broken.delete('page2');
      assert.equal(await count(db, 'datasets'), 1);
      assert.equal(await count(db, 'observations'), 104);
      assert.equal(await count(db, 'audit_log'), 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
