import type { CellValue, DataColumn, DataTable, RowFlag } from '../data-table.ts';
import { assertNoReservedKeys, roundedNumber } from './format-number.ts';

export const DATA_LICENCE = 'CC BY 4.0';

export interface TableJson {
  titel: string;
  bron: string;
  licentie: typeof DATA_LICENCE;
  dataVersie: string;
  kolommen: { key: string; label: string; type: DataColumn['type']; unit: string | null }[];
  rijen: TableJsonRow[];
}

/** The cells keyed by column key, and the row's status flags. */
export interface TableJsonRow {
  [key: string]: CellValue | RowFlag[];
  status: RowFlag[];
}

/** The table as JSON: the codebook (kolommen) and rows keyed like the CSV header. */
export function toJson(table: DataTable): TableJson {
  assertNoReservedKeys(table.columns);
  return {
    titel: table.title,
    bron: table.source,
    licentie: DATA_LICENCE,
    dataVersie: table.dataVersion,
    kolommen: table.columns.map((c) => ({
      key: c.key,
      label: c.label,
      type: c.type,
      unit: c.unit ?? null,
    })),
    rijen: table.rows.map((row) => {
      const cells: Record<string, CellValue> = {};
      for (const column of table.columns) {
        const value = row.cells[column.key] ?? null;
        cells[column.key] = typeof value === 'number' ? roundedNumber(value, column) : value;
      }
      // Status last, after the cells, as in the CSV.
      return { ...cells, status: [...row.flags] } satisfies TableJsonRow;
    }),
  };
}
