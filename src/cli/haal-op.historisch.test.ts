import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import {
  startPdokReplayServer,
  type PdokReplayServer,
} from '../../test/helpers/pdok-replay-server.ts';
import { commitImport, loadAreaLookup } from '../features/imports/import.service.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { parsePdokGeojson } from '../features/imports/pdok-geojson.importer.ts';
import { runHaalOp } from './haal-op.ts';
import { count, counts, haalOpIo as io } from '../../test/helpers/haal-op-kit.ts';

/**
 * haal-op's outlines for the years before 2023 from PDOK's historisch API (ADR 0045): the
 * collection and filters are read from the API's own collection list and queryables, in the
 * invented shapes of test/fixtures/pdok-ogc (historisch-*.fixture.json).
 */

let cbs: ReplayServer;
let pdok: PdokReplayServer;
let dir: string;
before(async () => {
  cbs = await startReplayServer();
  pdok = await startPdokReplayServer();
});
after(async () => {
  await cbs.close();
  await pdok.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-hist-'));
  for (const list of [pdok.requests, pdok.urls, cbs.requests, cbs.urls]) list.length = 0;
  pdok.broken.clear();
  pdok.historisch.shape = null;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describeEachDialect('wijkkompas haal-op: outlines before 2023 from PDOK historisch', (getDb) => {
  const args = (year: number, wat = 'geometrie') => [
    ...['--wat', wat, '--indeling', String(year), '--gemeente', 'GM0505', '--map', dir],
    // KWB over v3: these tests read the v3 fixtures of 85318NED (v4 is tested in haal-op.kwb-v4.test.ts).
    ...['--bron', cbs.baseUrl, '--kwb-via', 'v3', '--bron-pdok', pdok.baseUrl],
  ];
  const historischUrl = () => `${pdok.baseUrl}/cbs/wijken-en-buurten-historisch/ogc/v1`;

  it('shape (a), one collection per year and level: finds cbs_<level>_2022, filters on the queryable gm_code or on gemeentecode, reads the older attribute names, resumes after a cut-off page and changes nothing the third time', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'per-jaar';
    pdok.broken.add('hist-buurten-2022-page2');
    await assert.rejects(runHaalOp(db, args(2022), io([])), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^Pagina 2 van pdok-historisch-[0-9a-f]{12}-cbs_buurten_2022-2022 \(.*&cursor=fixture-2\) is geen geldige JSON/,
      );
      return true;
    });
    assert.deepEqual(pdok.requests, [
      'hist-collections',
      'hist-gemeenten-2022',
      'hist-wijken-2022',
      'hist-queryables-cbs_buurten_2022',
      'hist-buurten-2022-page1',
      'hist-buurten-2022-page2',
    ]);
    const base = historischUrl();
    assert.deepEqual(pdok.urls.slice(0, 3), [
      `${base}/collections?f=json`,
      `${base}/collections/cbs_gemeenten_2022/queryables?f=json`,
      `${base}/collections/cbs_gemeenten_2022/items?f=json&limit=1000&gemeentecode=GM0505`,
    ]);
    assert.ok(
      pdok.urls.includes(
        `${base}/collections/cbs_buurten_2022/items?f=json&limit=1000&gm_code=GM0505`,
      ),
      'the buurten are filtered on what their queryables list',
    );
    assert.equal(await count(db, 'datasets'), 2, 'the gemeente and its wijken are in');

    // Second run: only the missing page; the list, the queryables and the 404s are in the folder.
    pdok.broken.clear();
    const lines: string[] = [];
    const second = await runHaalOp(db, args(2022), io(lines));
    assert.deepEqual(pdok.requests.slice(6), ['hist-buurten-2022-page2']);
    assert.deepEqual(second, { imported: 1, unchanged: 2, skipped: 0, observations: 0 });
    assert.match(lines[0]!, /^\[1\/3\] PDOK historisch gemeenten 2022 GM0505: al geïmporteerd/);
    assert.match(
      lines[2]!,
      /^\[3\/3\] PDOK historisch buurten 2022 GM0505: geïmporteerd, 22 rijen/,
    );

    const areas = await db
      .selectFrom('areas')
      .select(['code', 'kind', 'name', 'parent_code', 'municipality_code', 'geometry'])
      .where('indeling_year', '=', 2022)
      .orderBy('code')
      .execute();
    assert.equal(areas.length, 1 + 1 + 2 + 22);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    assert.deepEqual(
      ['GM0505', 'WK050502', 'BU05050203'].map((c) => {
        const a = byCode.get(c)!;
        return [a.kind, a.name, a.parent_code, a.municipality_code];
      }),
      [
        ['gemeente', 'Dordrecht', 'NL00', 'GM0505'],
        ['wijk', 'Noordflank', 'GM0505', 'GM0505'],
        ['buurt', "Matena's Pad en omgeving", 'WK050502', 'GM0505'],
      ],
      "GM_NAAM, WK_CODE, bu_naam, wk_code: the older names read as today's",
    );
    assert.ok(
      areas
        .filter((a) => a.code !== 'NL00')
        .every((a) => /^\{"type":"(Multi)?Polygon"/.test(a.geometry ?? '')),
    );
    const sets = await db
      .selectFrom('datasets')
      .select(['title', 'indeling_year', 'municipality_code'])
      .orderBy('title')
      .execute();
    assert.deepEqual(
      sets.map((d) => d.title),
      [
        'Wijk- en buurtkaart 2022: buurten (GM0505), opgehaald bij PDOK (historisch, collectie cbs_buurten_2022)',
        'Wijk- en buurtkaart 2022: gemeenten (GM0505), opgehaald bij PDOK (historisch, collectie cbs_gemeenten_2022)',
        'Wijk- en buurtkaart 2022: wijken (GM0505), opgehaald bij PDOK (historisch, collectie cbs_wijken_2022)',
      ],
    );
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'dataset.geimporteerd')
      .execute();
    assert.equal(audit.length, 3);
    assert.ok(
      audit.some((a) =>
        String(a.after).includes(
          `${base}/collections/cbs_buurten_2022/items?f=json&limit=1000&gm_code=GM0505`,
        ),
      ),
      'the address is in the provenance',
    );

    // Third run: nothing asked, nothing changed.
    const before = await counts(db);
    const requests = pdok.urls.length;
    const third = await runHaalOp(db, args(2022), io([]));
    assert.deepEqual(third, { imported: 0, unchanged: 3, skipped: 0, observations: 0 });
    assert.equal(pdok.urls.length, requests, 'no request at all, not even the 404s');
    assert.deepEqual(await counts(db), before);
  });

  it('keeps the collection list like a page: a busy server is retried, a cut-off list is refused naming its address and stored nowhere, the next run asks again', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'jaar-als-eigenschap';
    pdok.faults['hist-collections'] = [429];
    pdok.broken.add('hist-collections');
    await assert.rejects(runHaalOp(db, args(2019), io([])), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.equal(
        error.message.replace(/ \(.*\)\./, ' (…).'),
        `Het antwoord van PDOK op ${historischUrl()}/collections?f=json is geen geldige JSON (…). Er is niets geïmporteerd.`,
      );
      return true;
    });
    assert.deepEqual(
      pdok.requests,
      ['hist-collections', 'hist-collections'],
      'the 429, then the cut-off list',
    );
    assert.equal(await count(db, 'datasets'), 0);

    pdok.broken.clear();
    const summary = await runHaalOp(db, args(2019), io([]));
    assert.equal(pdok.requests[2], 'hist-collections', 'asked again: the broken list was not kept');
    assert.deepEqual(summary, { imported: 3, unchanged: 0, skipped: 0, observations: 0 });
  });

  it('shape (b), one collection per level with the year as a property: reads the queryables and asks for jaarcode=2019', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'jaar-als-eigenschap';
    const lines: string[] = [];
    const summary = await runHaalOp(db, args(2019), io(lines));
    assert.deepEqual(summary, { imported: 3, unchanged: 0, skipped: 0, observations: 0 });
    assert.deepEqual(pdok.requests, [
      'hist-collections',
      'hist-queryables',
      'hist-gemeenten-2019',
      'hist-queryables',
      'hist-wijken-2019',
      'hist-queryables',
      'hist-buurten-2019',
    ]);
    assert.equal(
      pdok.urls.at(-1),
      `${historischUrl()}/collections/buurten/items?f=json&limit=1000&gemeentecode=GM0505&jaarcode=2019`,
    );
    assert.match(
      lines[2]!,
      /^\[3\/3\] PDOK historisch buurten 2019 GM0505: geïmporteerd, 22 rijen/,
    );
    const areas = await db
      .selectFrom('areas')
      .select(['code', 'indeling_year'])
      .where('indeling_year', '=', 2019)
      .execute();
    assert.equal(areas.length, 1 + 1 + 2 + 22);
    const title = await db
      .selectFrom('datasets')
      .select('title')
      .where('title', 'like', '%buurten%')
      .executeTakeFirstOrThrow();
    assert.equal(
      title.title,
      'Wijk- en buurtkaart 2019: buurten (GM0505), opgehaald bij PDOK (historisch, collectie buurten)',
    );

    // --opnieuw asks everything again, the list and each collection's queryables once per run.
    pdok.requests.length = 0;
    const again = await runHaalOp(db, [...args(2019), '--opnieuw'], io([]));
    assert.deepEqual(again, { imported: 0, unchanged: 3, skipped: 0, observations: 0 });
    assert.deepEqual(pdok.requests, [
      'hist-collections',
      'hist-queryables',
      'hist-gemeenten-2019',
      'hist-queryables',
      'hist-wijken-2019',
      'hist-queryables',
      'hist-buurten-2019',
    ]);
  });

  it('skips a year and level for which no collection fits, naming the collections found, and one without a collection list, without stopping the run', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'zonder-passende';
    const lines: string[] = [];
    const summary = await runHaalOp(db, args(2019), io(lines));
    assert.deepEqual(summary, { imported: 0, unchanged: 0, skipped: 3, observations: 0 });
    assert.deepEqual(pdok.requests, ['hist-collections'], 'no address is guessed');
    assert.equal(
      lines[0],
      '[1/3] PDOK historisch gemeenten 2019 GM0505: overgeslagen, PDOK historisch geeft geen gemeenten van 2019: geen collectie voor gemeenten 2019; gevonden collecties: gebieden_2013_2022, cbs_buurten_2018, cbs_buurten_2020.',
    );
    assert.match(
      lines[2]!,
      /buurten 2019 GM0505: overgeslagen, .*geen collectie voor buurten 2019; gevonden collecties: gebieden_2013_2022, cbs_buurten_2018, cbs_buurten_2020\.$/,
    );
    assert.equal(await count(db, 'datasets'), 0);

    // No historisch API at that address at all: a 404 on the list skips, said so.
    pdok.historisch.shape = null;
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-hist-404-'));
    try {
      const none: string[] = [];
      const skipped = await runHaalOp(
        db,
        [
          '--wat',
          'geometrie',
          '--indeling',
          '2019',
          '--gemeente',
          'GM0505',
          '--map',
          other,
          '--bron-pdok-historisch',
          `${pdok.baseUrl}/elders`,
        ],
        io(none),
      );
      assert.deepEqual(skipped, { imported: 0, unchanged: 0, skipped: 3, observations: 0 });
      assert.match(
        none[0]!,
        new RegExp(
          `overgeslagen, PDOK historisch geeft geen gemeenten van 2019: PDOK kent ${pdok.baseUrl.replace(/[.]/g, '\\.')}/elders/collections\\?f=json niet \\(status 404\\)\\.$`,
        ),
      );
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('with geometry and KWB for 2022 on an empty database, the KWB job finds the areas with outlines and derives nothing', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'per-jaar';
    const lines: string[] = [];
    const summary = await runHaalOp(db, args(2022, 'geometrie,kwb'), io(lines));
    assert.deepEqual(summary, { imported: 4, unchanged: 0, skipped: 0, observations: 6 * 8 });
    assert.ok(!cbs.requests.includes('kwb2022-regions'), 'no code list: the areas are there');
    assert.match(
      lines[3]!,
      /^\[4\/4\] 85318NED \(indeling 2022\) GM0505: geïmporteerd, 6 rijen, 48 waarden \(dataset [^)]+\)\.$/,
    );
    const titles = (await db.selectFrom('datasets').select('title').execute()).map((d) => d.title);
    assert.ok(!titles.some((t) => t.startsWith('Gebieden uit de KWB-tabel')));
  });

  it('when no collection fits, geometry is skipped and the KWB job derives the areas from the table, as before', async () => {
    const { db } = getDb();
    pdok.historisch.shape = 'zonder-passende';
    const lines: string[] = [];
    const summary = await runHaalOp(db, args(2022, 'geometrie,kwb'), io(lines));
    assert.deepEqual(summary, { imported: 2, unchanged: 0, skipped: 3, observations: 6 * 8 });
    assert.match(lines[0]!, /^\[1\/4\] PDOK historisch gemeenten 2022 GM0505: overgeslagen/);
    assert.deepEqual(cbs.requests, ['kwb2022-meta', 'kwb2022-page', 'kwb2022-regions']);
    assert.match(
      lines[3]!,
      /85318NED \(indeling 2022\) GM0505 gebieden: geïmporteerd, .*6 gebieden uit de KWB-tabel, zonder grenzen/,
    );
  });

  it('gives areas derived earlier from the KWB table their outlines: same codes, names kept, one audit entry per level in Dutch, no duplicate', async () => {
    const { db } = getDb();
    // A previous run without outlines: 2022 from the KWB table (7 areas, geometry null).
    const kwbLines: string[] = [];
    await runHaalOp(db, args(2022, 'kwb'), io(kwbLines));
    assert.match(
      kwbLines[0]!,
      /gebieden: geïmporteerd, .*6 gebieden uit de KWB-tabel, zonder grenzen/,
    );
    // The name a beheerder sees today stays, even when the kaart spells it otherwise.
    await db
      .updateTable('areas')
      .set({ name: 'Bleijenhoek (naam uit de KWB-tabel)' })
      .where('indeling_year', '=', 2022)
      .where('code', '=', 'BU05050200')
      .execute();
    const observations = await count(db, 'observations');

    pdok.historisch.shape = 'per-jaar';
    const lines: string[] = [];
    const summary = await runHaalOp(db, args(2022), io(lines));
    assert.deepEqual(summary, { imported: 3, unchanged: 0, skipped: 0, observations: 0 });
    assert.match(
      lines[0]!,
      /gemeenten 2022 GM0505: geïmporteerd, 1 rijen, 0 waarden \(dataset [^)]+\); 1 gebieden zonder grenzen \(uit de KWB-tabel\) kregen hun grenzen, met de naam die ze al hadden\.$/,
    );
    assert.match(lines[1]!, /wijken 2022 GM0505: .*; 2 gebieden zonder grenzen/);
    assert.match(
      lines[2]!,
      /buurten 2022 GM0505: geïmporteerd, 22 rijen.*; 3 gebieden zonder grenzen/,
    );

    const areas = await db
      .selectFrom('areas')
      .select(['code', 'name', 'geometry', 'parent_code'])
      .where('indeling_year', '=', 2022)
      .orderBy('code')
      .execute();
    assert.equal(areas.length, 7 + 19, 'the 7 derived areas once each, and the 19 other buurten');
    assert.ok(areas.filter((a) => a.code !== 'NL00').every((a) => a.geometry !== null));
    const bleijenhoek = areas.find((a) => a.code === 'BU05050200')!;
    assert.equal(bleijenhoek.name, 'Bleijenhoek (naam uit de KWB-tabel)');
    assert.equal(bleijenhoek.parent_code, 'WK050502');
    assert.equal(await count(db, 'observations'), observations, 'the KWB figures stay');

    const added = await db
      .selectFrom('audit_log')
      .select(['after', 'municipality_code', 'entity'])
      .where('action', '=', 'gebieden.grenzen-toegevoegd')
      .execute();
    assert.equal(added.length, 3);
    const codes = added
      .flatMap((a) => (JSON.parse(String(a.after)) as { codes: string[] }).codes)
      .sort();
    assert.deepEqual(codes, [
      'BU05050100',
      'BU05050101',
      'BU05050200',
      'GM0505',
      'WK050501',
      'WK050502',
    ]);
    assert.ok(added.every((a) => a.municipality_code === 'GM0505' && a.entity === 'dataset'));
    const { actionLabel } = await import('../features/audit/audit-summary.ts');
    assert.equal(
      actionLabel('gebieden.grenzen-toegevoegd'),
      'Grenzen toegevoegd aan gebieden die er nog geen hadden',
    );

    // The KWB figures again: nothing to derive, nothing changed.
    const before = await counts(db);
    const again = await runHaalOp(db, args(2022, 'kwb'), io([]));
    assert.deepEqual(again, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
    assert.deepEqual(await counts(db), before);
  });

  it('an area that already has an outline gets the fetched one as a visible import, as before, and the line says so', async () => {
    const { db } = getDb();
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [4.6, 51.8],
          [4.6, 51.81],
          [4.61, 51.81],
          [4.61, 51.8],
          [4.6, 51.8],
        ],
      ],
    };
    const parsed = parsePdokGeojson(
      {
        bytes: Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { gemeentecode: 'GM0505', gemeentenaam: 'Dordrecht (eigen bestand)' },
                geometry: square,
              },
            ],
          }),
        ),
        fileName: 'eigen-gemeente-2022.geojson',
      },
      await loadAreaLookup(db),
      { indelingYear: 2022, level: 'gemeente' },
    );
    await commitImport(db, parsed, { importedBy: 'test' });

    pdok.historisch.shape = 'per-jaar';
    const lines: string[] = [];
    await runHaalOp(db, [...args(2022)], io(lines));
    assert.match(
      lines[0]!,
      /gemeenten 2022 GM0505: geïmporteerd, 1 rijen.*; 1 gebieden hadden al grenzen, die zijn vervangen door deze\.$/,
    );
    assert.doesNotMatch(lines[0]!, /kregen hun grenzen/);
    const gm = await db
      .selectFrom('areas')
      .select(['name', 'geometry'])
      .where('indeling_year', '=', 2022)
      .where('code', '=', 'GM0505')
      .executeTakeFirstOrThrow();
    assert.equal(gm.name, 'Dordrecht', "the kaart's name, as every import of a kaart does");
    assert.notEqual(gm.geometry, JSON.stringify(square));
    const audit = await db.selectFrom('audit_log').select('action').execute();
    assert.ok(!audit.some((a) => a.action === 'gebieden.grenzen-toegevoegd'));
    assert.equal(audit.filter((a) => a.action === 'dataset.geimporteerd').length, 4);
  });
});
