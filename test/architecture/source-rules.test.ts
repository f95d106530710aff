import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceFiles } from './source-scan.ts';
import {
  queriesOutsideRepositories,
  staleQueryAllowances,
  staleSwallowAllowances,
  swallowingCatches,
  unallowedSwallows,
} from './source-rules.ts';

describe('every query in a repository (issue 16.2)', () => {
  const files = sourceFiles('src');

  it('finds no query builder call and no sql import outside repositories and src/db', () => {
    assert.deepEqual(queriesOutsideRepositories(files), []);
  });

  it('keeps no allowance a file no longer needs', () => {
    assert.deepEqual(staleQueryAllowances(files), []);
  });

  it('catches a query in a service, and an sql import', () => {
    const service = `import { sql, type Kysely } from 'kysely';

export async function count(db: Kysely<Database>) {
  return db.selectFrom('datasets').selectAll().execute();
}
`;
    const found = queriesOutsideRepositories([
      { file: 'src/features/x/x.service.ts', text: service },
      { file: 'src/features/x/x.repository.ts', text: service },
      { file: 'src/db/database.ts', text: service },
    ]);
    assert.deepEqual(found, [
      'src/features/x/x.service.ts:4: selectFrom() buiten een repository',
      'src/features/x/x.service.ts:1: importeert sql uit kysely buiten een repository',
    ]);
  });
});

describe('no bare catch (issue 16.3)', () => {
  const files = sourceFiles('src');

  it('finds no catch that swallows an error outside the reasoned allow-list', () => {
    assert.deepEqual(unallowedSwallows(files), []);
  });

  it('keeps the allow-list as small as the code', () => {
    assert.deepEqual(staleSwallowAllowances(files), []);
  });

  it('tells a swallowing catch from one that rethrows', () => {
    const text = `try {
  a();
} catch {
  // nothing
}
try {
  b();
} catch (e) {}
try {
  c();
} catch (error) {
  if (x) { y(); }
  throw new Error('c', { cause: error });
}
const area = await load().catch(() => undefined);
const ok = await load().catch((e) => report(e));
try {
  d();
} catch (error) {
  log.error({ err: error }, 'd mislukt');
  return 'mislukt';
}
try {
  e();
} catch (unused) {
  return null;
}
`;
    assert.deepEqual(swallowingCatches(text), [3, 8, 15, 25]);
  });
});
