import { z } from 'zod';
import { LANGUAGES } from '../definition/questionnaire.schema.ts';
import { IDEMPOTENCY_KEY } from '../responses/response.service.ts';

/** The body of POST /api/enquetes/:key/antwoorden. Answers are checked per question afterwards. */
export const submissionBodySchema = z.strictObject({
  /** The code from an invitation letter, when the respondent has one (ADR 0016). */
  uitnodiging: z.string().max(40).optional().meta({
    description: 'De code uit de uitnodigingsbrief (als de vragenlijst codes gebruikt).',
  }),
  taal: z.enum(LANGUAGES, { error: `kies een van: ${LANGUAGES.join(', ')}` }),
  antwoorden: z
    .record(
      z.string().max(64),
      z.union([z.string().max(10_000), z.number(), z.array(z.string().max(200)).max(100)], {
        error: 'een antwoord is tekst, een getal of een lijst met tekst',
      }),
    )
    .meta({
      description:
        'Per variabele het antwoord: de waarde van de keuze, een getal, tekst, of een lijst.',
    }),
});
export type SubmissionBody = z.infer<typeof submissionBodySchema>;

export const submissionKeyParam = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/)
    .meta({
      description: 'De sleutel van de vragenlijst.',
      examples: ['bewonersenquete-dordt-west'],
    }),
});

export const idempotencyHeader = z.string().regex(IDEMPOTENCY_KEY);

/** The first zod problem as a Dutch sentence naming the field. */
export function describeBodyProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  const what =
    issue?.code === 'unrecognized_keys'
      ? `onbekend veld ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : (issue?.message ?? 'klopt niet');
  return `De antwoorden zijn niet opgeslagen: veld "${where}": ${what}.`;
}
