import { BadRequestError } from '../../../../shared/errors.ts';
import type { ExportVariable, SurveyDataset } from '../model.ts';
import { utf8Cut } from './byte-writer.ts';

/**
 * The dataset's variables as SPSS sees them: an 8-byte short name beside the long name, a
 * storage width, print format, and the dictionary index (which counts the 8-byte segments of
 * long strings) that value labels and the weight refer to.
 */

/** SPSS allows strings up to 255 bytes without the "very long string" records we do not write. */
export const MAX_STRING_BYTES = 255;
/** Variable labels: SPSS documents at most 255 bytes; value labels at most 120. */
export const MAX_LABEL_BYTES = 255;
export const MAX_VALUE_LABEL_BYTES = 120;

const RESERVED = new Set([
  'ALL',
  'AND',
  'BY',
  'EQ',
  'GE',
  'GT',
  'LE',
  'LT',
  'NE',
  'NOT',
  'OR',
  'TO',
  'WITH',
]);

/** Format type codes of the system file format. */
const FORMAT = { A: 1, F: 5, DATE: 20 } as const;

export interface SavVariable {
  source: ExportVariable;
  longName: string;
  shortName: string;
  /** 0 for numeric, else the string width in bytes (1–255). */
  width: number;
  /** 8-byte units this variable takes in a case. */
  segments: number;
  /** 1-based, counting segments: what value labels and the weight index point at. */
  dictIndex: number;
  format: number;
  label: Buffer;
}

function format(type: number, width: number, decimals: number): number {
  return (type << 16) | (width << 8) | decimals;
}

function checkName(name: string): void {
  const problem =
    Buffer.byteLength(name, 'utf8') > 64
      ? 'is langer dan 64 tekens'
      : !/^[A-Za-z@][A-Za-z0-9_.@#$]*$/.test(name) || name.endsWith('.')
        ? 'is geen geldige SPSS-naam'
        : RESERVED.has(name.toUpperCase())
          ? 'is een gereserveerd woord in SPSS'
          : undefined;
  if (problem) {
    throw new BadRequestError(
      `De variabelenaam "${name}" ${problem}. Geef de vraag of antwoordcode een andere naam.`,
    );
  }
}

/** A unique short name: the first 8 characters, or a shorter stem with a number. */
function shortName(longName: string, taken: Set<string>): string {
  const upper = longName.toUpperCase();
  let candidate = upper.slice(0, 8);
  for (let n = 2; taken.has(candidate); n++) {
    const suffix = String(n);
    candidate = upper.slice(0, 8 - suffix.length) + suffix;
  }
  taken.add(candidate);
  return candidate;
}

function numericFormat(v: ExportVariable): number {
  if (v.storage === 'date') return format(FORMAT.DATE, 11, 0);
  return v.decimals > 0 ? format(FORMAT.F, 12, v.decimals) : format(FORMAT.F, 8, 0);
}

export function savVariables(dataset: SurveyDataset): SavVariable[] {
  const taken = new Set<string>();
  let dictIndex = 1;
  return dataset.variables.map((v, column) => {
    checkName(v.name);
    if (v.storage !== 'string' && v.missingCodes.length > 3) {
      throw new BadRequestError(
        `Variabele "${v.name}" heeft ${v.missingCodes.length} ontbrekende codes; ` +
          'SPSS staat er hoogstens drie toe.',
      );
    }
    let width = 0;
    if (v.storage === 'string') {
      width = 1;
      for (const row of dataset.rows) {
        const value = row[column];
        if (typeof value === 'string') {
          width = Math.max(width, utf8Cut(value, MAX_STRING_BYTES).length);
        }
      }
    }
    const segments = width === 0 ? 1 : Math.ceil(width / 8);
    const sav: SavVariable = {
      source: v,
      longName: v.name,
      shortName: shortName(v.name, taken),
      width,
      segments,
      dictIndex,
      format: width === 0 ? numericFormat(v) : format(FORMAT.A, width, 0),
      label: utf8Cut(v.label, MAX_LABEL_BYTES),
    };
    dictIndex += segments;
    return sav;
  });
}
