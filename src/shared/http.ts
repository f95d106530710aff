import type {
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  FastifySchemaCompiler,
  FastifyTypeProvider,
  HTTPMethods,
} from 'fastify';
import { z } from 'zod';
import { renderPage } from '../views/render.ts';
import { BadRequestError, NotFoundError, type AppError } from './errors.ts';

/**
 * The request side of HTTP in one place (issue 16, ADR 0039): HTML answers, form bodies, and
 * parsing path parameters, query strings, headers and JSON bodies with zod, so every refusal is
 * the same Dutch 400 (or 404 for an address that names nothing) and names the parameter.
 */

/** An HTML page, never stored by a cache (pages may show who is logged in). */
export function html(reply: FastifyReply, page: Parameters<typeof renderPage>[0], status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

/** The fields of a posted form (or an empty object when there is no body). */
export function formBody<T = Record<string, unknown>>(request: FastifyRequest): T {
  return (request.body && typeof request.body === 'object' ? request.body : {}) as T;
}

/** The parts of a request a route schema can describe (the names Fastify uses). */
export type HttpPart = 'params' | 'querystring' | 'headers' | 'body';

/** A route's request, in zod: what its path parameters, query, headers and body must look like. */
export interface RouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  /** Use z.looseObject: the parsed value replaces request.headers. */
  headers?: z.ZodType;
  body?: z.ZodType;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route as data: method, address and request schema. Handlers are attached elsewhere. */
export interface RouteDefinition<S extends RouteSchema = RouteSchema> {
  method: HttpMethod;
  /** In Fastify notation: `/api/gebieden/:slug`. */
  url: string;
  schema: S;
  /** The 404 message when a path parameter does not fit (an address that can name nothing). */
  notFound?: string;
  /** A route's own Dutch sentence for a refused part; undefined falls back to the shared one. */
  problem?: (part: HttpPart, error: z.ZodError) => string | undefined;
}

type Out<T> = T extends z.ZodType ? z.output<T> : unknown;

/** The Fastify route generic of a schema: handlers see the parsed (transformed) values. */
export interface RouteTypes<S extends RouteSchema> {
  Params: Out<S['params']>;
  Querystring: Out<S['querystring']>;
  Headers: Out<S['headers']>;
  Body: Out<S['body']>;
}

const PART_LABEL: Record<Exclude<HttpPart, 'params'>, string> = {
  querystring: 'Parameter',
  headers: 'Kop',
  body: 'Veld',
};

/** Short Dutch texts for the problems a parameter has most often; other codes use zod's nl. */
function dutchIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'ontbreekt';
      if (Array.isArray(issue.input)) return 'geef deze maar één keer op';
      return `moet ${issue.expected === 'number' ? 'een getal' : issue.expected === 'string' ? 'tekst' : issue.expected} zijn`;
    case 'invalid_format':
      return 'heeft niet de goede vorm';
    case 'too_big':
      return issue.origin === 'string'
        ? `is te lang (hoogstens ${String(issue.maximum)} tekens)`
        : `is te groot (hoogstens ${String(issue.maximum)})`;
    case 'too_small':
      return issue.origin === 'string'
        ? `is te kort (minstens ${String(issue.minimum)} tekens)`
        : `is te klein (minstens ${String(issue.minimum)})`;
    case 'invalid_value':
      return `kies een van: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `onbekend: ${issue.keys.join(', ')}`;
    default:
      return z.locales.nl().localeError(issue) as string | undefined;
  }
}

/**
 * The first problem as one Dutch sentence that names where it is: `Parameter "versie" klopt
 * niet: …`. A schema's own message that already names its parameter (a whole sentence, such as
 * "De versie in het adres klopt niet. …") is shown as written.
 */
export function describeProblem(part: Exclude<HttpPart, 'params'>, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${PART_LABEL[part]} klopt niet.`;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${path === '' ? k : `${path}.${k}`}"`).join(', ');
    return `${PART_LABEL[part]} ${keys} ${issue.keys.length > 1 ? 'zijn' : 'is'} onbekend.`;
  }
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  if (path !== '' && /^[A-Z]/.test(issue.message) && issue.message.includes(path)) {
    return sentence(issue.message);
  }
  const where =
    path !== ''
      ? `${PART_LABEL[part]} "${path}"`
      : part === 'body'
        ? 'De inhoud'
        : PART_LABEL[part];
  return sentence(`${where} klopt niet: ${issue.message}`);
}

const NOT_FOUND = 'Deze pagina bestaat niet.';

