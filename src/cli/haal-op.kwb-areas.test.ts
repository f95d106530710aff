import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { commitImport, loadAreaLookup } from '../features/imports/import.service.ts';
import { parsePdokGeojson } from '../features/imports/pdok-geojson.importer.ts';
import { runHaalOp } from './haal-op.ts';
import { count, haalOpIo as io } from '../../test/helpers/haal-op-kit.ts';

let cbs: ReplayServer;
before(async () => {
  cbs = await startReplayServer();
});
after(async () => {
  await cbs.close();
});

describeEachDialect(
  'wijkkompas haal-op: areas of an older KWB year from the table itself',
  (getDb) => {
    it('on an empty database, derives the 2022 areas without outlines from 85318NED and its code list, then loads the figures; a second run changes nothing', async () => {
      const { db } = getDb();
      assert.equal(await count(db, 'areas'), 0);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-areas-'));
      const args = [
        ...['--wat', 'kwb', '--indeling', '2022', '--gemeente', 'GM0505'],
        ...['--map', dir, '--bron', cbs.baseUrl, '--kwb-via', 'v3'],
      ];
      try {
        for (const list of [cbs.requests, cbs.urls]) list.length = 0;
        const lines: string[] = [];
        const first = await runHaalOp(db, args, io(lines));
        assert.deepEqual(first, { imported: 2, unchanged: 0, skipped: 0, observations: 6 * 8 });
        assert.deepEqual(cbs.requests, ['kwb2022-meta', 'kwb2022-page', 'kwb2022-regions']);
        assert.match(
          cbs.urls[2]!,
          /\/85318NED\/WijkenEnBuurten\?\$format=json&\$filter=startswith\(Key%2C%27GM0505%27\)%20or%20startswith\(Key%2C%27WK0505%27\)%20or%20startswith\(Key%2C%27BU0505%27\)$/,
        );
        assert.match(
          lines[0]!,
          /^\[1\/1\] 85318NED \(indeling 2022\) GM0505 gebieden: geïmporteerd, 6 rijen, 0 waarden \(dataset [^)]+\); 6 gebieden uit de KWB-tabel, zonder grenzen/,
        );
        assert.match(
          lines[1]!,
          /^\[1\/1\] 85318NED \(indeling 2022\) GM0505: geïmporteerd, 6 rijen, 48 waarden/,
        );
        assert.doesNotMatch(lines[1]!, /overgeslagen/, 'every row finds its derived area');

        const areas = await db
          .selectFrom('areas')
          .select([
            'code',
            'kind',
            'name',
            'parent_code',
            'municipality_code',
            'geometry',
            'is_water',
          ])
          .where('indeling_year', '=', 2022)
          .orderBy('code')
          .execute();
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
        assert.ok(areas.every((a) => a.geometry === null && Number(a.is_water) === 0));
        const sets = await db
          .selectFrom('datasets')
          .select(['kind', 'title', 'area_count', 'municipality_code', 'indeling_year'])
          .orderBy('area_count', 'desc')
          .execute();
        assert.deepEqual(sets[0], {
          kind: 'cbs-odata',
          title: 'Gebieden uit de KWB-tabel 85318NED, zonder grenzen (indeling 2022, GM0505)',
          area_count: 7,
          municipality_code: 'GM0505',
          indeling_year: 2022,
        });
        const inhabitants = await db
          .selectFrom('observations')
          .select('value')
          .where('indeling_year', '=', 2022)
          .where('area_code', '=', 'BU05050200')
          .where('variable', '=', 'AantalInwoners')
          .executeTakeFirstOrThrow();
        assert.equal(Number(inhabitants.value), 2100, 'the fixture value of Bleijenhoek');

        // Second run: the areas are there, so nothing is derived; the figures are replayed.
        const before = await Promise.all(
          (['areas', 'datasets', 'observations', 'audit_log'] as const).map((t) => count(db, t)),
        );
        const requests = cbs.requests.length;
        const again: string[] = [];
        const second = await runHaalOp(db, args, io(again));
        assert.deepEqual(second, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
        assert.equal(cbs.requests.length, requests, 'no request: the folder is replayed');
        assert.deepEqual(
          await Promise.all(
            (['areas', 'datasets', 'observations', 'audit_log'] as const).map((t) => count(db, t)),
          ),
          before,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('with outlines of that year already loaded, derives nothing and loads the figures of the loaded areas', async () => {
      const { db } = getDb();
      const file = path.join(
        projectRoot,
        'datasets',
        'cbs-wijkenbuurten-2023',
        'gemeenten_drechtsteden.geojson',
      );
      const parsed = parsePdokGeojson(
        { bytes: fs.readFileSync(file), fileName: 'gemeenten_drechtsteden.geojson' },
        await loadAreaLookup(db),
        { indelingYear: 2022, level: 'gemeente', municipalityCode: 'GM0505' },
      );
      await commitImport(db, parsed, { importedBy: 'test' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-outlines-'));
      try {
        cbs.requests.length = 0;
        const lines: string[] = [];
        const summary = await runHaalOp(
          db,
          [
            '--wat',
            'kwb',
            '--indeling',
            '2022',
            '--gemeente',
            'GM0505',
            '--map',
            dir,
            '--bron',
            cbs.baseUrl,
            '--kwb-via',
            'v3',
          ],
          io(lines),
        );
        assert.deepEqual(summary, { imported: 1, unchanged: 0, skipped: 0, observations: 8 });
        assert.ok(!cbs.requests.includes('kwb2022-regions'), 'no code list asked');
        assert.match(
          lines[0]!,
          /GM0505: geïmporteerd, 6 rijen, 8 waarden .*; 5 rijen van gebieden die nog niet geladen zijn overgeslagen\.$/,
        );
        const areas = await db
          .selectFrom('areas')
          .select(['code', 'geometry'])
          .where('indeling_year', '=', 2022)
          .orderBy('code')
          .execute();
        assert.deepEqual(
          areas.map((a) => a.code),
          ['GM0505', 'NL00'],
        );
        assert.match(areas[0]!.geometry ?? '', /^\{"type":"(Multi)?Polygon"/, 'the outline stays');
        const titles = (await db.selectFrom('datasets').select('title').execute()).map(
          (d) => d.title,
        );
        assert.ok(!titles.some((t) => t.startsWith('Gebieden uit de KWB-tabel')));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses, changing nothing, when the code list lacks a wijk or buurt name', async () => {
      const { db } = getDb();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-noname-'));
      try {
        const lines: string[] = [];
        const emptyList: typeof fetch = async (input, init) => {
          if (String(input).includes('/85318NED/WijkenEnBuurten'))
            return new Response(
              JSON.stringify({ value: [{ Key: 'GM0505    ', Title: 'Dordrecht' }] }),
              {
                status: 200,
                headers: { 'content-type': 'application/json' },
              },
            );
          return fetch(input, init);
        };
        await assert.rejects(
          runHaalOp(
            db,
            [
              '--wat',
              'kwb',
              '--indeling',
              '2022',
              '--gemeente',
              'GM0505',
              '--map',
              dir,
              '--bron',
              cbs.baseUrl,
              '--kwb-via',
              'v3',
            ],
            { ...io(lines), fetch: emptyList },
          ),
          /naam van WK050501 ontbreekt in de codelijst WijkenEnBuurten van tabel 85318NED/,
        );
        assert.equal(await count(db, 'areas'), 0);
        assert.equal(await count(db, 'datasets'), 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    it('without --indeling, --wat kwb on an empty database plans every KWB year from 2013, oldest first', async () => {
      const { db } = getDb();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-kwb-years-'));
      try {
        const asked: string[] = [];
        const notFound: typeof fetch = async (input) => {
          asked.push(String(input));
          return new Response('niet gevonden', { status: 404 });
        };
        await assert.rejects(
          runHaalOp(db, ['--wat', 'kwb', '--gemeente', 'GM0505', '--map', dir], {
            ...io([]),
            fetch: notFound,
          }),
        );
        // The first request is the 2013 table (82339NED); no outline is asked for.
        assert.equal(asked.length, 1);
        assert.match(asked[0]!, /\/82339NED\//);
        assert.equal(await count(db, 'datasets'), 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
