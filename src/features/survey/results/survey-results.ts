import type { Answers, AnswerValue } from '../definition/answers.ts';
import type { DatasetWeighting } from '../export/model.ts';
import { allQuestions } from '../definition/answers.ts';
import { AGREE_SCALE, RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import type {
  Channel,
  Question,
  Questionnaire,
  SurveyTheme,
} from '../definition/questionnaire.schema.ts';
import { collapseGeography, type GeographyLevel } from '../weighting/geography.ts';
import { questionProportions, type Estimate } from '../weighting/proportions.ts';
import { logitInterval, publicationCheck } from '../weighting/publication.ts';
import { rake, type WeightedDesign } from '../weighting/rake.ts';
import {
  MINIMUM_CELL_N,
  suppressBreakdown,
  suppressFrequencyTable,
  type FrequencyCounts,
  type SuppressedFrequencyTable,
} from '../weighting/suppression.ts';
import { trimWeights } from '../weighting/trim.ts';
import { unweightedDesign, weightedMean } from '../weighting/variance.ts';
import { summariseWeights, type WeightSummary } from '../weighting/weight-summary.ts';
import type { PopulationMargin } from '../weighting/weighting.schema.ts';

/**
 * Results of a questionnaire: per question the share of each answer, unweighted over every
 * counted response and weighted to the CBS population over those that can be weighted, with
 * 95% intervals, and every cell under the minimum n suppressed. The weighting and the variance
 * are src/features/survey/weighting (checked against R's survey package).
 */

export interface ResultResponse {
  channel: Channel;
  /** When it was submitted (ISO); its year is the fieldwork period. */
  submittedAt: string;
  answers: Answers;
}

/** Default trimming: this band around the mean weight, so no one counts too much. */
export const TRIM_BAND = { lower: 0.3, upper: 3 } as const;

/** How far a margin ends from its CBS target after trimming: its worst category. */
export interface MarginFit {
  variable: string;
  category: string;
  target: number;
  /** Σ trimmed weights in that category. */
  reached: number;
  /** (reached − target) / target. */
  deviation: number;
}

export interface Weighting {
  status: 'gewogen' | 'niet gewogen';
  /** Why not, or what was left out, in Dutch. */
  note: string;
  /** Indexes (into the responses) of those in the weighted design. */
  members: number[];
  design?: WeightedDesign;
  summary?: WeightSummary;
  /** Weights cut to a trimming bound. */
  trimmed?: number;
  /** The raked weights before trimming (population scale), per member. */
  untrimmed?: Float64Array;
  /** The trimming bounds used (absolute), or null when trimming is off. */
  trimBounds?: { lower: number; upper: number } | null;
  /** The trimming rule in words. */
  trimRule?: string;
  /** Per margin, the largest relative distance from its target after trimming. */
  marginFit?: MarginFit[];
  /** The area level the weighting used (buurt, merged into wijk, or the focus area). */
  level?: GeographyLevel;
  /** False when raking did not converge: then nothing is weighted or published. */
  converged?: boolean;
}

/** The answer categories of the margins, as the questionnaire stores them. */
const AGE_OF: Record<string, string> = {
  '15_24': '15-24',
  '16_24': '15-24',
  '25_44': '25-44',
  '45_64': '45-64',
  '65_plus': '65+',
};
const SEX_OF: Record<string, string> = { man: 'man', vrouw: 'vrouw' };

const LEVEL_NOTES: Record<GeographyLevel, string> = {
  buurt: 'Weegniveau: buurt.',
  'buurt en wijk': 'Weegniveau: buurt, maar voor een deel van de wijken de wijk',
  wijk: 'Weegniveau: wijk (de buurten zijn per wijk samengevoegd)',
  focusgebied: 'Weegniveau: focusgebied (alleen leeftijd en geslacht)',
};

const nl = (v: number, digits = 1) =>
  v.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

function fitOf(
  margins: readonly PopulationMargin[],
  categoriesOf: readonly Record<string, string>[],
  weights: Float64Array,
): MarginFit[] {
  return margins.map((m) => {
    const reached = new Map<string, number>();
    categoriesOf.forEach((c, i) => {
      const k = c[m.variable]!;
      reached.set(k, (reached.get(k) ?? 0) + weights[i]!);
    });
    let worst: MarginFit | undefined;
    for (const [category, target] of Object.entries(m.totals)) {
      if (!(target > 0)) continue;
      const got = reached.get(category) ?? 0;
      const deviation = (got - target) / target;
      if (!worst || Math.abs(deviation) > Math.abs(worst.deviation)) {
        worst = { variable: m.variable, category, target, reached: got, deviation };
      }
    }
    return worst!;
  });
}

/**
 * Rakes the responses that have a buurt, an age group and a sex the CBS margins know to those
 * margins, then trims. Buurten without respondents are merged into their wijk, and wijken into
 * the focus area (geography.ts); the note says which level was used. Raking that does not
 * converge gives no weights at all. The rest keeps counting in the unweighted figures, and the
 * note says how many that are.
 */
export function weightResponses(
  q: Questionnaire,
  responses: readonly ResultResponse[],
  margins: readonly PopulationMargin[] | undefined,
  /** Absolute trimming bounds instead of the questionnaire's band (R's fixture). */
  trim?: { lower: number; upper: number },
  options: { maxIter?: number } = {},
): Weighting {
  if (!q.weighting) {
    return { status: 'niet gewogen', note: 'Deze vragenlijst wordt niet gewogen.', members: [] };
  }
  if (!margins) {
    return {
      status: 'niet gewogen',
      note: 'De bevolkingscijfers van het CBS voor de weging zijn nog niet geladen.',
      members: [],
    };
  }
  const known = new Map(margins.map((m) => [m.variable, new Set(Object.keys(m.totals))]));
  const w = q.weighting;
  const members: number[] = [];
  const respondents: Record<string, string>[] = [];
  for (const [i, r] of responses.entries()) {
    const categories = {
      buurt: typeof r.answers[w.buurt] === 'string' ? (r.answers[w.buurt] as string) : null,
      leeftijd: AGE_OF[String(r.answers[w.ageGroup] ?? '')] ?? null,
      geslacht: SEX_OF[String(r.answers[w.sex] ?? '')] ?? null,
    };
    const ok = Object.entries(categories).every(
      ([k, v]) => v !== null && (!known.has(k) || known.get(k)?.has(v) === true),
    );
    if (!ok) continue;
    members.push(i);
    respondents.push(categories as Record<string, string>);
  }
  const left = responses.length - members.length;
  const leftNote =
    left === 0
      ? ''
      : ` ${left} van de ${responses.length} antwoorden hebben geen buurt (maar een postcode of niets), leeftijdsgroep of geslacht (man/vrouw) die bij de CBS-cijfers past; die tellen alleen mee in de ongewogen cijfers.`;
  const notWeighted = (note: string, extra: Partial<Weighting> = {}): Weighting => ({
    status: 'niet gewogen',
    note: note + leftNote,
    members: [],
    ...extra,
  });
  if (respondents.length < MINIMUM_CELL_N) {
    return notWeighted(`Te weinig antwoorden om te wegen (${respondents.length}).`);
  }

  // The area margin falls back along the declared hierarchy; age and sex cannot.
  const buurtMargin = margins.find((m) => m.variable === 'buurt');
  const geography = buurtMargin
    ? collapseGeography(
        buurtMargin,
        respondents.map((r) => r.buurt!),
      )
    : undefined;
  const otherMargins = margins.filter((m) => m.variable !== 'buurt');
  const used = [...(geography?.margin ? [geography.margin] : []), ...otherMargins];
  const categoriesOf: Record<string, string>[] = respondents.map((r) => ({
    ...r,
    ...(geography ? { gebied: geography.areaOf(r.buurt!) } : {}),
  }));
  const empty = otherMargins.flatMap((m) =>
    Object.keys(m.totals)
      .filter((c) => (m.totals[c] ?? 0) > 0)
      .filter((c) => !categoriesOf.some((r) => r[m.variable] === c))
      .map((c) => `${m.variable} ${c}`),
  );
  if (empty.length > 0) {
    return notWeighted(
      `Nog niet te wegen: niemand heeft geantwoord uit ${empty.slice(0, 5).join(', ')}${empty.length > 5 ? ' en meer' : ''}.`,
    );
  }
  const level = geography?.level ?? 'focusgebied';
  const merged = geography?.collapsed.map((c) => c.wijk) ?? [];
  const levelNote =
    level === 'buurt'
      ? LEVEL_NOTES.buurt
      : level === 'focusgebied'
        ? `${LEVEL_NOTES.focusgebied}${
            geography && geography.emptyWijken.length > 0
              ? `, want niemand antwoordde uit ${geography.emptyWijken.join(', ')}`
              : ''
          }.`
        : `${LEVEL_NOTES[level]}: ${merged.join(', ')}, want daar ${
            merged.length === 1 ? 'is' : 'zijn'
          } een of meer buurten zonder antwoorden (${geography!.collapsed
            .flatMap((c) => c.emptyBuurten)
            .join(', ')}).`;

  const raked = rake({
    respondents: categoriesOf.map((categories) => ({
      categories: Object.fromEntries(used.map((m) => [m.variable, categories[m.variable]!])),
    })),
    margins: used,
    ...(options.maxIter ? { options: { maxIter: options.maxIter } } : {}),
  });
  if (!raked.converged) {
    return notWeighted(
      `De weging kwam niet uit: na ${raked.iterations} rondes veranderden de gewichten nog ` +
        `(${nl(raked.lastChange, 3)}). Daarom zijn de cijfers niet gewogen en wordt er niets ` +
        `uit deze weging gepubliceerd. ${levelNote}`,
      { converged: false, level },
    );
  }
  const mean = raked.weights.reduce((a, b) => a + b, 0) / raked.weights.length;
  const band = w.trim === false ? null : (w.trim ?? TRIM_BAND);
  const bounds = trim ?? (band ? { lower: band.lower * mean, upper: band.upper * mean } : null);
  const trimRule = trim
    ? `${trim.lower} tot ${trim.upper}`
    : band
      ? `${nl(band.lower, 2)} tot ${nl(band.upper, 2)} × het gemiddelde`
      : null;
  const trimmed = bounds
    ? trimWeights(raked, { ...bounds, strict: true })
    : { ...raked, trimmed: 0, passes: 0 };
  const marginFit = fitOf(used, categoriesOf, trimmed.weights);
  const worst = marginFit.reduce((a, b) => (Math.abs(b.deviation) > Math.abs(a.deviation) ? b : a));
  const trimNote = bounds
    ? ` Gewichten afgekapt op ${trimRule}: ${trimmed.trimmed} van de ${raked.weights.length} ` +
      `gewichten afgekapt; daarna wijkt ${worst.variable} ${worst.category} het meest af van de ` +
      `CBS-cijfers: ${nl(worst.deviation * 100)}%.`
    : ' Gewichten niet afgekapt.';
  return {
    status: 'gewogen',
    note: `Gewogen naar buurt, leeftijdsgroep en geslacht (CBS). ${levelNote}${trimNote}${leftNote}`,
    members,
    design: trimmed,
    summary: summariseWeights(trimmed.weights),
    trimmed: trimmed.trimmed,
    untrimmed: raked.weights,
    trimBounds: bounds,
    trimRule: trimRule ?? 'niet afgekapt',
    marginFit,
    level,
    converged: true,
  };
}

export interface CategoryLabel {
  value: string;
  label: string;
  /** "Weet niet", "zeg ik liever niet": counted apart, outside the percentage base. */
  missing?: boolean;
}

/** One table: a question, or one row of a matrix, or one option of a multiple-choice question. */
export interface ResultTableSpec {
  variable: string;
  question: Question;
  title: string;
  theme: SurveyTheme;
  categories: CategoryLabel[];
  /** The value per response that this table counts (null: not answered / not asked). */
  valueOf: (answers: Answers) => string | null;
}

const str = (v: AnswerValue | undefined): string | null =>
  v === undefined || v === '' ? null : Array.isArray(v) ? null : String(v);

const choiceLabel = (c: {
  value: string;
  label: { nl: string };
  missing?: boolean | undefined;
}) => ({
  value: c.value,
  label: c.label.nl,
  ...(c.missing ? { missing: true } : {}),
});

/** The frequency tables a questionnaire has: numbers, open text and buurt lists are left out. */
export function resultTables(q: Questionnaire): ResultTableSpec[] {
  const out: ResultTableSpec[] = [];
  for (const { question } of allQuestions(q)) {
    const base = { question, theme: question.theme, title: textIn(question.text, 'nl') };
    switch (question.type) {
      case 'single_choice':
        out.push({
          ...base,
          variable: question.name,
          categories: question.choices.map(choiceLabel),
          valueOf: (a) => str(a[question.name]),
        });
        break;
      case 'agree_scale':
        out.push({
          ...base,
          variable: question.name,
          categories: AGREE_SCALE.filter((p) => question.dontKnow || p.value !== 'weet_niet').map(
            (p) => ({
              value: String(p.value),
              label: p.label.nl,
              ...(p.value === 'weet_niet' ? { missing: true } : {}),
            }),
          ),
          valueOf: (a) => str(a[question.name]),
        });
        break;
      case 'grade':
        out.push({
          ...base,
          variable: question.name,
          categories: Array.from({ length: 10 }, (_, i) => ({
            value: String(i + 1),
            label: String(i + 1),
          })),
          valueOf: (a) => str(a[question.name]),
        });
        break;
      case 'matrix':
        for (const row of question.rows) {
          out.push({
            ...base,
            variable: row.name,
            title: `${base.title} ${row.text.nl}`,
            theme: row.theme ?? question.theme,
            categories: question.choices.map(choiceLabel),
            valueOf: (a) => str(a[row.name]),
          });
        }
        break;
      case 'multiple_choice':
        for (const choice of question.choices) {
          out.push({
            ...base,
            variable: `${question.name}_${choice.value}`,
            title: `${base.title} ${choice.label.nl}`,
            categories: [
              { value: 'ja', label: 'Aangekruist' },
              { value: 'nee', label: 'Niet aangekruist' },
            ],
            valueOf: (a) => {
              const v = a[question.name];
              return Array.isArray(v) ? (v.includes(choice.value) ? 'ja' : 'nee') : null;
            },
          });
        }
        break;
      case 'theme_ranking':
        out.push({
          ...base,
          variable: `${question.name}_1`,
          title: `${base.title} (op de eerste plaats)`,
          categories: RANKED_THEMES.map((t) => ({ value: t.key, label: t.label.nl })),
          valueOf: (a) => {
            const v = a[question.name];
            return Array.isArray(v) && v.length > 0 ? (v[0] as string) : null;
          },
        });
        break;
      default:
        break;
    }
  }
  return out;
}

/** One answer of a table: its count over all responses and its shares. */
export interface ResultCell {
  category: string;
  /** Respondents who gave this answer (all counted responses, unweighted). */
  n: number;
  /** Share over all counted responses with a valid answer, with a logit interval. */
  unweighted: Estimate;
  /** Share over the weighted responses; absent when not weighted. */
  weighted?: Estimate;
}

export type SuppressedTable = SuppressedFrequencyTable<ResultCell, 'unweighted' | 'weighted'>;

export interface ResultTable {
  spec: ResultTableSpec;
  /** Valid answers in the base; "weet niet" and the like in `missingCategories`. */
  table: SuppressedTable;
  weighted: boolean;
}

const VALUE_KEYS = ['unweighted', 'weighted'] as const;

/**
 * Counts and shares of one question over the given responses (null: outside), valid percent:
 * the categories marked `missing` are counted apart and are not in the base.
 */
function frequencies(
  spec: ResultTableSpec,
  values: readonly (string | null)[],
  weighting: Weighting,
  inGroup: (i: number) => boolean = () => true,
): FrequencyCounts<ResultCell> {
  const missing = new Set(spec.categories.filter((c) => c.missing).map((c) => c.value));
  const order = spec.categories.filter((c) => !c.missing).map((c) => c.value);
  const valid = values.map((v, i) => (inGroup(i) && v !== null && !missing.has(v) ? v : null));
  const unweighted = questionProportions(unweightedDesign(values.length), valid, order);
  const weighted = weighting.design
    ? questionProportions(
        weighting.design,
        weighting.members.map((i) => valid[i] ?? null),
        order,
      )
    : undefined;
  const cells = unweighted.categories.map((c, k): ResultCell => ({
    category: c.category,
    n: c.n,
    unweighted: c.unweighted,
    ...(weighted ? { weighted: weighted.categories[k]!.weighted } : {}),
  }));
  const missingCells = spec.categories
    .filter((c) => c.missing)
    .map((c): ResultCell => ({
      category: c.value,
      n: values.filter((v, i) => inGroup(i) && v === c.value).length,
      unweighted: NO_SHARE,
    }));
  const inside = values.filter((_, i) => inGroup(i)).length;
  const nMissingCategories = missingCells.reduce((a, c) => a + c.n, 0);
  return {
    categories: cells,
    missingCategories: missingCells,
    nValid: unweighted.nValid,
    nMissing: inside - unweighted.nValid - nMissingCategories,
  };
}

const NO_SHARE: Estimate = {
  estimate: NaN,
  se: NaN,
  lower: NaN,
  upper: NaN,
  logitLower: NaN,
  logitUpper: NaN,
};

/** Every frequency table, unweighted over all responses and weighted over the weighted ones. */
export function questionResults(
  q: Questionnaire,
  responses: readonly ResultResponse[],
  weighting: Weighting,
  minimum = MINIMUM_CELL_N,
): ResultTable[] {
  return resultTables(q).map((spec) => {
    const values = responses.map((r) => spec.valueOf(r.answers));
    const counts = frequencies(spec, values, weighting);
    return {
      spec,
      table: suppressFrequencyTable(counts, responses.length, VALUE_KEYS, minimum),
      weighted: weighting.design !== undefined,
    };
  });
}

/** The label of the group of responses that have no value for the breakdown. */
export const NO_GROUP = 'onbekend';

/**
 * One table per group (buurt, wijk or channel), weighted where possible, under the same
 * disclosure control as the overall table: a group under 10 is not shown, and no hidden count
 * follows from the overall table or the other groups. Responses without a group form the group
 * `NO_GROUP`, so the groups add up to the total.
 */
export function domainResults(
  spec: ResultTableSpec,
  responses: readonly ResultResponse[],
  weighting: Weighting,
  domainOf: (r: ResultResponse) => string | null,
  minimum = MINIMUM_CELL_N,
) {
  const values = responses.map((r) => spec.valueOf(r.answers));
  const domains = responses.map((r) => domainOf(r) ?? NO_GROUP);
  const names = [...new Set(domains)].sort((a, b) =>
    a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b),
  );
  const overall = frequencies(spec, values, weighting);
  const overallShown = suppressFrequencyTable(overall, responses.length, VALUE_KEYS, minimum);
  const groups = names.map((name) =>
    frequencies(spec, values, weighting, (i) => domains[i] === name),
  );
  const shown = suppressBreakdown(
    overall,
    overallShown,
    groups,
    responses.length,
    VALUE_KEYS,
    minimum,
  );
  return names.map((domain, k) => ({
    domain,
    weighted: weighting.design !== undefined,
    table: shown[k]!,
  }));
}

