import type {
  MeasureType,
  Polarity,
  Target,
  TargetEvaluation,
  TargetKind,
  TargetReference,
  TargetStatus,
  TrajectoryPoint,
} from './target.types.ts';

/**
 * The target rules: target value, linear trajectory, noise band and status. Pure functions, so
 * the monitor pages, the API, the factsheet and the /methode page all use the same rule, and it
 * can be tested by hand-computed cases (monitor.md §(c) "Proposed approach").
 */

/** The rule as published on /methode, in the order a reader checks it. */
export const STATUS_RULE_NL: readonly { status: TargetStatus; rule: string }[] = [
  {
    status: 'onvoldoende data',
    rule:
      'Er is geen beginwaarde (nulmeting), nog geen nieuwere meting dan de nulmeting, ' +
      'of bij een doel ten opzichte van een vergelijkingsgebied geen waarde van dat gebied.',
  },
  {
    status: 'op koers',
    rule:
      'De waarde is even goed als of beter dan de waarde die we op de lijn naar het doel ' +
      'verwachten, of ligt daar binnen de meetonzekerheid van. Bij een doel "niet slechter ' +
      'worden": de waarde is niet meer dan de meetonzekerheid slechter dan de beginwaarde.',
  },
  {
    status: 'deels op koers',
    rule:
      'De waarde is meer dan de meetonzekerheid beter dan de beginwaarde, maar blijft achter ' +
      'bij de lijn naar het doel.',
  },
  {
    status: 'niet op koers',
    rule:
      'De waarde is niet meer dan de meetonzekerheid beter dan de beginwaarde. Een verschil ' +
      'binnen de meetonzekerheid telt niet als verbetering. Bij een doel "niet slechter ' +
      'worden": de waarde is meer dan de meetonzekerheid slechter geworden.',
  },
];

export const TARGET_KINDS_NL: readonly { kind: TargetKind; name: string; rule: string }[] = [
  {
    kind: 'gap',
    name: 'Achterstand inlopen',
    rule:
      'Een deel van het verschil met een vergelijkingsgebied (Nederland, de gemeente of het ' +
      'gemiddelde van de NPLV-focusgebieden) is in het doeljaar ingelopen. Het doel is ' +
      'beginwaarde + deel × (waarde vergelijkingsgebied − beginwaarde), beide in het jaar van ' +
      'de nulmeting. Is het gebied al even goed of beter, dan is het doel: niet slechter worden.',
  },
  {
    kind: 'value',
    name: 'Waarde bereiken',
    rule: 'In het doeljaar is een vaste waarde bereikt.',
  },
  {
    kind: 'change',
    name: 'Verandering',
    rule: 'In het doeljaar is de waarde een vast aantal eenheden veranderd ten opzichte van de beginwaarde.',
  },
  {
    kind: 'guard',
    name: 'Niet slechter worden',
    rule: 'De waarde wordt niet slechter dan de beginwaarde, meer dan de meetonzekerheid.',
  },
];

export const REFERENCE_NAMES_NL: Readonly<Record<TargetReference, string>> = {
  nederland: 'Nederland',
  gemeente: 'de gemeente',
  nplv: 'het gemiddelde van de NPLV-focusgebieden',
};

/** Half the rounding step of a count CBS rounds to a multiple of 5. */
const COUNT_ROUNDING = 5;

export interface NoiseInput {
  measureType: MeasureType;
  /** The area's value (for a ratio: already scaled, e.g. 42.5 per 1.000). */
  value: number;
  /** How many buurten were summed into the value (1 for a single buurt). */
  includedBuurten: number;
  /** For a ratio: the summed denominator (e.g. inhabitants). */
  denominator?: number;
  /** For a ratio: 100 for a percentage, 1000 for "per 1.000". Default 100. */
  scale?: number;
  /** Half width of the 95% confidence interval, for survey values and model estimates. */
  ciHalfWidth?: number;
  /**
   * Decimals CBS publishes a mean, median or model estimate with; its rounding is then half a
   * unit of the last digit. Unknown: no rounding band (only the CI, if any).
   */
  publishedDecimals?: number;
}

/**
 * How far a value can move by measurement alone, in the indicator's unit. A change smaller than
 * this band is not a change (the status rule). With a confidence interval the wider of the two
 * bands counts, since the CI already describes the value's uncertainty.
 */
