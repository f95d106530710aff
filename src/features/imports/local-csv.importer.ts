import type { ObservationStatus } from '../datasets/index.ts';
import {
  areaCodeProblem,
  DuplicateGuard,
  normaliseHeader,
  parseCbsValue,
  ProblemList,
  importCsvBytes,
  splitProvisional,
  type CsvEncoding,
  type CsvHeader,
  type CsvImporter,
  type CsvVisitor,
} from './csv-reader.ts';
import { scopeProblem } from './import-scope.ts';
import { ratioProblem, valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

export interface LocalCsvOptions {
  indelingYear: number;
  /** Who published the figures, e.g. "Gemeente Dordrecht, Onderzoekcentrum Drechtsteden". */
  source?: string;
  /** Forces the file's encoding instead of detecting it. */
  encoding?: CsvEncoding;
  /** The municipality the import is for: rows of other areas are refused (ADR 0017). */
  scope?: string;
  /** What a figure can be (catalogue/plausibility.json); impossible values are refused. */
  plausibility?: PlausibilityRules;
  /**
   * The file says explicitly that it replaces CBS figures (issue 11.10). Without it a row for a
   * variable the catalogue reads from CBS is refused, so a local figure never poses as CBS's.
   */
  replacesCbs?: boolean;
}

const DEFAULT_SOURCE = 'Lokale gegevens';
const REQUIRED = ['gebiedscode', 'periode', 'indicator', 'waarde'] as const;
const OPTIONAL = ['teller', 'noemer', 'status'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

const STATUSES: readonly ObservationStatus[] = ['definitief', 'voorlopig', 'geheim', 'geschat'];
/** A year, a month (2023-05), a quarter (2023-Q2) or a school/season year (2023-2024). */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|\d{4}))?$/;
const INDICATOR = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/**
 * Reads the documented long CSV for local figures (docs/data-formats.md):
 * `gebiedscode;periode;indicator;waarde;teller;noemer[;status]`, also with `,` or tab. One row
 * per indicator, area and period. Nothing is written; bad input throws ImportValidationError.
 */
export function parseLocalCsv(
  input: ImportInput,
  lookup: AreaLookup,
  options: LocalCsvOptions,
): ParsedImport {
  return importCsvBytes(localCsvImporter(input.fileName, lookup, options), input);
}

