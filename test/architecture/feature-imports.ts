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

const NO_INDEX = 'heeft nog geen index.ts; die komt wanneer de feature naar domein wordt ingedeeld';

/**
 * Per imported feature: the imports of its inner files that existed when the rule came in. Remove
 * an entry (or lower its count) when imports move to the feature's index.ts: the guard fails on a
 * count higher than needed, so the list can only shrink.
 */
export const FEATURE_IMPORT_ALLOWANCES: Readonly<Record<string, Allowance>> = {
  'focus-areas': { count: 45, reason: NO_INDEX },
  indicators: { count: 40, reason: NO_INDEX },
  imports: { count: 35, reason: NO_INDEX },
  accounts: {
    count: 27,
    reason: `${NO_INDEX}; permissions.ts wordt overal direct gebruikt als de ene plek voor rolcontroles`,
  },
  datasets: { count: 26, reason: NO_INDEX },
  areas: { count: 19, reason: NO_INDEX },
  targets: { count: 17, reason: NO_INDEX },
  monitor: {
    count: 15,
    reason: `${NO_INDEX}; de monitor wordt gesplitst (profielen, indicatorpagina's, vergelijken, eigen gebied)`,
  },
  aggregation: { count: 16, reason: `${NO_INDEX}; pure regels die veel features delen` },
  audit: { count: 16, reason: NO_INDEX },
  charts: { count: 13, reason: NO_INDEX },
  maps: { count: 13, reason: NO_INDEX },
  workspace: {
    count: 8,
    reason: `${NO_INDEX}; de bewerkpagina's verhuizen naar wat ze bewerken`,
  },
  survey: { count: 7, reason: NO_INDEX },
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

/** Every import of another feature's file that is not its index.ts. */
export function crossFeatureImports(files: readonly SourceFile[]): CrossImport[] {
  const out: CrossImport[] = [];
  for (const { file, text } of files) {
    const own = /^src\/features\/([^/]+)\//.exec(file)?.[1];
    if (!own) continue;
    for (const m of text.matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      const feature = /^src\/features\/([^/]+)\//.exec(target)?.[1];
      if (!feature || feature === own || target === `src/features/${feature}/index.ts`) continue;
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