export function noiseBand(input: NoiseInput): number {
  const n = Math.max(1, input.includedBuurten);
  // CBS rounds each buurt's count to a multiple of 5: an error of at most 2.5 per buurt and per
  // edition, uniform, so SD 5/√12. The difference between two editions summed over n buurten
  // then has SD √(2·25/12)·√n ≈ 2.04·√n; 5·√n is about 2.45 of those SDs (≈ 99 %), and for one
  // buurt it equals the worst case (−2.5 then +2.5). Errors of independent buurten partly cancel,
  // hence √n and not n.
  const countBand = COUNT_ROUNDING * Math.sqrt(n);
  let rounding: number;
  switch (input.measureType) {
    case 'count':
      rounding = countBand;
      break;
    case 'ratio': {
      // value = scale·N/D with N and D both rounded counts. First order: δv = (scale·δN + v·δD)/D,
      // added linearly (not in quadrature) because N and D are often rounded the same way.
      const scale = input.scale ?? 100;
      const d = input.denominator;
      rounding = d !== undefined && d > 0 ? (countBand * (scale + Math.abs(input.value))) / d : 0;
      break;
    }
    case 'share_published':
      // CBS publishes whole percentages per buurt: each off by at most 0.5 point, and a
      // base-weighted mean of them is off by at most 0.5 point too.
      rounding = 0.5 * 10 ** -(input.publishedDecimals ?? 0);
      break;
    case 'mean':
    case 'median':
    case 'model_estimate':
      rounding = input.publishedDecimals === undefined ? 0 : 0.5 * 10 ** -input.publishedDecimals;
      break;
    case 'survey_proportion':
      rounding = 0;
      break;
  }
  return Math.max(rounding, input.ciHalfWidth ?? 0);
}

/** "2023", "2023JJ00", "2023-2024" → 2023. */
export function periodYear(period: string): number | null {
  const match = /^(\d{4})/.exec(period);
  return match ? Number(match[1]) : null;
}

function polaritySign(polarity: Polarity): -1 | 0 | 1 {
  if (polarity === 'hoger-is-beter') return 1;
  if (polarity === 'lager-is-beter') return -1;
  return 0;
}

/**
 * The value a target asks for in its target year, or null when it cannot be known (a gap target
 * without reference value, or a target missing its number). A gap target for an area that is
 * already at or beyond the reference (in the good direction) asks to keep the baseline.
 */
export function resolveTargetValue(
  target: Target,
  ctx: { baseline: number; referenceBaseline?: number | null; polarity: Polarity },
): number | null {
  switch (target.kind) {
    case 'gap': {
      if (ctx.referenceBaseline === undefined || ctx.referenceBaseline === null) return null;
      if (target.gapShare === undefined) return null;
      const gap = ctx.referenceBaseline - ctx.baseline;
      const sign = polaritySign(ctx.polarity);
      if (sign !== 0 && sign * gap <= 0) return ctx.baseline;
      return ctx.baseline + target.gapShare * gap;
    }
    case 'value':
      return target.targetValue ?? null;
    case 'change':
      return target.change === undefined ? null : ctx.baseline + target.change;
    case 'guard':
      return ctx.baseline;
  }
}

/** Linear trajectory: b + (τ − b)·(t − B)/(T − B), held at b before B and at τ after T. */
export function expectedAt(
  target: Pick<Target, 'targetYear'>,
  baseline: TrajectoryPoint,
  targetValue: number,
  year: number,
): number {
  const span = target.targetYear - baseline.year;
  if (span <= 0 || year >= target.targetYear) return targetValue;
  if (year <= baseline.year) return baseline.value;
  return baseline.value + ((targetValue - baseline.value) * (year - baseline.year)) / span;
}

/** One point per year from the baseline year to the target year, both included. */
export function trajectory(
  target: Pick<Target, 'targetYear'>,
  baseline: TrajectoryPoint,
  targetValue: number,
): TrajectoryPoint[] {
  const points: TrajectoryPoint[] = [];
  const last = Math.max(baseline.year, target.targetYear);
  for (let year = baseline.year; year <= last; year++) {
    points.push({ year, value: expectedAt(target, baseline, targetValue, year) });
  }
  return points;
}

export interface EvaluateInput {
  target: Target;
  polarity: Polarity;
  baseline: { period: string; value: number } | null;
  current: { period: string; value: number; noise: number } | null;
  /** The reference area named by a gap target (or any reference to show beside the area). */
  reference?: { baseline: number | null; current: number | null };
}

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const fmt = (n: number): string => nl.format(n);

function insufficient(
  explanation: string,
  partial: Partial<TargetEvaluation> = {},
): TargetEvaluation {
  return {
    status: 'onvoldoende data',
    targetValue: null,
    expected: null,
    trajectory: [],
    gapClosure: null,
    referenceChange: null,
    areaChange: null,
    ...partial,
    explanation,
  };
}

/**
 * Applies the published status rule (STATUS_RULE_NL). The direction of "better" is the
 * direction of the target (target value against baseline); where the target asks for no change
 * it is the indicator's polarity, and for a neutral indicator any change beyond the noise band
 * counts as leaving the target.
 */
