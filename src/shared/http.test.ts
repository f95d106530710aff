import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AppError } from './errors.ts';
import Fastify from 'fastify';
import { errorPages } from '../plugins/error-pages.ts';
import {
  noticeParam,
  pageQuery,
  parsePart,
  parseParams,
  parseQuery,
  repeatable,
  savedVersionParam,
  schemaOptions,
  type ZodSchemas,
} from './http.ts';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  assert.fail('no refusal');
}

describe('shared/http: parsing a request with zod', () => {
  const query = z.object({
    pagina: z.coerce.number().int().min(1).optional(),
    soort: z.enum(['lid', 'uitgesloten']).optional(),
    buurt: repeatable(z.string().regex(/^BU[0-9]{8}$/), 'geef minstens één buurt op'),
  });

  it('returns the parsed query: numbers as numbers, a repeated parameter as a list', () => {
    assert.deepEqual(parseQuery(query, { pagina: '2', buurt: 'BU05050301' }), {
      pagina: 2,
      buurt: ['BU05050301'],
    });
    assert.deepEqual(parseQuery(query, { buurt: ['BU05050301', 'BU05050302'] }).buurt, [
      'BU05050301',
      'BU05050302',
    ]);
  });

  it('refuses with a Dutch 400 that names the parameter', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ buurt: 'BU1', pagina: 'twee' }, 'Parameter "pagina" klopt niet: '],
      [
        { buurt: 'BU05050301', pagina: '0' },
        'Parameter "pagina" klopt niet: is te klein (minstens 1).',
      ],
      [
        { buurt: 'BU05050301', soort: 'misschien' },
        'Parameter "soort" klopt niet: kies een van: lid, uitgesloten.',
      ],
      [{}, 'Parameter "buurt" klopt niet: geef minstens één buurt op.'],
    ];
    for (const [input, expected] of cases) {
      const error = refusal(() => parseQuery(query, input));
      assert.equal(error.code, 'BAD_REQUEST');
      assert.ok(error.message.startsWith(expected), `${error.message} ≠ ${expected}`);
    }
    // A string where one value is expected, given twice.
    const twice = refusal(() => parseQuery(z.object({ naam: z.string() }), { naam: ['a', 'b'] }));
    assert.equal(twice.message, 'Parameter "naam" klopt niet: geef deze maar één keer op.');
  });

  it('shows a schema message that names its parameter as written', () => {
    const versie = z.object({
      versie: z.string().regex(/^[1-9]$/, { error: 'De versie in het adres klopt niet.' }),
    });
    assert.equal(
      refusal(() => parseQuery(versie, { versie: 'x' })).message,
      'De versie in het adres klopt niet.',
    );
  });

  it('answers path parameters that do not fit with a 404, as an unknown address', () => {
    const params = z.object({ slug: z.string().regex(/^[a-z-]+$/) });
    assert.deepEqual(parseParams(params, { slug: 'dordt-west' }), { slug: 'dordt-west' });
    const error = refusal(() => parseParams(params, { slug: 'Dordt West' }));
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(error.message, 'Deze pagina bestaat niet.');
    const own = parsePart(params, 'params', { slug: '!' }, { notFound: 'Geen gebied.' });
    assert.ok('error' in own && own.error.message === 'Geen gebied.');
  });

  it('names the field of a body, nested fields with their path, and unknown fields', () => {
    const body = z.strictObject({ adres: z.object({ postcode: z.string().length(6) }) });
    const nested = parsePart(body, 'body', { adres: { postcode: '1' } });
    assert.ok('error' in nested);
    assert.match(nested.error.message, /^Veld "adres\.postcode" klopt niet: /);
    const unknown = parsePart(body, 'body', { adres: { postcode: '1234AB' }, x: 1, y: 2 });
    assert.ok('error' in unknown);
    assert.equal(unknown.error.message, 'Veld "x", "y" zijn onbekend.');
    const route = { problem: () => 'Eigen melding.' };
    const own = parsePart(body, 'body', {}, route);
    assert.ok('error' in own && own.error.message === 'Eigen melding.');
  });

  it('pages: a loose query checks its known parameters, notices and saved versions', () => {
    const query = pageQuery({ opgeslagen: savedVersionParam, klaar: noticeParam({ a: 'A.' }) });
    assert.deepEqual(parseQuery(query, { opgeslagen: '3', _csrf: 't' }), {
      opgeslagen: 3,
      _csrf: 't',
    });
    assert.deepEqual(parseQuery(query, {}), {});
    assert.match(
      refusal(() => parseQuery(query, { opgeslagen: 'twee' })).message,
      /^Parameter "opgeslagen" klopt niet: /,
    );
    assert.equal(
      refusal(() => parseQuery(query, { klaar: 'b' })).message,
      'Parameter "klaar" klopt niet: kies een van: a.',
    );
    assert.throws(() => noticeParam({}));
  });

  it('schemaOptions: a page route validates with its zod schemas and answers in Dutch', async () => {
    const app = Fastify().withTypeProvider<ZodSchemas>();
    await app.register(errorPages);
    app.get(
      '/x/:slug',
      {
        ...schemaOptions(
          {
            params: z.object({ slug: z.string().regex(/^[a-z]+$/) }),
            querystring: pageQuery({ opgeslagen: savedVersionParam }),
          },
          { notFound: 'Geen x.' },
        ),
      },
      async (request) => ({ slug: request.params.slug, saved: request.query.opgeslagen }),
    );
    try {
      const get = (url: string) => app.inject({ url, headers: { accept: 'application/json' } });
      const ok = await get('/x/abc?opgeslagen=2');
      assert.deepEqual(ok.json(), { slug: 'abc', saved: 2 });
      const bad = await get('/x/ABC');
      assert.equal(bad.statusCode, 404);
      assert.equal(bad.json().fout.melding, 'Geen x.');
      const query = await get('/x/abc?opgeslagen=nul');
      assert.equal(query.statusCode, 400);
      assert.match(query.json().fout.melding, /^Parameter "opgeslagen" klopt niet/);
    } finally {
      await app.close();
    }
  });
});
