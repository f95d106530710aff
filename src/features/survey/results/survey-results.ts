import type { Answers, AnswerValue } from '../definition/answers.ts';
import { allQuestions } from '../definition/answers.ts';
import { AGREE_SCALE, RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import type { Question, Questionnaire, SurveyTheme } from '../definition/questionnaire.schema.ts';
import {
  proportionsByDomain,
  questionProportions,
  type QuestionProportions,
} from '../weighting/proportions.ts';
import { rake, type WeightedDesign } from '../weighting/rake.ts';
import { MINIMUM_CELL_N, suppressProportionTable } from '../weighting/suppression.ts';
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

export type Channel = 'web' | 'mondeling' | 'schriftelijk';

export interface ResultResponse {
  channel: Channel;
  /** When it was submitted (ISO); its year is the fieldwork period. */
  submittedAt: string;
  answers: Answers;
}

/** Weights are trimmed to this band around the mean weight, so no one counts too much. */
export const TRIM_BAND = { lower: 0.3, upper: 3 } as const;

export interface Weighting {
  status: 'gewogen' | 'niet gewogen';
  /** Why not, or what was left out, in Dutch. */
  note: string;
  /** Indexes (into the responses) of those in the weighted design. */
  members: number[];
  design?: WeightedDesign;
  summary?: WeightSummary;
  trimmed?: number;
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

/**
 * Rakes the responses that have a buurt, an age group and a sex the CBS margins know to those
 * margins, then trims. The rest keeps counting in the unweighted figures, and the note says how
 * many that are.
 */
export function weightResponses(
  q: Questionnaire,
  responses: readonly ResultResponse[],
  margins: readonly PopulationMargin[] | undefined,
  /** Absolute trimming bounds instead of TRIM_BAND (a researcher's choice, or R's fixture). */
  trim?: { lower: number; upper: number },
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
  const respondents: { categories: Record<string, string | null> }[] = [];
  for (const [i, r] of responses.entries()) {
    const categories = {
      buurt: typeof r.answers[w.buurt] === 'string' ? (r.answers[w.buurt] as string) : null,
      leeftijd: AGE_OF[String(r.answers[w.ageGroup] ?? '')] ?? null,
      geslacht: SEX_OF[String(r.answers[w.sex] ?? '')] ?? null,
    };
    const ok = Object.entries(categories).every(
      ([k, v]) => v !== null && known.get(k)?.has(v) === true,
    );
    if (!ok) continue;
    members.push(i);
    respondents.push({ categories });
  }
  const left = responses.length - members.length;
  const leftNote =
    left === 0
      ? ''
      : ` ${left} van de ${responses.length} antwoorden hebben geen buurt (maar een postcode of niets), leeftijdsgroep of geslacht (man/vrouw) die bij de CBS-cijfers past; die tellen alleen mee in de ongewogen cijfers.`;
  // Every category of every margin needs a respondent, else raking cannot reach it.
  const empty = margins.flatMap((m) =>
    Object.keys(m.totals)
      .filter((c) => (m.totals[c] ?? 0) > 0)
      .filter((c) => !respondents.some((r) => r.categories[m.variable] === c))
      .map((c) => `${m.variable} ${c}`),
  );
  if (respondents.length < MINIMUM_CELL_N || empty.length > 0) {
    return {
      status: 'niet gewogen',
      note:
        (respondents.length < MINIMUM_CELL_N
          ? `Te weinig antwoorden om te wegen (${respondents.length}).`
          : `Nog niet te wegen: niemand heeft geantwoord uit ${empty.slice(0, 5).join(', ')}${empty.length > 5 ? ' en meer' : ''}.`) +
        leftNote,
      members: [],
    };
  }
  const raked = rake({ respondents, margins: [...margins] });
  const mean = raked.weights.reduce((a, b) => a + b, 0) / raked.weights.length;
  const bounds = trim ?? { lower: TRIM_BAND.lower * mean, upper: TRIM_BAND.upper * mean };
  const trimmed = trimWeights(raked, { ...bounds, strict: true });
  return {
    status: 'gewogen',
    note:
      `Gewogen naar buurt, leeftijdsgroep en geslacht (CBS), gewichten afgekapt op ${
        trim
          ? `${trim.lower} tot ${trim.upper}`
          : `${TRIM_BAND.lower} tot ${TRIM_BAND.upper} × het gemiddelde`
      }.` +
      (raked.converged ? '' : ' Let op: de weging kwam niet helemaal uit.') +
      leftNote,
    members,
    design: trimmed,
    summary: summariseWeights(trimmed.weights),
    trimmed: trimmed.trimmed,
  };
}

export interface CategoryLabel {
  value: string;
  label: string;
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
          categories: question.choices.map((c) => ({ value: c.value, label: c.label.nl })),
          valueOf: (a) => str(a[question.name]),
        });
        break;
      case 'agree_scale':
        out.push({
          ...base,
          variable: question.name,
          categories: AGREE_SCALE.filter((p) => question.dontKnow || p.value !== 'weet_niet').map(
            (p) => ({ value: String(p.value), label: p.label.nl }),
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
            categories: question.choices.map((c) => ({ value: c.value, label: c.label.nl })),
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

export type SuppressedTable = ReturnType<
  typeof suppressProportionTable<QuestionProportions['categories'][number]>
>;

export interface ResultTable {
  spec: ResultTableSpec;
  unweighted: SuppressedTable;
  /** Over the weighted responses only; absent when the results are not weighted. */
  weighted?: SuppressedTable;
}

/** Every frequency table, unweighted over all responses and weighted over the weighted ones. */
export function questionResults(
  q: Questionnaire,
  responses: readonly ResultResponse[],
  weighting: Weighting,
  minimum = MINIMUM_CELL_N,
): ResultTable[] {
  const all = unweightedDesign(responses.length);
  return resultTables(q).map((spec) => {
    const order = spec.categories.map((c) => c.value);
    const values = responses.map((r) => spec.valueOf(r.answers));
    const unweighted = suppressProportionTable(questionProportions(all, values, order), minimum);
    if (!weighting.design) return { spec, unweighted };
    const weightedValues = weighting.members.map((i) => values[i] ?? null);
    return {
      spec,
      unweighted,
      weighted: suppressProportionTable(
        questionProportions(weighting.design, weightedValues, order),
        minimum,
      ),
    };
  });
}

/** One table per domain value (buurt or channel), weighted where possible. */
export function domainResults(
  spec: ResultTableSpec,
  responses: readonly ResultResponse[],
  weighting: Weighting,
  domainOf: (r: ResultResponse) => string | null,
  minimum = MINIMUM_CELL_N,
) {
  const order = spec.categories.map((c) => c.value);
  const values = responses.map((r) => spec.valueOf(r.answers));
  const domains = responses.map(domainOf);
  if (weighting.design) {
    return proportionsByDomain(
      weighting.design,
      weighting.members.map((i) => values[i] ?? null),
      weighting.members.map((i) => domains[i] ?? null),
      order,
    ).map((d) => ({
      domain: d.domain,
      weighted: true,
      table: suppressProportionTable(d, minimum),
    }));
  }
  return proportionsByDomain(unweightedDesign(responses.length), values, domains, order).map(
    (d) => ({ domain: d.domain, weighted: false, table: suppressProportionTable(d, minimum) }),
  );
}

export interface ShareEstimate {
  value: number;
  lower: number;
  upper: number;
  n: number;
  effectiveN: number;
}

/**
 * The weighted share (in %) of responses whose answer to `variable` is one of `values`, among
 * those who answered: what a survey-based indicator in the monitor shows. Undefined when the
 * results are not weighted or fewer than `minimum` answered.
 */
export function weightedShare(
  responses: readonly ResultResponse[],
  weighting: Weighting,
  variable: string,
  values: readonly string[],
  minimum: number,
): ShareEstimate | undefined {
  if (!weighting.design) return undefined;
  const wanted = new Set(values);
  const x = weighting.members.map((i) => {
    const v = str(responses[i]?.answers[variable]);
    return v === null ? null : wanted.has(v) ? 1 : 0;
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
  return {
    value: e.estimate * 100,
    lower: e.lower * 100,
    upper: e.upper * 100,
    n: e.n,
    effectiveN: (sum * sum) / squares,
  };
}
