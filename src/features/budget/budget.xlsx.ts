import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { BudgetEntry } from './budget.repository.ts';
import { ENTRY_KIND_LABEL, checkEntry, type PlanVsRealisation } from './budget.entry.ts';

import type { EntryKind } from './budget.table.ts';
import { centsToInput, eurosToCents } from './money.ts';

/**
 * The XLSX template for commitments and spending, its reader and the plan-vs-realisation
 * export. Reading refuses the whole file on any problem and names sheet, row and column.
 */
export const ENTRY_SHEET = 'Boekingen';
export const ENTRY_COLUMNS = [
  { header: 'Regelcode', key: 'code', width: 16 },
  { header: 'Soort', key: 'kind', width: 14 },
  { header: 'Datum', key: 'date', width: 12 },
  { header: 'Bedrag', key: 'amount', width: 14 },
  { header: 'Omschrijving', key: 'description', width: 40 },
  { header: 'Kenmerk', key: 'reference', width: 18 },
] as const;
const LETTERS = 'ABCDEF';
export const MAX_IMPORT_BYTES = 256 * 1024;
const MAX_ROWS = 2000;

export interface ImportedEntry {
  row: number;
  lineCode: string;
  kind: EntryKind;
  date: string;
  cents: number;
  description: string;
  reference: string;
  /** Content plus how often the same content came before in this file: stable across uploads. */
  key: string;
}

export type ReadResult = { ok: true; rows: ImportedEntry[] } | { ok: false; problems: string[] };

const header = (i: number) => `kolom ${LETTERS[i]} (${ENTRY_COLUMNS[i]!.header})`;

