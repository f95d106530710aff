import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineOf, sourceFiles } from './source-scan.ts';

/**
 * Module-level memo maps that may stay outside MonitorData, each with why it cannot show data
 * from before a change (ADR 0024). Anything the database decides is kept per data version in
 * MonitorData (`read`, `cached`, `snapshot`), which drops it when the version moves; a new
 * module-level cache fails here until it is moved there or listed with its reason.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/features/aggregation/aggregation.service.ts yearsIndex':
    'WeakMap on a snapshot list: goes with the snapshot, which MonitorData drops per version',
  'src/features/aggregation/aggregation.service.ts translations':
    'WeakMap on an observation source: goes with the snapshot',
  'src/features/aggregation/aggregation.service.ts distinctLists':
    'WeakMap on a code list: pure function of the list',
  'src/features/aggregation/aggregation.service.ts listKeys':
    'WeakMap on a code list: pure function of the list',
  'src/features/maps/geometry.ts parsed':
    'keyed on the stored outline text itself: new text is a new key; bounded (1,500)',
  'src/features/maps/geometry.ts ids': 'WeakMap: an id per parsed outline object',
  'src/features/maps/geometry.ts merged': 'keyed on outline ids: pure function of the outlines',
  'src/features/maps/area-map.tsx fits': 'keyed on outline ids and size: pure; bounded (500)',
  'src/features/maps/area-map.tsx drawn': 'WeakMap per outline object: pure projection',
  'src/features/charts/format.ts formats': 'a number format per number of decimals',
  'src/features/monitor/indicator-pages/views/indicator-table-view.tsx formats':
    'a number format per number of decimals',
  'src/db/database.ts rawSqlite': 'WeakMap from a Kysely instance to its SQLite handle',
  'src/db/database.ts importsRunning': 'WeakMap per SQLite handle: imports in progress',
};

const MODULE_MAP =
  /^(?:export\s+)?(?:const|let)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+(?:Weak)?Map\s*(?:<[^\n]*>)?\(\s*\)/gm;

describe('no module-level cache of data outside MonitorData (ADR 0024)', () => {
  const found = sourceFiles('src').flatMap(({ file, text }) =>
    [...text.matchAll(MODULE_MAP)].map((m) => ({
      key: `${file} ${m[1]}`,
      where: `${file}:${lineOf(text, m.index)}`,
    })),
  );

  it('finds only the listed, reasoned module-level maps', () => {
    assert.deepEqual(
      found.filter((f) => !(f.key in ALLOWED)).map((f) => `${f.where}: ${f.key.split(' ')[1]}`),
      [],
      'keep it in MonitorData (read/cached) or list it here with the reason it cannot go stale',
    );
  });

  it('lists nothing that is gone', () => {
    const keys = new Set(found.map((f) => f.key));
    assert.deepEqual(
      Object.keys(ALLOWED).filter((k) => !keys.has(k)),
      [],
    );
  });
});
