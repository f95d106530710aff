import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The columns of active datasets that hold no figure at all: (dataset, variable, period,
 * indeling year) where every row is empty. A StatLine download writes such a column when CBS
 * has not filled it yet (income for the newest year, SOURCES.md §7), so an empty cell in it is
 * "(nog) niet gepubliceerd", not a figure CBS keeps secret for one area.
 */
export async function listEmptyColumns(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('observations as o')
    .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
    .select(['o.dataset_id', 'o.variable', 'o.period', 'o.indeling_year'])
    .where('d.status', '=', 'actief')
    .groupBy(['o.dataset_id', 'o.variable', 'o.period', 'o.indeling_year'])
    .having(sql<number>`count(o.value)`, '=', 0)
    .execute();
  return rows.map((r) =>
    emptyColumnKey(r.dataset_id, r.variable, r.period, Number(r.indeling_year)),
  );
}

export function emptyColumnKey(
  datasetId: string,
  variable: string,
  period: string,
  indelingYear: number,
): string {
  return `${datasetId}\u0000${variable}\u0000${period}\u0000${indelingYear}`;
}