export interface ShareEstimate {
  value: number;
  lower: number;
  upper: number;
  n: number;
  effectiveN: number;
  /** Set when the share may not be shown in public: the reason (after "te onzeker om te tonen"). */
  withheld?: string;
}

/**
 * The weighted share (in %) of responses whose answer to `variable` is one of `values`, among
 * those who gave a valid answer ("weet niet" and the like are outside the base, as on the results
 * page and in SPSS): what a survey-based indicator in the monitor shows, with the logit interval.
 * Undefined when the results are not weighted or fewer than `minimum` answered; `withheld` when
 * the publication guards say no.
 */
export function weightedShare(
  responses: readonly ResultResponse[],
  weighting: Weighting,
  variable: string,
  values: readonly string[],
  minimum: number,
  missingValues: ReadonlySet<string> = new Set(),
): ShareEstimate | undefined {
  if (!weighting.design) return undefined;
  const wanted = new Set(values);
  const x = weighting.members.map((i) => {
    const v = str(responses[i]?.answers[variable]);
    return v === null || missingValues.has(v) ? null : wanted.has(v) ? 1 : 0;
  });
  const e = weightedMean(weighting.design, x);
  if (e.n < minimum) return undefined;
  const w = weighting.design.weights;
  let sum = 0;
  let squares = 0;
  x.forEach((v, i) => {
    if (v === null) return;
    sum += w[i]!;
    squares += w[i]! * w[i]!;
  });
  const effectiveN = (sum * sum) / squares;
  const ci = logitInterval(e);
  const check = publicationCheck({
    converged: weighting.converged !== false,
    effectiveN,
    lower: ci.lower,
    upper: ci.upper,
  });
  return {
    value: e.estimate * 100,
    lower: ci.lower * 100,
    upper: ci.upper * 100,
    n: e.n,
    effectiveN,
    ...(check.publish ? {} : { withheld: check.reason }),
  };
}

