import { z } from 'zod';

/** The focus area in the path, as every page and /api/gebieden route of one focus area has. */
export const focusAreaParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .meta({ description: 'De naam van het focusgebied in het adres.', examples: ['dordt-west'] }),
});

// The shared ?versie=N of every page that shows one version of something.
export { parseVersion, versionQuery } from '../../shared/version-query.ts';

/** The query of every page of one focus area: ?versie=N picks a delineation version. */
export type Query = { versie?: string | string[] };
