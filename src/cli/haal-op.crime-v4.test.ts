import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { projectRoot } from '../config.ts';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { upsertAreas } from '../features/areas/area.repository.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { parsePolitie47018Csv } from '../features/imports/politie-47018.importer.ts';
import { politieOdataV4ToCsv } from '../features/imports/politie-odata.ts';
import { BadRequestError } from '../shared/errors.ts';
import { HAAL_OP_HELP, runHaalOp } from './haal-op.ts';
import { counts, haalOpIo as io, observationsOf } from '../../test/helpers/haal-op-kit.ts';

/**
 * ADR 0047: haal-op fetches police-registered crime (47018NED) over CBS's OData v4 first, against
 * the local replay server (v4 fixtures built from the v3 ones, same figures), and over OData v3
 * from the police's server when v4 answers 404 for the table, or with --misdrijven-via v3.
 */

/** Five of the six buurten in the fixtures; BU05050105 is not loaded and is skipped, counted. */
const BUURTEN = ['BU05050100', 'BU05050101', 'BU05050102', 'BU05050103', 'BU05050104'];

async function loadAreas(db: Kysely<Database>): Promise<void> {
  const area = (code: string, kind: 'gemeente' | 'wijk' | 'buurt', parent: string | null) => ({
    indeling_year: 2024,
    code,
    kind,
    name: code,
    parent_code: parent,
    municipality_code: parent === null ? null : 'GM0505',
    geometry: null,
    is_water: 0,
  });
  await upsertAreas(db, [
    area('GM0505', 'gemeente', null),
    area('WK050501', 'wijk', 'GM0505'),
    ...BUURTEN.map((code) => area(code, 'buurt', 'WK050501')),
  ]);
}

/** The options (provenance) of the dataset's audit entry. */
async function optionsOf(db: Kysely<Database>, datasetId: string): Promise<Record<string, string>> {
  const audit = await db
    .selectFrom('audit_log')
    .select('after')
    .where('entity_id', '=', datasetId)
    .executeTakeFirstOrThrow();
  return (JSON.parse(audit.after ?? '{}') as { opties?: Record<string, string> }).opties ?? {};
}

let server: ReplayServer;
before(async () => {
  server = await startReplayServer();
});
after(async () => server.close());

const args = ['--wat', 'misdrijven', '--indeling', '2024', '--gemeente', 'GM0505'];
/** Both addresses point at the replay server: no test asks the internet, whichever path runs. */
const sources = (dir: string) => [
  ...['--map', dir, '--bron-v4', server.v4BaseUrl, '--bron-politie', server.baseUrl],
];

