import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectDialects } from './db.ts';

describe('DIALECTS narrows the dialects the database tests run on', () => {
  it('both when unset or empty', () => {
    assert.deepEqual(selectDialects(undefined), ['sqlite', 'postgres']);
    assert.deepEqual(selectDialects(' '), ['sqlite', 'postgres']);
  });

  it('the named ones, in the usual order, case and spaces ignored', () => {
    assert.deepEqual(selectDialects('sqlite'), ['sqlite']);
    assert.deepEqual(selectDialects('Postgres'), ['postgres']);
    assert.deepEqual(selectDialects('postgres, sqlite'), ['sqlite', 'postgres']);
  });

  it('an unknown name is an error, not an empty run', () => {
    assert.throws(() => selectDialects('sqlite,mysql'), /onbekend dialect mysql/);
  });
});
