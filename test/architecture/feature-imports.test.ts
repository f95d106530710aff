import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FEATURE_IMPORT_ALLOWANCES,
  crossFeatureImports,
  featureImportFindings,
  repositoriesThroughIndex,
  staleFeatureImportAllowances,
} from './feature-imports.ts';
import { sourceFiles } from './source-scan.ts';

describe('cross-feature imports go through index.ts (issue 16.5)', () => {
  const files = sourceFiles('src');

  it('finds no import of another feature beyond its shrinking allowance', () => {
    assert.deepEqual(featureImportFindings(files), []);
  });

  it('keeps no allowance higher than needed, and gives every allowance a reason', () => {
    assert.deepEqual(staleFeatureImportAllowances(files), []);
    for (const [feature, { reason }] of Object.entries(FEATURE_IMPORT_ALLOWANCES)) {
      assert.ok(reason.trim().length > 20, `${feature}: geef een reden`);
    }
  });

  it('sees the imports it guards', () => {
    // The guard must not pass because its pattern found nothing: the same pattern reads every
    // import of another feature, nearly all of them now through index.ts.
    assert.ok(crossFeatureImports(files, { withIndex: true }).length > 100);
  });

  it('fails on a new inner import, passes on index.ts and on the own feature', () => {
    const text = `import { a } from '../b/inner.ts';
import { b } from '../b/index.ts';
import type { C } from './own.ts';
export { d } from '../../b/deep/inner.ts';
`;
    const cases = [
      { file: 'src/features/a/x.ts', text },
      { file: 'src/features/a/sub/y.ts', text: "export { d } from '../../b/deep/inner.ts';\n" },
    ];
    assert.deepEqual(featureImportFindings(cases, {}), [
      '2 imports van binnenbestanden van features/b (toegestaan: 0); importeer via src/features/b/index.ts: src/features/a/x.ts:1 (src/features/b/inner.ts), src/features/a/sub/y.ts:1 (src/features/b/deep/inner.ts)',
    ]);
    assert.deepEqual(featureImportFindings(cases, { b: { count: 2, reason: 'r' } }), []);
    assert.deepEqual(staleFeatureImportAllowances(cases, { b: { count: 3, reason: 'r' } }), [
      'b: toegestaan 3, nog 2',
    ]);
  });

  it('lets no route or view take a repository function through an index.ts', () => {
    assert.deepEqual(repositoriesThroughIndex(files), []);
    const cases = [
      {
        file: 'src/features/b/index.ts',
        text: "export { listB } from './b.repository.ts';\nexport { bRule } from './b.service.ts';\n",
      },
      {
        file: 'src/features/a/a.routes.tsx',
        text: "import { bRule, listB as list } from '../b/index.ts';\n",
      },
      { file: 'src/features/a/a.service.ts', text: "import { listB } from '../b/index.ts';\n" },
    ];
    assert.deepEqual(repositoriesThroughIndex(cases), [
      'src/features/a/a.routes.tsx:1: listB komt via src/features/b/index.ts uit src/features/b/b.repository.ts; routes en views gebruiken een domeinservice (ADR 0023)',
    ]);
  });
});
