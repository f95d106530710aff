import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listLocalSources } from '../datasets/index.ts';
import { measureVariables, type Catalogue, type Indicator } from '../indicators/index.ts';

/** Marks a source added by withLocalSources. */
export const LOCAL_MARK = ' (lokale cijfers, in plaats van CBS voor een deel van de gebieden)';

/** The local sources these indicators use, by name, for a page's or a table's source line. */
export function localSourcesOf(indicators: readonly Indicator[]): string[] {
  const out = new Set<string>();
  for (const ind of indicators) {
    for (const s of ind.otherSources ?? []) {
      if (s.publisher.endsWith(LOCAL_MARK)) out.add(s.publisher.slice(0, -LOCAL_MARK.length));
    }
  }
  return [...out].sort();
}

/** " Lokale cijfers in plaats van CBS: X." or "" — appended to a general source line. */
export function localSourceNote(indicators: readonly Indicator[]): string {
  const local = localSourcesOf(indicators);
  return local.length > 0 ? ` Lokale cijfers in plaats van CBS: ${local.join('; ')}.` : '';
}

/**
 * The catalogue as the monitor shows it: an indicator that reads a variable for which an active
 * local file gives figures names that local source among its sources (issue 11.10), so a local
 * figure never poses as a CBS figure on a page, in a download or in the API (they all take the
 * indicator's source line).
 */
export function withLocalSources(
  catalogue: Catalogue,
  local: readonly { variable: string; source: string }[],
): Catalogue {
  if (local.length === 0) return catalogue;
  const bySource = (variables: readonly string[]) => {
    const out = new Map<string, string[]>();
    for (const l of local) {
      if (!variables.includes(l.variable)) continue;
      const list = out.get(l.source) ?? [];
      if (!list.includes(l.variable)) list.push(l.variable);
      out.set(l.source, list);
    }
    return out;
  };
  return {
    ...catalogue,
    indicators: catalogue.indicators.map((ind) => {
      const found = bySource(measureVariables(ind.measure));
      if (found.size === 0) return ind;
      return {
        ...ind,
        otherSources: [
          ...(ind.otherSources ?? []),
          ...[...found].map(([source, variables]) => ({
            publisher: `${source}${LOCAL_MARK}`,
            tableId: null,
            variables,
          })),
        ],
      };
    }),
  };
}

/** A catalogue with the local sources of the loaded data. */
export async function withLoadedLocalSources(
  db: Kysely<Database>,
  catalogue: Catalogue,
): Promise<Catalogue> {
  const variables = [...new Set(catalogue.indicators.flatMap((i) => measureVariables(i.measure)))];
  return withLocalSources(catalogue, await listLocalSources(db, variables));
}
