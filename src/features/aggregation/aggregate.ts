import type { ObservationStatus } from '../datasets/index.ts';
import { stemList, type Measure } from '../indicators/index.ts';

/**
 * Aggregating buurten into one area (a focus area or any custom selection), by the rules in
 * DESIGN.md: counts add up, rates are Σ numerator / Σ denominator, published percentages are
 * weighted back with their CBS base, medians are not aggregated. Percentages are never averaged.
 * Suppressed buurten are left out and said, never filled in.
 */

export interface AreaValue {
  value: number | null;
  status: ObservationStatus;
}

/** Per buurt code: the values of the variables the measure needs, by stem. */
export type ObservationsByArea = ReadonlyMap<
  string,
  Readonly<Record<string, AreaValue | undefined>>
>;

export type AggregateFlag =
  /** Reconstructed from published percentages and their base. */
  | 'herberekend'
  /** The weight is a proxy for the real base, so the result approximates. */
  | 'benadering'
  /** Built from model estimates (RIVM, Leefbaarometer). */
  | 'gemodelleerd'
  /** At least one counted value is provisional. */
  | 'voorlopig'
  /** At least one counted value is an estimate by the publisher. */
  | 'geschat';

export type ExclusionReason =
  /** The publisher suppressed the value (null, ".", -99999999, status geheim). */
  | 'geheim'
  /** No value at all for this buurt and period. */
  | 'ontbreekt'
  /** The publisher says the figure cannot exist for this buurt (status niet van toepassing). */
  | 'niet van toepassing'
  /** The buurt cannot be translated 1:1 to the indeling of the data. */
  | 'indeling gewijzigd';

export interface Exclusion {
  code: string;
  /** Inhabitants of the left-out buurt where known (AantalInwoners), for the disclosure text. */
  inhabitants: number | null;
  reason: ExclusionReason;
}

export type AggregateStatus =
  | 'berekend'
  /** Median: not aggregatable, only the range over buurten. */
  | 'bereik'
  | 'onvoldoende data'
  /** Survey proportions are computed by the survey engine from weighted microdata. */
  | 'uit enquête';

export interface AggregateResult {
  status: AggregateStatus;
  /** Null unless status is 'berekend'; never a stand-in zero. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  flags: AggregateFlag[];
  includedCodes: string[];
  excluded: Exclusion[];
  range?: { min: number; max: number; minCode: string; maxCode: string };
  /** Why there is no value, in Dutch, when status is 'onvoldoende data'. */
  note?: string;
}

export interface AggregateOptions {
  /** AantalInwoners per buurt, used to say how many people the left-out buurten hold. */
  inhabitants?: { get(code: string): number | null | undefined };
  /** No value when the summed base (denominator) is below this (catalogue suppression.minBase). */
  minBase?: number;
  /** Buurten that could not be read at all, with the reason (e.g. crosswalk problems). */
  unreadable?: ReadonlyMap<string, ExclusionReason>;
}

/** Value and status per buurt code (a Map, or a view through a translation of codes). */
export interface AreaColumn {
  get(code: string): AreaValue | undefined;
}

/** Per variable (stem): one column. A column may hold more codes than are aggregated. */
export type AreaColumns = ReadonlyMap<string, AreaColumn>;

/** The stems a measure reads per buurt, in order; for a ratio the numerator's come first. */
function stemsOf(measure: Exclude<Measure, { type: 'survey_proportion' }>): string[] {
  switch (measure.type) {
    case 'count':
    case 'median':
      return [measure.variable];
    case 'ratio':
      return [...stemList(measure.numerator), ...stemList(measure.denominator)];
    default:
      return [measure.variable, measure.base];
  }
}

