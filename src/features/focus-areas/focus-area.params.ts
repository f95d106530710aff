import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';

const paramsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const querySchema = z.object({
  versie: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .optional(),
});

/** The query of every page of one focus area: ?versie=N picks a delineation version. */
export type Query = { versie?: string | string[] };

export function parseVersion(query: Query): number | undefined {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    throw new BadRequestError(
      'De versie in het adres klopt niet. Gebruik een heel getal vanaf 1, bijvoorbeeld ?versie=1.',
    );
  }
  return parsed.data.versie;
}

export function slugOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  // An odd slug cannot name a focus area: the same answer as an unknown one.
  if (!parsed.success) throw new NotFoundError('Er is geen focusgebied met dit adres.');
  return parsed.data.slug;
}
