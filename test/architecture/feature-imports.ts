/**
 * Cross-feature imports go through that feature's `index.ts` (issue 16.5): a file in
 * `src/features/a/` may import `src/features/b/index.ts`, never another file of `b`. Today's
 * breaches are counted per imported feature below; the counts may only go down.
 */
import path from 'node:path';
import { lineOf, type SourceFile } from './source-scan.ts';

export interface Allowance {
  /** How many imports of this feature's inner files are still tolerated; lower it, never raise it. */
  count: number;
  reason: string;
}

/**
 * Per imported feature: the imports of its inner files that existed when the rule came in. Remove
 * an entry (or lower its count) when imports move to the feature's index.ts: the guard fails on a
 * count higher than needed, so the list can only shrink.
 */
export const FEATURE_IMPORT_ALLOWANCES: Readonly<Record<string, Allowance>> = {
  survey: {
    count: 1,
    reason:
      'testondersteuning: synthesis/test-fixtures.ts bouwt op survey/test-fixtures.ts; testdata hoort niet in de index.ts die de productiecode laadt',
  },
};

export interface CrossImport {
  file: string;
  line: number;
  /** The imported feature. */
  feature: string;
  /** The imported file, relative to the project root. */
  target: string;
}

const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm;

/**
 * Every import of another feature's file that is not its index.ts; with `{ withIndex: true }`
 * the imports of an index.ts too (every import of another feature).
 */
export function crossFeatureImports(
  files: readonly SourceFile[],
  { withIndex = false }: { withIndex?: boolean } = {},
): CrossImport[] {
  const out: CrossImport[] = [];
  for (const { file, text } of files) {
    const own = /^src\/features\/([^/]+)\//.exec(file)?.[1];
    if (!own) continue;
    for (const m of text.matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      const feature = /^src\/features\/([^/]+)\//.exec(target)?.[1];
      if (!feature || feature === own) continue;
      if (!withIndex && target === `src/features/${feature}/index.ts`) continue;
      out.push({ file, line: lineOf(text, m.index), feature, target });
    }
  }
  return out;
}

/** Imports beyond a feature's allowance, as Dutch messages that name file and line. */
export function featureImportFindings(
  files: readonly SourceFile[],
  allowances: Readonly<Record<string, Allowance>> = FEATURE_IMPORT_ALLOWANCES,
): string[] {
  const byFeature = new Map<string, CrossImport[]>();
  for (const i of crossFeatureImports(files)) {
    byFeature.set(i.feature, [...(byFeature.get(i.feature) ?? []), i]);
  }
  const findings: string[] = [];
  for (const [feature, imports] of byFeature) {
    const allowed = allowances[feature]?.count ?? 0;
    if (imports.length <= allowed) continue;
    const list = imports.map((i) => `${i.file}:${i.line} (${i.target})`).join(', ');
    findings.push(
      `${imports.length} imports van binnenbestanden van features/${feature} (toegestaan: ${allowed}); importeer via src/features/${feature}/index.ts: ${list}`,
    );
  }
  return findings.sort();
}

/** Allowances higher than needed: lower them to the count that remains. */
export function staleFeatureImportAllowances(
  files: readonly SourceFile[],
  allowances: Readonly<Record<string, Allowance>> = FEATURE_IMPORT_ALLOWANCES,
): string[] {
  const counts = new Map<string, number>();
  for (const i of crossFeatureImports(files))
    counts.set(i.feature, (counts.get(i.feature) ?? 0) + 1);
  return Object.entries(allowances)
    .filter(([feature, a]) => (counts.get(feature) ?? 0) < a.count)
    .map(([feature, a]) => `${feature}: toegestaan ${a.count}, nog ${counts.get(feature) ?? 0}`);
}

/** The files the layer rule of ADR 0023 covers: they may not reach a repository (eslint.config.js). */
const ROUTE_OR_VIEW = /(\.routes\.tsx?|\/views\/.*\.tsx?|\.pages?\.tsx|\.views\.tsx)$/;
const NAMED = /^(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s+'(\.[^']+)'/gm;

function names(list: string): string[] {
  return list
    .split(',')
    .map(
      (n) =>
        n
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!,
    )
    .filter(Boolean);
}

/** What a feature's index.ts hands on: exported name → the file it comes from. */
function barrelSources(index: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of index.text.matchAll(NAMED)) {
    const from = path.posix.normalize(path.posix.join(path.posix.dirname(index.file), m[2]!));
    for (const name of names(m[1]!)) out.set(name, from);
  }
  return out;
}

/**
 * The layer rule seen through the barrels: ESLint stops a route or view file that imports a
 * `*.repository.ts`, but not one that takes a repository function from a feature's index.ts.
 * Every such name is a finding, as a Dutch message with file and line.
 */
export function repositoriesThroughIndex(files: readonly SourceFile[]): string[] {
  const barrels = new Map(
    files.filter((f) => /^src\/features\/[^/]+\/index\.ts$/.test(f.file)).map((f) => [f.file, f]),
  );
  const findings: string[] = [];
  for (const { file, text } of files) {
    if (!file.startsWith('src/') || !ROUTE_OR_VIEW.test(file)) continue;
    for (const m of text.matchAll(NAMED)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2]!));
      const barrel = barrels.get(target);
      if (!barrel) continue;
      const sources = barrelSources(barrel);
      for (const name of names(m[1]!)) {
        const from = sources.get(name);
        if (from && /\.repository\.tsx?$/.test(from))
          findings.push(
            `${file}:${lineOf(text, m.index)}: ${name} komt via ${target} uit ${from}; routes en views gebruiken een domeinservice (ADR 0023)`,
          );
      }
    }
  }
  return findings.sort();
}
