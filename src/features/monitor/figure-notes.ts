/**
 * What the monitor says beside every figure, on each page and in each download: its row flags
 * (voorlopig, herberekend, geheim, a missing state) and its source.
 */
import type { AggregateFlag, IndicatorAggregate } from '../aggregation/index.ts';
import type { Indicator } from '../indicators/index.ts';
import type { RowFlag } from '../../shared/data-table.ts';
import { MISSING_FLAG } from './missing-figure.ts';
import type { SeriesPoint } from './profile.types.ts';

/** Aggregation flags that are also download row flags; the rest are said in the note. */
const ROW_FLAG_OF: Partial<Record<AggregateFlag, RowFlag>> = {
  voorlopig: 'voorlopig',
  herberekend: 'herberekend',
  gemodelleerd: 'gemodelleerd',
};

/** Row flags for one result: its own flags, plus geheim when a buurt was left out as secret. */
export function rowFlags(result: IndicatorAggregate): RowFlag[] {
  const flags = new Set<RowFlag>();
  for (const flag of result.flags) {
    const mapped = ROW_FLAG_OF[flag];
    if (mapped) flags.add(mapped);
  }
  if (result.excluded.some((e) => e.reason === 'geheim')) flags.add('geheim');
  return [...flags];
}

/**
 * Row flags for one point: a point without a value carries its missing state alone (a column
 * CBS left empty is not "geheim"), a point with a value its result's flags.
 */
export function pointFlags(point: SeriesPoint): RowFlag[] {
  return point.missing ? [MISSING_FLAG[point.missing]] : rowFlags(point.result);
}

/** "Bron: CBS, tabel 85984NED" for the page and every download. */
export function sourceText(indicator: Indicator): string {
  const main = indicator.source.tableId
    ? `${indicator.source.publisher}, tabel ${indicator.source.tableId}`
    : indicator.source.publisher;
  const others = (indicator.otherSources ?? []).map((s) =>
    s.tableId ? `${s.publisher}, tabel ${s.tableId}` : s.publisher,
  );
  return `Bron: ${[main, ...others].join('; ')}`;
}
