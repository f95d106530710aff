import type { SurveyDataset } from '../model.ts';
import { ByteWriter, utf8Cut } from './byte-writer.ts';
import {
  MAX_LABEL_BYTES,
  MAX_STRING_BYTES,
  MAX_VALUE_LABEL_BYTES,
  savVariables,
  type SavVariable,
} from './sav-variables.ts';

/**
 * An SPSS system file (.sav), uncompressed, little-endian, UTF-8, written after PSPP's
 * description of the format ("System File Format"). Why we write it ourselves:
 * docs/adr/0009-spss-sav-writer.md. Records, in the required order: header, variable records,
 * value labels (3 + 4), document (6), machine integer info (7.3), machine floating-point info
 * (7.4), multiple response sets (7.7), variable display parameters (7.11), long variable names (7.13), character encoding
 * (7.20), dictionary termination (999), then the cases.
 */

/** PSPP's and SPSS's system-missing value, and the HIGHEST and LOWEST of missing ranges. */
const SYSMIS = -Number.MAX_VALUE;
const HIGHEST = Number.MAX_VALUE;
const LOWEST = Buffer.from('feffffffffffefff', 'hex').readDoubleLE(0);

/** Seconds from the SPSS date origin, 14 October 1582, to 1 January 1970. */
const SPSS_EPOCH_OFFSET_S = -Date.UTC(1582, 9, 14) / 1000;

const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface SavOptions {
  /** Creation time written into the header. */
  now?: Date;
}

