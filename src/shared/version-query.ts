import { z } from 'zod';
import { parseQuery } from './http.ts';

/**
 * ?versie=N: a version (of a delineation, of a contours proposal), a whole number from 1; without
 * it the newest. Anything else answers 400 naming the parameter, on every page that takes one.
 */
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

export function parseVersion(query: unknown): number | undefined {
  return parseQuery(versionQuery, query).versie;
}
