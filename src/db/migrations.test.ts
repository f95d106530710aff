import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { migrations } from './migrate.ts';
import {
  checkMigrations,
  migrationFiles,
  readReleased,
  releaseMigrations,
} from './released-migrations.ts';

describe('migrations: ordered, complete, never edited after release', () => {
  it('every file is registered in order, released, and unchanged since its release', () => {
    assert.deepEqual(checkMigrations(Object.keys(migrations)), []);
  });

  it('every registered migration has an up function', () => {
    for (const [name, m] of Object.entries(migrations)) {
      assert.equal(typeof m.up, 'function', name);
    }
  });
});

describe('migration guard on a copy of the folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-migrations-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const released = path.join(dir, 'released.json');
  const names = ['20261128_0001_a', '20261128_0002_b'];
  for (const n of names) fs.writeFileSync(path.join(dir, `${n}.ts`), `export const up = '${n}';\n`);

  it('release lists the new files with their hash; then the guard is satisfied', () => {
    const first = releaseMigrations(dir, released);
    assert.deepEqual(first.added, ['20261128_0001_a.ts', '20261128_0002_b.ts']);
    assert.deepEqual(Object.keys(readReleased(released)), first.added);
    assert.deepEqual(checkMigrations(names, dir, released), []);
    assert.deepEqual(releaseMigrations(dir, released).added, []);
  });

  it('a new file that is not released yet fails until it is released', () => {
    fs.writeFileSync(path.join(dir, '20261204_0701_c.ts'), "export const up = 'c';\n");
    const all = [...names, '20261204_0701_c'];
    const problems = checkMigrations(all, dir, released);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /20261204_0701_c\.ts: ontbreekt in released\.json/);
    // Appending touches only the new line: the listed hashes stay as they were.
    const before = readReleased(released);
    assert.deepEqual(releaseMigrations(dir, released).added, ['20261204_0701_c.ts']);
    const afterRelease = readReleased(released);
    for (const [f, h] of Object.entries(before)) assert.equal(afterRelease[f], h);
    assert.deepEqual(checkMigrations(all, dir, released), []);
  });

  it('an edit to a released file fails, and release does not paper over it', () => {
    const file = path.join(dir, '20261128_0002_b.ts');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original + '// a small edit\n');
    const all = migrationFiles(dir).map((f) => f.replace(/\.ts$/, ''));
    const problems = checkMigrations(all, dir, released);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /20261128_0002_b\.ts: gewijzigd na vrijgave/);
    const result = releaseMigrations(dir, released);
    assert.deepEqual(result.changed, ['20261128_0002_b.ts']);
    assert.equal(checkMigrations(all, dir, released).length, 1);
    fs.writeFileSync(file, original);
  });

  it('an unregistered file, a registered file without a file, and a wrong order all fail', () => {
    const onDisk = migrationFiles(dir).map((f) => f.replace(/\.ts$/, ''));
    assert.match(
      checkMigrations(onDisk.slice(1), dir, released).join('\n'),
      /20261128_0001_a\.ts: niet geregistreerd/,
    );
    assert.match(
      checkMigrations([...onDisk, '20261204_0702_gone'], dir, released).join('\n'),
      /20261204_0702_gone is geregistreerd maar het bestand ontbreekt/,
    );
    assert.match(
      checkMigrations([onDisk[1]!, onDisk[0]!, ...onDisk.slice(2)], dir, released).join('\n'),
      /niet op volgorde/,
    );
  });

  it('a released file that is gone fails', () => {
    fs.rmSync(path.join(dir, '20261204_0701_c.ts'));
    assert.match(
      checkMigrations(names, dir, released).join('\n'),
      /released\.json: 20261204_0701_c\.ts staat erin maar ontbreekt/,
    );
  });
});
