import { z } from 'zod';

/**
 * The indicator catalogue (catalogue/indicators.json) as a closed schema. Every object is strict
 * so a typo in a field name is refused instead of silently ignored, and the measure is a closed
 * union: the aggregation service only knows these rules (DESIGN.md, "Aggregating buurten").
 */

/**
 * A variable stem as the importers store it: the CBS key without its edition suffix
 * (`AantalInwoners`, not `AantalInwoners_5`), or a local stem such as
 * `GeregistreerdeMisdrijven.1.1.1` for one `SoortMisdrijf` of politie table 47018NED (as the
 * politie importer's crimeVariable() writes it).
 */
export const stemSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*(?:\.[0-9]+)*$/, 'geen geldige variabelenaam (stam)')
  .refine((s) => !/_\d+$/.test(s), {
    message:
      'gebruik de stam zonder jaargangnummer (bijvoorbeeld AantalInwoners, niet AantalInwoners_5)',
  });

/** One stem, or several that are added up per buurt (e.g. three education levels). */
const stemsSchema = z.union([stemSchema, z.array(stemSchema).min(1)]);

const countSchema = z.strictObject({ type: z.literal('count'), variable: stemSchema });

const ratioSchema = z.strictObject({
  type: z.literal('ratio'),
  numerator: stemsSchema,
  denominator: stemsSchema,
  /** 100 for a percentage, 1000 for "per 1.000". */
  scale: z.number().positive(),
});

const sharePublishedSchema = z.strictObject({
  type: z.literal('share_published'),
  /** A percentage per area, as CBS publishes it. */
  variable: stemSchema,
  /** The CBS base the percentage is of (woningvoorraad, huishoudens, ...). */
  base: stemSchema,
  /** True when the base only approximates the CBS base; the result is then marked "benadering". */
  baseIsProxy: z.boolean().optional(),
  /**
   * The same share as a count (e.g. `k_0Tot15Jaar` beside `PercentagePersonen0Tot15Jaar`). Where an
   * area has the count, the share is Σ count / Σ base and needs no reconstruction; where it only
   * has the percentage, the percentage is weighted back with its base. One indicator thus runs
   * across files that publish the share in either form (issue 13.6).
   */
  count: stemSchema.optional(),
});

const meanSchema = z.strictObject({
  type: z.literal('mean'),
  variable: stemSchema,
  base: stemSchema,
  baseIsProxy: z.boolean(),
});

const medianSchema = z.strictObject({ type: z.literal('median'), variable: stemSchema });

const modelEstimateSchema = z.strictObject({
  type: z.literal('model_estimate'),
  variable: stemSchema,
  base: stemSchema,
  baseIsProxy: z.boolean().optional(),
});

const surveyProportionSchema = z.strictObject({
  type: z.literal('survey_proportion'),
  /** The questionnaire key in questionnaires/ (stable over its versions). */
  questionnaire: z.string().regex(/^[a-z0-9-]{3,64}$/, 'geen geldige sleutel van een vragenlijst'),
  /** The variable (question name) whose answers are counted. */
  variable: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'geen geldige vraagnaam'),
  /** The share of respondents whose answer is one of these values (among valid answers). */
  values: z.array(z.string().min(1)).min(1),
});
export type SurveyProportionMeasure = z.infer<typeof surveyProportionSchema>;

export const measureSchema = z.discriminatedUnion('type', [
  countSchema,
  ratioSchema,
  sharePublishedSchema,
  meanSchema,
  medianSchema,
  modelEstimateSchema,
  surveyProportionSchema,
]);

const sourceSchema = z.strictObject({
  publisher: z.string().min(1),
  /** CBS/StatLine table id, or a name for sources without one. Null for our own survey. */
  tableId: z.string().min(1).nullable(),
  variables: z.array(stemSchema),
  url: z.url().optional(),
});

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const themeSchema = z.strictObject({
  key: z.string().regex(kebab, 'sleutel moet kebab-case zijn'),
  name: z.string().min(1),
  description: z.string().min(1).optional(),
});

