/**
 * Test files by cost, decided from the file itself so that a new test lands in the right group
 * without being renamed or listed anywhere:
 *
 * - `e2e`: under a `e2e/` folder, named `*.e2e.test.ts(x)`, or importing the browser helper or
 *   playwright (it starts Chromium);
 * - `db`: importing, directly or through another file under `test/`, the database or app test
 *   helpers, `src/db/database.ts`, `better-sqlite3` or `pg`;
 * - `unit`: everything else (no database, no browser; seconds). `unit-guard.ts` makes a unit
 *   file fail when it opens a database anyway.
 *
 * Only value imports count (`import type` is erased); files under `src/` are not followed, since
 * many modules there import the database module for its types.
 */
import fs from 'node:fs';
import path from 'node:path';

export type TestGroup = 'unit' | 'db' | 'e2e';
export const testGroups: readonly TestGroup[] = ['unit', 'db', 'e2e'];

const root = path.resolve(import.meta.dirname, '../..');

/** Files (relative to the project root) whose import makes a test a browser test. */
const browserFiles = new Set(['test/helpers/browser.ts']);
const browserPackages = new Set(['playwright-core', 'playwright', '@axe-core/playwright']);

/** Files whose import makes a test a database test. */
const dbFiles = new Set([
  'test/helpers/db.ts',
  'test/helpers/app.ts',
  'test/helpers/throwaway-postgres.ts',
  'src/db/database.ts',
]);
const dbPackages = new Set(['better-sqlite3', 'pg']);

/** The value imports of a source text: static `import … from`, bare `import '…'`, `import('…')`. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  // Static imports and re-exports; `import type` / `export type` are skipped.
  const staticImport =
    /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(staticImport)) {
    if (m[2]) continue;
    if (m[1] === 'export' && !/\sfrom\s/.test(m[0])) continue;
    found.push(m[3]!);
  }
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface Reach {
  browser: boolean;
  db: boolean;
}

function reach(file: string, seen: Set<string>): Reach {
  const result: Reach = { browser: false, db: false };
  if (seen.has(file)) return result;
  seen.add(file);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return result; // a missing file is reported by the test run itself
  }
  for (const spec of importSpecifiers(source)) {
    if (!spec.startsWith('.')) {
      const name = packageName(spec.replace(/^node:/, ''));
      if (browserPackages.has(name)) result.browser = true;
      if (dbPackages.has(name)) result.db = true;
      continue;
    }
    const target = path.resolve(path.dirname(file), spec);
    const rel = path.relative(root, target).split(path.sep).join('/');
    if (browserFiles.has(rel)) result.browser = true;
    if (dbFiles.has(rel)) result.db = true;
    // Follow other test helpers (e.g. test/security/security-app.ts), not the application.
    if (rel.startsWith('test/') && /\.tsx?$/.test(rel)) {
      const inner = reach(target, seen);
      result.browser ||= inner.browser;
      result.db ||= inner.db;
    }
  }
  return result;
}

/** The group of one test file (absolute path or relative to the project root). */
export function classifyTestFile(file: string): TestGroup {
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (/(^|\/)e2e\//.test(rel) || /\.e2e\.test\.tsx?$/.test(rel)) return 'e2e';
  const r = reach(abs, new Set());
  if (r.browser) return 'e2e';
  if (r.db) return 'db';
  return 'unit';
}

/** Every test file under src/ and test/, sorted. */
export function listTestFiles(dir = root): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.test\.tsx?$/.test(entry.name)) out.push(full);
    }
  };
  for (const top of ['src', 'test']) {
    const d = path.join(dir, top);
    if (fs.existsSync(d)) walk(d);
  }
  return out.sort();
}
