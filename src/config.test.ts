import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { loadConfig, parseDatabaseUrl } from './config.ts';

it('defaults to a SQLite file under ./data/', () => {
  const db = parseDatabaseUrl(undefined, '/srv/wk');
  assert.deepEqual(db, { kind: 'sqlite', file: path.join('/srv/wk', 'data', 'wijkkompas.sqlite') });
});

it('reads sqlite:PATH relative to the project and postgres:// as is', () => {
  assert.deepEqual(parseDatabaseUrl('sqlite:tmp/x.db', '/srv/wk'), {
    kind: 'sqlite',
    file: '/srv/wk/tmp/x.db',
  });
  assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { kind: 'sqlite', file: ':memory:' });
  assert.deepEqual(parseDatabaseUrl('postgres://u@h/db'), {
    kind: 'postgres',
    url: 'postgres://u@h/db',
  });
});

it('refuses an unknown database scheme with a Dutch message', () => {
  assert.throws(() => parseDatabaseUrl('mysql://x'), /DATABASE_URL moet beginnen met/);
});

it('takes PORT from the environment and refuses a bad one, naming the field', () => {
  assert.equal(loadConfig({ PORT: '8080' }).port, 8080);
  assert.equal(loadConfig({}).port, 3000);
  assert.throws(() => loadConfig({ PORT: 'abc' }), /PORT/);
});
