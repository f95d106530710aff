import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { parseDatabaseUrl, projectRoot } from '../../config.ts';
import { createDb, type Db } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';
import { createTestDatabaseUrl, dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { datasetsDir } from '../../../test/helpers/app.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { seedShippedData } from '../seed/seed.service.ts';

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');

function cli(
  url: string,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: url, WIJKKOMPAS_SEED: 'nee' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Every row of every table, in a stable order, as JSON lines per table. */
async function dump(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const tables = await db.introspection.getTables();
  for (const t of tables) {
    const rows = (await db
      .selectFrom(t.name as never)
      .selectAll()
      .execute()) as Record<string, unknown>[];
    out.set(t.name, rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`wijkkompas backup and herstel [${dialect}]`, skip ? { skip } : {}, () => {
    let source: { url: string; drop(): Promise<void> };
    let target: { url: string; drop(): Promise<void> };
    let handle: Db;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-backup-'));
    const file = path.join(dir, dialect === 'sqlite' ? 'wijkkompas.sqlite' : 'wijkkompas.dump');

    before(async () => {
      source = await createTestDatabaseUrl(dialect);
      target = await createTestDatabaseUrl(dialect);
      handle = createDb(parseDatabaseUrl(source.url));
      await migrateToLatest(handle.db);
      await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
    });
    after(async () => {
      await handle?.destroy();
      await source?.drop();
      await target?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('backs up under write load and restores every table into a fresh database', async () => {
      // The load: audit entries appended one after another, as a busy server would.
      let writing = true;
      let written = 0;
      const load = (async () => {
        while (writing) {
          await recordAudit(handle.db, {
            actor: 'belasting',
            action: 'test.schrijven',
            entity: 'test',
            entityId: String(written),
          });
          written++;
          // better-sqlite3 answers synchronously: give timers and the CLI's pipes their turn.
          await new Promise((r) => setImmediate(r));
        }
      })();
      while (written < 20) await new Promise((r) => setTimeout(r, 5));
      const atStart = written;
      const made = await cli(source.url, 'backup', file);
      const atEnd = written;
      while (written < atEnd + 20) await new Promise((r) => setTimeout(r, 5));
      writing = false;
      await load;
      assert.equal(made.code, 0, made.err);
      assert.match(made.out, /Back-up gemaakt/);
      assert.ok(atEnd > atStart, 'writes went on while the backup ran');

      // A second backup to the same file is refused: nothing is overwritten.
      const again = await cli(source.url, 'backup', file);
      assert.equal(again.code, 1);
      assert.match(again.err, /bestaat al/);

      const restored = await cli(target.url, 'herstel', file);
      assert.equal(restored.code, 0, restored.err);

      const restoredDb = createDb(parseDatabaseUrl(target.url));
      try {
        const after = await dump(restoredDb.db);
        const now = await dump(handle.db);
        assert.deepEqual([...after.keys()].sort(), [...now.keys()].sort(), 'the same tables');
        for (const [table, rows] of now) {
          const copy = after.get(table) ?? [];
          if (table !== 'audit_log') {
            assert.deepEqual(copy, rows, `table ${table}`);
            continue;
          }
          // The audit log grew during the backup: the copy holds the entries up to one moment,
          // each exactly as written.
          const load = (rs: string[]) => rs.filter((r) => r.includes('"test.schrijven"'));
          const copied = load(copy);
          assert.ok(copied.length >= atStart && copied.length <= atEnd, `${copied.length} entries`);
          const ids = copied.map((r) => Number(JSON.parse(r).entity_id)).sort((a, b) => a - b);
          assert.deepEqual(
            ids,
            Array.from({ length: ids.length }, (_, i) => i),
            'no gap',
          );
          const all = new Set(rows);
          assert.ok(
            copy.every((r) => all.has(r)),
            'every copied entry as written',
          );
        }
        const observations = after.get('observations')?.length ?? 0;
        assert.ok(observations > 1000, `${observations} observations restored`);
      } finally {
        await restoredDb.destroy();
      }

      // Restoring into a database that is no longer empty needs --overschrijf.
      const refused = await cli(target.url, 'herstel', file);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /niet leeg/);
      const forced = await cli(target.url, 'herstel', file, '--overschrijf');
      assert.equal(forced.code, 0, forced.err);
    });
  });
}
