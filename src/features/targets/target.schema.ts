import { z } from 'zod';
import { AppError, formatLocation, type ImportProblem } from '../../shared/errors.ts';
import type { Target } from './target.types.ts';
import { readableJsonPath } from '../../shared/json-path.ts';

/**
 * A targets file (catalogue/targets-*.json) as a closed schema: each kind has exactly the fields
 * it needs, so a gap target without reference or a value target with a gap share is refused
 * instead of being half-read.
 */

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const targetSchema = z
  .strictObject({
    focusAreaSlug: z.string().regex(slug, 'geen geldige naam van een focusgebied (slug)'),
    indicatorKey: z.string().regex(slug, 'geen geldige indicatorsleutel'),
    kind: z.enum(['gap', 'value', 'change', 'guard']),
    reference: z.enum(['nederland', 'gemeente', 'nplv']).optional(),
    gapShare: z
      .number()
      .gt(0, 'het deel van de achterstand moet groter zijn dan 0')
      .max(1, 'het deel van de achterstand is hoogstens 1 (de hele achterstand)')
      .optional(),
    targetValue: z.number().optional(),
    change: z.number().optional(),
    baselinePeriod: z.string().regex(/^\d{4}$/, 'de nulmeting is een jaar, bijvoorbeeld 2023'),
    targetYear: z.number().int().min(1900).max(2200),
    isExample: z.boolean(),
    note: z.string(),
  })
  .superRefine((t, ctx) => {
    const needs: Record<Target['kind'], (keyof Target)[]> = {
      gap: ['reference', 'gapShare'],
      value: ['targetValue'],
      change: ['change'],
      guard: [],
    };
    const optional: (keyof Target)[] = ['reference', 'gapShare', 'targetValue', 'change'];
    for (const field of optional) {
      const needed = needs[t.kind].includes(field);
      if (needed && t[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `dit veld is nodig bij een doel van soort "${t.kind}"`,
        });
      } else if (!needed && t[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `dit veld hoort niet bij een doel van soort "${t.kind}"`,
        });
      }
    }
    if (t.targetYear <= Number(t.baselinePeriod)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetYear'],
        message: `het doeljaar moet na de nulmeting (${t.baselinePeriod}) liggen`,
      });
    }
  });

export const targetsFileSchema = z
  .strictObject({
    description: z.string().min(1),
    targets: z.array(targetSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.targets.forEach((t, i) => {
      const id = `${t.focusAreaSlug}/${t.indicatorKey}`;
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'indicatorKey'],
          message: `er staat al een doel voor "${t.indicatorKey}" in "${t.focusAreaSlug}"`,
        });
      }
      seen.add(id);
    });
  });

export type TargetsFile = z.infer<typeof targetsFileSchema>;

/** A targets file is wrong: each problem names the file and the field. */
export class TargetsFileError extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    const first = problems[0];
    const summary = first ? `${formatLocation(first)}: ${first.message}` : 'onbekende fout';
    const more = problems.length > 1 ? ` (en nog ${problems.length - 1} problemen)` : '';
    super('BAD_REQUEST', `Het bestand met doelen is niet geldig. ${summary}${more}`);
    this.name = 'TargetsFileError';
  }
}

function message(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `onbekend veld: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'dit veld ontbreekt';
  if (issue.code === 'invalid_type') return `verkeerd soort waarde (verwacht ${issue.expected})`;
  if (issue.code === 'invalid_value')
    return `ongeldige waarde (toegestaan: ${issue.values.map(String).join(', ')})`;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return issue.message.startsWith('Too') ? 'waarde buiten het toegestane bereik' : issue.message;
  }
  return issue.message;
}

/** Validates a parsed targets file; `file` only names the place in messages. */
export function parseTargetsFile(raw: unknown, file: string): Target[] {
  const parsed = targetsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TargetsFileError(
      parsed.error.issues.slice(0, 50).map((issue) => ({
        file,
        field: readableJsonPath(issue.path, raw, 'indicatorKey'),
        message: message(issue),
      })),
    );
  }
  return parsed.data.targets.map((t) => {
    const target: Target = {
      focusAreaSlug: t.focusAreaSlug,
      indicatorKey: t.indicatorKey,
      kind: t.kind,
      baselinePeriod: t.baselinePeriod,
      targetYear: t.targetYear,
      isExample: t.isExample,
      note: t.note,
    };
    if (t.reference !== undefined) target.reference = t.reference;
    if (t.gapShare !== undefined) target.gapShare = t.gapShare;
    if (t.targetValue !== undefined) target.targetValue = t.targetValue;
    if (t.change !== undefined) target.change = t.change;
    return target;
  });
}
