import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../../shared/downloads/send.ts';
import { DATA_LICENCE } from '../../shared/downloads/json.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  description: string;
  /** Path parameters are always required. */
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As registered in Fastify (`/api/gebieden/:slug`) or in OpenAPI form (`/api/gebieden/{slug}`). */
  path: string;
  summary: string;
  description: string;
  parameters?: ApiParameter[];
  /** JSON Schema of the 200 JSON body. */
  responseSchema: JsonSchema;
  tags: string[];
  /**
   * When the route also serves its table as a download (`?formaat=`, see
   * shared/downloads/send.ts): the formats it accepts. Adds the parameter and content types.
   */
  downloads?: readonly DownloadFormat[];
  /** A write (POST): the JSON body it takes. The 200 then means "seen before", 201 "stored". */
  write?: { requestSchema: JsonSchema; created: string; repeated: string };
}

/** `/api/gebieden/:slug` → `/api/gebieden/{slug}`: the same route in both notations. */
export function toOpenApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const operations = new Map<string, ApiOperation>();

/**
 * Documents one API route. Route modules call this next to (or for) their routes; the OpenAPI
 * test fails for any GET /api/… route in the app without an entry here. Registering the same
 * method and path again replaces the earlier entry, so re-imports in tests are harmless.
 */
export function registerApiOperation(op: ApiOperation): void {
  const openApiPath = toOpenApiPath(op.path);
  if (!openApiPath.startsWith('/api/')) {
    throw new Error(`API operation ${op.method} ${op.path} must live under /api/`);
  }
  const placeholders = [...openApiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const name of placeholders) {
    if (!op.parameters?.some((p) => p.in === 'path' && p.name === name)) {
      throw new Error(
        `API operation ${op.method} ${op.path} does not describe path parameter ${name}`,
      );
    }
  }
  operations.set(`${op.method} ${openApiPath}`, { ...op, path: openApiPath });
}

/** Removes an entry; for tests that register a throw-away operation. */
export function unregisterApiOperation(method: ApiOperation['method'], path: string): boolean {
  return operations.delete(`${method} ${toOpenApiPath(path)}`);
}

/** Every documented operation as "METHOD /openapi/{path}". */
export function documentedOperations(): string[] {
  return [...operations.keys()];
}

function packageVersion(): string {
  const text = fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
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

function formatParameter(formats: readonly DownloadFormat[]) {
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

function operationObject(op: ApiOperation) {
  const parameters: unknown[] = (op.parameters ?? []).map((p) => ({
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : (p.required ?? false),
    description: p.description,
    schema: p.schema,
    ...(p.example !== undefined ? { example: p.example } : {}),
  }));
  const formats = op.downloads?.filter((f) => DOWNLOAD_FORMATS.includes(f)) ?? [];
  if (formats.length > 0) parameters.push(formatParameter(formats));
  return {
    operationId: `${op.method.toLowerCase()}${op.path
      .replace(/[{}]/g, '')
      .split(/[/-]/)
      .filter(Boolean)
      .map((s) => s[0]!.toUpperCase() + s.slice(1))
      .join('')}`,
    summary: op.summary,
    description: op.description,
    tags: op.tags,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.write ? writeParts(op, op.write) : readResponses(op, formats)),
  };
}

/** A write: request body, 201 and 200 with the same body, 429 from the rate limit, no ETag. */
function writeParts(op: ApiOperation, write: NonNullable<ApiOperation['write']>) {
  const body = { 'application/json': { schema: op.responseSchema } };
  return {
    requestBody: {
      required: true,
      content: { 'application/json': { schema: write.requestSchema } },
    },
    responses: {
      '201': { description: write.created, content: body },
      '200': { description: write.repeated, content: body },
      '400': errorResponse('Een veld of antwoord klopt niet; de melding noemt het.'),
      '404': errorResponse('Deze vragenlijst bestaat niet.'),
      '429': errorResponse('Te veel verzoeken vanaf deze verbinding; probeer het later.'),
    },
  };
}

function readResponses(op: ApiOperation, formats: readonly DownloadFormat[]) {
  return {
    responses: {
      '200': {
        description: 'Gelukt.',
        headers: { ETag: ETAG_HEADER },
        content: {
          'application/json': { schema: op.responseSchema },
          ...downloadContent(formats),
        },
      },
      '304': { description: 'Niet gewijzigd: de versie met deze ETag is nog actueel.' },
      '400': errorResponse('Een parameter klopt niet; de melding zegt wat.'),
      '404': errorResponse('Het gevraagde gebied of de gevraagde indicator bestaat niet.'),
    },
  };
}

/** The OpenAPI 3.1 document of every registered operation, paths sorted for a stable diff. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...operations.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  for (const op of sorted) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  }
  const tags = [...new Set(sorted.flatMap((op) => op.tags))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Wijkkompas API',
      version: packageVersion(),
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
