import ExcelJS from 'exceljs';
import { INPUT_KINDS, type InputKind } from './participation.table.ts';
import {
  INPUT_TEXT_MAX,
  SUB_THEME_MAX,
  TABLE_GROUP_MAX,
  VOTES_MAX,
} from './participation.forms.ts';

/**
 * The XLSX template of flip-over notes and its reader. One row per statement on sheet
 * "Inbreng"; a refused file names sheet, row and column of every problem.
 */
export const INPUT_SHEET = 'Inbreng';

const COLUMNS = [
  { key: 'thema', header: 'Thema', width: 34, required: true },
  { key: 'subthema', header: 'Subthema', width: 24, required: false },
  { key: 'soort', header: 'Soort', width: 12, required: true },
  { key: 'tekst', header: 'Tekst', width: 60, required: true },
  { key: 'tafel', header: 'Tafel of groep', width: 18, required: false },
  { key: 'stemmen', header: 'Stemmen', width: 10, required: false },
  { key: 'citeren', header: 'Citeren mag', width: 12, required: false },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export interface ThemeRef {
  key: string;
  name: string;
}

export interface ParsedInputRow {
  /** The spreadsheet row, counted from 1 as Excel shows it. */
  row: number;
  themeKey: string;
  subTheme: string | null;
  kind: InputKind;
  text: string;
  tableGroup: string | null;
  votes: number;
  quoteAllowed: boolean;
}

export interface SheetProblem {
  sheet: string;
  row?: number;
  /** Column letter, as Excel shows it. */
  column?: string;
  field?: string;
  message: string;
}

export function formatSheetProblem(p: SheetProblem): string {
  const place = [`blad "${p.sheet}"`];
  if (p.row !== undefined) place.push(`rij ${p.row}`);
  if (p.column !== undefined) place.push(`kolom ${p.column}${p.field ? ` (${p.field})` : ''}`);
  return `${place.join(', ')}: ${p.message}`;
}

function columnLetter(index: number): string {
  return String.fromCharCode(64 + index);
}

/** The template: the sheet to fill in, with drop-down lists, and a sheet that explains it. */
export async function inputTemplate(themes: readonly ThemeRef[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wijkkompas';
  const sheet = wb.addWorksheet(INPUT_SHEET);
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const themeList = `"${themes.map((t) => t.name.replace(/"/g, '')).join(',')}"`;
  for (let row = 2; row <= 500; row++) {
    // Excel limits a literal list to 255 characters; the names of five themes fit.
    if (themeList.length <= 255)
      sheet.getCell(`A${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [themeList],
      };
    sheet.getCell(`C${row}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${INPUT_KINDS.join(',')}"`],
    };
    sheet.getCell(`G${row}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"ja,nee"'],
    };
  }
  const help = wb.addWorksheet('Uitleg');
  help.columns = [
    { header: 'Kolom', key: 'a', width: 18 },
    { header: 'Wat vult u in', key: 'b', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRows([
    ['Thema', `Verplicht. Een van: ${themes.map((t) => t.name).join('; ')}.`],
    ['Subthema', `Mag leeg. Een kort onderwerp, hoogstens ${SUB_THEME_MAX} tekens.`],
    ['Soort', 'Verplicht. knelpunt, kans, idee of vraag.'],
    ['Tekst', `Verplicht. Wat er op het briefje staat, hoogstens ${INPUT_TEXT_MAX} tekens.`],
    [
      'Tafel of groep',
      `Mag leeg. Aan welke tafel of in welke groep, hoogstens ${TABLE_GROUP_MAX} tekens.`,
    ],
    ['Stemmen', `Mag leeg (0). Het aantal stickers of stemmen, 0 tot en met ${VOTES_MAX}.`],
    [
      'Citeren mag',
      'ja als de schrijver goedvond dat de tekst letterlijk wordt gebruikt; anders nee of leeg.',
    ],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    if (value instanceof Date) return value.toISOString();
  }
  return String(value).trim();
}

/** Reads a filled-in template. Either every row is good, or nothing is taken and all problems say where. */
export async function readInputWorkbook(
  bytes: Buffer,
  themes: readonly ThemeRef[],
): Promise<{ ok: true; rows: ParsedInputRow[] } | { ok: false; problems: SheetProblem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          sheet: '(bestand)',
          message: `dit is geen leesbaar .xlsx-bestand (${(error as Error).message}). Gebruik het sjabloon.`,
        },
      ],
    };
  }
  const sheet = wb.getWorksheet(INPUT_SHEET);
  if (!sheet)
    return {
      ok: false,
      problems: [
        {
          sheet: INPUT_SHEET,
          message: `het blad "${INPUT_SHEET}" ontbreekt. Gebruik het sjabloon.`,
        },
      ],
    };
  const problems: SheetProblem[] = [];
  const columnOf = new Map<ColumnKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).toLowerCase();
    const known = COLUMNS.find((c) => c.header.toLowerCase() === header);
    if (known) columnOf.set(known.key, col);
  });
  for (const c of COLUMNS) {
    if (c.required && !columnOf.has(c.key))
      problems.push({ sheet: INPUT_SHEET, row: 1, message: `de kolom "${c.header}" ontbreekt` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const byName = new Map<string, string>();
  for (const t of themes) {
    byName.set(t.key.toLowerCase(), t.key);
    byName.set(t.name.toLowerCase(), t.key);
  }
  const rows: ParsedInputRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const get = (key: ColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    const values = COLUMNS.map((c) => get(c.key));
    if (values.every((v) => v === '')) return;
    const problem = (key: ColumnKey, message: string) => {
      const col = columnOf.get(key)!;
      const header = COLUMNS.find((c) => c.key === key)!.header;
      problems.push({
        sheet: INPUT_SHEET,
        row: line,
        column: columnLetter(col),
        field: header,
        message,
      });
    };
    const themeRaw = get('thema');
    const themeKey = byName.get(themeRaw.toLowerCase());
    if (themeRaw === '') problem('thema', 'het thema ontbreekt');
    else if (!themeKey)
      problem(
        'thema',
        `"${themeRaw}" is geen thema; kies uit ${themes.map((t) => t.name).join('; ')}`,
      );
    const kind = get('soort').toLowerCase();
    if (kind === '') problem('soort', 'de soort ontbreekt');
    else if (!(INPUT_KINDS as readonly string[]).includes(kind))
      problem('soort', `"${get('soort')}" is geen soort; kies knelpunt, kans, idee of vraag`);
    const inputText = get('tekst');
    if (inputText === '') problem('tekst', 'de tekst ontbreekt');
    else if (inputText.length > INPUT_TEXT_MAX)
      problem('tekst', `de tekst is te lang: hoogstens ${INPUT_TEXT_MAX} tekens`);
    const subTheme = get('subthema');
    if (subTheme.length > SUB_THEME_MAX)
      problem('subthema', `het subthema is te lang: hoogstens ${SUB_THEME_MAX} tekens`);
    const tableGroup = get('tafel');
    if (tableGroup.length > TABLE_GROUP_MAX)
      problem('tafel', `de tafel of groep is te lang: hoogstens ${TABLE_GROUP_MAX} tekens`);
    const votesRaw = get('stemmen');
    const votes = votesRaw === '' ? 0 : Number(votesRaw);
    if (!Number.isInteger(votes) || votes < 0 || votes > VOTES_MAX)
      problem('stemmen', `"${votesRaw}" is geen heel getal van 0 tot en met ${VOTES_MAX}`);
    const quote = get('citeren').toLowerCase();
    if (!['', 'ja', 'nee'].includes(quote))
      problem('citeren', `vul ja, nee of niets in, niet "${get('citeren')}"`);
    rows.push({
      row: line,
      themeKey: themeKey ?? '',
      subTheme: subTheme === '' ? null : subTheme,
      kind: kind as InputKind,
      text: inputText,
      tableGroup: tableGroup === '' ? null : tableGroup,
      votes,
      quoteAllowed: quote === 'ja',
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0)
    return {
      ok: false,
      problems: [
        { sheet: INPUT_SHEET, message: 'het blad heeft geen ingevulde rijen onder de kopregel' },
      ],
    };
  return { ok: true, rows };
}
