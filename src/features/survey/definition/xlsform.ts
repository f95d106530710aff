import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportProblem } from '../../../shared/errors.ts';
import { parseQuestionnaire, QuestionnaireError } from './load.ts';
import { LANGUAGES, type Questionnaire } from './questionnaire.schema.ts';
import { RelevantSyntaxError, parseRelevant } from './relevant.ts';

/**
 * Reads the documented XLSForm subset (docs/survey/xlsform.md) from an .xlsx into the same
 * questionnaire object a JSON file gives, then validates it the same way. Every error names the
 * sheet, row and column, so a researcher can fix the spreadsheet they wrote.
 */

type Row = { line: number; cells: Map<string, { value: string; column: number }> };
type Raw = Record<string, unknown>;

class Problems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly file: string) {}
  add(sheet: string, row: Row | undefined, column: string | undefined, message: string) {
    this.list.push({
      file: `${this.file} (blad ${sheet})`,
      ...(row ? { line: row.line } : {}),
      ...(row && column && row.cells.get(column) ? { column: row.cells.get(column)?.column } : {}),
      ...(column ? { field: column } : {}),
      message,
    });
  }
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

/** The rows of a sheet keyed by lower-case column header; empty rows left out. */
function readSheet(ws: ExcelJS.Worksheet): Row[] {
  const headers = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => headers.set(col, cellText(cell.value).toLowerCase()));
  const rows: Row[] = [];
  ws.eachRow((row, line) => {
    if (line === 1) return;
    const cells = new Map<string, { value: string; column: number }>();
    row.eachCell((cell, col) => {
      const header = headers.get(col);
      const value = cellText(cell.value);
      if (header && value !== '') cells.set(header, { value, column: col });
    });
    if (cells.size > 0) rows.push({ line, cells });
  });
  return rows;
}

const get = (row: Row, column: string) => row.cells.get(column)?.value;

