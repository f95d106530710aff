import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../../plugins/etag.ts';
import { z } from 'zod';
import { API_ROUTES } from '../../app.ts';
import {
  apiRoute,
  apiRouteProblems,
  buildOpenApi,
  toOpenApiPath,
  undefinedApiRoutes,
  type ApiRoute,
  type JsonSchema,
} from './openapi.ts';

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; license: { name: string } };
  servers: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        summary: string;
        parameters?: { name: string; in: string; required: boolean }[];
        responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The part of JSON Schema the API schemas use (type, required, properties, items, enum, const,
 * pattern, minimum): enough to hold a real response against its documentation. Returns the
 * places where the value does not fit.
 */
function schemaProblems(schema: JsonSchema, value: unknown, at = '$'): string[] {
  const problems: string[] = [];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0) {
    const actual =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'array'
          : Number.isInteger(value)
            ? 'integer'
            : typeof value;
    const fits = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!fits) return [`${at}: ${actual} is not ${types.join('|')}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${at}: not in enum`);
  if ('const' in schema && schema.const !== value)
    problems.push(`${at}: not ${String(schema.const)}`);
  if (typeof schema.pattern === 'string' && typeof value === 'string') {
    if (!new RegExp(schema.pattern, 'u').test(value)) problems.push(`${at}: ${value} !~ pattern`);
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
    problems.push(`${at}: below minimum`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in record)) problems.push(`${at}.${key}: missing`);
    }
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, sub] of Object.entries(properties)) {
      if (key in record) problems.push(...schemaProblems(sub, record[key], `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      problems.push(...schemaProblems(schema.items as JsonSchema, item, `${at}[${i}]`)),
    );
  }
  return problems;
}

const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('OpenAPI document from the route list', () => {
  it('builds a structurally valid OpenAPI 3.1 document', () => {
    const doc = buildOpenApi(API_ROUTES, pkg.version) as unknown as OpenApiDoc;
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'Wijkkompas API');
    assert.equal(doc.info.version, pkg.version);
    assert.equal(doc.info.license.name, 'CC BY 4.0');
    assert.deepEqual(doc.servers, [{ url: '/' }]);
    assert.ok(Object.keys(doc.paths).length >= 2);
    const operationIds = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      assert.match(p, /^\/api\//);
      const placeholders = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        assert.ok(HTTP_METHODS.has(method), `${p}: ${method}`);
        assert.ok(op.summary, `${method} ${p} has a summary`);
        assert.ok(op.responses['200']?.content?.['application/json']?.schema, `${method} ${p}`);
        assert.ok(Object.keys(op.responses).length > 0);
        for (const name of placeholders) {
          const param = op.parameters?.find((x) => x.in === 'path' && x.name === name);
          assert.ok(param?.required, `${method} ${p}: path parameter ${name} required`);
        }
        const id = (op as unknown as { operationId: string }).operationId;
        assert.ok(!operationIds.has(id), `operationId ${id} unique`);
        operationIds.add(id);
      }
    }
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    assert.ok(refs.length > 0);
    for (const [, name] of refs) assert.ok(doc.components.schemas[name!], `component ${name}`);
  });

  it('refuses a route outside /api/, an undescribed path parameter or a route twice', () => {
    const base: Omit<ApiRoute, 'url'> = {
      method: 'GET',
      schema: {},
      summary: 's',
      description: 'd',
      tags: [],
      response: {},
    };
    assert.throws(() => buildOpenApi([{ ...base, url: '/gebieden/:slug' }], '1'), /under \/api\//);
    assert.throws(
      () => buildOpenApi([{ ...base, url: '/api/x/:code' }], '1'),
      /path parameter code/,
    );
    const described = {
      ...base,
      url: '/api/x/:code',
      schema: { params: z.object({ code: z.string() }) },
    };
    assert.deepEqual(apiRouteProblems([described]), []);
    assert.deepEqual(apiRouteProblems([described, described]), [
      'GET /api/x/{code} is twice in the list',
    ]);
    assert.equal(toOpenApiPath('/api/a/:slug/b/:id_2'), '/api/a/{slug}/b/{id_2}');
  });

  it('adds the formaat parameter and download types for routes that serve tables', () => {
    const fixture = apiRoute({
      method: 'GET',
      url: '/api/fixture-downloads/:code',
      schema: { params: z.object({ code: z.string().meta({ description: 'Code' }) }) },
      summary: 'Fixture',
      description: 'Alleen voor deze test.',
      tags: ['Fixture'],
      response: { type: 'object' },
      downloads: ['csv', 'csv-excel', 'json', 'geojson'],
    });
    const doc = buildOpenApi([...API_ROUTES, fixture], pkg.version) as unknown as OpenApiDoc;
    const op = doc.paths['/api/fixture-downloads/{code}']!.get!;
    assert.ok(op.parameters?.some((p) => p.name === 'formaat' && p.in === 'query'));
    const content = op.responses['200']!.content!;
    assert.ok(content['text/csv'] && content['application/geo+json']);
    // Nothing is kept between builds: the document holds only the routes passed in.
    assert.equal(
      (buildOpenApi(API_ROUTES, pkg.version) as unknown as OpenApiDoc).paths[
        '/api/fixture-downloads/{code}'
      ],
      undefined,
    );
    assert.deepEqual(buildOpenApi(API_ROUTES, pkg.version), buildOpenApi(API_ROUTES, pkg.version));
  });

  it('documents every route of the list with every parameter of its schemas', () => {
    const doc = buildOpenApi(API_ROUTES, pkg.version) as unknown as OpenApiDoc;
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item));
    assert.equal(operations.length, API_ROUTES.length);
    for (const route of API_ROUTES) {
      const op = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${route.url} is in the document`);
      const parts = [
        ['path', route.schema.params],
        ['query', route.schema.querystring],
        ['header', route.schema.headers],
      ] as const;
      for (const [where, schema] of parts) {
        const keys = schema ? Object.keys((schema as z.ZodObject).shape) : [];
        for (const key of keys) {
          const param = op.parameters?.find(
            (p) => p.in === where && p.name.toLowerCase() === key.toLowerCase(),
          );
          assert.ok(param, `${route.method} ${route.url}: ${where} parameter ${key}`);
        }
      }
      if (route.schema.body) {
        assert.ok((op as unknown as { requestBody?: unknown }).requestBody, route.url);
      }
    }
    // The parameters as the routes validate them.
    const focusArea = doc.paths['/api/gebieden/{slug}']!.get!.parameters!;
    assert.deepEqual(
      focusArea.map((p) => [p.name, p.in, p.required]),
      [
        ['slug', 'path', true],
        ['versie', 'query', false],
      ],
    );
    const custom = doc.paths['/api/eigen-gebied']!.get!.parameters as unknown as {
      name: string;
      required: boolean;
      schema: JsonSchema;
    }[];
    const buurt = custom.find((p) => p.name === 'buurt')!;
    assert.equal(buurt.required, true);
    assert.deepEqual(buurt.schema, { type: 'array', items: { type: 'string', maxLength: 200 } });
    const submission = doc.paths['/api/enquetes/{key}/antwoorden']!.post!.parameters!;
    assert.ok(
      submission.some((p) => p.name === 'Idempotency-Key' && p.in === 'header' && p.required),
    );
    const body = (
      doc.paths['/api/enquetes/{key}/antwoorden']!.post as unknown as {
        requestBody: { content: Record<string, { schema: JsonSchema }> };
      }
    ).requestBody.content['application/json']!.schema;
    assert.deepEqual(body.required, ['taal', 'antwoorden']);
    assert.equal(body.additionalProperties, false);
  });
});

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`OpenAPI document in the app [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('documents every GET /api/ route the app has', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const doc = res.json<OpenApiDoc>();
      // The authorization plugin's onRoute hook saw every route the router holds.
      const apiRoutes = t.app.routePermissions.filter(
        (r) => r.method === 'GET' && r.url.startsWith('/api/'),
      );
      assert.ok(apiRoutes.some((r) => r.url === '/api/gebieden/:slug'));
      assert.ok(apiRoutes.some((r) => r.url === '/api/openapi.json'));
      const missing = apiRoutes.map((r) => toOpenApiPath(r.url)).filter((p) => !doc.paths[p]?.get);
      assert.deepEqual(
        missing,
        [],
        `API routes without OpenAPI documentation: ${missing.join(', ')}`,
      );
      // And the document promises no route the app does not have.
      const served = new Set(
        t.app.routePermissions.map((r) => `${r.method} ${toOpenApiPath(r.url)}`),
      );
      const phantom = Object.entries(doc.paths).flatMap(([p, item]) =>
        Object.keys(item)
          .map((m) => `${m.toUpperCase()} ${p}`)
          .filter((key) => !served.has(key)),
      );
      assert.deepEqual(phantom, []);
    });

    it('serves every /api/ route with the schemas of its definition, and no other', () => {
      assert.deepEqual(undefinedApiRoutes(t.app.servedApiRoutes, API_ROUTES), []);
      assert.ok(t.app.servedApiRoutes.length >= API_ROUTES.length);
    });

    it('describes /api/gebieden/{slug} as it really answers', async () => {
      const doc = (
        await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
      ).json<OpenApiDoc>();
      const schema =
        doc.paths['/api/gebieden/{slug}']!.get!.responses['200']!.content!['application/json']!
          .schema;
      const res = await t.app.inject({ method: 'GET', url: '/api/gebieden/dordt-west' });
      assert.equal(res.statusCode, 200);
      const body = res.json<Record<string, unknown>>();
      assert.deepEqual(schemaProblems(schema, body), []);
      // The check can fail: a response without a required field does not fit.
      const { leden: _leden, ...withoutMembers } = body;
      assert.deepEqual(schemaProblems(schema, withoutMembers), ['$.leden: missing']);
      const wrongStatus = structuredClone(body) as { leden: { status: string }[] };
      wrongStatus.leden[0]!.status = 'misschien';
      assert.equal(schemaProblems(schema, wrongStatus).length, 1);
    });

    it('serves API answers with an ETag and a 304 when unchanged', async () => {
      for (const url of ['/api/openapi.json', '/api/gebieden/dordt-west']) {
        const first = await t.app.inject({ method: 'GET', url });
        assert.equal(first.statusCode, 200, url);
        assert.ok(first.headers.etag, url);
        assert.equal(first.headers['cache-control'], PUBLIC_CACHE_CONTROL);
        const again = await t.app.inject({
          method: 'GET',
          url,
          headers: { 'if-none-match': first.headers.etag },
        });
        assert.equal(again.statusCode, 304, url);
        assert.equal(again.body, '');
      }
      // A signed-in visitor's cookie keeps the answer out of shared caches.
      const withCookie = await t.app.inject({
        method: 'GET',
        url: '/api/openapi.json',
        headers: { cookie: 'iets=1' },
      });
      assert.equal(withCookie.headers['cache-control'], PRIVATE_CACHE_CONTROL);
    });

    it('gives pages an ETag too, and a Dutch 404 stays without one', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/bronnen' });
      assert.equal(page.statusCode, 200);
      assert.ok(page.headers.etag);
      const missing = await t.app.inject({ method: 'GET', url: '/api/gebieden/bestaat-niet' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers.etag, undefined);
    });
  });
}
