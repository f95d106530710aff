import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../../shared/downloads/send.ts';
import { DATA_LICENCE } from '../../shared/downloads/json.ts';
import type { RouteDefinition, RouteSchema } from '../../shared/http.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * One route under /api/ as data (ADR 0039): the request in zod (the route validates with the
 * same schemas, see routeOptions in shared/http.ts) plus what the OpenAPI document says about it.
 * Descriptions of parameters come from the zod schemas (`.meta({ description, examples })`).
 */
export interface ApiRoute<S extends RouteSchema = RouteSchema> extends RouteDefinition<S> {
  summary: string;
  description: string;
  tags: string[];
  /** The 200 (and, for a write, 201) JSON body: a zod schema or a JSON Schema. */
  response: z.ZodType | JsonSchema;
  /**
   * When the route also serves its table as a download (`?formaat=`, see
   * shared/downloads/send.ts): the formats it accepts. Adds the parameter and content types.
   */
  downloads?: readonly DownloadFormat[];
  /** A write (POST): the 201 means "stored", the 200 "seen before", and the rate limit's 429. */
  write?: { created: string; repeated: string };
}

/** Keeps the schema's types for the handler: `app.route<RouteTypes<…>>({ ...routeOptions(x) })`. */
export function apiRoute<S extends RouteSchema>(route: ApiRoute<S>): ApiRoute<S> {
  return route;
}

/** `/api/gebieden/:slug` → `/api/gebieden/{slug}`: the same route in both notations. */
export function toOpenApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function jsonSchemaOf(schema: z.ZodType | JsonSchema, io: 'input' | 'output'): JsonSchema {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

/** `idempotency-key` → `Idempotency-Key`: headers are case-insensitive, documented as usually written. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

/** The parameters one zod object describes, in the order of its keys. */
function parametersOf(schema: z.ZodType | undefined, where: Parameter['in']): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const { description, examples, ...rest } = property;
    let own: JsonSchema = rest;
    // A repeatable query parameter (see repeatable() in shared/http.ts): one value or several.
    const anyOf = rest.anyOf as JsonSchema[] | undefined;
    if (
      anyOf?.length === 2 &&
      anyOf[1]!.type === 'array' &&
      isDeepStrictEqual(anyOf[1]!.items, anyOf[0])
    ) {
      own = anyOf[1]!;
    }
    return {
      name: where === 'header' ? headerName(name) : name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: own,
      ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] } : {}),
    };
  });
}

/**
 * Why a route list cannot be documented: a route outside /api/, a path parameter without a
 * schema, or the same method and path twice. Empty when all is well.
 */
