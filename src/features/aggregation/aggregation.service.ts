import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../shared/errors.ts';
import {
  findIndicator,
  measureVariables,
  type Catalogue,
  type Indicator,
} from '../indicators/index.ts';
import {
  databaseSource,
  type LoadedVariablePeriod,
  type ObservationSource,
} from './observation-source.ts';
import {
  aggregate,
  aggregateColumns,
  type AggregateResult,
  type AreaColumn,
  type ExclusionReason,
} from './aggregate.ts';

type Q = Kysely<Database>;

const INHABITANTS = 'AantalInwoners';

export interface IndicatorAggregate extends Omit<AggregateResult, 'status'> {
  indicatorKey: string;
  period: string;
  /** The indeling year the buurt codes are in (the focus-area version's year). */
  indelingYear: number;
  /** Where a variable was read from another indeling year via the crosswalk. */
  dataIndelingYears: Record<string, number>;
  status: AggregateResult['status'] | 'nog niet geladen';
  /** For a survey result: the 95% interval, answers counted and effective n after weighting. */
  survey?: { lower: number; upper: number; n: number; effectiveN: number };
}

function notLoaded(
  indicator: Indicator,
  period: string,
  indelingYear: number,
  codes: readonly string[],
): IndicatorAggregate {
  return {
    indicatorKey: indicator.key,
    period,
    indelingYear,
    dataIndelingYears: {},
    status: 'nog niet geladen',
    value: null,
    flags: [],
    includedCodes: [],
    excluded: codes.map((code) => ({ code, inhabitants: null, reason: 'ontbreekt' as const })),
    note: 'Voor deze periode zijn de gegevens nog niet geladen.',
  };
}

/** Indeling years per variable and period, built once per list (a snapshot keeps its list). */
const yearsIndex = new WeakMap<readonly LoadedVariablePeriod[], Map<string, number[]>>();

function yearsOf(loaded: readonly LoadedVariablePeriod[]): Map<string, number[]> {
  let index = yearsIndex.get(loaded);
  if (!index) {
    index = new Map();
    for (const r of loaded) {
      const key = `${r.variable}\u0000${r.period}`;
      const years = index.get(key);
      if (years) years.push(r.indeling_year);
      else index.set(key, [r.indeling_year]);
    }
    yearsIndex.set(loaded, index);
  }
  return index;
}

/**
 * For each variable: the indeling year its observations for `period` are in. The buurten's own
 * year wins; otherwise the nearest year that has the variable (translated via the crosswalk).
 */
async function pickDataYears(
  source: ObservationSource,
  variables: readonly string[],
  period: string,
  targetYear: number,
): Promise<Map<string, number>> {
  const index = yearsOf(await source.loadedVariablePeriods());
  const out = new Map<string, number>();
  for (const variable of variables) {
    const years = index.get(`${variable}\u0000${period}`) ?? [];
    if (years.length === 0) continue;
    if (years.includes(targetYear)) out.set(variable, targetYear);
    else
      out.set(
        variable,
        [...years].sort(
          (a, b) => Math.abs(a - targetYear) - Math.abs(b - targetYear) || b - a,
        )[0] as number,
      );
  }
  return out;
}

type Translation = { map: Map<string, string>; failed: Set<string> };

/**
 * Translations per source: a snapshot never changes, and one profile asks for the same sets of
 * buurten (the area, the rest of the municipality, all buurten) for every indicator and period.
 * Callers only read the result.
 */
const translations = new WeakMap<ObservationSource, Map<string, Promise<Translation>>>();
const MAX_TRANSLATIONS_PER_SOURCE = 5000;

