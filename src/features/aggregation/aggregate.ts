import type { ObservationStatus } from '../datasets/dataset.table.ts';
import { stemList, type Measure } from '../indicators/catalogue.schema.ts';

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
  inhabitants?: ReadonlyMap<string, number | null>;
  /** No value when the summed base (denominator) is below this (catalogue suppression.minBase). */
  minBase?: number;
  /** Buurten that could not be read at all, with the reason (e.g. crosswalk problems). */
  unreadable?: ReadonlyMap<string, ExclusionReason>;
}

type Reading =
  | { ok: true; values: number[]; statuses: ObservationStatus[] }
  | { ok: false; reason: ExclusionReason };

/** Reads the listed stems of one buurt; any missing or suppressed one leaves the buurt out. */
function read(
  row: Readonly<Record<string, AreaValue | undefined>> | undefined,
  stems: readonly string[],
): Reading {
  const values: number[] = [];
  const statuses: ObservationStatus[] = [];
  let reason: ExclusionReason | undefined;
  for (const stem of stems) {
    const obs = row?.[stem];
    if (!obs) {
      reason ??= 'ontbreekt';
      continue;
    }
    if (obs.status === 'geheim' || obs.value === null || !Number.isFinite(obs.value)) {
      reason = 'geheim';
      continue;
    }
    values.push(obs.value);
    statuses.push(obs.status);
  }
  return reason ? { ok: false, reason } : { ok: true, values, statuses };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export function aggregate(
  measure: Measure,
  observationsByArea: ObservationsByArea,
  options: AggregateOptions = {},
): AggregateResult {
  const flags = new Set<AggregateFlag>();
  const included: string[] = [];
  const excluded: Exclusion[] = [];
  const statuses: ObservationStatus[] = [];

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

  // Per buurt: the parts each rule adds up. `a` is the numerator-side, `b` the base-side.
  const parts: { code: string; a: number; b: number }[] = [];
  const stems: string[] = (() => {
    switch (measure.type) {
      case 'count':
      case 'median':
        return [measure.variable];
      case 'ratio':
        return [...stemList(measure.numerator), ...stemList(measure.denominator)];
      default:
        return [measure.variable, measure.base];
    }
  })();

  for (const code of observationsByArea.keys()) {
    const unreadable = options.unreadable?.get(code);
    const reading: Reading = unreadable
      ? { ok: false, reason: unreadable }
      : read(observationsByArea.get(code), stems);
    if (!reading.ok) {
      excluded.push({
        code,
        inhabitants: options.inhabitants?.get(code) ?? null,
        reason: reading.reason,
      });
      continue;
    }
    included.push(code);
    statuses.push(...reading.statuses);
    const v = reading.values;
    if (measure.type === 'ratio') {
      const n = stemList(measure.numerator).length;
      parts.push({ code, a: sum(v.slice(0, n)), b: sum(v.slice(n)) });
    } else if (measure.type === 'count' || measure.type === 'median') {
      parts.push({ code, a: v[0] as number, b: 1 });
    } else {
      parts.push({ code, a: v[0] as number, b: v[1] as number });
    }
  }
  for (const code of options.unreadable?.keys() ?? []) {
    if (!observationsByArea.has(code)) {
      excluded.push({
        code,
        inhabitants: options.inhabitants?.get(code) ?? null,
        reason: options.unreadable?.get(code) as ExclusionReason,
      });
    }
  }

  if (statuses.includes('voorlopig')) flags.add('voorlopig');
  if (statuses.includes('geschat')) flags.add('geschat');

  const base = { includedCodes: included, excluded };
  const noData = (note: string): AggregateResult => ({
    status: 'onvoldoende data',
    value: null,
    flags: [...flags],
    ...base,
    note,
  });
  if (parts.length === 0) {
    return noData(
      'Voor geen enkele buurt is een waarde bekend (alle buurten geheim of ontbrekend).',
    );
  }

  switch (measure.type) {
    case 'count': {
      const value = sum(parts.map((p) => p.a));
      return { status: 'berekend', value, numerator: value, flags: [...flags], ...base };
    }
    case 'median': {
      let min = parts[0] as (typeof parts)[number];
      let max = min;
      for (const p of parts) {
        if (p.a < min.a) min = p;
        if (p.a > max.a) max = p;
      }
      return {
        status: 'bereik',
        value: null,
        flags: [...flags],
        ...base,
        range: { min: min.a, max: max.a, minCode: min.code, maxCode: max.code },
        note: 'Een mediaan is niet op te tellen; dit is de laagste en hoogste buurtwaarde.',
      };
    }
    case 'ratio': {
      const numerator = sum(parts.map((p) => p.a));
      const denominator = sum(parts.map((p) => p.b));
      if (denominator <= 0) return noData('De noemer is nul.');
      if (options.minBase !== undefined && denominator < options.minBase) {
        return noData(
          `De basis (${denominator}) is kleiner dan ${options.minBase}; te klein om te tonen.`,
        );
      }
      return {
        status: 'berekend',
        value: (numerator / denominator) * measure.scale,
        numerator,
        denominator,
        flags: [...flags],
        ...base,
      };
    }
    case 'share_published':
    case 'mean':
    case 'model_estimate': {
      // Σ(value × base) / Σ base. For a share this is the reconstructed count over the base.
      const weighted = sum(parts.map((p) => p.a * p.b));
      const denominator = sum(parts.map((p) => p.b));
      if (measure.type === 'share_published') flags.add('herberekend');
      if (measure.type === 'model_estimate') flags.add('gemodelleerd');
      if (measure.baseIsProxy) flags.add('benadering');
      if (denominator <= 0) return noData('De basis om mee te wegen is nul.');
      if (options.minBase !== undefined && denominator < options.minBase) {
        return noData(
          `De basis (${denominator}) is kleiner dan ${options.minBase}; te klein om te tonen.`,
        );
      }
      // A published share's numerator is a count (Σ % × base / 100); a mean's is a weighted total.
      const numerator = measure.type === 'share_published' ? weighted / 100 : weighted;
      return {
        status: 'berekend',
        value: weighted / denominator,
        numerator,
        denominator,
        flags: [...flags],
        ...base,
      };
    }
  }
}

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