export function evaluateTarget(input: EvaluateInput): TargetEvaluation {
  const { target, polarity, baseline, current } = input;
  const refBaseline = input.reference?.baseline ?? null;
  const refCurrent = input.reference?.current ?? null;
  const referenceChange =
    refBaseline !== null && refCurrent !== null ? refCurrent - refBaseline : null;

  const baseYear = baseline ? periodYear(baseline.period) : null;
  if (!baseline || baseYear === null) {
    return insufficient(
      `Er is geen beginwaarde (nulmeting) voor ${target.baselinePeriod}, dus we kunnen de voortgang niet bepalen.`,
      { referenceChange },
    );
  }
  const start: TrajectoryPoint = { year: baseYear, value: baseline.value };

  if (target.kind === 'gap' && refBaseline === null) {
    const name = target.reference
      ? REFERENCE_NAMES_NL[target.reference]
      : 'het vergelijkingsgebied';
    return insufficient(
      `Er is geen waarde van ${name} in ${baseYear}, dus we weten niet hoe groot de achterstand is.`,
      { referenceChange },
    );
  }
  const targetValue = resolveTargetValue(target, {
    baseline: baseline.value,
    referenceBaseline: refBaseline,
    polarity,
  });
  if (targetValue === null) {
    return insufficient('Het doel is niet volledig ingevuld, dus we kunnen het niet toetsen.', {
      referenceChange,
    });
  }
  const line = trajectory(target, start, targetValue);

  const currentYear = current ? periodYear(current.period) : null;
  if (!current || currentYear === null) {
    return insufficient('Er is nog geen actuele waarde, dus we kunnen de voortgang niet bepalen.', {
      targetValue,
      trajectory: line,
      referenceChange,
    });
  }
  if (currentYear <= baseYear) {
    return insufficient(
      `Er is nog geen meting na de nulmeting van ${baseYear}, dus we kunnen de voortgang nog niet bepalen.`,
      { targetValue, trajectory: line, referenceChange },
    );
  }

  const expected = expectedAt(target, start, targetValue, currentYear);
  const areaChange = current.value - baseline.value;
  const noise = Math.abs(current.noise);
  const band = `de meetonzekerheid (±${fmt(noise)})`;
  const polarDir = polaritySign(polarity);
  const dir =
    target.kind !== 'guard' && targetValue !== baseline.value
      ? Math.sign(targetValue - baseline.value)
      : polarDir;

  // Gap closure only means something while the area is behind the reference.
  let gapClosure: number | null = null;
  if (refBaseline !== null && refCurrent !== null) {
    const gap0 = refBaseline - baseline.value;
    const behind = polarDir === 0 ? gap0 !== 0 : polarDir * gap0 > 0;
    if (behind) gapClosure = 1 - (refCurrent - current.value) / gap0;
  }

  const base = { targetValue, expected, trajectory: line, gapClosure, referenceChange, areaChange };
  const at = `De waarde in ${currentYear} (${fmt(current.value)})`;
  const startText = `de beginwaarde van ${baseYear} (${fmt(baseline.value)})`;

  if (dir === 0) {
    // A neutral indicator with "no change" as target: both directions leave it.
    return Math.abs(areaChange) <= noise
      ? {
          ...base,
          status: 'op koers',
          explanation: `${at} verschilt niet meer dan ${band} van ${startText}.`,
        }
      : {
          ...base,
          status: 'niet op koers',
          explanation: `${at} verschilt meer dan ${band} van ${startText}.`,
        };
  }

  const progress = dir * areaChange;
  if (target.kind === 'guard') {
    return progress < -noise
      ? {
          ...base,
          status: 'niet op koers',
          explanation: `${at} is meer dan ${band} slechter dan ${startText}.`,
        }
      : {
          ...base,
          status: 'op koers',
          explanation:
            noise === 0
              ? `${at} is niet slechter dan ${startText}.`
              : `${at} is niet meer dan ${band} slechter dan ${startText}.`,
        };
  }

  const behindLine = dir * (expected - current.value);
  if (behindLine <= 0) {
    return {
      ...base,
      status: 'op koers',
      explanation: `${at} is even goed als of beter dan de verwachte waarde op de lijn naar het doel (${fmt(expected)}).`,
    };
  }
  if (behindLine <= noise) {
    return {
      ...base,
      status: 'op koers',
      explanation: `${at} ligt binnen ${band} van de verwachte waarde op de lijn naar het doel (${fmt(expected)}).`,
    };
  }
  if (progress > noise) {
    return {
      ...base,
      status: 'deels op koers',
      explanation: `${at} is beter dan ${startText}, maar blijft achter bij de verwachte waarde op de lijn naar het doel (${fmt(expected)}).`,
    };
  }
  return {
    ...base,
    status: 'niet op koers',
    explanation:
      progress < -noise
        ? `${at} is slechter dan ${startText}, meer dan ${band}.`
        : noise === 0
          ? `${at} is niet beter dan ${startText}.`
          : `${at} is niet meer dan ${band} beter dan ${startText}, en dat telt niet als verbetering.`,
  };
}