function translateCodes(
  source: ObservationSource,
  codes: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<Translation> {
  let bySet = translations.get(source);
  if (!bySet) translations.set(source, (bySet = new Map()));
  const key = `${fromYear}\u0000${toYear}\u0000${listKey(codes)}`;
  let found = bySet.get(key);
  if (!found) {
    if (bySet.size >= MAX_TRANSLATIONS_PER_SOURCE) bySet.clear();
    found = translate(source, codes, fromYear, toYear);
    bySet.set(key, found);
    found.catch(() => bySet.delete(key));
  }
  return found;
}

/**
 * Maps each buurt code of `fromYear` to its code in `toYear`. Only 1:1 translations (identity or
 * recode with weight 1) are used; splits and merges are not apportioned but reported, because
 * dividing a count by area would be filling in figures CBS never published.
 */
async function translate(
  source: ObservationSource,
  codes: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<Translation> {
  const map = new Map<string, string>();
  const failed = new Set<string>();
  if (fromYear === toYear) {
    for (const c of codes) map.set(c, c);
    return { map, failed };
  }
  const forward = await source.crosswalk(fromYear, toYear, codes);
  const byFrom = new Map<string, typeof forward>();
  for (const row of forward) byFrom.set(row.from_code, [...(byFrom.get(row.from_code) ?? []), row]);
  // Reverse rows (toYear → fromYear) can also prove a 1:1 link, e.g. an identity crosswalk
  // seeded only in one direction.
  const missing = codes.filter((c) => !byFrom.has(c));
  const reverse = missing.length > 0 ? await source.crosswalk(toYear, fromYear, missing) : [];
  const byTo = new Map<string, typeof reverse>();
  for (const row of reverse) byTo.set(row.to_code, [...(byTo.get(row.to_code) ?? []), row]);

  const targets = new Map<string, number>();
  for (const code of codes) {
    const fw = byFrom.get(code);
    const rv = byTo.get(code);
    let target: string | undefined;
    if (fw && fw.length === 1 && Math.abs(Number(fw[0]?.weight) - 1) < 1e-9)
      target = fw[0]?.to_code;
    else if (!fw && rv && rv.length === 1 && Math.abs(Number(rv[0]?.weight) - 1) < 1e-9)
      target = rv[0]?.from_code;
    if (target === undefined) failed.add(code);
    else {
      map.set(code, target);
      targets.set(target, (targets.get(target) ?? 0) + 1);
    }
  }
  // Two buurten pointing at one target would count its value twice.
  for (const [code, target] of map) {
    if ((targets.get(target) ?? 0) > 1) {
      map.delete(code);
      failed.add(code);
    }
  }
  return { map, failed };
}

interface Collected {
  /** Per variable: value and status per buurt code of the target year. */
  columns: Map<string, AreaColumn>;
  unreadable: Map<string, ExclusionReason>;
  dataYears: Map<string, number>;
  found: Set<string>;
}

/** Reads every variable for the buurten (codes of `targetYear`), translating where needed. */
async function collect(
  source: ObservationSource,
  variables: readonly string[],
  measureVars: readonly string[],
  codes: readonly string[],
  targetYear: number,
  period: string,
): Promise<Collected> {
  const columns = new Map<string, AreaColumn>();
  const unreadable = new Map<string, ExclusionReason>();
  const dataYears = await pickDataYears(source, variables, period, targetYear);
  const found = new Set<string>();

  const byYear = new Map<number, string[]>();
  for (const [variable, year] of dataYears) {
    const vars = byYear.get(year);
    if (vars) vars.push(variable);
    else byYear.set(year, [variable]);
  }

  for (const [year, vars] of byYear) {
    // The buurten's own year (the usual case) needs no translation: the source's columns are
    // used as they are.
    if (year === targetYear) {
      const read = await source.values(vars, year, period, codes);
      for (const [variable, column] of read) {
        columns.set(variable, column);
        if (codes.some((code) => column.get(code) !== undefined)) found.add(variable);
      }
      continue;
    }
    const { map, failed } = await translateCodes(source, codes, targetYear, year);
    const read = await source.values(vars, year, period, [...map.values()]);
    for (const [variable, column] of read) {
      // The column seen through the translation: a buurt's value is its translated code's.
      const own: AreaColumn = {
        get: (code) => {
          const translated = map.get(code);
          return translated === undefined ? undefined : column.get(translated);
        },
      };
      columns.set(variable, own);
      for (const code of map.keys()) {
        if (own.get(code) !== undefined) {
          found.add(variable);
          break;
        }
      }
    }
    // A buurt is unreadable only when a variable the rule needs cannot be translated; the
    // inhabitants read for the disclosure text alone do not count.
    if (vars.some((v) => measureVars.includes(v)))
      for (const code of failed) unreadable.set(code, 'indeling gewijzigd');
  }
  return { columns, unreadable, dataYears, found };
}

/** A buurt's inhabitants in a column, unless missing or secret. */
function inhabitantsIn(column: AreaColumn | undefined, code: string): number | null {
  const v = column?.get(code);
  return v && v.value !== null && v.status !== 'geheim' ? v.value : null;
}

/**
 * Inhabitants of left-out buurten that have none in this period, for the disclosure text: the
 * nearest earlier period loaded, else the nearest later one.
 */
async function inhabitantsElsewhen(
  source: ObservationSource,
  codes: readonly string[],
  year: number,
  period: string,
): Promise<Map<string, number>> {
  const rows = await source.observations({
    variables: [INHABITANTS],
    indelingYear: year,
    areaCodes: codes,
  });
  const best = new Map<string, { period: string; value: number }>();
  for (const row of rows) {
    if (row.value === null || row.status === 'geheim') continue;
    const current = best.get(row.area_code);
    // Prefer the nearest earlier period, then any later one.
    const better =
      !current ||
      (row.period <= period && (current.period > period || row.period > current.period)) ||
      (row.period > period && current.period > period && row.period < current.period);
    if (better) best.set(row.area_code, { period: row.period, value: Number(row.value) });
  }
  return new Map([...best].map(([code, b]) => [code, b.value]));
}

function requireIndicator(catalogue: Catalogue, key: string): Indicator {
  const indicator = findIndicator(catalogue, key);
  if (!indicator) throw new NotFoundError(`Indicator "${key}" staat niet in de catalogus.`);
  return indicator;
}

export interface AggregateInput {
  indicatorKey: string;
  buurtCodes: readonly string[];
  indelingYear: number;
  period: string;
}

/**
 * The codes without repeats, remembered per list: a profile passes the same lists (the area, the
 * rest of the municipality, all buurten) for every indicator and period. Lists are not changed
 * after they are handed in.
 */
const distinctLists = new WeakMap<readonly string[], readonly string[]>();

function distinct(codes: readonly string[]): readonly string[] {
  let found = distinctLists.get(codes);
  if (!found) distinctLists.set(codes, (found = [...new Set(codes)]));
  return found;
}

const listKeys = new WeakMap<readonly string[], string>();

/** A list of codes as a memo key, joined once per list (see distinct). */
export function listKey(codes: readonly string[]): string {
  let key = listKeys.get(codes);
  if (key === undefined) listKeys.set(codes, (key = codes.join(',')));
  return key;
}

/** One indicator over any set of buurten of one indeling year, for one period. */
export async function aggregateIndicator(
  db: Q,
  catalogue: Catalogue,
  input: AggregateInput,
): Promise<IndicatorAggregate> {
  return aggregateIndicatorFrom(databaseSource(db), catalogue, input);
}

/** As aggregateIndicator, reading from any source (the database or an in-memory snapshot). */
export async function aggregateIndicatorFrom(
  source: ObservationSource,
  catalogue: Catalogue,
  input: AggregateInput,
): Promise<IndicatorAggregate> {
  const indicator = requireIndicator(catalogue, input.indicatorKey);
  const codes = distinct(input.buurtCodes);
  const variables = measureVariables(indicator.measure);
  if (variables.length === 0) {
    const result = aggregate(indicator.measure, new Map());
    return {
      ...result,
      indicatorKey: indicator.key,
      period: input.period,
      indelingYear: input.indelingYear,
      dataIndelingYears: {},
    };
  }
  const wanted = variables.includes(INHABITANTS) ? variables : [...variables, INHABITANTS];
  const collected = await collect(
    source,
    wanted,
    variables,
    codes,
    input.indelingYear,
    input.period,
  );
  if (!variables.some((v) => collected.found.has(v))) {
    return notLoaded(indicator, input.period, input.indelingYear, codes);
  }
  const inhabitantsColumn = collected.columns.get(INHABITANTS);
  const result = aggregateColumns(indicator.measure, codes, collected.columns, {
    inhabitants: { get: (code) => inhabitantsIn(inhabitantsColumn, code) },
    unreadable: collected.unreadable,
    ...(indicator.suppression.minBase !== undefined
      ? { minBase: indicator.suppression.minBase }
      : {}),
  });
  const unknown = result.excluded.filter((e) => e.inhabitants === null).map((e) => e.code);
  if (unknown.length > 0) {
    const elsewhen = await inhabitantsElsewhen(source, unknown, input.indelingYear, input.period);
    for (const e of result.excluded) e.inhabitants ??= elsewhen.get(e.code) ?? null;
  }
  const dataIndelingYears: Record<string, number> = {};
  for (const [variable, year] of collected.dataYears) {
    if (variables.includes(variable)) dataIndelingYears[variable] = year;
  }
  return {
    ...result,
    indicatorKey: indicator.key,
    period: input.period,
    indelingYear: input.indelingYear,
    dataIndelingYears,
  };
}
