import { z } from 'zod';

/**
 * The questionnaire definition: one closed, versioned schema that the web, interviewer and paper
 * renderers, the keying screen, the weighting and the exports all read. Question types are a
 * closed union (DESIGN.md, "Participation"); every object is strict so a typo in a field name is
 * refused instead of ignored. Skip logic is structured data (`showIf`), not an expression string:
 * the paper renderer can write it out as "ga door naar vraag 12" and the XLSForm loader parses
 * `relevant` into it, so there is one evaluator (relevance.ts) for every channel.
 */

/** Languages with room in the schema. Dutch is required everywhere; Arabic is right-to-left. */
export const LANGUAGES = ['nl', 'en', 'tr', 'ar', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export const localizedTextSchema = z.strictObject({
  nl: z.string().trim().min(1, 'Nederlandse tekst ontbreekt'),
  en: z.string().trim().min(1).optional(),
  tr: z.string().trim().min(1).optional(),
  ar: z.string().trim().min(1).optional(),
  pl: z.string().trim().min(1).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * How a response came in: web with a letter's invitation code, web through the open link (no
 * code), an interviewer, or a keyed paper form (stored with every response).
 */
export const RESPONSE_SOURCES = ['uitnodiging', 'open_link', 'interviewer', 'papier'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/** The channels a response can come in by; their order is their SPSS code (1, 2, 3). */
export const CHANNELS = ['web', 'mondeling', 'schriftelijk'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The five NPLV themes, plus `achtergrond` for questions about the respondent (age, buurt). */
export const SURVEY_THEMES = [
  'gezond-leven',
  'wonen',
  'werk-en-inkomen',
  'onderwijs',
  'veiligheid-en-leefbaarheid',
  'algemeen',
  'achtergrond',
] as const;
export type SurveyTheme = (typeof SURVEY_THEMES)[number];

/** Variable names are stable across versions: exports and SPSS use them as column names. */
export const variableNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,31}$/,
    'een vraagnaam begint met een kleine letter en bevat alleen a-z, 0-9 en _ (hoogstens 32 tekens)',
  );

export const choiceSchema = z.strictObject({
  /** Stored value; stable across versions and languages. */
  value: z.string().regex(/^[a-z0-9_]{1,32}$/, 'een antwoordcode bevat alleen a-z, 0-9 en _'),
  label: localizedTextSchema,
  /** "weet niet"/"geen antwoord": counted apart, and a missing-value code in SPSS. */
  missing: z.boolean().optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

/** Skip logic. A question (or group) is shown only when its condition holds. */
export type Condition =
  | { question: string; equals: string | number }
  | { question: string; notEquals: string | number }
  | { question: string; in: (string | number)[] }
  /** For multiple choice: the choice is among the answers. */
  | { question: string; selected: string }
  | { question: string; gte: number }
  | { question: string; lte: number }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: variableNameSchema, equals: z.union([z.string(), z.number()]) }),
    z.strictObject({ question: variableNameSchema, notEquals: z.union([z.string(), z.number()]) }),
    z.strictObject({
      question: variableNameSchema,
      in: z.array(z.union([z.string(), z.number()])).min(1),
    }),
    z.strictObject({ question: variableNameSchema, selected: z.string() }),
    z.strictObject({ question: variableNameSchema, gte: z.number() }),
    z.strictObject({ question: variableNameSchema, lte: z.number() }),
    z.strictObject({ question: variableNameSchema, answered: z.boolean() }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const base = {
  name: variableNameSchema,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  theme: z.enum(SURVEY_THEMES),
  required: z.boolean().default(false),
  showIf: conditionSchema.optional(),
};

const singleChoice = z.strictObject({
  ...base,
  type: z.literal('single_choice'),
  choices: z.array(choiceSchema).min(2),
});
const multipleChoice = z.strictObject({
  ...base,
  type: z.literal('multiple_choice'),
  choices: z.array(choiceSchema).min(2),
  maxSelected: z.number().int().positive().optional(),
});
/** Rapportcijfer 1–10. */
const grade = z.strictObject({ ...base, type: z.literal('grade') });
/** Five-point helemaal oneens … helemaal eens, plus an optional "weet niet". */
const agreeScale = z.strictObject({
  ...base,
  type: z.literal('agree_scale'),
  dontKnow: z.boolean().default(true),
});
/** Several statements answered on one shared scale. Each row is its own variable. */
const matrix = z.strictObject({
  ...base,
  type: z.literal('matrix'),
  rows: z
    .array(
      z.strictObject({
        name: variableNameSchema,
        text: localizedTextSchema,
        theme: z.enum(SURVEY_THEMES).optional(),
      }),
    )
    .min(2),
  choices: z.array(choiceSchema).min(2),
});
const numberQ = z.strictObject({
  ...base,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(true),
  unit: localizedTextSchema.optional(),
});
const openText = z.strictObject({
  ...base,
  type: z.literal('open_text'),
  maxLength: z.number().int().positive().max(5000).default(1000),
});
/** Order the five NPLV themes from most to least important; stored as rank per theme. */
const themeRanking = z.strictObject({
  ...base,
  type: z.literal('theme_ranking'),
  /** How many places to fill (1–5); the rest stays unranked. */
  places: z.number().int().min(1).max(5).default(5),
});
/** The buurt of the respondent, from the focus area's buurten, or a postcode (4 digits + letters). */
const buurtChoice = z.strictObject({
  ...base,
  type: z.literal('buurt_choice'),
  allowPostcode: z.boolean().default(true),
});

export const questionSchema = z.discriminatedUnion('type', [
  singleChoice,
  multipleChoice,
  grade,
  agreeScale,
  matrix,
  numberQ,
  openText,
  themeRanking,
  buurtChoice,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

/** One page on the web, one block on paper, one screen for the interviewer. */
export const groupSchema = z.strictObject({
  name: variableNameSchema,
  title: localizedTextSchema,
  intro: localizedTextSchema.optional(),
  showIf: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
});
export type QuestionGroup = z.infer<typeof groupSchema>;

export const questionnaireSchema = z.strictObject({
  /** Stable key over versions, e.g. `bewonersenquete-dordt-west`. */
  key: z.string().regex(/^[a-z0-9-]{3,64}$/, 'een sleutel bevat alleen a-z, 0-9 en -'),
  version: z.number().int().positive(),
  title: localizedTextSchema,
  intro: localizedTextSchema.optional(),
  audience: z.enum(['bewoners', 'professionals']),
  /** The focus area whose buurten `buurt_choice` offers and whose population weights. */
  focusArea: z.string().regex(/^[a-z0-9-]+$/),
  languages: z.array(z.enum(LANGUAGES)).min(1),
  groups: z.array(groupSchema).min(1),
  /**
   * Single-use codes printed on invitation letters: `uit` (none), `mogelijk` (a code may be
   * given), `verplicht` (only with a code). Codes are kept apart from the answers.
   */
  invitations: z.enum(['uit', 'mogelijk', 'verplicht']).default('uit'),
  /**
   * The question whose answer `ja` lets this respondent's open answers be quoted on the public
   * page "Wat we met uw inbreng deden", after review (ADR 0035). Without it nothing is quoted.
   */
  quoteConsent: variableNameSchema.optional(),
  /**
   * The ways in whose responses feed a published estimate (the public monitor), ADR 0016.
   * `uitnodiging` counts once sent; `interviewer` and `papier` once a reviewer approved them;
   * `open_link` (web without a code) only after review too: when it is listed, open-link
   * responses wait for review, otherwise they stay out of every published figure. The rule
   * itself lives in one place: `responses/trust.ts`.
   */
  trustedSources: z
    .array(z.enum(RESPONSE_SOURCES))
    .min(1)
    .refine((l) => new Set(l).size === l.length, 'noem elke bron één keer')
    .default(['uitnodiging', 'interviewer', 'papier']),
  /**
   * The questions whose answers weight the results to the CBS population (raking over buurt,
   * age group and sex). Leave out for a questionnaire that is not weighted (professionals).
   */
  weighting: z
    .strictObject({
      buurt: variableNameSchema,
      ageGroup: variableNameSchema,
      sex: variableNameSchema,
      /**
       * Trimming of the raked weights, as multiples of the mean weight (ADR 0019). Default
       * 0.3 to 3; `false` keeps the raked weights as they are.
       */
      trim: z
        .union([
          z.literal(false),
          z
            .strictObject({ lower: z.number().nonnegative(), upper: z.number().positive() })
            .refine((t) => t.lower < 1 && t.upper > 1, {
              message: 'de ondergrens moet onder 1 en de bovengrens boven 1 liggen',
            }),
        ])
        .optional(),
    })
    .optional(),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;
