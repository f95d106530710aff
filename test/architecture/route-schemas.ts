/** Files under /assets/: the name is looked up among the files on disk; an unknown one is a 404. */
const STATIC =
  'statisch bestand: de naam wordt opgezocht tussen de bestanden op schijf, een onbekende is 404';
/** Public pages that still check their address in the handler (slugOf, codeOf…): next in line. */
const PUBLIC =
  'openbare pagina: controleert het adres nog in de handler (slugOf en dergelijke); komt als volgende';
/** Logged-in routes not yet converted: they parse their parameters in the handler. */
const HANDLER = 'controleert het adres nog in de handler (parseParams of eigen code); om te zetten';

/**
 * Routes with a path parameter that have no params schema yet (ADR 0039, amendment). Remove an
 * entry when its route gets `schemaOptions({ params })`; the guard fails on an entry that is no
 * longer needed, so the list can only shrink.
 */
export const PARAMS_SCHEMA_ALLOWANCES: Readonly<Record<string, string>> = {
  'GET /assets/vendor/:file': STATIC,
  'GET /assets/v/:fingerprint/:folder/:file': STATIC,
  'GET /wachtwoord-herstellen/:token': PUBLIC,
  'POST /wachtwoord-herstellen/:token': PUBLIC,
  'GET /gebieden/:slug/indicatoren/:indicator': PUBLIC,
  'GET /gebieden/:slug': PUBLIC,
  'GET /buurten/:code': PUBLIC,
  'GET /gebieden/:slug/factsheet': PUBLIC,
  'GET /gebieden/:slug/factsheet.pdf': PUBLIC,
  'GET /gebieden/:slug/factsheet.docx': PUBLIC,
  'POST /werkruimte/:gemeente/bijeenkomsten/:sessie/annuleren': HANDLER,
  'POST /werkruimte/:gemeente/bijeenkomsten/:sessie/aanwezigheid': HANDLER,
  'POST /werkruimte/:gemeente/bijeenkomsten/:sessie/deelnemers': HANDLER,
  'POST /werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng': HANDLER,
  'GET /gebieden/:slug/doe-mee': PUBLIC,
  'GET /gebieden/:slug/doe-mee/bijeenkomsten.ics': PUBLIC,
  'GET /werkruimte/:gemeente/contouren/:slug': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/versies': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/afdrukken': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/contouren.pdf': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/contouren.docx': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/thema/:thema': HANDLER,
  'POST /werkruimte/:gemeente/contouren/:slug/thema/:thema': HANDLER,
  'GET /werkruimte/:gemeente/contouren/:slug/thema/:thema/bewijs': HANDLER,
  'POST /werkruimte/:gemeente/contouren/:slug/thema/:thema/bewijs': HANDLER,
  'POST /werkruimte/:gemeente/contouren/:slug/voorleggen': HANDLER,
  'POST /werkruimte/:gemeente/contouren/:slug/vaststellen': HANDLER,
  'POST /werkruimte/:gemeente/contouren/:slug/nieuw-concept': HANDLER,
  'GET /enquete/:key/papier': PUBLIC,
  'GET /enquete/:key/papier.pdf': HANDLER,
  'GET /enquete/:key': PUBLIC,
  'POST /enquete/:key/start': PUBLIC,
  'GET /enquete/:key/stap/:stap': PUBLIC,
  'POST /enquete/:key/stap/:stap': PUBLIC,
  'GET /enquete/:key/versturen': PUBLIC,
  'POST /enquete/:key/versturen': PUBLIC,
  'GET /enquete/:key/hervatten': PUBLIC,
  'POST /enquete/:key/hervatten': PUBLIC,
  'GET /werkruimte/:gemeente/enquetes/:key/interview': HANDLER,
  'POST /werkruimte/:gemeente/enquetes/:key/interview/nieuw': HANDLER,
  'GET /werkruimte/:gemeente/enquetes/:key/interview/stap/:stap': HANDLER,
  'POST /werkruimte/:gemeente/enquetes/:key/interview/stap/:stap': HANDLER,
  'GET /werkruimte/:gemeente/enquetes/:key/interview/versturen': HANDLER,
  'POST /werkruimte/:gemeente/enquetes/:key/interview/versturen': HANDLER,
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
