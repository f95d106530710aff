import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { harvestOdataV4CodeList } from '../features/imports/odata-harvest.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { BadRequestError } from '../shared/errors.ts';
import { runHaalOp } from './haal-op.ts';
import {
  count,
  counts,
  haalOpIo as io,
  observationsOf,
  loadDordrechtWijken2024,
} from '../../test/helpers/haal-op-kit.ts';

/**
 * ADR 0044: haal-op fetches KWB over CBS's OData v4 by default, against the local replay server
 * (v4 fixtures built from the v3 ones, same figures), and gets the same observations as over v3.
 */

let server: ReplayServer;
before(async () => {
  server = await startReplayServer();
});
after(async () => server.close());

describeEachDialect('wijkkompas haal-op: KWB over OData v4 (ADR 0044)', (getDb) => {
  it('fetches KWB 2024 over v4 by default, gets the same observations as over v3, and changes nothing the second time', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-'));
    const dir3 = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v3-'));
    const args = ['--wat', 'kwb', '--indeling', '2024', '--gemeente', 'GM0505'];
    const v4 = [...args, '--map', dir, '--bron-v4', server.v4BaseUrl];
    try {
      for (const list of [server.requests, server.urls]) list.length = 0;
      server.faults['kwb-v4-page2'] = [429, 503];
      const lines: string[] = [];
      const first = await runHaalOp(db, v4, io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 13 * 8 });
      assert.deepEqual(server.requests, [
        'kwb-v4-dimensions',
        'kwb-v4-measures',
        'kwb-v4-page1',
        'kwb-v4-page2',
        'kwb-v4-page2',
        'kwb-v4-page2',
      ]);
      // Filtered on the server, on the region dimension the table's Dimensions name.
      assert.match(
        server.urls[2]!,
        /\/odata\/v1\/CBS\/85984NED\/Observations\?\$filter=startswith\(WijkenEnBuurten%2C%27GM0505%27\)%20or%20startswith\(WijkenEnBuurten%2C%27WK0505%27\)%20or%20startswith\(WijkenEnBuurten%2C%27BU0505%27\)$/,
      );
      assert.match(
        lines[0]!,
        /^\[1\/1\] 85984NED \(indeling 2024\) GM0505: geïmporteerd, 112 rijen, 104 waarden .*; 8 cijfers van gebieden die nog niet geladen zijn overgeslagen\.$/,
      );
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.title, 'CBS-tabel 85984NED, opgehaald bij CBS open data v4 (GM0505)');
      assert.equal(dataset.edition, '2024');
      assert.equal(dataset.source, 'CBS open data (OData v4)');
      // Provenance in the audit entry: the v4 address the figures came from.
      const audit = await db.selectFrom('audit_log').select('after').executeTakeFirstOrThrow();
      const opties = (JSON.parse(audit.after ?? '{}') as { opties?: Record<string, string> })
        .opties;
      assert.equal(opties?.api, 'odata-v4');
      assert.equal(decodeURIComponent(opties?.bron ?? ''), decodeURIComponent(server.urls[2]!));

      // Second run: replayed from the folder, "al geïmporteerd", nothing changed.
      const before = await counts(db);
      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, v4, io(again));
      assert.deepEqual(second, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
      assert.match(again[0]!, /GM0505: al geïmporteerd .*; niets veranderd/);
      assert.equal(server.requests.length, requests, 'no request: the folder is replayed');
      assert.deepEqual(await counts(db), before);

      // The same table over v3 gives the same observations (variables, areas, periods, values,
      // statuses).
      const v3lines: string[] = [];
      await runHaalOp(
        db,
        [...args, '--map', dir3, '--bron', server.baseUrl, '--kwb-via', 'v3'],
        io(v3lines),
      );
      assert.match(v3lines[0]!, /GM0505: geïmporteerd, 14 rijen, 104 waarden/);
      const sets = await db
        .selectFrom('datasets')
        .select(['id', 'title'])
        .orderBy('title')
        .execute();
      assert.deepEqual(
        sets.map((s) => s.title),
        [
          'CBS-tabel 85984NED, opgehaald bij CBS open data (GM0505)',
          'CBS-tabel 85984NED, opgehaald bij CBS open data v4 (GM0505)',
        ],
      );
      const fromV3 = await observationsOf(db, sets[0]!.id);
      const fromV4 = await observationsOf(db, sets[1]!.id);
      assert.equal(fromV4.length, 104);
      assert.deepEqual(fromV4, fromV3);
    } finally {
      delete server.faults['kwb-v4-page2'];
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dir3, { recursive: true, force: true });
    }
  });

  it('stops at a cut-off v4 page without importing, and the next run resumes at that page', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-cut-'));
    const args = ['--wat', 'kwb', '--indeling', '2024', '--gemeente', 'GM0505'];
    const v4 = [...args, '--map', dir, '--bron-v4', server.v4BaseUrl];
    try {
      server.requests.length = 0;
      server.broken.add('kwb-v4-page2');
      await assert.rejects(
        runHaalOp(db, v4, io([])),
        (error: unknown) =>
          error instanceof OdataFetchError &&
          /Pagina 2 van tabel 85984NED \(http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/85984NED\/Observations\?.*\$skip=77\) is geen geldige JSON/.test(
            error.message,
          ),
      );
      assert.equal(await count(db, 'datasets'), 0);
      assert.equal(await count(db, 'observations'), 0);
      assert.equal(await count(db, 'audit_log'), 0);

      server.broken.delete('kwb-v4-page2');
      server.requests.length = 0;
      const lines: string[] = [];
      const resumed = await runHaalOp(db, v4, io(lines));
      assert.deepEqual(resumed, { imported: 1, unchanged: 0, skipped: 0, observations: 104 });
      assert.deepEqual(server.requests, ['kwb-v4-page2'], 'only the page that failed is fetched');
    } finally {
      server.broken.delete('kwb-v4-page2');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on an empty database, derives the 2022 areas from the v4 table and its region code list (names included), then loads the figures', async () => {
    const { db } = getDb();
    assert.equal(await count(db, 'areas'), 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-2022-'));
    const args = [
      ...['--wat', 'kwb', '--indeling', '2022', '--gemeente', 'GM0505'],
      ...['--map', dir, '--bron-v4', server.v4BaseUrl],
    ];
    try {
      for (const list of [server.requests, server.urls]) list.length = 0;
      const lines: string[] = [];
      const first = await runHaalOp(db, args, io(lines));
      assert.deepEqual(first, { imported: 2, unchanged: 0, skipped: 0, observations: 6 * 8 });
      // Four requests; no v3 request, the code list without a filter (one list per table).
      assert.deepEqual(server.requests, [
        'kwb2022-v4-dimensions',
        'kwb2022-v4-measures',
        'kwb2022-v4-page',
        'kwb2022-v4-regions',
      ]);
      assert.match(server.urls[3]!, /\/odata\/v1\/CBS\/85318NED\/WijkenEnBuurtenCodes$/);
      assert.match(
        lines[0]!,
        /^\[1\/1\] 85318NED \(indeling 2022\) GM0505 gebieden: geïmporteerd, 6 rijen, 0 waarden \(dataset [^)]+\); 6 gebieden uit de KWB-tabel, zonder grenzen/,
      );
      assert.match(
        lines[1]!,
        /^\[1\/1\] 85318NED \(indeling 2022\) GM0505: geïmporteerd, 48 rijen, 48 waarden/,
      );
      assert.doesNotMatch(lines[1]!, /overgeslagen/, 'every figure finds its derived area');
      const areas = await db
        .selectFrom('areas')
        .select(['code', 'kind', 'name', 'parent_code', 'municipality_code', 'geometry'])
        .where('indeling_year', '=', 2022)
        .orderBy('code')
        .execute();
      // The same areas as the v3 path derives (haal-op.kwb-areas.test.ts).
      assert.deepEqual(
        areas.map((a) => [a.code, a.kind, a.name, a.parent_code, a.municipality_code]),
        [
          ['BU05050100', 'buurt', 'Nieuwe Haven en omgeving', 'WK050501', 'GM0505'],
          ['BU05050101', 'buurt', 'Groenmarkt en omgeving', 'WK050501', 'GM0505'],
          ['BU05050200', 'buurt', 'Bleijenhoek', 'WK050502', 'GM0505'],
          ['GM0505', 'gemeente', 'Dordrecht', 'NL00', 'GM0505'],
          ['NL00', 'land', 'Nederland', null, null],
          ['WK050501', 'wijk', 'Binnenstad', 'GM0505', 'GM0505'],
          ['WK050502', 'wijk', 'Noordflank', 'GM0505', 'GM0505'],
        ],
      );
      assert.ok(areas.every((a) => a.geometry === null));
      const set = await db
        .selectFrom('datasets')
        .select(['title', 'area_count'])
        .where('title', 'like', 'Gebieden uit de KWB-tabel%')
        .executeTakeFirstOrThrow();
      assert.deepEqual(set, {
        title: 'Gebieden uit de KWB-tabel 85318NED, zonder grenzen (indeling 2022, GM0505)',
        area_count: 7,
      });
      const inhabitants = await db
        .selectFrom('observations')
        .select('value')
        .where('indeling_year', '=', 2022)
        .where('area_code', '=', 'BU05050200')
        .where('variable', '=', 'AantalInwoners')
        .executeTakeFirstOrThrow();
      assert.equal(Number(inhabitants.value), 2100, 'the fixture value of Bleijenhoek');

      const before = await counts(db);
      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, args, io(again));
      assert.deepEqual(second, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
      assert.match(again[0]!, /GM0505: al geïmporteerd/);
      assert.equal(server.requests.length, requests, 'no request: the folder is replayed');
      assert.deepEqual(await counts(db), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fetches the whole region code list once per table for all municipalities, even with --opnieuw; a gemeente missing from it is named by Gemeentenaam', async () => {
    const { db } = getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-two-'));
    // A second, made-up municipality (GM9999, fixture): only its gemeente row, with its name in
    // the text measure Gemeentenaam (F900001) and one figure. The code list does not name it.
    const other: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/85318NED/Observations') && url.includes('GM9999'))
        return new Response(
          JSON.stringify({
            '@wijkkompas.fixture': 'Fixture: invented municipality GM9999',
            value: [
              {
                Id: 0,
                Measure: 'F900001',
                ValueAttribute: 'None',
                Value: null,
                StringValue: 'Fixturegemeente',
                WijkenEnBuurten: 'GM9999',
              },
              {
                Id: 1,
                Measure: 'F900010',
                ValueAttribute: 'None',
                Value: 1000,
                StringValue: null,
                WijkenEnBuurten: 'GM9999',
              },
            ],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      return fetch(input, init);
    };
    try {
      server.requests.length = 0;
      const lines: string[] = [];
      const summary = await runHaalOp(
        db,
        [
          ...['--wat', 'kwb', '--indeling', '2022', '--gemeente', 'GM0505', '--gemeente', 'GM9999'],
          ...['--map', dir, '--bron-v4', server.v4BaseUrl, '--opnieuw'],
        ],
        { ...io(lines), fetch: other },
      );
      assert.deepEqual(summary, { imported: 4, unchanged: 0, skipped: 0, observations: 48 + 8 });
      assert.equal(
        server.requests.filter((r) => r === 'kwb2022-v4-regions').length,
        1,
        'one code list for both municipalities',
      );
      const gemeente = await db
        .selectFrom('areas')
        .select(['name', 'parent_code', 'geometry'])
        .where('indeling_year', '=', 2022)
        .where('code', '=', 'GM9999')
        .executeTakeFirstOrThrow();
      assert.deepEqual(gemeente, { name: 'Fixturegemeente', parent_code: 'NL00', geometry: null });
      // The gemeente's other seven measures have no observation: stored as secret, as v3's nulls.
      const own = await db
        .selectFrom('observations')
        .select(['variable', 'value', 'status'])
        .where('area_code', '=', 'GM9999')
        .orderBy('variable')
        .execute();
      assert.equal(own.length, 8);
      assert.deepEqual(
        own.filter((o) => o.value !== null).map((o) => [o.variable, Number(o.value), o.status]),
        [['AantalInwoners', 1000, 'definitief']],
      );
      assert.ok(own.filter((o) => o.value === null).every((o) => o.status === 'geheim'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the v3 fallback when CBS v4 refuses the table, importing nothing', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-404-'));
    const refused: typeof fetch = async () => new Response('niet gevonden', { status: 404 });
    try {
      await assert.rejects(
        runHaalOp(
          db,
          [
            ...['--wat', 'kwb', '--indeling', '2024', '--gemeente', 'GM0505'],
            ...['--map', dir, '--bron-v4', server.v4BaseUrl],
          ],
          { ...io([]), fetch: refused },
        ),
        (error: unknown) =>
          error instanceof OdataFetchError &&
          /weigert .*\/85984NED\/Dimensions met status 404\. Er is niets geïmporteerd.* Haal de KWB dan via de oude OData v3 op: --kwb-via v3\.$/.test(
            error.message,
          ),
      );
      assert.equal(await count(db, 'datasets'), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, naming the dimensions and importing nothing, when the v4 table names no region dimension', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-v4-nogeo-'));
    const noGeo: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/85984NED/Dimensions'))
        return new Response(
          JSON.stringify({
            value: [
              { Identifier: 'WijkenEnBuurten', Kind: 'Dimension' },
              { Identifier: 'Perioden', Kind: 'TimeDimension' },
            ],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      return fetch(input, init);
    };
    try {
      server.requests.length = 0;
      await assert.rejects(
        runHaalOp(
          db,
          [
            ...['--wat', 'kwb', '--indeling', '2024', '--gemeente', 'GM0505'],
            ...['--map', dir, '--bron-v4', server.v4BaseUrl],
          ],
          { ...io([]), fetch: noGeo },
        ),
        (error: unknown) =>
          error instanceof OdataFetchError &&
          /Tabel 85984NED \(.*\/85984NED\/Dimensions\): kan de regio-dimensie van de tabel niet bepalen: geen dimensie is een GeoDimension \(dimensies: WijkenEnBuurten \(Dimension\), Perioden \(TimeDimension\)\)\. Er is niets geïmporteerd\./.test(
            error.message,
          ),
      );
      assert.ok(!server.requests.includes('kwb-v4-page1'), 'no observations asked');
      assert.equal(await count(db, 'datasets'), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('haal-op --kwb-via and the v4 code list', () => {
  it('accepts only v4 or v3, before anything else', async () => {
    // The option is checked before the database is read: a stand-in database is never used.
    const db = {} as Kysely<Database>;
    await assert.rejects(
      runHaalOp(db, ['--wat', 'kwb', '--kwb-via', 'v5'], io([])),
      (error: unknown) =>
        error instanceof BadRequestError &&
        /--kwb-via moet v4 of v3 zijn, niet "v5"/.test(error.message),
    );
  });

  it('fetches a v4 code list once per table: a second call replays it from the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-v4-codes-'));
    try {
      server.requests.length = 0;
      const options = {
        tableId: '85318NED',
        baseUrl: server.v4BaseUrl,
        dimension: 'WijkenEnBuurten',
        storeDir: dir,
      };
      const first = await harvestOdataV4CodeList(options);
      const second = await harvestOdataV4CodeList(options);
      assert.equal(first.fetchedPages, 1);
      assert.equal(second.fetchedPages, 0);
      assert.deepEqual(server.requests, ['kwb2022-v4-regions']);
      assert.equal(path.basename(first.dir), '85318NED-v4-WijkenEnBuurtenCodes');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
