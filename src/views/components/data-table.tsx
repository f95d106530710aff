import type {
  ComponentChildren,
  HTMLAttributes,
  TableHTMLAttributes,
  TdHTMLAttributes,
  ThHTMLAttributes,
} from 'preact';
import { tableScroll } from '../table-scroll.ts';

/**
 * The project's tables (NL Design System, Utrecht classes), in one place. Two levels:
 *
 * - `DataTable`: a table from columns and rows, with a visible caption, column headers with
 *   `scope="col"`, an optional row header (`scope="row"`), numeric columns right-aligned and,
 *   when the table may be wider than a phone, the focusable scroll region named after the caption.
 * - The parts (`Table`, `TableCaption`, `THead`, `TBody`, `TFoot`, `Tr`, `Th`, `Td`) for tables
 *   whose structure does not fit columns × rows (forms in cells, spanning cells, several bodies).
 *   They only add the class; every other attribute goes through unchanged.
 *
 * Views outside this folder write no `utrecht-table` class themselves (test/architecture guard).
 */

type Extra = { class?: string | undefined };

function cls(base: string, extra: string | undefined, num?: boolean): string {
  return [base, num ? 'wk-num' : '', extra ?? ''].filter(Boolean).join(' ');
}

export type TableProps = Omit<TableHTMLAttributes, 'class' | 'className'> & Extra;

export function Table({ class: extra, ...rest }: TableProps) {
  return <table class={cls('utrecht-table', extra)} {...rest} />;
}

export function TableCaption({
  class: extra,
  ...rest
}: Omit<HTMLAttributes<HTMLTableCaptionElement>, 'class' | 'className'> & Extra) {
  return <caption class={cls('utrecht-table__caption', extra)} {...rest} />;
}

type SectionProps = Omit<HTMLAttributes<HTMLTableSectionElement>, 'class' | 'className'> & Extra;

export function THead({ class: extra, ...rest }: SectionProps) {
  return <thead class={cls('utrecht-table__header', extra)} {...rest} />;
}

export function TBody({ class: extra, ...rest }: SectionProps) {
  return <tbody class={cls('utrecht-table__body', extra)} {...rest} />;
}

export function TFoot({ class: extra, ...rest }: SectionProps) {
  return <tfoot class={cls('utrecht-table__footer', extra)} {...rest} />;
}

export function Tr({
  class: extra,
  ...rest
}: Omit<HTMLAttributes<HTMLTableRowElement>, 'class' | 'className'> & Extra) {
  return <tr class={cls('utrecht-table__row', extra)} {...rest} />;
}

type CellProps = Omit<TdHTMLAttributes & ThHTMLAttributes, 'class' | 'className' | 'scope'> &
  Extra & {
    /** A number: right-aligned with digits of equal width (`wk-num`). */
    num?: boolean | undefined;
  };

/** A header cell; `scope` is required, so every header says what it heads. */
export function Th({
  class: extra,
  num,
  scope,
  ...rest
}: CellProps & { scope: 'col' | 'row' | 'colgroup' | 'rowgroup' }) {
  return <th class={cls('utrecht-table__header-cell', extra, num)} scope={scope} {...rest} />;
}

export function Td({ class: extra, num, ...rest }: CellProps) {
  return <td class={cls('utrecht-table__cell', extra, num)} {...rest} />;
}

/**
 * The box a table may scroll sideways in: focusable, a region named after the caption
 * (see `tableScroll`).
 */
export function TableScroll({
  label,
  children,
  ...data
}: {
  label: string;
  children: ComponentChildren;
} & { [attribute: `data-${string}`]: string | undefined }) {
  return (
    <div {...tableScroll(label)} {...data}>
      {children}
    </div>
  );
}

export interface DataTableColumn<R> {
  /** The column header (plain text, also the header of the cells below it). */
  label: ComponentChildren;
  cell: (row: R, index: number) => ComponentChildren;
  /** Numbers: the header and every cell right-aligned. */
  num?: boolean;
  /** The cells of this column name their row (`<th scope="row">`); normally the first column. */
  rowHeader?: boolean;
}

export interface DataTableProps<R> {
  /** Visible caption; also the name of the scroll region. */
  caption: string;
  columns: readonly DataTableColumn<R>[];
  rows: readonly R[];
  /** Extra attributes per row, e.g. `{ 'data-indicator': key }` for tests and scripts. */
  rowProps?: (row: R, index: number) => Record<string, string | number | undefined>;
  /** Wrap in a focusable region named after the caption, for tables wider than a phone. */
  scroll?: boolean;
  class?: string;
}

export function DataTable<R>(props: DataTableProps<R>) {
  const table = (
    <Table class={props.class}>
      <TableCaption>{props.caption}</TableCaption>
      <THead>
        <Tr>
          {props.columns.map((c) => (
            <Th scope="col" num={c.num}>
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {props.rows.map((row, i) => (
          <Tr {...(props.rowProps?.(row, i) ?? {})}>
            {props.columns.map((c) =>
              c.rowHeader ? (
                <Th scope="row" num={c.num}>
                  {c.cell(row, i)}
                </Th>
              ) : (
                <Td num={c.num}>{c.cell(row, i)}</Td>
              ),
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
  return props.scroll ? <TableScroll label={props.caption}>{table}</TableScroll> : table;
}