describeEachDialect('wijkkompas haal-op: crime (47018NED) over OData v4 (ADR 0047)', (getDb) => {
  it('fetches 47018NED over v4 by default, stores the same observations as over v3, and changes nothing the second time', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-v4-'));
    const dir3 = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-v3-'));
    try {
      for (const list of [server.requests, server.urls]) list.length = 0;
      server.faults['crime-v4-page2'] = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...sources(dir)], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 5 });
      assert.deepEqual(
        server.requests,
        [
          'crime-v4-dimensions',
          'crime-v4-measures',
          'crime-v4-page1',
          'crime-v4-page2',
          'crime-v4-page2',
        ],
        'v4 only (page 2 retried once after 503); the police server is not asked',
      );
      // Filtered on the server, on the region dimension the table's Dimensions name.
      assert.match(
        server.urls[2]!,
        /\/odata\/v1\/CBS\/47018NED\/Observations\?\$filter=startswith\(WijkenEnBuurten%2C%27GM0505%27\)%20or%20startswith\(WijkenEnBuurten%2C%27WK0505%27\)%20or%20startswith\(WijkenEnBuurten%2C%27BU0505%27\)$/,
      );
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.match(
        lines[0]!,
        /^\[1\/1\] 47018NED \(indeling 2024\) GM0505: geïmporteerd, 5 rijen, 5 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen\.$/,
      );
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.kind, 'politie-47018');
      assert.equal(dataset.table_id, '47018NED');
      assert.equal(
        dataset.title,
        'Geregistreerde misdrijven (CBS/Politie 47018NED), opgehaald bij CBS open data v4 (GM0505)',
      );
      const options = await optionsOf(db, dataset.id);
      assert.equal(options.api, 'odata-v4');
      assert.equal(decodeURIComponent(options.bron ?? ''), decodeURIComponent(server.urls[2]!));
      const value = await db
        .selectFrom('observations')
        .select(['value', 'period'])
        .where('area_code', '=', 'BU05050101')
        .where('variable', '=', 'GeregistreerdeMisdrijven')
        .executeTakeFirstOrThrow();
      assert.equal(Number(value.value), 68, 'the real 2023 figure of BU05050101');
      assert.equal(value.period, '2023');

      // Second run: replayed from the folder, "al geïmporteerd", nothing changed.
      const before = await counts(db);
      const requests = server.urls.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...sources(dir)], io(again));
      assert.deepEqual(second, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
      assert.match(again[0]!, /GM0505: al geïmporteerd .*; niets veranderd/);
      assert.equal(server.urls.length, requests, 'no request: the folder is replayed');
      assert.deepEqual(await counts(db), before);

      // The same table over v3 (--misdrijven-via v3) stores the same observations.
      server.urls.length = 0;
      const v3lines: string[] = [];
      await runHaalOp(db, [...args, ...sources(dir3), '--misdrijven-via', 'v3'], io(v3lines));
      assert.ok(!server.urls.some((u) => u.includes('/odata/v1/CBS/')), 'v4 not asked');
      assert.match(v3lines[0]!, /GM0505: geïmporteerd, 5 rijen, 5 waarden/);
      const sets = await db
        .selectFrom('datasets')
        .select(['id', 'title'])
        .orderBy('title')
        .execute();
      assert.deepEqual(
        sets.map((s) => s.title),
        [
          'Geregistreerde misdrijven (CBS/Politie 47018NED), opgehaald bij CBS open data v4 (GM0505)',
          `Geregistreerde misdrijven (CBS/Politie 47018NED), opgehaald bij CBS open data via OData v3 bij ${new URL(server.baseUrl).host} (GM0505)`,
        ],
      );
      assert.equal((await optionsOf(db, sets[1]!.id)).api, 'odata-v3');
      assert.equal((await optionsOf(db, sets[1]!.id)).v4, undefined, 'v4 was not asked');
      const fromV4 = await observationsOf(db, sets[0]!.id);
      const fromV3 = await observationsOf(db, sets[1]!.id);
      assert.equal(fromV4.length, 5);
      assert.deepEqual(fromV4, fromV3);
    } finally {
      delete server.faults['crime-v4-page2'];
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dir3, { recursive: true, force: true });
    }
  });

  it('stops at a cut-off v4 page without importing, and the next run resumes at that page', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-v4-cut-'));
    try {
      server.requests.length = 0;
      server.broken.add('crime-v4-page2');
      await assert.rejects(
        runHaalOp(db, [...args, ...sources(dir)], io([])),
        (error: unknown) =>
          error instanceof OdataFetchError &&
          /^Pagina 2 van tabel 47018NED \(http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/47018NED\/Observations\?.*\$skip=9\) is geen geldige JSON/.test(
            error.message,
          ),
      );
      assert.deepEqual(await counts(db), [7, 0, 0, 0], 'nothing imported from a broken run');
      assert.ok(!server.requests.includes('crime-meta'), 'a broken page is no reason to go to v3');

      server.broken.delete('crime-v4-page2');
      server.requests.length = 0;
      const lines: string[] = [];
      const resumed = await runHaalOp(db, [...args, ...sources(dir)], io(lines));
      assert.deepEqual(resumed, { imported: 1, unchanged: 0, skipped: 0, observations: 5 });
      assert.deepEqual(server.requests, ['crime-v4-page2'], 'only the page that failed is fetched');
    } finally {
      server.broken.delete('crime-v4-page2');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('v4 answers 404 for 47018NED: the same figures arrive over v3 from the police server, said so, and a second run changes nothing', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-404-'));
    try {
      server.missingV4.add('47018NED');
      for (const list of [server.requests, server.urls]) list.length = 0;
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...sources(dir)], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 5 });
      assert.match(
        lines[0]!,
        /^\[1\/1\] 47018NED \(indeling 2024\) GM0505: CBS open data v4 kent tabel 47018NED niet \(404\); opgehaald via OData v3 bij 127\.0\.0\.1:\d+\.$/,
      );
      assert.match(
        lines[1]!,
        /^\[1\/1\] 47018NED \(indeling 2024\) GM0505: geïmporteerd, 5 rijen, 5 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen\.$/,
      );
      // v4 was asked once (the table's first request, 404), then v3 as before.
      assert.equal(server.urls.filter((u) => u.includes('/odata/v1/CBS/')).length, 1);
      assert.match(server.urls[0]!, /\/odata\/v1\/CBS\/47018NED\/Dimensions$/);
      assert.deepEqual(server.requests, ['crime-meta', 'crime-page1', 'crime-page2']);
      assert.ok(fs.existsSync(path.join(dir, '47018NED-v4-404.json')));

      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.match(
        dataset.title,
        /^Geregistreerde misdrijven \(CBS\/Politie 47018NED\), opgehaald bij CBS open data via OData v3 bij 127\.0\.0\.1:\d+ \(GM0505\)$/,
      );
      const options = await optionsOf(db, dataset.id);
      assert.equal(options.api, 'odata-v3');
      assert.equal(options.v4, `404 bij ${server.v4BaseUrl}`);
      assert.match(
        decodeURIComponent(options.bron ?? ''),
        /\/47018NED\/TypedDataSet\?\$format=json/,
      );

      // The same observations as the v4 path gives from the v4 fixtures of the same figures.
      const v4File = (name: string) => ({
        bytes: fs.readFileSync(
          path.join(projectRoot, 'test/fixtures/odata-v4', `47018NED-${name}.fixture.json`),
        ),
        fileName: name,
      });
      const lookup = {
        years: () => [2024],
        has: (y: number, c: string) => y === 2024 && BUURTEN.includes(c),
        findByName: () => [],
      };
      const csv = politieOdataV4ToCsv(
        {
          dimensions: v4File('Dimensions'),
          measureCodes: v4File('MeasureCodes'),
          observations: [v4File('Observations-page1'), v4File('Observations-page2')],
          codeLists: {},
        },
        (c) => lookup.has(2024, c),
        'v4.csv',
      );
      const expected = parsePolitie47018Csv(csv.input, lookup, { indelingYear: 2024 })
        .observations.map((o) =>
          JSON.stringify([o.variable, 2024, o.area_code, o.period, o.value, o.status]),
        )
        .sort();
      assert.equal(expected.length, 5);
      assert.deepEqual(await observationsOf(db, dataset.id), expected);

      // Second run: the 404 is remembered in the folder, v3 is replayed, nothing changes.
      const before = await counts(db);
      const requests = server.urls.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...sources(dir)], io(again));
      assert.deepEqual(second, { imported: 0, unchanged: 1, skipped: 0, observations: 0 });
      assert.match(again[0]!, /kent tabel 47018NED niet \(404\); opgehaald via OData v3/);
      assert.match(again[1]!, /GM0505: al geïmporteerd .*niets veranderd/);
      assert.equal(server.urls.length, requests, 'replayed from the folder, no request at all');
      assert.deepEqual(await counts(db), before);

      // --opnieuw asks v4 again; once it serves the table, the remembered 404 is gone.
      server.missingV4.delete('47018NED');
      const fresh: string[] = [];
      const third = await runHaalOp(db, [...args, ...sources(dir), '--opnieuw'], io(fresh));
      assert.equal(third.imported, 1);
      assert.ok(!fresh.some((l) => /OData v3/.test(l)), fresh.join('\n'));
      assert.ok(!fs.existsSync(path.join(dir, '47018NED-v4-404.json')));
      const titles = (await db.selectFrom('datasets').select('title').execute()).map(
        (d) => d.title,
      );
      assert.ok(titles.some((t) => /opgehaald bij CBS open data v4 \(GM0505\)$/.test(t)));
    } finally {
      server.missingV4.delete('47018NED');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('any other refusal of v4 stops the run, naming --misdrijven-via v3: no fallback, nothing imported', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-403-'));
    try {
      server.requests.length = 0;
      server.faults['crime-v4-dimensions'] = [403];
      await assert.rejects(runHaalOp(db, [...args, ...sources(dir)], io([])), (error: unknown) => {
        assert.ok(error instanceof OdataFetchError);
        assert.match(
          error.message,
          /weigert .*\/47018NED\/Dimensions met status 403\. Er is niets geïmporteerd.* Haal de misdrijven dan via de oude OData v3 op: --misdrijven-via v3\.$/,
        );
        return true;
      });
      // A 404 that is not the table's first request (a page of observations): no fallback either.
      server.faults['crime-v4-page1'] = [404];
      await assert.rejects(
        runHaalOp(db, [...args, ...sources(dir)], io([])),
        /weigert .*\/47018NED\/Observations.* met status 404/,
      );
      assert.ok(!server.requests.some((r) => r.startsWith('crime-meta')), 'v3 never asked');
      assert.ok(!fs.existsSync(path.join(dir, '47018NED-v4-404.json')));
      assert.deepEqual(await counts(db), [7, 0, 0, 0]);
    } finally {
      delete server.faults['crime-v4-dimensions'];
      delete server.faults['crime-v4-page1'];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('haal-op --misdrijven-via', () => {
  it('accepts only v4 or v3, before anything else', async () => {
    // The option is checked before the database is read: a stand-in database is never used.
    const db = {} as Kysely<Database>;
    await assert.rejects(
      runHaalOp(db, ['--wat', 'misdrijven', '--misdrijven-via', 'v5'], io([])),
      (error: unknown) =>
        error instanceof BadRequestError &&
        /--misdrijven-via moet v4 of v3 zijn, niet "v5"/.test(error.message),
    );
  });

  it('is in the help text, with the v4 path and its fallback', () => {
    assert.match(HAAL_OP_HELP, /\[--misdrijven-via v4\|v3\]/);
    assert.match(
      HAAL_OP_HELP,
      /47018NED, alle jaren vanaf\s+2012, in het nieuwste indelingsjaar, via OData v4/,
    );
    assert.match(HAAL_OP_HELP, /dan via OData v3 bij dataderden\.cbs\.nl, --bron-politie/);
  });
});
