import type { CellValue, DataTable } from '../../../../shared/data-table.ts';
import { tableScroll } from '../../../../views/table-scroll.ts';

const formats = new Map<number, Intl.NumberFormat>();

/** Dutch number with a thousands point, as on the other public pages ("28.740"). */
export function formatCell(value: CellValue, decimals = 0): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, format);
  }
  return format.format(value);
}

/**
 * A DataTable as an HTML table: the same rows as the downloads, with the status flags as the
 * last column so they are read out with each row.
 */
export function DataTableView({
  table,
  caption,
  rowHeader,
}: {
  table: DataTable;
  caption: string;
  /** The column whose cell names the row (a th with scope="row"). */
  rowHeader?: string;
}) {
  return (
    <div {...tableScroll(caption)}>
      <table class="utrecht-table" data-table={table.name}>
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {table.columns.map((c) => (
              <th
                class={`utrecht-table__header-cell${c.type === 'number' ? ' wk-num' : ''}`}
                scope="col"
              >
                {c.unit ? `${c.label} (${c.unit})` : c.label}
              </th>
            ))}
            <th class="utrecht-table__header-cell" scope="col">
              Status
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {table.rows.map((row) => (
            <tr class="utrecht-table__row">
              {table.columns.map((c) => {
                const value = row.cells[c.key] ?? null;
                const text = formatCell(value, c.decimals ?? 0);
                if (c.key === rowHeader)
                  return (
                    <th class="utrecht-table__header-cell" scope="row">
                      {text}
                    </th>
                  );
                return (
                  <td
                    class={`utrecht-table__cell${c.type === 'number' ? ' wk-num' : ''}${value === null ? ' wk-muted' : ''}`}
                  >
                    {text}
                  </td>
                );
              })}
              <td class="utrecht-table__cell">{row.flags.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
