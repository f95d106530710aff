import type { WeightedDesign } from './rake.ts';
import { logitInterval } from './publication.ts';
import { unweightedDesign, weightedMean, type MeanEstimate } from './variance.ts';

/**
 * `lower`/`upper`: the Wald interval (R's `confint()`); `logitLower`/`logitUpper`: the logit
 * interval (R's `svyciprop(method = "logit")`), which stays within 0–1 and is what pages show.
 */
export type Estimate = Omit<MeanEstimate, 'n'> & { logitLower: number; logitUpper: number };

export interface CategoryProportion {
  category: string;
  /** Respondents who gave this answer (unweighted). */
  n: number;
  weighted: Estimate;
  unweighted: Estimate;
}

export interface QuestionProportions {
  /** Respondents who answered the question. */
  nValid: number;
  /** Respondents without an answer: left out of every proportion (R's `na.rm = TRUE`). */
  nMissing: number;
  categories: CategoryProportion[];
}

const strip = (e: MeanEstimate): Estimate => {
  const ci = logitInterval(e);
  return {
    estimate: e.estimate,
    se: e.se,
    lower: e.lower,
    upper: e.upper,
    logitLower: ci.lower,
    logitUpper: ci.upper,
  };
};

/**
 * Weighted and unweighted share of each answer of one question, side by side: R's
 * `svymean(~factor(q), design, na.rm = TRUE)` on the weighted design and on the same sample with
 * equal weights. A missing answer is null. `categories` fixes the order (and lists answers nobody
 * gave, with share 0); by default the answers given, sorted.
 */
export function questionProportions(
  design: WeightedDesign,
  answers: readonly (string | null)[],
  categories?: readonly string[],
): QuestionProportions {
  const given = [...new Set(answers.filter((a): a is string => a !== null))].sort();
  const order = categories
    ? [...categories, ...given.filter((c) => !categories.includes(c))]
    : given;
  const equal = unweightedDesign(answers.length);
  const rows = order.map((category): CategoryProportion => {
    const indicator = answers.map((a) => (a === null ? null : a === category ? 1 : 0));
    return {
      category,
      n: answers.filter((a) => a === category).length,
      weighted: strip(weightedMean(design, indicator)),
      unweighted: strip(weightedMean(equal, indicator)),
    };
  });
  const nValid = answers.filter((a) => a !== null).length;
  return { nValid, nMissing: answers.length - nValid, categories: rows };
}

export interface DomainProportions extends QuestionProportions {
  domain: string;
}

/**
 * The same shares per domain (buurt, wijk, channel …), as R's `svyby(~factor(q), ~domain,
 * design, svymean, na.rm = TRUE)`: each domain is a subset of the whole weighted sample, so its
 * SE reflects the raking of the whole sample. A respondent without a domain value is in none.
 */
export function proportionsByDomain(
  design: WeightedDesign,
  answers: readonly (string | null)[],
  domains: readonly (string | null)[],
  categories?: readonly string[],
): DomainProportions[] {
  const order = categories ?? [...new Set(answers.filter((a): a is string => a !== null))].sort();
  const values = [...new Set(domains.filter((d): d is string => d !== null))].sort();
  return values.map((domain) => ({
    domain,
    ...questionProportions(
      design,
      answers.map((a, i) => (domains[i] === domain ? a : null)),
      order,
    ),
  }));
}
