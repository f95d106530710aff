import { z } from 'zod';
import { BadRequestError } from '../../../shared/errors.ts';

/**
 * Inputs of the weighting, validated at the boundary: respondents come from the survey tables,
 * margins from CBS figures or a file, options from a researcher. Everything after this file can
 * trust the shapes.
 */

const category = z.string().trim().min(1, 'mag niet leeg zijn');

export const respondentSchema = z.object({
  /** Shown in error messages so a researcher can find the row; never logged. */
  id: z.string().min(1).optional(),
  /** One category per margin variable, e.g. `{ buurt: 'BU05050300', leeftijd: '25-44' }`. */
  categories: z.record(z.string(), category.nullable()),
  /** Design (base) weight before raking; 1 when the sample has none. */
  weight: z.number().finite().positive('moet groter dan 0 zijn').optional(),
});
export type Respondent = z.input<typeof respondentSchema>;

export const populationMarginSchema = z.object({
  /** The respondents' category key, e.g. `buurt`. */
  variable: z.string().min(1),
  /** Population total per category (persons). */
  totals: z.record(category, z.number().finite().nonnegative('mag niet negatief zijn')),
});
export type PopulationMargin = z.infer<typeof populationMarginSchema>;

export const rakeOptionsSchema = z.object({
  /** Maximum number of full sweeps over all margins (R's `maxit`). */
  maxIter: z.number().int().positive().default(50),
  /**
   * Stop when no cell of the cross-table of all margin variables moved more than this. As in R's
   * `rake()`: a value below 1 is relative to the sum of the starting weights, 1 or more is absolute.
   * R's own defaults (maxit 10, epsilon 1) are looser than ours.
   */
  epsilon: z.number().finite().positive().default(1e-7),
});
export type RakeOptions = z.input<typeof rakeOptionsSchema>;

export const rakeInputSchema = z.object({
  respondents: z.array(respondentSchema).min(2, 'er zijn minstens 2 respondenten nodig'),
  margins: z.array(populationMarginSchema).min(1, 'er is minstens één kenmerk nodig'),
  options: rakeOptionsSchema.default({ maxIter: 50, epsilon: 1e-7 }),
});
export type RakeInput = z.input<typeof rakeInputSchema>;

export const trimOptionsSchema = z
  .object({
    lower: z.number().finite().nonnegative().optional(),
    upper: z.number().finite().positive().optional(),
    /** Repeat until no weight is outside the bounds (R's `strict = TRUE`). */
    strict: z.boolean().default(false),
  })
  .refine((o) => o.lower === undefined || o.upper === undefined || o.lower < o.upper, {
    message: 'de ondergrens moet kleiner zijn dan de bovengrens',
  });
export type TrimOptions = z.input<typeof trimOptionsSchema>;

/** Parses with a Dutch message that names the field, e.g. `respondents.3.categories.buurt`. */
export function parseWeightingInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (veld ${issue.path.join('.')})` : '';
  throw new BadRequestError(
    `Weging niet mogelijk: ${what} klopt niet${where}: ${issue?.message ?? 'onbekende fout'}.`,
  );
}