/** `2026-11-14` as SPSS date value: seconds since 14 October 1582. */
export function spssDate(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 1000 + SPSS_EPOCH_OFFSET_S;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const two = (n: number) => String(n).padStart(2, '0');

function header(out: ByteWriter, dataset: SurveyDataset, vars: SavVariable[], now: Date): void {
  const caseSize = vars.reduce((sum, v) => sum + v.segments, 0);
  const weight = vars.find((v) => v.longName === dataset.weightVariable);
  out
    .bytes(ascii('$FL2'))
    .padded(ascii('@(#) SPSS DATA FILE Wijkkompas'), 60)
    .int32(2)
    .int32(caseSize)
    .int32(0)
    .int32(weight ? weight.dictIndex : 0)
    .int32(dataset.rows.length)
    .float64(100)
    .padded(
      ascii(
        `${two(now.getUTCDate())} ${MONTHS[now.getUTCMonth()]} ${two(now.getUTCFullYear() % 100)}`,
      ),
      9,
    )
    .padded(
      ascii(`${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`),
      8,
    )
    .padded(utf8Cut(dataset.title, 64), 64)
    .padded(Buffer.alloc(0), 3, 0);
}

function variableRecords(out: ByteWriter, vars: SavVariable[]): void {
  for (const v of vars) {
    const missing = v.width === 0 ? v.source.missingCodes : [];
    out
      .int32(2)
      .int32(v.width)
      .int32(1)
      .int32(missing.length)
      .int32(v.format)
      .int32(v.format)
      .padded(ascii(v.shortName), 8)
      .int32(v.label.length)
      .aligned(v.label, 4);
    for (const code of missing) out.float64(code);
    // A string wider than 8 bytes continues in records of type -1, one per further 8 bytes.
    for (let s = 1; s < v.segments; s++) {
      out.int32s([2, -1, 0, 0, 0, 0]).padded(Buffer.alloc(0), 8);
    }
  }
}

function valueLabelRecords(out: ByteWriter, vars: SavVariable[]): void {
  for (const v of vars) {
    if (v.width !== 0 || v.source.valueLabels.length === 0) continue;
    out.int32(3).int32(v.source.valueLabels.length);
    for (const { code, label } of v.source.valueLabels) {
      const text = utf8Cut(label, MAX_VALUE_LABEL_BYTES);
      out.float64(code);
      // The length byte and the label together fill a multiple of 8 bytes.
      out.aligned(Buffer.concat([Buffer.from([text.length]), text]), 8);
    }
    out.int32(4).int32(1).int32(v.dictIndex);
  }
}

function documentRecord(out: ByteWriter, dataset: SurveyDataset): void {
  const lines = [
    `Wijkkompas-export van vragenlijst ${dataset.key}, versies ${dataset.versions.join(', ')}.`,
    'Ontbrekend (systeem): niet gesteld, niet beantwoord of niet in deze versie.',
  ];
  out.int32(6).int32(lines.length);
  for (const line of lines) out.padded(utf8Cut(line, 80), 80);
}

function extension(out: ByteWriter, subtype: number, size: number, data: Buffer): void {
  out
    .int32(7)
    .int32(subtype)
    .int32(size)
    .int32(data.length / size)
    .bytes(data);
}

/**
 * Each multiple-choice question as a multiple dichotomy set counting the value 1, so SPSS and
 * PSPP (MRSETS, CTABLES) can tabulate the 0/1 columns as one question.
 */
function multipleResponseSets(vars: SavVariable[]): Buffer {
  const sets = new Map<string, { label: string; names: string[] }>();
  for (const v of vars) {
    const q = v.source.question;
    if (v.source.kind !== 'multiple_choice' || !q) continue;
    const set = sets.get(q.name) ?? { label: q.text, names: [] };
    set.names.push(v.shortName.toLowerCase());
    sets.set(q.name, set);
  }
  const lines = [...sets].map(([name, set]) => {
    const label = utf8Cut(set.label, MAX_LABEL_BYTES).toString('utf8');
    const bytes = Buffer.byteLength(label, 'utf8');
    return `$${name}=D1 1 ${bytes} ${label} ${set.names.join(' ')}\n`;
  });
  return Buffer.from(lines.join(''), 'utf8');
}

function extensionRecords(out: ByteWriter, vars: SavVariable[]): void {
  const ints = new ByteWriter().int32s([1, 0, 0, -1, 1, 1, 2, 65001]).toBuffer();
  extension(out, 3, 4, ints);
  const floats = new ByteWriter().float64(SYSMIS).float64(HIGHEST).float64(LOWEST).toBuffer();
  extension(out, 4, 8, floats);
  const sets = multipleResponseSets(vars);
  if (sets.length > 0) extension(out, 7, 1, sets);
  const display = new ByteWriter();
  for (const v of vars) {
    const columns = v.width === 0 ? 8 : Math.min(Math.max(v.width, 8), 40);
    display.int32s([MEASURE[v.source.measure], columns, v.width === 0 ? 1 : 0]);
  }
  extension(out, 11, 4, display.toBuffer());
  const names = vars.map((v) => `${v.shortName}=${v.longName}`).join('\t');
  extension(out, 13, 1, Buffer.from(names, 'utf8'));
  extension(out, 20, 1, ascii('UTF-8'));
  out.int32(999).int32(0);
}

/** One buffer per case, filled in place: a chunk per value would cost a million small buffers. */
function cases(out: ByteWriter, dataset: SurveyDataset, vars: SavVariable[]): void {
  const caseBytes = vars.reduce((sum, v) => sum + v.segments * 8, 0);
  for (const row of dataset.rows) {
    const buf = Buffer.alloc(caseBytes, 0x20);
    let at = 0;
    vars.forEach((v, column) => {
      const value = row[column] ?? null;
      if (v.width > 0) {
        if (typeof value === 'string') utf8Cut(value, MAX_STRING_BYTES).copy(buf, at);
      } else if (value === null) {
        buf.writeDoubleLE(SYSMIS, at);
      } else if (v.source.storage === 'date') {
        buf.writeDoubleLE(spssDate(String(value)), at);
      } else {
        buf.writeDoubleLE(Number(value), at);
      }
      at += v.segments * 8;
    });
    out.bytes(buf);
  }
}

/** The dataset as an SPSS system file; open text longer than 255 bytes is cut there. */
export function toSav(dataset: SurveyDataset, options: SavOptions = {}): Buffer {
  const vars = savVariables(dataset);
  const out = new ByteWriter();
  header(out, dataset, vars, options.now ?? new Date());
  variableRecords(out, vars);
  valueLabelRecords(out, vars);
  documentRecord(out, dataset);
  extensionRecords(out, vars);
  cases(out, dataset, vars);
  return out.toBuffer();
}
