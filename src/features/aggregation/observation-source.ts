import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listCrosswalk } from '../areas/area.repository.ts';
import type { AreaCrosswalk } from '../areas/area.table.ts';
import {
  findObservations,
  listLoadedVariablePeriods,
  pickNewest,
  type ObservationQuery,
  type ObservationWithProvenance,
} from '../datasets/dataset.repository.ts';

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
}

export function databaseSource(db: Kysely<Database>): ObservationSource {
  return {
    loadedVariablePeriods: () => listLoadedVariablePeriods(db),
    observations: (query) => findObservations(db, query),
    crosswalk: (fromYear, toYear, codes) => listCrosswalk(db, fromYear, toYear, codes),
  };
}

/** Every active observation and crosswalk row of a set of areas, held in memory. */
export class SnapshotSource implements ObservationSource {
  private readonly byKey = new Map<string, ObservationWithProvenance[]>();
  private readonly loaded: LoadedVariablePeriod[];
  private readonly links: AreaCrosswalk[];

  constructor(rows: readonly ObservationWithProvenance[], crosswalk: readonly AreaCrosswalk[]) {
    const seen = new Map<string, LoadedVariablePeriod>();
    for (const row of pickNewest([...rows])) {
      const key = `${row.variable}\u0000${row.indeling_year}`;
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      list.push(row);
      const lk = `${key}\u0000${row.period}`;
      if (!seen.has(lk))
        seen.set(lk, {
          variable: row.variable,
          period: row.period,
          indeling_year: Number(row.indeling_year),
        });
    }
    this.loaded = [...seen.values()];
    this.links = [...crosswalk];
  }

  /** Loads the snapshot for all areas whose code is in `areaCodes` (any indeling year). */
  static async load(db: Kysely<Database>, areaCodes: readonly string[]): Promise<SnapshotSource> {
    const rows: ObservationWithProvenance[] = [];
    const links: AreaCrosswalk[] = [];
    // Chunks keep the parameter count under SQLite's limit.
    for (let i = 0; i < areaCodes.length; i += 500) {
      const chunk = areaCodes.slice(i, i + 500);
      const found = await db
        .selectFrom('observations as o')
        .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
        .selectAll('o')
        .select('d.imported_at')
        .where('d.status', '=', 'actief')
        .where('o.area_code', 'in', chunk)
        .execute();
      rows.push(...found);
      links.push(
        ...(await db
          .selectFrom('area_crosswalk')
          .selectAll()
          .where('from_code', 'in', chunk)
          .execute()),
      );
    }
    return new SnapshotSource(rows, links);
  }

  loadedVariablePeriods(): Promise<readonly LoadedVariablePeriod[]> {
    return Promise.resolve(this.loaded);
  }

  observations(query: ObservationQuery): Promise<readonly ObservationWithProvenance[]> {
    if (query.variables.length === 0 || query.areaCodes.length === 0) return Promise.resolve([]);
    const codes = new Set(query.areaCodes);
    const periods = query.periods ? new Set(query.periods) : undefined;
    const out: ObservationWithProvenance[] = [];
    for (const variable of new Set(query.variables)) {
      for (const row of this.byKey.get(`${variable}\u0000${query.indelingYear}`) ?? []) {
        if (codes.has(row.area_code) && (!periods || periods.has(row.period))) out.push(row);
      }
    }
    return Promise.resolve(out);
  }

  crosswalk(fromYear: number, toYear: number, codes: readonly string[]): Promise<AreaCrosswalk[]> {
    const wanted = new Set(codes);
    return Promise.resolve(
      this.links.filter(
        (l) =>
          Number(l.from_year) === fromYear &&
          Number(l.to_year) === toYear &&
          wanted.has(l.from_code),
      ),
    );
  }
}
