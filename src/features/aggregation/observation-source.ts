import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listCrosswalk, listCrosswalkFrom, type AreaCrosswalk } from '../areas/index.ts';
import {
  findObservations,
  listLoadedVariablePeriods,
  pickNewest,
  snapshotObservationsQuery,
  type ObservationQuery,
  type ObservationWithProvenance,
} from '../datasets/index.ts';
import type { AreaColumn, AreaColumns, AreaValue } from './aggregate.ts';

export interface LoadedVariablePeriod {
  variable: string;
  period: string;
  indeling_year: number;
}

/**
 * What the aggregation service reads. The database answers it directly; a snapshot answers it
 * from memory, so a profile page with hundreds of aggregates costs one load per data version
 * instead of thousands of queries. Both follow the same rules (active datasets only, the newest
 * import wins), so a figure cannot depend on which one computed it.
 */
export interface ObservationSource {
  loadedVariablePeriods(): Promise<readonly LoadedVariablePeriod[]>;
  observations(query: ObservationQuery): Promise<readonly ObservationWithProvenance[]>;
  crosswalk(fromYear: number, toYear: number, codes: readonly string[]): Promise<AreaCrosswalk[]>;
  /**
   * Per variable: value and status per area code for one indeling year and period, the newest
   * import winning. A column may hold more areas than asked for; a variable without rows has none.
   */
  values(
    variables: readonly string[],
    indelingYear: number,
    period: string,
    areaCodes: readonly string[],
  ): Promise<AreaColumns>;
}

/** A row is its own value and status where the driver gave a number (no copy per row kept). */
function areaValue(row: ObservationWithProvenance): AreaValue {
  if (row.value === null || typeof row.value === 'number') return row;
  return { value: Number(row.value), status: row.status };
}

export function databaseSource(db: Kysely<Database>): ObservationSource {
  return {
    loadedVariablePeriods: () => listLoadedVariablePeriods(db),
    observations: (query) => findObservations(db, query),
    crosswalk: (fromYear, toYear, codes) => listCrosswalk(db, fromYear, toYear, codes),
    async values(variables, indelingYear, period, areaCodes) {
      const rows = await findObservations(db, {
        variables: [...variables],
        indelingYear,
        areaCodes: [...areaCodes],
        periods: [period],
      });
      const columns = new Map<string, Map<string, AreaValue>>();
      for (const row of rows) {
        let column = columns.get(row.variable);
        if (!column) columns.set(row.variable, (column = new Map()));
        column.set(row.area_code, areaValue(row));
      }
      return columns;
    },
  };
}

// The snapshot's read lives with the other observation queries; re-exported for its callers.
export { snapshotObservationsQuery };

/**
 * Every active observation and crosswalk row of a set of areas, held in memory and indexed: per
 * variable, indeling year and period one ready column (area code → value and status), which the
 * aggregation reads as it is, without copying a row per area (ADR 0014).
 */
export class SnapshotSource implements ObservationSource {
  /** variable, indeling year → every row (for queries without periods). */
  private readonly byKey = new Map<string, ObservationWithProvenance[]>();
  /** variable, indeling year, period → area code → value and status, ready for aggregation. */
  private readonly valuesByPeriod = new Map<string, Map<string, AreaValue>>();
  private readonly loaded: LoadedVariablePeriod[];
  /** from year, to year → from code → crosswalk rows. */
  private readonly links = new Map<string, Map<string, AreaCrosswalk[]>>();

  constructor(rows: readonly ObservationWithProvenance[], crosswalk: readonly AreaCrosswalk[]) {
    const seen = new Map<string, LoadedVariablePeriod>();
    for (const row of pickNewest([...rows])) {
      const key = `${row.variable}\u0000${row.indeling_year}`;
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      list.push(row);
      const lk = `${key}\u0000${row.period}`;
      let values = this.valuesByPeriod.get(lk);
      if (!values) {
        this.valuesByPeriod.set(lk, (values = new Map()));
        seen.set(lk, {
          variable: row.variable,
          period: row.period,
          indeling_year: Number(row.indeling_year),
        });
      }
      values.set(row.area_code, areaValue(row));
    }
    this.loaded = [...seen.values()];
    for (const link of crosswalk) {
      const key = `${Number(link.from_year)}\u0000${Number(link.to_year)}`;
      let byCode = this.links.get(key);
      if (!byCode) this.links.set(key, (byCode = new Map()));
      const list = byCode.get(link.from_code);
      if (list) list.push(link);
      else byCode.set(link.from_code, [link]);
    }
  }

  /** Loads the snapshot for all areas whose code is in `areaCodes` (any indeling year). */
  static async load(db: Kysely<Database>, areaCodes: readonly string[]): Promise<SnapshotSource> {
    const rows: ObservationWithProvenance[] = [];
    const links: AreaCrosswalk[] = [];
    // Chunks keep the parameter count under SQLite's limit.
    for (let i = 0; i < areaCodes.length; i += 500) {
      const chunk = areaCodes.slice(i, i + 500);
      rows.push(...(await snapshotObservationsQuery(db, chunk).execute()));
      links.push(...(await listCrosswalkFrom(db, chunk)));
    }
    return new SnapshotSource(rows, links);
  }

  loadedVariablePeriods(): Promise<readonly LoadedVariablePeriod[]> {
    return Promise.resolve(this.loaded);
  }

  observations(query: ObservationQuery): Promise<readonly ObservationWithProvenance[]> {
    if (query.variables.length === 0 || query.areaCodes.length === 0) return Promise.resolve([]);
    const out: ObservationWithProvenance[] = [];
    const codes = new Set(query.areaCodes);
    const periods = query.periods ? new Set(query.periods) : undefined;
    for (const variable of new Set(query.variables)) {
      for (const row of this.byKey.get(`${variable}\u0000${query.indelingYear}`) ?? []) {
        if (codes.has(row.area_code) && (!periods || periods.has(row.period))) out.push(row);
      }
    }
    return Promise.resolve(out);
  }

  /** The columns as held: they cover every area of the snapshot, so nothing is copied per query. */
  values(
    variables: readonly string[],
    indelingYear: number,
    period: string,
    _areaCodes?: readonly string[],
  ): Promise<AreaColumns> {
    const columns = new Map<string, AreaColumn>();
    for (const variable of variables) {
      const column = this.valuesByPeriod.get(`${variable}\u0000${indelingYear}\u0000${period}`);
      if (column) columns.set(variable, column);
    }
    return Promise.resolve(columns);
  }

  crosswalk(fromYear: number, toYear: number, codes: readonly string[]): Promise<AreaCrosswalk[]> {
    const byCode = this.links.get(`${fromYear}\u0000${toYear}`);
    const out: AreaCrosswalk[] = [];
    if (byCode) for (const code of new Set(codes)) out.push(...(byCode.get(code) ?? []));
    return Promise.resolve(out);
  }
}