/** Parses one part of a request; a refusal is the Dutch AppError the error handler shows. */
export function parsePart<T>(
  schema: z.ZodType<T>,
  part: HttpPart,
  value: unknown,
  route?: Pick<RouteDefinition, 'notFound' | 'problem'>,
): { value: T } | { error: AppError } {
  if (part === 'params') {
    // An address that does not fit names nothing: the same 404 as an unknown one.
    const parsed = schema.safeParse(value, { error: () => route?.notFound ?? NOT_FOUND });
    return parsed.success
      ? { value: parsed.data }
      : { error: new NotFoundError(route?.notFound ?? NOT_FOUND) };
  }
  const parsed = schema.safeParse(value, { error: dutchIssue });
  if (parsed.success) return { value: parsed.data };
  const message = route?.problem?.(part, parsed.error) ?? describeProblem(part, parsed.error);
  return { error: new BadRequestError(message) };
}

function orThrow<T>(result: { value: T } | { error: AppError }): T {
  if ('error' in result) throw result.error;
  return result.value;
}

/** Path parameters that do not fit answer 404 ("Deze pagina bestaat niet."). */
export function parseParams<T>(schema: z.ZodType<T>, params: unknown): T {
  return orThrow(parsePart(schema, 'params', params));
}

/** A query that does not fit answers 400 naming the parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  return orThrow(parsePart(schema, 'querystring', query ?? {}));
}

/**
 * `?buurt=a&buurt=b` arrives as an array, `?buurt=a` as a string: both become an array.
 * `missing` is the message when the parameter is absent; without it the parameter is optional.
 */
export function repeatable<T extends z.ZodType>(item: T, missing: string) {
  return z
    .union([item, z.array(item)], {
      error: (issue) => (issue.input === undefined ? missing : undefined),
    })
    .transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v]) as z.output<T>[]);
}

/** Fastify validates with the route's zod schemas; refusals become the Dutch AppErrors above. */
function validatorFor(
  route: Pick<RouteDefinition, 'notFound' | 'problem'>,
): FastifySchemaCompiler<z.ZodType> {
  return ({ schema, httpPart }) =>
    (data: unknown) =>
      parsePart(schema, (httpPart ?? 'body') as HttpPart, data, route);
}

/**
 * The Fastify route options of a definition: method, url, its zod schemas and a validator that
 * parses with them. Spread them into `app.route({ ...routeOptions(def), handler })`; the parsed
 * values replace request.params, .query, .headers and .body.
 */
export function routeOptions<S extends RouteSchema>(def: RouteDefinition<S>) {
  return {
    method: def.method as HTTPMethods,
    url: def.url,
    ...schemaOptions(def.schema, def),
  };
}

/**
 * Types request.params/query/body from a route's zod schemas (Fastify's type provider), so a
 * page route needs no generic: `const r = app.withTypeProvider<ZodSchemas>()`, then
 * `r.get(url, { ...schemaOptions({ params }), config }, handler)` and `request.params` is the
 * parsed value.
 */
export interface ZodSchemas extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/**
 * The schema options of a route that is not an API route (pages and forms behind a login, other
 * HTML pages): the same zod validation and Dutch refusals as `routeOptions`, without a place in
 * the OpenAPI document. The authorization and CSRF checks run before it (preValidation hooks),
 * so a malformed address still hears "log in first" or 403 first (ADR 0039, amendment).
 */
export function schemaOptions<S extends RouteSchema>(
  schema: S,
  refusals: Pick<RouteDefinition, 'notFound' | 'problem'> = {},
): { schema: S; validatorCompiler: FastifySchemaCompiler<unknown> } {
  const parts: RouteSchema = {};
  for (const part of ['params', 'querystring', 'headers', 'body'] as const) {
    if (schema[part]) parts[part] = schema[part];
  }
  return {
    schema: parts as S & FastifySchema,
    validatorCompiler: validatorFor(refusals) as FastifySchemaCompiler<unknown>,
  };
}

/**
 * The query of a page: known parameters are checked (a malformed one is a 400 naming it);
 * others are let through, because a page may be opened with `?_csrf=` (an upload form) or
 * with tracking parameters that say nothing to us.
 */
export function pageQuery<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.looseObject(shape);
}

/**
 * `?klaar=aangemaakt` after a save (POST → redirect → GET): one of the keys of the page's notices,
 * or nothing.
 */
export function noticeParam(messages: Readonly<Record<string, string>>) {
  const keys = Object.keys(messages);
  if (keys.length === 0) throw new Error('noticeParam: no notices');
  return z.enum(keys as [string, ...string[]]).optional();
}

/** `?opgeslagen=3` after a save (POST → redirect → GET): a version number, or nothing. */
export const savedVersionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number)
  .optional();
