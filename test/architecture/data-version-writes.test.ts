import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FEEDS_MONITOR, NOT_MONITOR, schemaTables, unbumpedWrites } from './data-version-writes.ts';
import { root, sourceFiles } from './source-scan.ts';

describe('every write the monitor shows moves the data version (ADR 0024)', () => {
  it('finds no write on a monitor table outside withDataChange / bumpDataVersion in src/', () => {
    const findings = unbumpedWrites(sourceFiles('src'));
    assert.deepEqual(
      findings.map((f) => f.message),
      [],
    );
  });

  it('sees the writes it guards (at least one per monitor table is found and bumps)', () => {
    // The guard must not pass because its pattern found nothing: every monitor table is written
    // somewhere in src/, and each of those writes was checked above.
    const files = sourceFiles('src');
    for (const table of FEEDS_MONITOR) {
      const written = files.some(({ text }) =>
        new RegExp(`\\.(insertInto|updateTable|deleteFrom)\\(\\s*'${table}'`).test(text),
      );
      assert.ok(written, `no write on ${table} found in src/`);
    }
  });

  it('fails on a new write path that does not bump, and passes once it does', () => {
    const unbumped = `import type { Kysely } from 'kysely';

export async function withdrawQuietly(db: Q, id: string): Promise<void> {
  await db.updateTable('datasets').set({ status: 'ingetrokken' }).where('id', '=', id).execute();
}
`;
    const found = unbumpedWrites([{ file: 'src/features/x/x.repository.ts', text: unbumped }]);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /x\.repository\.ts:4: withdrawQuietly schrijft datasets/);

    const rawSql = `export function load(raw: Raw): void {
  raw.prepare('insert into observations (dataset_id) values (?)').run('x');
}
`;
    assert.equal(unbumpedWrites([{ file: 'src/y.ts', text: rawSql }]).length, 1);

    const arrow = `export const addTarget = async (db: Q) => {
  await db
    .insertInto('targets')
    .values(row)
    .execute();
};
`;
    assert.equal(unbumpedWrites([{ file: 'src/z.ts', text: arrow }]).length, 1);

    const bumped = `export async function withdraw(db: Q, id: string): Promise<void> {
  await withDataChange(db, 'dataset', (trx) =>
    trx.updateTable('datasets').set({ status: 'ingetrokken' }).where('id', '=', id).execute(),
  );
}
`;
    assert.deepEqual(
      unbumpedWrites([{ file: 'src/features/x/x.repository.ts', text: bumped }]),
      [],
    );

    const notMonitor = `export async function logIn(db: Q) {
  await db.insertInto('sessions').values(row).execute();
}
`;
    assert.deepEqual(unbumpedWrites([{ file: 'src/a.ts', text: notMonitor }]), []);
  });

  it('knows every table of the schema: a new table is declared as feeding the monitor or not', () => {
    const tables = schemaTables(fs.readFileSync(path.join(root, 'src/db/schema.ts'), 'utf8'));
    assert.ok(tables.length > 20, `${tables.length} tables read from schema.ts`);
    const unknown = tables.filter((t) => !FEEDS_MONITOR.includes(t) && !(t in NOT_MONITOR));
    assert.deepEqual(unknown, [], 'add each to FEEDS_MONITOR or NOT_MONITOR (with the reason)');
    const gone = [...FEEDS_MONITOR, ...Object.keys(NOT_MONITOR)].filter((t) => !tables.includes(t));
    assert.deepEqual(gone, [], 'tables listed here but not in the schema');
  });
});