/** Which direction is good for an indicator; decides colours and target directions. */
export const POLARITIES = ['hoger-is-beter', 'lager-is-beter', 'neutraal'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const indicatorSchema = z.strictObject({
  key: z
    .string()
    .regex(kebab, 'sleutel moet kebab-case zijn (kleine letters, cijfers en streepjes)'),
  theme: z.string().min(1),
  /** kern: the programme steers on it; context: describes the area, not a goal. */
  role: z.enum(['kern', 'context']),
  name: z.string().min(1),
  definition: z.string().min(1),
  source: sourceSchema,
  /** Sources of the base or denominator when they come from another table. */
  otherSources: z.array(sourceSchema).optional(),
  unit: z.string().min(1),
  polarity: z.enum(POLARITIES),
  measure: measureSchema,
  /** The population the indicator is about, in words (Dutch). */
  base: z.string().min(1),
  suppression: z.strictObject({
    rule: z.string().min(1),
    /** Our own rule: no focus-area value when the summed base is smaller than this. */
    minBase: z.number().int().positive().optional(),
  }),
  decimals: z.number().int().min(0).max(3),
  /**
   * What a reader must know about the series: where a loaded source defines the figure
   * differently, or why a source that looks alike is not used (Dutch, B1; shown on the page).
   */
  seriesNote: z.string().min(1).optional(),
});

export const catalogueSchema = z
  .strictObject({
    version: z.string().regex(/^\d{4}\.\d+$/, 'versie als JJJJ.n, bijvoorbeeld 2026.1'),
    themes: z.array(themeSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
  })
  .superRefine((cat, ctx) => {
    const themeKeys = new Set<string>();
    cat.themes.forEach((t, i) => {
      if (themeKeys.has(t.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['themes', i, 'key'],
          message: `thema "${t.key}" staat er twee keer in`,
        });
      }
      themeKeys.add(t.key);
    });
    const seen = new Set<string>();
    cat.indicators.forEach((ind, i) => {
      if (seen.has(ind.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'key'],
          message: `indicator "${ind.key}" staat er twee keer in`,
        });
      }
      seen.add(ind.key);
      if (!themeKeys.has(ind.theme)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'theme'],
          message: `thema "${ind.theme}" bestaat niet in "themes"`,
        });
      }
      // Every variable the rule reads must be traceable to a named source.
      const declared = new Set([
        ...ind.source.variables,
        ...(ind.otherSources ?? []).flatMap((s) => s.variables),
      ]);
      for (const stem of measureVariables(ind.measure)) {
        if (!declared.has(stem)) {
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'measure'],
            message: `variabele "${stem}" staat niet bij de bron (source.variables of otherSources)`,
          });
        }
      }
    });
  });

export type Measure = z.infer<typeof measureSchema>;
export type MeasureType = Measure['type'];
export type Theme = z.infer<typeof themeSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type IndicatorSource = z.infer<typeof sourceSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;

function asList(stems: string | readonly string[]): string[] {
  return typeof stems === 'string' ? [stems] : [...stems];
}

/** The variable stems a measure reads per buurt (none for a survey proportion). */
export function measureVariables(measure: Measure): string[] {
  switch (measure.type) {
    case 'count':
    case 'median':
      return [measure.variable];
    case 'ratio':
      return [...new Set([...asList(measure.numerator), ...asList(measure.denominator)])];
    case 'share_published':
      return measure.count === undefined
        ? [measure.variable, measure.base]
        : [measure.variable, measure.base, measure.count];
    case 'mean':
    case 'model_estimate':
      return [measure.variable, measure.base];
    case 'survey_proportion':
      return [];
  }
}

/**
 * The sets of stems that each suffice to compute the measure: one set for most rules; two for a
 * published share that also has a count (the percentage with its base, or the count with it).
 * A period is loaded when every stem of one set has it.
 */
export function measureVariableSets(measure: Measure): string[][] {
  if (measure.type === 'share_published' && measure.count !== undefined) {
    return [
      [measure.variable, measure.base],
      [measure.count, measure.base],
    ];
  }
  return [measureVariables(measure)];
}

/** Numerator or denominator as a list of stems. */
export function stemList(stems: string | readonly string[]): string[] {
  return asList(stems);
}
