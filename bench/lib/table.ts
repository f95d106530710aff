import type { ReportTable } from './types.ts';

/** Plain-text table for the terminal: left-aligned text, right-aligned numbers. */
export function formatTable(table: ReportTable): string {
  const cells = [
    table.columns,
    ...table.rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c))),
  ];
  const numeric = table.columns.map(
    (_, i) => table.rows.length > 0 && table.rows.every((r) => typeof r[i] === 'number'),
  );
  const widths = table.columns.map((_, i) =>
    Math.max(...cells.map((r) => String(r[i] ?? '').length)),
  );
  const line = (r: (string | number)[]) =>
    r
      .map((c, i) => {
        const s = String(c ?? '');
        return numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [table.title, line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('nl-NL');
  return n.toLocaleString('nl-NL', {
    maximumFractionDigits: 2,
    minimumFractionDigits: Math.abs(n) < 10 ? 2 : 1,
  });
}
