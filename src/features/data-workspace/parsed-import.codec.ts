import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ParsedImport, ParsedObservation } from '../imports/index.ts';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** Values decoded between two turns of the event loop. */
const DECODE_CHUNK = 20_000;

type Meta = Omit<ParsedImport, 'observations'>;

interface Header {
  meta: Meta;
  count: number;
  variables: string[];
  areas: string[];
  periods: string[];
  statuses: string[];
}

const NULL_VALUE = 1;
const NULL_NUMERATOR = 2;
const NULL_DENOMINATOR = 4;

/** Lets other requests run: a macrotask turn, not just a microtask. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function indexer() {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(value: string): number {
      let i = index.get(value);
      if (i === undefined) {
        i = list.length;
        list.push(value);
        index.set(value, i);
      }
      return i;
    },
  };
}

/**
 * A parsed file as one compact buffer: a JSON header (provenance, areas, variables and the
 * distinct codes) and the observations as columns. 45 bytes a value instead of a few hundred
 * as objects, and a worker thread can hand it over without copying (transfer).
 */
export function encodeParsedImport(parsed: ParsedImport): Uint8Array {
  const { observations, ...meta } = parsed;
  const n = observations.length;
  const variables = indexer();
  const areas = indexer();
  const periods = indexer();
  const statuses = indexer();
  const value = new Float64Array(n);
  const numerator = new Float64Array(n);
  const denominator = new Float64Array(n);
  const year = new Int32Array(n);
  const variable = new Uint32Array(n);
  const area = new Uint32Array(n);
  const period = new Uint32Array(n);
  const status = new Uint8Array(n);
  const nulls = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = observations[i] as ParsedObservation;
    let flags = 0;
    if (o.value === null || o.value === undefined) flags |= NULL_VALUE;
    else value[i] = o.value;
    if (o.numerator === null || o.numerator === undefined) flags |= NULL_NUMERATOR;
    else numerator[i] = o.numerator;
    if (o.denominator === null || o.denominator === undefined) flags |= NULL_DENOMINATOR;
    else denominator[i] = o.denominator;
    nulls[i] = flags;
    year[i] = o.indeling_year;
    variable[i] = variables.of(o.variable);
    area[i] = areas.of(o.area_code);
    period[i] = periods.of(o.period);
    status[i] = statuses.of(o.status);
  }
  const header: Header = {
    meta,
    count: n,
    variables: variables.list,
    areas: areas.list,
    periods: periods.list,
    statuses: statuses.list,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((4 + headerBytes.length) / 8) * 8;
  const columns = [value, numerator, denominator, year, variable, area, period, status, nulls];
  const total = columns.reduce((sum, c) => sum + c.byteLength, start);
  const out = new Uint8Array(new ArrayBuffer(total));
  new DataView(out.buffer).setUint32(0, headerBytes.length);
  out.set(headerBytes, 4);
  let offset = start;
  for (const c of columns) {
    out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offset);
    offset += c.byteLength;
  }
  return out;
}

/** The stored columns, read one value at a time (a fresh small object per call). */
export interface ParsedColumns {
  meta: Meta;
  observations: { readonly length: number; at(index: number): ParsedObservation | undefined };
}

export function openParsedImport(bytes: Uint8Array): ParsedColumns {
  // Typed arrays need aligned offsets: work on an own copy that starts at offset 0.
  const buf =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes
      : new Uint8Array(bytes);
  const headerLength = new DataView(buf.buffer).getUint32(0);
  const header = JSON.parse(Buffer.from(buf.buffer, 4, headerLength).toString('utf8')) as Header;
  const n = header.count;
  let offset = Math.ceil((4 + headerLength) / 8) * 8;
  const take = <T>(make: (b: ArrayBuffer, o: number, l: number) => T, size: number): T => {
    const column = make(buf.buffer as ArrayBuffer, offset, n);
    offset += n * size;
    return column;
  };
  const value = take((b, o, l) => new Float64Array(b, o, l), 8);
  const numerator = take((b, o, l) => new Float64Array(b, o, l), 8);
  const denominator = take((b, o, l) => new Float64Array(b, o, l), 8);
  const year = take((b, o, l) => new Int32Array(b, o, l), 4);
  const variable = take((b, o, l) => new Uint32Array(b, o, l), 4);
  const area = take((b, o, l) => new Uint32Array(b, o, l), 4);
  const period = take((b, o, l) => new Uint32Array(b, o, l), 4);
  const status = take((b, o, l) => new Uint8Array(b, o, l), 1);
  const nulls = take((b, o, l) => new Uint8Array(b, o, l), 1);
  const at = (i: number): ParsedObservation | undefined => {
    if (i < 0 || i >= n) return undefined;
    const flags = nulls[i] as number;
    return {
      variable: header.variables[variable[i] as number] as string,
      indeling_year: year[i] as number,
      area_code: header.areas[area[i] as number] as string,
      period: header.periods[period[i] as number] as string,
      value: flags & NULL_VALUE ? null : (value[i] as number),
      numerator: flags & NULL_NUMERATOR ? null : (numerator[i] as number),
      denominator: flags & NULL_DENOMINATOR ? null : (denominator[i] as number),
      status: header.statuses[status[i] as number] as ParsedObservation['status'],
    };
  };
  return { meta: header.meta, observations: { length: n, at } };
}

/** Back to a ParsedImport (for the import itself), a chunk of values per turn of the loop. */
export async function decodeParsedImport(bytes: Uint8Array): Promise<ParsedImport> {
  const { meta, observations: columns } = openParsedImport(bytes);
  const observations: ParsedObservation[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    if (i > 0 && i % DECODE_CHUNK === 0) await yieldToLoop();
    observations[i] = columns.at(i) as ParsedObservation;
  }
  return { ...meta, observations };
}

/** What is stored: the encoded file, gzipped (on the thread pool, not the event loop). */
export async function packResult(encoded: Uint8Array): Promise<Buffer> {
  return gzip(encoded, { level: 1 });
}

export async function unpackResult(stored: Buffer): Promise<ParsedImport> {
  return decodeParsedImport(await gunzip(stored));
}