/** The same observations per variable instead of per buurt (the form aggregateColumns reads). */
function toColumns(observationsByArea: ObservationsByArea): AreaColumns {
  const columns = new Map<string, Map<string, AreaValue>>();
  for (const [code, row] of observationsByArea) {
    for (const [stem, value] of Object.entries(row)) {
      if (!value) continue;
      let column = columns.get(stem);
      if (!column) columns.set(stem, (column = new Map()));
      column.set(code, value);
    }
  }
  return columns;
}

export function aggregate(
  measure: Measure,
  observationsByArea: ObservationsByArea,
  options: AggregateOptions = {},
): AggregateResult {
  return aggregateColumns(
    measure,
    [...observationsByArea.keys()],
    toColumns(observationsByArea),
    options,
  );
}

/**
 * As aggregate, over the buurten `codes` with the observations per variable. One pass over the
 * buurten without allocating per buurt: a profile page runs this a few hundred times.
 */
export function aggregateColumns(
  measure: Measure,
  codes: readonly string[],
  columns: AreaColumns,
  options: AggregateOptions = {},
): AggregateResult {
  if (measure.type === 'survey_proportion') {
    return {
      status: 'uit enquête',
      value: null,
      flags: [],
      includedCodes: [],
      excluded: [],
      note: 'Dit cijfer wordt berekend uit de antwoorden op de bewonersenquête, met weging en betrouwbaarheidsmarge.',
    };
  }

  const included: string[] = [];
  const excluded: Exclusion[] = [];
  const stems = stemsOf(measure);
  const stemColumns = stems.map((stem) => columns.get(stem));
  // A published share that also has a count: an area with the count uses it (count, base)
  // instead of the percentage, so no reconstruction is needed there.
  const countColumn =
    measure.type === 'share_published' && measure.count !== undefined
      ? columns.get(measure.count)
      : undefined;
  const countColumns = countColumn ? [countColumn, stemColumns[1]] : undefined;
  let fromPercentage = false;
  // A ratio adds its numerator stems into `a` and its denominator stems into `b`; a count or
  // median has `a` alone (b = 1); the others have the value in `a` and its base in `b`.
  const numeratorStems = measure.type === 'ratio' ? stemList(measure.numerator).length : 1;
  const single = measure.type === 'count' || measure.type === 'median';
  let voorlopig = false;
  let geschat = false;
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  let minA = 0;
  let minCode = '';
  let maxA = 0;
  let maxCode = '';

  for (const code of codes) {
    let reason: ExclusionReason | undefined = options.unreadable?.get(code);
    let a = 0;
    let b = 0;
    let buurtVoorlopig = false;
    let buurtGeschat = false;
    const byCount = countColumns !== undefined && countColumn?.get(code) !== undefined;
    const readColumns = byCount ? (countColumns as (AreaColumn | undefined)[]) : stemColumns;
    if (!reason) {
      for (let i = 0; i < readColumns.length; i++) {
        const obs = readColumns[i]?.get(code);
        if (!obs) {
          reason ??= 'ontbreekt';
          continue;
        }
        if (obs.status === 'niet van toepassing') {
          reason ??= 'niet van toepassing';
          continue;
        }
        if (obs.status === 'geheim' || obs.value === null || !Number.isFinite(obs.value)) {
          reason = 'geheim';
          continue;
        }
        if (obs.status === 'voorlopig') buurtVoorlopig = true;
        else if (obs.status === 'geschat') buurtGeschat = true;
        if (measure.type === 'ratio') {
          if (i < numeratorStems) a += obs.value;
          else b += obs.value;
        } else if (i === 0) a = obs.value;
        else b = obs.value;
      }
    }
    if (reason) {
      excluded.push({ code, inhabitants: options.inhabitants?.get(code) ?? null, reason });
      continue;
    }
    if (single) b = 1;
    // The count as a percentage of its base, so the sums below stay Σ(% × base) / Σ base.
    if (byCount) a = b > 0 ? (a / b) * 100 : 0;
    else if (measure.type === 'share_published') fromPercentage = true;
    if (included.length === 0 || a < minA) {
      minA = a;
      minCode = code;
    }
    if (included.length === 0 || a > maxA) {
      maxA = a;
      maxCode = code;
    }
    included.push(code);
    voorlopig ||= buurtVoorlopig;
    geschat ||= buurtGeschat;
    sumA += a;
    sumB += b;
    sumAB += a * b;
  }
  if (options.unreadable) {
    const listed = new Set(codes);
    for (const [code, reason] of options.unreadable) {
      if (!listed.has(code)) {
        excluded.push({ code, inhabitants: options.inhabitants?.get(code) ?? null, reason });
      }
    }
  }

  const flags: AggregateFlag[] = [];
  if (voorlopig) flags.push('voorlopig');
  if (geschat) flags.push('geschat');
  const base = { includedCodes: included, excluded };
  const noData = (note: string): AggregateResult => ({
    status: 'onvoldoende data',
    value: null,
    flags: [...flags],
    ...base,
    note,
  });
  if (
    included.length === 0 &&
    excluded.length > 0 &&
    excluded.every((e) => e.reason === 'niet van toepassing')
  ) {
    return noData('de bron geeft aan dat dit cijfer voor deze buurten niet kan bestaan.');
  }
  if (included.length === 0) {
    return noData(
      'Voor geen enkele buurt is een waarde bekend (alle buurten geheim of ontbrekend).',
    );
  }

  switch (measure.type) {
    case 'count':
      return { status: 'berekend', value: sumA, numerator: sumA, flags, ...base };
    case 'median':
      return {
        status: 'bereik',
        value: null,
        flags,
        ...base,
        range: { min: minA, max: maxA, minCode, maxCode },
        note: 'Een mediaan is niet op te tellen; dit is de laagste en hoogste buurtwaarde.',
      };
    case 'ratio': {
      if (sumB <= 0) return noData('De noemer is nul.');
      if (options.minBase !== undefined && sumB < options.minBase) {
        return noData(
          `De basis (${sumB}) is kleiner dan ${options.minBase}; te klein om te tonen.`,
        );
      }
      return {
        status: 'berekend',
        value: (sumA / sumB) * measure.scale,
        numerator: sumA,
        denominator: sumB,
        flags,
        ...base,
      };
    }
    case 'share_published':
    case 'mean':
    case 'model_estimate': {
      // Σ(value × base) / Σ base. For a share this is the reconstructed count over the base.
      if (measure.type === 'share_published' && fromPercentage) flags.push('herberekend');
      if (measure.type === 'model_estimate') flags.push('gemodelleerd');
      if (measure.baseIsProxy) flags.push('benadering');
      if (sumB <= 0) return noData('De basis om mee te wegen is nul.');
      if (options.minBase !== undefined && sumB < options.minBase) {
        return noData(
          `De basis (${sumB}) is kleiner dan ${options.minBase}; te klein om te tonen.`,
        );
      }
      // A published share's numerator is a count (Σ % × base / 100); a mean's is a weighted total.
      const numerator = measure.type === 'share_published' ? sumAB / 100 : sumAB;
      return {
        status: 'berekend',
        value: sumAB / sumB,
        numerator,
        denominator: sumB,
        flags,
        ...base,
      };
    }
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** "excl. 2 buurten, ca. 180 inwoners": what the screen and downloads print beside the value. */
export function describeExclusions(excluded: readonly Exclusion[]): string | null {
  if (excluded.length === 0) return null;
  const n = excluded.length;
  const what = `excl. ${n} ${n === 1 ? 'buurt' : 'buurten'}`;
  const known = excluded.filter((e) => e.inhabitants !== null);
  if (known.length === 0) return `${what}, aantal inwoners onbekend`;
  const people = sum(known.map((e) => e.inhabitants as number));
  const text = `${what}, ca. ${people.toLocaleString('nl-NL')} inwoners`;
  return known.length < n ? `${text} (van ${n - known.length} onbekend)` : text;
}
