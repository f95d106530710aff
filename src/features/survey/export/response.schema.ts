import { z } from 'zod';
import { CHANNELS, LANGUAGES } from '../definition/questionnaire.schema.ts';

const answerValue = z.union([z.string(), z.number(), z.array(z.string())]);

/** A response as the export receives it. Checked here because the export is a boundary. */
export const exportResponseSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  version: z.number().int().positive(),
  channel: z.enum(CHANNELS),
  language: z.enum(LANGUAGES),
  status: z.string().min(1),
  submittedAt: z.coerce.date(),
  buurt: z.string().min(1).optional(),
  /** Weight scaled to the sample (mean 1 over the weighted responses): what SPSS weights by. */
  weight: z.number().positive().finite().optional(),
  /** The same weight at population scale (sums to the CBS population of 15 and older). */
  populationWeight: z.number().positive().finite().optional(),
  /** The raked weight before trimming, at population scale. */
  untrimmedWeight: z.number().positive().finite().optional(),
  answers: z.record(z.string(), answerValue.optional()),
});
export type ExportResponseInput = z.input<typeof exportResponseSchema>;
export type ExportResponse = z.output<typeof exportResponseSchema>;