/** `label::nl`, `label::en` … (a bare `label` counts as Dutch) into a LocalizedText. */
function localized(row: Row, prefix: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [header, { value }] of row.cells) {
    if (header === prefix) out.nl = value;
    else if (header.startsWith(`${prefix}::`)) out[header.slice(prefix.length + 2)] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const yes = (v: string | undefined) => v !== undefined && /^(yes|ja|true|1|true\(\))$/i.test(v);

const SIMPLE_TYPES: Record<string, Raw> = {
  integer: { type: 'number', integer: true },
  decimal: { type: 'number', integer: false },
  text: { type: 'open_text' },
  grade: { type: 'grade' },
  agree_scale: { type: 'agree_scale' },
  rank_themes: { type: 'theme_ranking' },
  buurt: { type: 'buurt_choice' },
};

interface GroupFrame {
  row: Row;
  name: string;
  tableList: boolean;
  items: Raw[];
}

export function xlsFormToQuestionnaire(wb: ExcelJS.Workbook, file: string): Questionnaire {
  const problems = new Problems(file);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) problems.add(name, undefined, undefined, `het blad "${name}" ontbreekt`);
    return ws ? readSheet(ws) : [];
  };
  const survey = sheet('survey');
  const choiceRows = sheet('choices');
  const settingsRows = sheet('settings');
  if (problems.list.length > 0) throw new QuestionnaireError(problems.list);

  const lists = new Map<string, Raw[]>();
  for (const row of choiceRows) {
    const list = get(row, 'list_name');
    const name = get(row, 'name');
    if (!list || !name) {
      problems.add('choices', row, list ? 'name' : 'list_name', 'deze kolom is leeg');
      continue;
    }
    const choice: Raw = { value: name, label: localized(row, 'label') ?? {} };
    if (yes(get(row, 'missing'))) choice.missing = true;
    lists.set(list, [...(lists.get(list) ?? []), choice]);
  }

  const settings = settingsRows[0];
  const setting = (column: string) => (settings ? get(settings, column) : undefined);
  if (!settings) problems.add('settings', undefined, undefined, 'het blad "settings" is leeg');
  const defaultLanguage = setting('default_language') ?? 'nl';
  const title = settings ? localized(settings, 'form_title') : undefined;
  if (title && title.nl === undefined && defaultLanguage !== 'nl') {
    title.nl = title[defaultLanguage] as string;
  }

  const relevant = (row: Row) => {
    const text = get(row, 'relevant');
    if (!text) return {};
    try {
      return { showIf: parseRelevant(text) };
    } catch (error) {
      if (!(error instanceof RelevantSyntaxError)) throw error;
      problems.add('survey', row, 'relevant', `routering niet te lezen: ${error.message}`);
      return {};
    }
  };

  const question = (row: Row, type: string): Raw | undefined => {
    const [base, listName, ...extra] = type.split(/\s+/);
    const name = get(row, 'name');
    const common: Raw = {
      name,
      text: localized(row, 'label'),
      ...(localized(row, 'hint') ? { help: localized(row, 'hint') } : {}),
      theme: get(row, 'theme'),
      required: yes(get(row, 'required')),
      ...relevant(row),
    };
    if (base === 'select_one' || base === 'select_multiple') {
      const choices = listName ? lists.get(listName) : undefined;
      if (!listName || extra.length > 0 || !choices) {
        problems.add(
          'survey',
          row,
          'type',
          listName
            ? `keuzelijst "${listName}" staat niet op het blad choices`
            : `na ${base} hoort de naam van een keuzelijst`,
        );
        return undefined;
      }
      return {
        ...common,
        type: base === 'select_one' ? 'single_choice' : 'multiple_choice',
        choices,
      };
    }
    const simple = base ? SIMPLE_TYPES[base] : undefined;
    if (!simple || listName) {
      problems.add(
        'survey',
        row,
        'type',
        `vraagtype "${type}" kennen we niet (toegestaan: select_one, select_multiple, ${Object.keys(SIMPLE_TYPES).join(', ')}, begin group, end group)`,
      );
      return undefined;
    }
    return { ...common, ...simple };
  };

  const pages: Raw[] = [];
  const stack: GroupFrame[] = [];
  let loose: Raw[] = [];
  const flushLoose = () => {
    if (loose.length === 0) return;
    pages.push({
      name: `deel_${pages.length + 1}`,
      title: title ?? { nl: 'Vragen' },
      questions: loose,
    });
    loose = [];
  };

  const closeGroup = (frame: GroupFrame) => {
    const label = localized(frame.row, 'label');
    if (frame.tableList) {
      const selects = frame.items;
      const lists = new Set(selects.map((s) => JSON.stringify(s.choices)));
      if (selects.some((s) => s.type !== 'single_choice') || lists.size !== 1) {
        problems.add(
          'survey',
          frame.row,
          'appearance',
          'een groep met table-list (matrix) bevat alleen select_one-vragen met dezelfde keuzelijst',
        );
        return;
      }
      const matrix: Raw = {
        name: frame.name,
        type: 'matrix',
        text: label,
        ...(localized(frame.row, 'hint') ? { help: localized(frame.row, 'hint') } : {}),
        theme: get(frame.row, 'theme') ?? selects[0]?.theme,
        required: selects.every((s) => s.required === true),
        ...relevant(frame.row),
        rows: selects.map((s) => ({ name: s.name, text: s.text })),
        choices: selects[0]?.choices,
      };
      const parent = stack.at(-1);
      if (parent) parent.items.push(matrix);
      else loose.push(matrix);
      return;
    }
    if (stack.length > 0) {
      problems.add(
        'survey',
        frame.row,
        'type',
        'een groep in een groep kan alleen als table-list (matrix)',
      );
      return;
    }
    flushLoose();
    pages.push({
      name: frame.name,
      title: label,
      ...(localized(frame.row, 'hint') ? { intro: localized(frame.row, 'hint') } : {}),
      ...relevant(frame.row),
      questions: frame.items,
    });
  };

  for (const row of survey) {
    const type = (get(row, 'type') ?? '').replace(/_/g, ' ').replace(/\s+/g, ' ').toLowerCase();
    if (type === '') {
      problems.add('survey', row, 'type', 'het vraagtype ontbreekt');
    } else if (type === 'begin group') {
      const appearance = get(row, 'appearance') ?? '';
      stack.push({
        row,
        name: get(row, 'name') ?? '',
        tableList: appearance.split(/\s+/).includes('table-list'),
        items: [],
      });
    } else if (type === 'end group') {
      const frame = stack.pop();
      if (!frame) problems.add('survey', row, 'type', 'end group zonder begin group ervoor');
      else closeGroup(frame);
    } else {
      // select types keep their list name as is, so read the raw type again.
      const q = question(row, (get(row, 'type') ?? '').trim());
      const parent = stack.at(-1);
      if (q) (parent ? parent.items : loose).push(q);
    }
  }
  for (const frame of stack)
    problems.add('survey', frame.row, 'type', `begin group "${frame.name}" heeft geen end group`);
  flushLoose();

  const languages = new Set<string>(['nl']);
  for (const row of [...survey, ...choiceRows])
    for (const header of row.cells.keys()) {
      const lang = /^(?:label|hint)::(.+)$/.exec(header)?.[1];
      if (lang) languages.add(lang);
    }
  for (const lang of languages) {
    if (!(LANGUAGES as readonly string[]).includes(lang))
      problems.add(
        'survey',
        undefined,
        `label::${lang}`,
        `taal "${lang}" kennen we niet (kies uit ${LANGUAGES.join(', ')})`,
      );
  }
  if (problems.list.length > 0) throw new QuestionnaireError(problems.list);

  const version = Number(setting('version'));
  const raw: Raw = {
    key: setting('form_id'),
    version: Number.isFinite(version) ? version : setting('version'),
    title,
    audience: setting('audience'),
    focusArea: setting('focus_area'),
    languages: [...languages],
    groups: pages,
  };
  // Invitation codes and the ways in that feed published figures (ADR 0016).
  const invitations = setting('invitations');
  if (invitations !== undefined) raw.invitations = invitations;
  const trusted = setting('trusted_sources');
  if (trusted !== undefined) raw.trustedSources = trusted.split(/[\s,]+/).filter(Boolean);
  const weighting = ['buurt', 'age_group', 'sex'].map((c) => setting(`weighting_${c}`));
  if (weighting.some((w) => w !== undefined))
    raw.weighting = { buurt: weighting[0], ageGroup: weighting[1], sex: weighting[2] };
  return parseQuestionnaire(raw, file);
}

/** Reads an XLSForm .xlsx file; a bad file gives Dutch messages with sheet, row and column. */
export async function loadXlsForm(file: string): Promise<Questionnaire> {
  const name = path.relative(process.cwd(), file) || file;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (error) {
    throw new QuestionnaireError([
      { file: name, message: `geen leesbaar .xlsx-bestand (${(error as Error).message})` },
    ]);
  }
  return xlsFormToQuestionnaire(wb, name);
}
