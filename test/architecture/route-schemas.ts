/** Files under /assets/: the name is looked up among the files on disk; an unknown one is a 404. */
const STATIC =
  'statisch bestand: de naam wordt opgezocht tussen de bestanden op schijf, een onbekende is 404';
/**
 * Routes with a path parameter that have no params schema yet (ADR 0039, amendment). Remove an
 * entry when its route gets `schemaOptions({ params })`; the guard fails on an entry that is no
 * longer needed, so the list can only shrink. Only STATIC is meant to stay.
 */
export const PARAMS_SCHEMA_ALLOWANCES: Readonly<Record<string, string>> = {
  'GET /assets/vendor/:file': STATIC,
  'GET /assets/v/:fingerprint/:folder/:file': STATIC,
};

/** `METHOD url` of every route with `:param` in its address and no params schema (HEAD skipped: it follows GET). */
export function routesWithoutParamsSchema(
  routes: readonly { method: string; url: string; schemaParts: readonly string[] }[],
): string[] {
  return routes
    .filter(
      (r) => r.method !== 'HEAD' && /:[A-Za-z]/.test(r.url) && !r.schemaParts.includes('params'),
    )
    .map((r) => `${r.method} ${r.url}`);
}
