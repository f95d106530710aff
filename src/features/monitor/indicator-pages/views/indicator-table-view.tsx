import type { CellValue, DataTable } from '../../../../shared/data-table.ts';
import { tableScroll } from '../../../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../../views/components/data-table.tsx';

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
      <Table data-table={table.name}>
        <TableCaption>{caption}</TableCaption>
        <THead>
          <Tr>
            {table.columns.map((c) => (
              <Th scope="col" num={c.type === 'number'}>
                {c.unit ? `${c.label} (${c.unit})` : c.label}
              </Th>
            ))}
            <Th scope="col">Status</Th>
          </Tr>
        </THead>
        <TBody>
          {table.rows.map((row) => (
            <Tr>
              {table.columns.map((c) => {
                const value = row.cells[c.key] ?? null;
                const text = formatCell(value, c.decimals ?? 0);
                if (c.key === rowHeader) return <Th scope="row">{text}</Th>;
                return (
                  <Td num={c.type === 'number'} class={value === null ? 'wk-muted' : undefined}>
                    {text}
                  </Td>
                );
              })}
              <Td>{row.flags.join(', ')}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