/** The importer of parseLocalCsv, to read a file in memory or a stream (importCsvStream). */
export function localCsvImporter(
  fileName: string,
  lookup: AreaLookup,
  options: LocalCsvOptions,
): CsvImporter<ParsedImport> {
  const { indelingYear } = options;
  const source = options.source?.trim() || DEFAULT_SOURCE;
  const problems = new ProblemList(fileName);
  const column = new Map<Column, number>();
  let header: CsvHeader | undefined;
  const observations: ParsedObservation[] = [];
  const duplicates = new DuplicateGuard();

  const readOptions = { encoding: options.encoding, minColumns: REQUIRED.length };
  const visitor: CsvVisitor = {
    header(h) {
      header = h;
      const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
      h.fields.forEach((name, i) => {
        const norm = normaliseHeader(name);
        if (!known.has(norm)) {
          problems.add({
            line: 1,
            column: i + 1,
            field: name,
            message: `onbekende kolom "${name}"; toegestaan zijn ${[...REQUIRED, ...OPTIONAL].join(', ')}`,
          });
        } else if (!column.has(norm as Column)) column.set(norm as Column, i);
      });
      for (const r of REQUIRED) {
        if (!column.has(r))
          problems.add({ line: 1, field: r, message: `kolom ${r} ontbreekt in de kopregel` });
      }
      problems.throwIfAny();
    },

    row({ line, fields }) {
      const h = header as CsvHeader;
      const at = (c: Column) => {
        const i = column.get(c) as number;
        return { line, column: i + 1, field: h.fields[i] };
      };
      const get = (c: Column) => {
        const i = column.get(c);
        return i === undefined ? '' : (fields[i] ?? '').trim();
      };
      let ok = true;
      const bad = (c: Column, message: string) => {
        problems.add({ ...at(c), message });
        ok = false;
      };

      const code = get('gebiedscode');
      const codeProblem =
        areaCodeProblem(lookup, indelingYear, code) ?? scopeProblem(options.scope, code);
      if (codeProblem) bad('gebiedscode', codeProblem);

      const period = splitProvisional(get('periode'));
      if (!PERIOD.test(period.text))
        bad(
          'periode',
          `onbekende periode "${period.text}"; verwacht bijvoorbeeld 2024, 2024-05, 2024-Q2 of 2023-2024`,
        );

      const indicator = get('indicator');
      if (!INDICATOR.test(indicator)) {
        bad(
          'indicator',
          `ongeldige indicatorcode "${indicator}"; gebruik letters, cijfers, punt, streepje of liggend streepje, beginnend met een letter`,
        );
      } else if (!options.replacesCbs && options.plausibility?.isCbsVariable(indicator)) {
        bad(
          'indicator',
          `${indicator} is een CBS-variabele; een lokaal bestand mag die alleen laden als u aangeeft dat het de CBS-cijfers vervangt (vink "vervangt CBS-cijfers" aan of gebruik --vervangt-cbs)`,
        );
      }

      const value = parseCbsValue(get('waarde'), h.decimalComma);
      if (!value.ok) bad('waarde', value.message);
      const numbers: Partial<Record<'teller' | 'noemer', number | null>> = {};
      for (const c of ['teller', 'noemer'] as const) {
        if (!column.has(c) || get(c) === '') {
          numbers[c] = null;
          continue;
        }
        const parsed = parseCbsValue(get(c), h.decimalComma);
        if (!parsed.ok) bad(c, parsed.message);
        else numbers[c] = parsed.value;
      }
      if (numbers.noemer === 0) bad('noemer', 'noemer is 0; een aandeel met noemer 0 bestaat niet');
      if (value.ok) {
        const impossible = valueProblem(options.plausibility, indicator, value.value);
        if (impossible) bad('waarde', impossible);
      }
      const ratio = ratioProblem(options.plausibility, indicator, numbers.teller, numbers.noemer);
      if (ratio) bad(ratio.column, ratio.message);
      if (
        (numbers.teller === null) !== (numbers.noemer === null) &&
        numbers.teller !== undefined &&
        numbers.noemer !== undefined
      ) {
        bad(
          numbers.teller === null ? 'teller' : 'noemer',
          'geef teller en noemer allebei of geen van beide',
        );
      }

      let status: ObservationStatus | undefined = value.ok ? value.status : undefined;
      const rawStatus = get('status').toLowerCase();
      if (rawStatus !== '') {
        if (!STATUSES.includes(rawStatus as ObservationStatus)) {
          bad('status', `onbekende status "${rawStatus}"; kies ${STATUSES.join(', ')}`);
        } else if (value.ok) {
          status = rawStatus as ObservationStatus;
          if (status === 'geheim' && value.value !== null)
            bad('status', 'status is geheim, maar er staat wel een waarde');
          if (status !== 'geheim' && value.value === null)
            bad('waarde', `waarde ontbreekt, maar de status is ${status}`);
        }
      }
      if (!ok || !value.ok || status === undefined) return;
      if (period.provisional && status === 'definitief') status = 'voorlopig';

      const earlier = duplicates.check(`${indicator}|${code}|${period.text}`, line);
      if (earlier !== undefined) {
        problems.add({
          ...at('gebiedscode'),
          message: `dubbele rij: ${indicator}, ${code}, periode ${period.text} staat al op regel ${earlier} (en nu op regel ${line})`,
        });
        return;
      }
      observations.push({
        variable: indicator,
        indeling_year: indelingYear,
        area_code: code,
        period: period.text,
        value: value.value,
        numerator: numbers.teller ?? null,
        denominator: numbers.noemer ?? null,
        status,
      });
    },
  };

  const finish = ({ rowCount, fileHash }: { rowCount: number; fileHash: string }): ParsedImport => {
    problems.throwIfAny();

    const readingOptions: Record<string, string> = { indelingYear: String(indelingYear), source };
    if (options.encoding !== undefined) readingOptions.encoding = options.encoding;
    if (options.replacesCbs) readingOptions.replacesCbs = 'ja';
    return {
      kind: 'local-csv',
      source,
      tableId: null,
      edition: null,
      title: `Lokale gegevens: ${fileName}`,
      fileName,
      fileHash,
      indelingYear,
      attribution: options.replacesCbs
        ? `Bron: ${source} (vervangt CBS-cijfers)`
        : `Bron: ${source}`,
      options: readingOptions,
      rowCount,
      areas: [],
      observations,
      variables: [],
    };
  };
  return { problems, readOptions, visitor, finish };
}
