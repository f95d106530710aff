import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  findDatasetByFingerprint,
  findObservations,
  type Dataset,
  type ObservationWithProvenance,
} from '../datasets/index.ts';
import {
  fingerprintOf,
  largeChange,
  type ParsedImport,
  type ParsedObservation,
} from '../imports/index.ts';
import { yieldToLoop } from './parsed-import.codec.ts';

/**
 * The values of a parsed file: an array, or the stored columns read one value at a time
 * (parsed-import.codec.ts), so a big file is compared without a million objects on the heap.
 */
export interface ObservationList {
  readonly length: number;
  at(index: number): ParsedObservation | undefined;
}

/** Values handled between two turns of the event loop: a big file never blocks other requests. */
const YIELD_EVERY = 20_000;

type Q = Kysely<Database>;

// Kept well below SQLite's and PostgreSQL's bound-parameter limits (variables × areas in one IN).
const AREA_CHUNK = 500;
const VARIABLE_CHUNK = 200;
export const SAMPLE_SIZE = 25;

export interface VariableChange {
  variable: string;
  title: string | null;
  added: number;
  changed: number;
  unchanged: number;
}

export interface ValueChange {
  variable: string;
  areaCode: string;
  period: string;
  before: number | null;
  beforeStatus: string;
  after: number | null;
  afterStatus: string;
}

export interface LargeChange {
  variable: string;
  areaCode: string;
  period: string;
  /** "122.070 → 5: −100%" */
  text: string;
}

/** What confirming an import would change in the monitor. */
export interface ImportPreview {
  rows: number;
  observations: number;
  /** Distinct area codes with a value in the file. */
  areaCount: number;
  /** Areas (outlines and names) the file defines, PDOK only. */
  areaDefinitions: number;
  periods: string[];
  indelingYears: number[];
  variables: VariableChange[];
  totals: { added: number; changed: number; unchanged: number };
  /** The first SAMPLE_SIZE changed values, before → after. */
  samples: ValueChange[];
  /** Changes of more than 25 % in words ("122.070 → 5: −100%"), the first SAMPLE_SIZE. */
  largeChanges: LargeChange[];
  /** How many values change by more than 25 %. */
  largeChangeCount: number;
  /** The dataset with the same fingerprint: this file with these options was loaded before. */
  alreadyLoaded: Dataset | undefined;
}

function key(variable: string, areaCode: string, period: string): string {
  return `${variable}\u0000${areaCode}\u0000${period}`;
}

function same(a: ObservationWithProvenance, b: ParsedObservation): boolean {
  return (
    (a.value ?? null) === (b.value ?? null) &&
    (a.numerator ?? null) === (b.numerator ?? null) &&
    (a.denominator ?? null) === (b.denominator ?? null) &&
    a.status === b.status
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What the monitor shows now for every key of the file, read the way the monitor reads it
 * (findObservations: active datasets, newest import wins). Chunked by area and variable; a key
 * lies in exactly one chunk, so the newest-wins choice per key stays correct.
 */
async function currentValues(
  db: Q,
  observations: ObservationList,
): Promise<Map<string, ObservationWithProvenance>> {
  const byYear = new Map<number, { variables: Set<string>; areas: Set<string> }>();
  for (let i = 0; i < observations.length; i++) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    const o = observations.at(i) as ParsedObservation;
    let entry = byYear.get(o.indeling_year);
    if (!entry) byYear.set(o.indeling_year, (entry = { variables: new Set(), areas: new Set() }));
    entry.variables.add(o.variable);
    entry.areas.add(o.area_code);
  }
  const current = new Map<string, ObservationWithProvenance>();
  for (const [indelingYear, { variables, areas }] of byYear) {
    for (const variablePart of chunks([...variables], VARIABLE_CHUNK)) {
      for (const areaPart of chunks([...areas], AREA_CHUNK)) {
        const found = await findObservations(db, {
          variables: variablePart,
          indelingYear,
          areaCodes: areaPart,
        });
        for (const row of found) {
          current.set(`${indelingYear}\u0000${key(row.variable, row.area_code, row.period)}`, row);
        }
      }
    }
  }
  return current;
}

/**
 * Compares a parsed file with what the monitor shows now, per variable: values that are new,
 * that would change, and that stay the same. Reads only; nothing is written.
 */
export async function previewImport(
  db: Q,
  parsed: Omit<ParsedImport, 'observations'> & { observations: ObservationList },
): Promise<ImportPreview> {
  const current = await currentValues(db, parsed.observations);
  const titles = new Map(parsed.variables.map((v) => [v.stem, v.title]));
  const perVariable = new Map<string, VariableChange>();
  const samples: ValueChange[] = [];
  const largeChanges: LargeChange[] = [];
  let largeChangeCount = 0;
  const periods = new Set<string>();
  const areas = new Set<string>();
  const years = new Set<number>();
  const totals = { added: 0, changed: 0, unchanged: 0 };
  for (let i = 0; i < parsed.observations.length; i++) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
    const o = parsed.observations.at(i) as ParsedObservation;
    periods.add(o.period);
    areas.add(o.area_code);
    years.add(o.indeling_year);
    let change = perVariable.get(o.variable);
    if (!change) {
      change = {
        variable: o.variable,
        title: titles.get(o.variable) ?? null,
        added: 0,
        changed: 0,
        unchanged: 0,
      };
      perVariable.set(o.variable, change);
    }
    const now = current.get(`${o.indeling_year}\u0000${key(o.variable, o.area_code, o.period)}`);
    if (!now) {
      change.added += 1;
      totals.added += 1;
    } else if (same(now, o)) {
      change.unchanged += 1;
      totals.unchanged += 1;
    } else {
      change.changed += 1;
      totals.changed += 1;
      const large = largeChange(now.value === null ? null : Number(now.value), o.value ?? null);
      if (large) {
        largeChangeCount += 1;
        if (largeChanges.length < SAMPLE_SIZE) {
          largeChanges.push({
            variable: o.variable,
            areaCode: o.area_code,
            period: o.period,
            text: large,
          });
        }
      }
      if (samples.length < SAMPLE_SIZE) {
        samples.push({
          variable: o.variable,
          areaCode: o.area_code,
          period: o.period,
          before: now.value,
          beforeStatus: now.status,
          after: o.value ?? null,
          afterStatus: o.status,
        });
      }
    }
  }
  return {
    rows: parsed.rowCount,
    observations: parsed.observations.length,
    areaCount: areas.size,
    areaDefinitions: parsed.areas.length,
    periods: [...periods].sort(),
    indelingYears: [...years].sort((a, b) => a - b),
    variables: [...perVariable.values()].sort((a, b) => a.variable.localeCompare(b.variable)),
    totals,
    samples,
    largeChanges,
    largeChangeCount,
    alreadyLoaded: await findDatasetByFingerprint(db, fingerprintOf(parsed)),
  };
}
