import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.ts';
import { parseQuery } from '../../shared/http.ts';

/** The focus area in the path, as every page and /api/gebieden route of one focus area has. */
export const focusAreaParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .meta({ description: 'De naam van het focusgebied in het adres.', examples: ['dordt-west'] }),
});

/** ?versie=N: the version of the delineation, a whole number from 1; without it the newest. */
export const versionQuery = z.object({
  versie: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, {
      error:
        'De versie in het adres klopt niet. Gebruik een heel getal vanaf 1, bijvoorbeeld ?versie=1.',
    })
    .transform(Number)
    .optional()
    .meta({ description: 'Versie van de begrenzing (heel getal vanaf 1). Zonder: de nieuwste.' }),
});

/** The query of every page of one focus area: ?versie=N picks a delineation version. */
export type Query = { versie?: string | string[] };

export function parseVersion(query: unknown): number | undefined {
  return parseQuery(versionQuery, query).versie;
}

export function slugOf(params: unknown): string {
  const parsed = focusAreaParams.safeParse(params);
  // An odd slug cannot name a focus area: the same answer as an unknown one.
  if (!parsed.success) throw new NotFoundError('Er is geen focusgebied met dit adres.');
  return parsed.data.slug;
}