export async function entryTemplate(lineCodes: readonly { code: string; description: string }[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wijkkompas';
  const sheet = wb.addWorksheet(ENTRY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ENTRY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('Uitleg');
  help.columns = [
    { header: 'Kolom', key: 'k', width: 14 },
    { header: 'Wat vult u in', key: 'v', width: 80 },
  ];
  help.addRows([
    ['Regelcode', 'De code van een begrotingsregel (zie blad Regels).'],
    ['Soort', 'verplichting of uitgave'],
    ['Datum', 'jjjj-mm-dd, of een datum in Excel'],
    ['Bedrag', 'In euro, zoals 1234,56 of een getal in Excel. Negatief voor een correctie.'],
    ['Omschrijving', 'Waarvoor het bedrag is (verplicht).'],
    ['Kenmerk', 'Factuur- of ordernummer (mag leeg).'],
    ['', 'Dezelfde regel twee keer inlezen telt maar één keer.'],
  ]);
  const codes = wb.addWorksheet('Regels');
  codes.columns = [
    { header: 'Regelcode', key: 'code', width: 16 },
    { header: 'Omschrijving', key: 'description', width: 60 },
  ];
  for (const c of lineCodes) codes.addRow(c);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

function dateOf(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const s = cellText(value);
  const nl = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s);
  if (nl) return `${nl[3]}-${nl[2]!.padStart(2, '0')}-${nl[1]!.padStart(2, '0')}`;
  return s;
}

function amountOf(value: ExcelJS.CellValue): string {
  if (typeof value === 'number') {
    const cents = eurosToCents(value);
    return cents === null ? String(value) : centsToInput(cents);
  }
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number')
    return amountOf(value.result);
  return cellText(value);
}

/** Reads the filled-in template. `knownCodes`: the budget lines of this focus area. */
export async function readEntryWorkbook(
  bytes: Buffer,
  knownCodes: ReadonlySet<string>,
): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    if (error instanceof Error)
      return {
        ok: false,
        problems: ['Het bestand is geen Excel-bestand (.xlsx) dat te lezen is.'],
      };
    throw error;
  }
  const sheet = wb.getWorksheet(ENTRY_SHEET);
  if (!sheet)
    return {
      ok: false,
      problems: [`Het blad "${ENTRY_SHEET}" ontbreekt. Gebruik het sjabloon van deze pagina.`],
    };
  const problems: string[] = [];
  const head = ENTRY_COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  ENTRY_COLUMNS.forEach((c, i) => {
    if (head[i]!.toLowerCase() !== c.header.toLowerCase())
      problems.push(
        `Blad "${ENTRY_SHEET}", rij 1, ${header(i)}: de kop moet "${c.header}" zijn, niet "${head[i]}".`,
      );
  });
  if (problems.length > 0) return { ok: false, problems };
  const rows: ImportedEntry[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = ENTRY_COLUMNS.map((_, i) => row.getCell(i + 1).value);
    if (cells.every((c) => cellText(c) === '')) continue;
    if (rows.length >= MAX_ROWS) {
      problems.push(`Blad "${ENTRY_SHEET}": meer dan ${MAX_ROWS} regels; splits het bestand.`);
      break;
    }
    const code = cellText(cells[0]!);
    const v = {
      kind: cellText(cells[1]!).toLowerCase(),
      entry_date: dateOf(cells[2]!),
      amount: amountOf(cells[3]!),
      description: cellText(cells[4]!),
    };
    const errors: Record<string, string> = {};
    if (!knownCodes.has(code))
      errors.code =
        code === ''
          ? 'vul de regelcode in.'
          : `regelcode "${code}" bestaat niet in deze begroting.`;
    const checked = checkEntry(v, errors);
    const order = ['code', 'kind', 'entry_date', 'amount', 'description'];
    for (const [field, message] of Object.entries(errors)) {
      const i = order.indexOf(field);
      problems.push(`Blad "${ENTRY_SHEET}", rij ${r}, ${header(i)}: ${lowerFirst(message)}`);
    }
    if (!checked || errors.code) continue;
    const reference = cellText(cells[5]!);
    const content = [
      code,
      checked.kind,
      v.entry_date,
      checked.cents,
      v.description,
      reference,
    ].join('\u001f');
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    rows.push({
      row: r,
      lineCode: code,
      kind: checked.kind,
      date: v.entry_date,
      cents: checked.cents,
      description: v.description,
      reference,
      key: createHash('sha256').update(`${content}\u001e${n}`).digest('hex'),
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 100) };
  if (rows.length === 0)
    return { ok: false, problems: [`Blad "${ENTRY_SHEET}" heeft geen regels onder de kop.`] };
  return { ok: true, rows };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00';

/** Plan against realisation, the own contribution apart, and every booking. */
export async function planXlsx(
  areaName: string,
  plan: PlanVsRealisation,
  entries: readonly BudgetEntry[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wijkkompas';
  wb.title = `Begroting ${areaName}`;
  const euro = (c: number) => c / 100;
  const money = [
    { header: 'Begroot', key: 'planned', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Verplicht', key: 'committed', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Uitgegeven', key: 'spent', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Beschikbaar', key: 'available', width: 16, style: { numFmt: EURO_FORMAT } },
  ];
  const sheet = wb.addWorksheet('Plan en realisatie', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Regelcode', key: 'code', width: 14 },
    { header: 'Jaar', key: 'year', width: 8 },
    { header: 'Thema', key: 'theme', width: 30 },
    { header: 'Project', key: 'project', width: 24 },
    { header: 'Omschrijving', key: 'description', width: 36 },
    { header: 'Bron', key: 'source', width: 30 },
    { header: 'Soort bron', key: 'kind', width: 12 },
    ...money,
  ];
  for (const r of plan.rows)
    sheet.addRow({
      code: r.line.code,
      year: r.line.year,
      theme: r.themeName,
      project: r.line.project,
      description: r.line.description,
      source: r.source?.name ?? '',
      kind: r.source?.kind ?? '',
      planned: euro(r.plannedCents),
      committed: euro(r.committedCents),
      spent: euro(r.spentCents),
      available: euro(r.availableCents),
    });
  const totalRow = (label: string, t: PlanVsRealisation['total']) =>
    (sheet.addRow({
      code: label,
      planned: euro(t.plannedCents),
      committed: euro(t.committedCents),
      spent: euro(t.spentCents),
      available: euro(t.availableCents),
    }).font = { bold: true });
  totalRow('Totaal', plan.total);
  totalRow('Eigen bijdrage gemeente', plan.ownContribution);
  totalRow('Overige bronnen', plan.otherContributions);
  sheet.getRow(1).font = { bold: true };

  const book = wb.addWorksheet('Boekingen', { views: [{ state: 'frozen', ySplit: 1 }] });
  book.columns = [
    { header: 'Regelcode', key: 'code', width: 14 },
    { header: 'Soort', key: 'kind', width: 14 },
    { header: 'Datum', key: 'date', width: 12 },
    { header: 'Bedrag', key: 'amount', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Omschrijving', key: 'description', width: 40 },
    { header: 'Kenmerk', key: 'reference', width: 18 },
  ];
  const codeOf = new Map(plan.rows.map((r) => [r.line.id, r.line.code]));
  for (const e of entries)
    book.addRow({
      code: codeOf.get(e.budget_line_id) ?? '',
      kind: ENTRY_KIND_LABEL[e.kind].toLowerCase(),
      date: e.entry_date,
      amount: euro(e.amount_cents),
      description: e.description,
      reference: e.reference,
    });
  book.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
