import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import {
  startPdokReplayServer,
  type PdokReplayServer,
} from '../../test/helpers/pdok-replay-server.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { runHaalOp } from './haal-op.ts';
import { count, haalOpIo as io } from '../../test/helpers/haal-op-kit.ts';

let cbs: ReplayServer;
let pdok: PdokReplayServer;
before(async () => {
  cbs = await startReplayServer();
  pdok = await startPdokReplayServer();
});
after(async () => {
  await cbs.close();
  await pdok.close();
});

describeEachDialect('wijkkompas haal-op: outlines from PDOK, then figures', (getDb) => {
  it('fills an empty database with areas and KWB figures in one command, resumes after a cut-off page, and changes nothing the second time', async () => {
    const { db } = getDb();
    assert.equal(await count(db, 'areas'), 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-geo-'));
    const args = [
      ...['--wat', 'geometrie,kwb', '--indeling', '2024', '--gemeente', 'GM0505'],
      ...['--map', dir, '--bron', cbs.baseUrl, '--bron-pdok', pdok.baseUrl],
      ...['--kwb-via', 'v3'],
    ];
    try {
      for (const list of [pdok.requests, pdok.urls, cbs.requests, cbs.urls]) list.length = 0;
      // First run: PDOK is busy twice, then the second buurten page arrives cut off.
      pdok.faults.gemeenten = [429];
      pdok.faults.wijken = [503];
      pdok.broken.add('buurten-page2');
      const waits: number[] = [];
      await assert.rejects(runHaalOp(db, args, io([], waits)), (error: unknown) => {
        assert.ok(error instanceof OdataFetchError);
        assert.match(
          error.message,
          /^Pagina 2 van pdok-buurten-2024 \(http:\/\/127\.0\.0\.1:\d+\/cbs\/wijken-en-buurten-2024\/ogc\/v1\/collections\/buurten\/items\?f=json&limit=1000&gemeentecode=GM0505&cursor=fixture-2\) is geen geldige JSON/,
        );
        return true;
      });
      assert.deepEqual(pdok.requests, [
        'gemeenten',
        'gemeenten',
        'wijken',
        'wijken',
        'buurten-page1',
        'buurten-page2',
      ]);
      assert.deepEqual(waits, [0, 1], 'Retry-After 0 for the 429, the first backoff for the 503');
      assert.match(
        pdok.urls[0]!,
        /\/cbs\/wijken-en-buurten-2024\/ogc\/v1\/collections\/gemeenten\/items\?f=json&limit=1000&gemeentecode=GM0505$/,
      );
      // The gemeente and its wijken are in (a transaction each); no buurt, no figure yet.
      assert.equal(await count(db, 'datasets'), 2);
      assert.equal(
        await count(db, 'areas'),
        1 + 1 + 13,
        'NL00, GM0505 and its 13 wijken of indeling 2024',
      );
      assert.equal(cbs.requests.length, 0, 'the figures wait for the outlines');

      // Second run: continues at buurten page 2; the rest is replayed from the folder.
      pdok.broken.delete('buurten-page2');
      const lines: string[] = [];
      const second = await runHaalOp(db, args, io(lines));
      assert.deepEqual(pdok.requests.slice(6), ['buurten-page2'], 'only the missing page');
      assert.deepEqual(second, { imported: 2, unchanged: 2, skipped: 0, observations: 14 * 8 });
      assert.match(lines[0]!, /^\[1\/4\] PDOK gemeenten 2024 GM0505: al geïmporteerd/);
      assert.match(lines[1]!, /^\[2\/4\] PDOK wijken 2024 GM0505: al geïmporteerd/);
      assert.match(lines[2]!, /^\[3\/4\] PDOK buurten 2024 GM0505: geïmporteerd, 22 rijen/);
      assert.match(
        lines[3]!,
        /^\[4\/4\] 85984NED \(indeling 2024\) GM0505: geïmporteerd, 14 rijen, 112 waarden \(dataset [^)]+\)\.$/,
        'every row of the KWB table has its area now: none skipped',
      );

      const buurt = await db
        .selectFrom('areas')
        .selectAll()
        .where('indeling_year', '=', 2024)
        .where('code', '=', 'BU05050101')
        .executeTakeFirstOrThrow();
      assert.equal(buurt.name, 'Groenmarkt en omgeving');
      assert.equal(buurt.parent_code, 'WK050501');
      assert.equal(buurt.municipality_code, 'GM0505');
      assert.match(buurt.geometry ?? '', /^\{"type":"MultiPolygon"/);
      const wijk = await db
        .selectFrom('areas')
        .select(['name', 'parent_code'])
        .where('indeling_year', '=', 2024)
        .where('code', '=', 'WK050519')
        .executeTakeFirstOrThrow();
      assert.deepEqual(wijk, { name: 'Industriegebied West', parent_code: 'GM0505' });
      const density = await db
        .selectFrom('observations')
        .select('value')
        .where('area_code', '=', 'GM0505')
        .where('variable', '=', 'Bevolkingsdichtheid')
        .executeTakeFirstOrThrow();
      assert.equal(Number(density.value), 1574);
      const pdokSets = await db
        .selectFrom('datasets')
        .select(['kind', 'title', 'municipality_code', 'indeling_year'])
        .where('kind', '=', 'pdok-geojson')
        .orderBy('title')
        .execute();
      assert.deepEqual(
        pdokSets.map((d) => d.title),
        [
          'Wijk- en buurtkaart 2024: buurten (GM0505), opgehaald bij PDOK',
          'Wijk- en buurtkaart 2024: gemeenten (GM0505), opgehaald bij PDOK',
          'Wijk- en buurtkaart 2024: wijken (GM0505), opgehaald bij PDOK',
        ],
      );
      assert.ok(
        pdokSets.every((d) => d.municipality_code === 'GM0505' && d.indeling_year === 2024),
      );
      const areas = await count(db, 'areas');
      assert.equal(areas, 1 + 1 + 13 + 22);
      const datasets = await count(db, 'datasets');
      const observations = await count(db, 'observations');
      const audits = await count(db, 'audit_log');
      assert.equal(datasets, 4);
      assert.equal(audits, 4, 'one audit entry per imported dataset');

      // Third run: nothing fetched, nothing changed.
      const pdokRequests = pdok.requests.length;
      const cbsRequests = cbs.requests.length;
      const again: string[] = [];
      const third = await runHaalOp(db, args, io(again));
      assert.deepEqual(third, { imported: 0, unchanged: 4, skipped: 0, observations: 0 });
      assert.equal(pdok.requests.length, pdokRequests);
      assert.equal(cbs.requests.length, cbsRequests);
      assert.deepEqual(
        [
          await count(db, 'areas'),
          await count(db, 'datasets'),
          await count(db, 'observations'),
          await count(db, 'audit_log'),
        ],
        [areas, datasets, observations, audits],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without --indeling on an empty database, plans outlines for every KWB year from 2013: the historisch API once for 2013–2022, then the API of 2023', async () => {
    const { db } = getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-geo-years-'));
    try {
      const asked: string[] = [];
      const notFound: typeof fetch = async (input) => {
        asked.push(String(input));
        return new Response('niet gevonden', { status: 404 });
      };
      const lines: string[] = [];
      await assert.rejects(
        runHaalOp(db, ['--wat', 'geometrie,kwb', '--gemeente', 'GM0505', '--map', dir], {
          ...io(lines),
          fetch: notFound,
        }),
        /PDOK weigert https:\/\/api\.pdok\.nl\/cbs\/wijken-en-buurten-2023\/ogc\/v1\/collections\/gemeenten\/items\?f=json&limit=1000&gemeentecode=GM0505 met status 404/,
      );
      assert.deepEqual(
        asked,
        [
          'https://api.pdok.nl/cbs/wijken-en-buurten-historisch/ogc/v1/collections?f=json',
          'https://api.pdok.nl/cbs/wijken-en-buurten-2023/ogc/v1/collections/gemeenten/items?f=json&limit=1000&gemeentecode=GM0505',
        ],
        'the list of the historisch API is asked once; its 404 skips 2013–2022, no address is guessed; every outline comes before the first KWB table',
      );
      assert.equal(lines.length, 10 * 3);
      assert.match(
        lines[0]!,
        /^\[1\/\d+\] PDOK historisch gemeenten 2013 GM0505: overgeslagen, PDOK historisch geeft geen gemeenten van 2013: PDOK kent https:\/\/api\.pdok\.nl\/cbs\/wijken-en-buurten-historisch\/ogc\/v1\/collections\?f=json niet \(status 404\)\.$/,
      );

      // The 404 is kept in the folder like any answer: a second run asks nothing for 2019.
      asked.length = 0;
      const again: string[] = [];
      const summary = await runHaalOp(
        db,
        ['--wat', 'geometrie', '--indeling', '2019', '--gemeente', 'GM0505', '--map', dir],
        { ...io(again), fetch: notFound },
      );
      assert.equal(asked.length, 0);
      assert.deepEqual(summary, { imported: 0, unchanged: 0, skipped: 3, observations: 0 });
      assert.match(again[0]!, /^\[1\/3\] PDOK historisch gemeenten 2019 GM0505: overgeslagen/);
      assert.equal(await count(db, 'datasets'), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without --wat fetches outlines, then KWB, crime and health estimates, so every row finds its buurt', async () => {
    const { db } = getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-geo-all-'));
    try {
      for (const list of [pdok.requests, pdok.urls, cbs.requests, cbs.urls]) list.length = 0;
      const lines: string[] = [];
      const summary = await runHaalOp(
        db,
        [
          ...['--indeling', '2024', '--gemeente', 'GM0505', '--map', dir],
          ...['--bron', cbs.baseUrl, '--bron-politie', cbs.baseUrl, '--bron-pdok', pdok.baseUrl],
          ...['--bron-v4', cbs.v4BaseUrl, '--kwb-via', 'v3', '--misdrijven-via', 'v3'],
        ],
        io(lines),
      );
      assert.deepEqual(summary, {
        imported: 6,
        unchanged: 0,
        skipped: 0,
        // KWB 14 areas × 8 variables, crime 6 buurten, health 72 fixture values of the loaded areas.
        observations: 14 * 8 + 6 + 72,
      });
      assert.deepEqual(
        lines.slice(0, 6).map((l) => /^\[\d\/6\] (.+?) GM0505: (\S+)/.exec(l)?.slice(1, 3)),
        [
          ['PDOK gemeenten 2024', 'geïmporteerd,'],
          ['PDOK wijken 2024', 'geïmporteerd,'],
          ['PDOK buurten 2024', 'geïmporteerd,'],
          ['85984NED (indeling 2024)', 'geïmporteerd,'],
          ['47018NED (indeling 2024)', 'geïmporteerd,'],
          ['50150NED (indeling 2024)', 'geïmporteerd,'],
        ],
      );
      assert.doesNotMatch(lines[5]!, /overgeslagen/, 'the health rows find their areas too');
      assert.doesNotMatch(
        lines[4]!,
        /overgeslagen/,
        'the six buurten of the crime pages are loaded',
      );
      const crime = await db
        .selectFrom('observations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('variable', '=', 'GeregistreerdeMisdrijven')
        .executeTakeFirstOrThrow();
      assert.equal(Number(crime.n), 6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