/** The answer values of a variable that are outside the percentage base ("weet niet" …). */
export function missingValuesOf(q: Questionnaire, variable: string): Set<string> {
  const spec = resultTables(q).find((t) => t.variable === variable);
  return new Set(spec?.categories.filter((c) => c.missing).map((c) => c.value) ?? []);
}

export interface ExportWeights {
  /** Mean 1 over the weighted responses. */
  weight: number;
  populationWeight: number;
  untrimmedWeight: number;
}

/** The three weights per response index (only weighted responses), as the exports carry them. */
export function exportWeights(weighting: Weighting): Map<number, ExportWeights> {
  const out = new Map<number, ExportWeights>();
  const design = weighting.design;
  if (!design) return out;
  const total = design.weights.reduce((a, b) => a + b, 0);
  const scale = design.weights.length / total;
  weighting.members.forEach((index, i) => {
    out.set(index, {
      weight: design.weights[i]! * scale,
      populationWeight: design.weights[i]!,
      untrimmedWeight: weighting.untrimmed?.[i] ?? design.weights[i]!,
    });
  });
  return out;
}

/** What the codebook says about the weighting. */
export function datasetWeighting(weighting: Weighting): DatasetWeighting | undefined {
  if (!weighting.design || !weighting.marginFit) return undefined;
  return {
    note: weighting.note,
    trimRule: weighting.trimRule ?? 'niet afgekapt',
    trimmed: weighting.trimmed ?? 0,
    weighted: weighting.members.length,
    marginFit: weighting.marginFit.map(
      (f) =>
        `${f.variable}: ${f.category} ${nl(f.deviation * 100)}% (CBS ${nl(f.target, 0)}, gewogen ${nl(f.reached, 0)})`,
    ),
  };
}