export function apiRouteProblems(routes: readonly ApiRoute[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${toOpenApiPath(route.url)}`;
    if (seen.has(key)) problems.push(`${key} is twice in the list`);
    seen.add(key);
    if (!route.url.startsWith('/api/')) problems.push(`${key} must live under /api/`);
    const described = new Set(parametersOf(route.schema.params, 'path').map((p) => p.name));
    for (const [, name] of route.url.matchAll(/:([A-Za-z0-9_]+)/g)) {
      if (!described.has(name!)) problems.push(`${key} does not describe path parameter ${name}`);
    }
  }
  return problems;
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Een fout, met een uitleg in het Nederlands.',
  required: ['fout'],
  properties: {
    fout: {
      type: 'object',
      required: ['code', 'status', 'titel', 'melding'],
      properties: {
        code: { type: 'string', examples: ['NOT_FOUND'] },
        status: { type: 'integer', examples: [404] },
        titel: { type: 'string' },
        melding: { type: 'string' },
      },
    },
  },
};

function errorResponse(description: string) {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Fout' } } },
  };
}

const ETAG_HEADER = {
  description: 'Sterke ETag van de inhoud. Stuur hem terug in If-None-Match voor een 304.',
  schema: { type: 'string' },
};

function formatParameter(formats: readonly DownloadFormat[]): Parameter {
  return {
    name: 'formaat',
    in: 'query',
    required: false,
    description:
      'Download in plaats van de gewone JSON: csv (komma), csv-excel (puntkomma en decimale ' +
      'komma, voor Nederlandse Excel), json of geojson (alleen bij kaarten).',
    schema: { type: 'string', enum: [...formats] },
  };
}

function downloadContent(formats: readonly DownloadFormat[]): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  if (formats.includes('csv') || formats.includes('csv-excel')) {
    content['text/csv'] = { schema: { type: 'string' } };
  }
  if (formats.includes('geojson')) {
    content['application/geo+json'] = {
      schema: { type: 'object', description: 'GeoJSON FeatureCollection (RFC 7946, WGS84).' },
    };
  }
  return content;
}

function operationObject(route: ApiRoute, path: string) {
  const parameters = [
    ...parametersOf(route.schema.params, 'path'),
    ...parametersOf(route.schema.querystring, 'query'),
    ...parametersOf(route.schema.headers, 'header'),
  ];
  const formats = route.downloads?.filter((f) => DOWNLOAD_FORMATS.includes(f)) ?? [];
  if (formats.length > 0 && !parameters.some((p) => p.name === 'formaat')) {
    parameters.push(formatParameter(formats));
  }
  return {
    operationId: `${route.method.toLowerCase()}${path
      .replace(/[{}]/g, '')
      .split(/[/-]/)
      .filter(Boolean)
      .map((s) => s[0]!.toUpperCase() + s.slice(1))
      .join('')}`,
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.schema.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(route.schema.body, 'input') } },
          },
        }
      : {}),
    responses: route.write ? writeResponses(route, route.write) : readResponses(route, formats),
  };
}

/** A write: 201 and 200 with the same body, 429 from the rate limit, no ETag. */
function writeResponses(route: ApiRoute, write: NonNullable<ApiRoute['write']>) {
  const body = { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } };
  return {
    '201': { description: write.created, content: body },
    '200': { description: write.repeated, content: body },
    '400': errorResponse('Een veld of antwoord klopt niet; de melding noemt het.'),
    '404': errorResponse(route.notFound ?? 'Dit adres bestaat niet.'),
    '429': errorResponse('Te veel verzoeken vanaf deze verbinding; probeer het later.'),
  };
}

function readResponses(route: ApiRoute, formats: readonly DownloadFormat[]) {
  return {
    '200': {
      description: 'Gelukt.',
      headers: { ETag: ETAG_HEADER },
      content: {
        'application/json': { schema: jsonSchemaOf(route.response, 'output') },
        ...downloadContent(formats),
      },
    },
    '304': { description: 'Niet gewijzigd: de versie met deze ETag is nog actueel.' },
    '400': errorResponse('Een parameter klopt niet; de melding noemt hem.'),
    '404': errorResponse(
      route.notFound ?? 'Het gevraagde gebied of de gevraagde indicator bestaat niet.',
    ),
  };
}

/**
 * The OpenAPI 3.1 document of the routes passed in, paths sorted for a stable diff. Pure: the
 * same list and version give the same document. Throws on a list apiRouteProblems refuses.
 */
export function buildOpenApi(
  routes: readonly ApiRoute[],
  version: string,
): Record<string, unknown> {
  const problems = apiRouteProblems(routes);
  if (problems.length > 0)
    throw new Error(`API routes cannot be documented: ${problems.join('; ')}`);
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...routes]
    .map((route) => ({ route, path: toOpenApiPath(route.url) }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.route.method.localeCompare(b.route.method));
  for (const { route, path } of sorted) {
    (paths[path] ??= {})[route.method.toLowerCase()] = operationObject(route, path);
  }
  const tags = [...new Set(sorted.flatMap(({ route }) => route.tags))]
    .sort()
    .map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Wijkkompas API',
      version,
      summary: 'Open cijfers over de NPLV-focusgebieden, hun buurten en indicatoren.',
      description:
        'Alles wat de pagina’s van Wijkkompas laten zien, als JSON. De cijfers komen van het ' +
        `CBS en andere bronnen (zie het veld "bron" in elk antwoord) en vallen onder ${DATA_LICENCE}.`,
      license: { name: DATA_LICENCE, url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: { schemas: { Fout: ERROR_SCHEMA } },
  };
}

/** A route as Fastify holds it (from an onRoute hook): method, url and its schema, if any. */
export interface ServedRoute {
  method: string;
  url: string;
  schema?: unknown;
}

/**
 * Routes under /api/ that Fastify serves but the list does not define with the same schema, and
 * definitions Fastify does not serve. HEAD routes Fastify adds for a GET are left out.
 */
export function undefinedApiRoutes(
  served: readonly ServedRoute[],
  routes: readonly ApiRoute[],
): string[] {
  const defined = new Map(routes.map((r) => [`${r.method} ${r.url}`, r]));
  const problems: string[] = [];
  const servedKeys = new Set<string>();
  for (const route of served) {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') continue;
    const key = `${route.method} ${route.url}`;
    servedKeys.add(key);
    const definition = defined.get(key);
    if (!definition) {
      problems.push(`${key} is served without a definition in the API route list`);
      continue;
    }
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    for (const part of ['params', 'querystring', 'headers', 'body'] as const) {
      if (schema[part] !== definition.schema[part]) {
        problems.push(`${key} does not validate ${part} with the schema of its definition`);
      }
    }
  }
  for (const key of defined.keys()) {
    if (!servedKeys.has(key)) problems.push(`${key} is defined but not served`);
  }
  return problems;
}
