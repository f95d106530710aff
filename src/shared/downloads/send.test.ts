import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { parse } from 'csv-parse/sync';
import { oudKrispijnFixtureTable } from '../../../test/fixtures/downloads/data-table.fixture.ts';
import type { AreaGeometry } from '../../features/maps/geometry.ts';
import { errorPages } from '../../plugins/error-pages.ts';
import { etagPlugin } from '../../plugins/etag.ts';
import { BadRequestError } from '../errors.ts';
import { parseFormat, safeFileStem, sendTable } from './send.ts';

const square: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [4.65, 51.8],
      [4.66, 51.8],
      [4.66, 51.81],
      [4.65, 51.81],
      [4.65, 51.8],
    ],
  ],
};

async function buildApp() {
  const app = Fastify();
  await app.register(etagPlugin);
  await app.register(errorPages);
  const table = oudKrispijnFixtureTable();
  const geometries = new Map([['BU05050301', square]]);
  app.get('/api/tabel', { config: { permission: 'public' } }, async (request, reply) =>
    sendTable(request, reply, table, parseFormat(request.query) ?? 'json', geometries),
  );
  app.get('/api/zonder-kaart', { config: { permission: 'public' } }, async (request, reply) =>
    sendTable(request, reply, table, parseFormat(request.query) ?? 'json'),
  );
  await app.ready();
  return { app, table };
}

describe('sendTable', () => {
  it('serves every format with its type, an attachment name and an ETag', async () => {
    const { app, table } = await buildApp();
    try {
      const expected = {
        csv: ['text/csv; charset=utf-8', `${table.name}.csv`],
        'csv-excel': ['text/csv; charset=utf-8', `${table.name}-excel.csv`],
        json: ['application/json; charset=utf-8', `${table.name}.json`],
        geojson: ['application/geo+json; charset=utf-8', `${table.name}.geojson`],
      } as const;
      const etags = new Set<string>();
      for (const [format, [type, file]] of Object.entries(expected)) {
        const res = await app.inject({ method: 'GET', url: `/api/tabel?formaat=${format}` });
        assert.equal(res.statusCode, 200, format);
        assert.equal(res.headers['content-type'], type);
        assert.equal(res.headers['content-disposition'], `attachment; filename="${file}"`);
        assert.ok(typeof res.headers.etag === 'string');
        etags.add(res.headers.etag);
        const again = await app.inject({
          method: 'GET',
          url: `/api/tabel?formaat=${format}`,
          headers: { 'if-none-match': res.headers.etag },
        });
        assert.equal(again.statusCode, 304, format);
      }
      assert.equal(etags.size, 4, 'each format its own ETag');

      const excel = await app.inject({ method: 'GET', url: '/api/tabel?formaat=csv-excel' });
      const records = parse(excel.rawPayload, {
        delimiter: ';',
        bom: true,
        columns: true,
      }) as Record<string, string>[];
      assert.equal(records.length, table.rows.length);
      const geo = (await app.inject({ method: 'GET', url: '/api/tabel?formaat=geojson' })).json<{
        features: { geometry: unknown }[];
      }>();
      assert.equal(geo.features.filter((f) => f.geometry !== null).length, 1);
    } finally {
      await app.close();
    }
  });

  it('says in Dutch what is wrong with a bad formaat, or GeoJSON without a map', async () => {
    const { app } = await buildApp();
    try {
      const bad = await app.inject({ method: 'GET', url: '/api/tabel?formaat=xlsx' });
      assert.equal(bad.statusCode, 400);
      assert.equal(
        bad.json<{ fout: { melding: string } }>().fout.melding,
        "Onbekend formaat 'xlsx'. Kies csv, csv-excel, json of geojson.",
      );
      const twice = await app.inject({ method: 'GET', url: '/api/tabel?formaat=csv&formaat=json' });
      assert.equal(twice.statusCode, 400);
      const noMap = await app.inject({ method: 'GET', url: '/api/zonder-kaart?formaat=geojson' });
      assert.equal(noMap.statusCode, 400);
      assert.match(noMap.json<{ fout: { melding: string } }>().fout.melding, /geen kaart/);
    } finally {
      await app.close();
    }
  });
});

describe('parseFormat', () => {
  it('accepts the four formats, absence, and nothing else', () => {
    assert.equal(parseFormat({}), undefined);
    assert.equal(parseFormat(undefined), undefined);
    for (const f of ['csv', 'csv-excel', 'json', 'geojson'])
      assert.equal(parseFormat({ formaat: f }), f);
    assert.throws(() => parseFormat({ formaat: 'CSV' }), BadRequestError);
    assert.throws(
      () => parseFormat({ formaat: '<script>alert(1)</script>' }),
      (e: Error) => e instanceof BadRequestError && !e.message.includes('<'),
    );
  });
});

describe('safeFileStem', () => {
  it('keeps file names to plain ASCII', () => {
    assert.equal(safeFileStem('Dordt West – bijstand 2023'), 'dordt-west-bijstand-2023');
    assert.equal(safeFileStem('Crooswijk/Kralingen "oost"'), 'crooswijk-kralingen-oost');
    assert.equal(safeFileStem('Café Ærø'), 'cafe-r');
    assert.equal(safeFileStem('…'), 'tabel');
  });
});
