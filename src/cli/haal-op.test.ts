import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { upsertAreas } from '../features/areas/area.repository.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { aggregateIndicatorFrom } from '../features/aggregation/aggregation.service.ts';
import { databaseSource } from '../features/aggregation/observation-source.ts';
import { activeCatalogue } from '../features/indicators/catalogue.store.ts';
import { findIndicator } from '../features/indicators/catalogue.ts';
import { missingStateOf, MISSING_WORDS } from '../features/monitor/missing-figure.ts';
import { listEmptyColumns } from '../features/monitor/missing-figure.repository.ts';
import { runHaalOp } from './haal-op.ts';
import { count, haalOpIo as io, loadDordrechtWijken2024 } from '../../test/helpers/haal-op-kit.ts';

let server: ReplayServer;
before(async () => {
  server = await startReplayServer();
});
after(async () => server.close());

describeEachDialect('wijkkompas haal-op against a local replay server', (getDb) => {
  it('fetches, imports in one transaction, says "al geïmporteerd" the second time, and never half-imports', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-cli-'));
    const args = [
      ...['--wat', 'kwb', '--indeling', '2024', '--gemeente', 'GM0505', '--gemeente', 'GM0014'],
      ...['--kwb-via', 'v3'],
    ];
    const common = ['--map', dir, '--bron', server.baseUrl];
    try {
      server.requests.length = 0;
      server.faults.page2 = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...common], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 1, observations: 13 * 8 });
      assert.match(
        lines[0]!,
        /85984NED \(indeling 2024\) GM0505: geïmporteerd, 14 rijen, 104 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen\./,
      );
      assert.match(
        lines[1]!,
        /GM0014: overgeslagen, deze gemeente heeft nog geen gebieden in indeling 2024/,
      );
      assert.equal(await count(db, 'observations'), 104);
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.kind, 'cbs-odata');
      assert.equal(dataset.table_id, '85984NED');
      assert.equal(dataset.municipality_code, 'GM0505');
      assert.match(dataset.title, /opgehaald bij CBS open data/);
      assert.equal(await count(db, 'audit_log'), 1);
      const value = await db
        .selectFrom('observations')
        .select('value')
        .where('area_code', '=', 'GM0505')
        .where('variable', '=', 'Bevolkingsdichtheid')
        .executeTakeFirstOrThrow();
      assert.equal(Number(value.value), 1574);

      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...common], io(again));
      assert.equal(second.unchanged, 1);
      assert.match(again[0]!, /GM0505: al geïmporteerd/);
      assert.equal(server.requests.length, requests, 'replayed from the stored responses');
      assert.equal(await count(db, 'datasets'), 1);

      // Fetched again, the second page broken: refused before anything is written.
      server.broken.add('page2');
      await assert.rejects(
        runHaalOp(db, [...args, ...common, '--opnieuw'], io([])),
        (error: unknown) => error instanceof OdataFetchError && /Pagina 2/.test(error.message),
      );
      server.broken.delete('page2');
      assert.equal(await count(db, 'datasets'), 1);
      assert.equal(await count(db, 'observations'), 104);
      assert.equal(await count(db, 'audit_log'), 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fetches police-registered crime (47018NED) per buurt from the police server, resumes after a broken page, and imports it once', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    // Five of the six buurten in the fixture; BU05050105 is not loaded and is skipped, counted.
    await upsertAreas(
      db,
      ['BU05050100', 'BU05050101', 'BU05050102', 'BU05050103', 'BU05050104'].map((code) => ({
        indeling_year: 2024,
        code,
        kind: 'buurt' as const,
        name: code,
        parent_code: 'WK050501',
        municipality_code: 'GM0505',
        geometry: null,
        is_water: 0,
      })),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-crime-'));
    // Over OData v3 from the police's server (v4 is tested in haal-op.crime-v4.test.ts).
    const args = [
      ...['--wat', 'misdrijven', '--indeling', '2024', '--gemeente', 'GM0505'],
      ...['--misdrijven-via', 'v3'],
    ];
    const common = ['--map', dir, '--bron', 'http://127.0.0.1:9/niet-gebruikt'];
    const police = ['--bron-politie', server.baseUrl];
    try {
      server.requests.length = 0;
      server.urls.length = 0;
      server.broken.add('crime-page2');
      await assert.rejects(
        runHaalOp(db, [...args, ...common, ...police], io([])),
        (error: unknown) =>
          error instanceof OdataFetchError && /^Pagina 2 van tabel 47018NED/.test(error.message),
      );
      server.broken.delete('crime-page2');
      assert.equal(await count(db, 'datasets'), 0, 'nothing imported from a broken run');
      assert.deepEqual(server.requests, ['crime-meta', 'crime-page1', 'crime-page2']);
      assert.ok(
        decodeURIComponent(server.urls[1]!).endsWith(
          "/47018NED/TypedDataSet?$format=json&$filter=startswith(WijkenEnBuurten,'GM0505') or startswith(WijkenEnBuurten,'WK0505') or startswith(WijkenEnBuurten,'BU0505')",
        ),
      );

      server.faults['crime-page2'] = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...common, ...police], io(lines));
      assert.deepEqual(
        server.requests,
        ['crime-meta', 'crime-page1', 'crime-page2', 'crime-page2', 'crime-page2'],
        'resumed at page 2 (retried once after 503), page 1 came from the folder',
      );
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 5 });
      assert.match(
        lines[0]!,
        /\[1\/1\] 47018NED \(indeling 2024\) GM0505: geïmporteerd, 5 rijen, 5 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen\./,
      );
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.kind, 'politie-47018');
      assert.equal(dataset.table_id, '47018NED');
      assert.equal(dataset.municipality_code, 'GM0505');
      assert.match(dataset.title, /Geregistreerde misdrijven .*opgehaald bij CBS open data/);
      assert.equal(await count(db, 'audit_log'), 1);
      const value = await db
        .selectFrom('observations')
        .select(['value', 'period', 'indeling_year'])
        .where('area_code', '=', 'BU05050101')
        .where('variable', '=', 'GeregistreerdeMisdrijven')
        .executeTakeFirstOrThrow();
      assert.equal(Number(value.value), 68, 'the real 2023 figure of BU05050101');
      assert.equal(value.period, '2023');
      assert.equal(value.indeling_year, 2024);

      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...common, ...police], io(again));
      assert.equal(second.unchanged, 1);
      assert.match(again[0]!, /GM0505: al geïmporteerd/);
      assert.equal(server.requests.length, requests, 'replayed from the stored responses');
      assert.equal(await count(db, 'datasets'), 1);
      assert.equal(await count(db, 'observations'), 5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fetches the health estimates (50150NED) over OData v4, imports them once, and every missing figure gets its own state', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    // Four of the five buurten in the v4 fixture; BU05050105 is not loaded and is skipped.
    await upsertAreas(
      db,
      ['BU05050100', 'BU05050101', 'BU05050102', 'BU05050103'].map((code) => ({
        indeling_year: 2024,
        code,
        kind: 'buurt' as const,
        name: code,
        parent_code: 'WK050501',
        municipality_code: 'GM0505',
        geometry: null,
        is_water: 0,
      })),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-health-'));
    const args = ['--wat', 'gezondheid', '--indeling', '2024', '--gemeente', 'GM0505'];
    const common = ['--map', dir, '--bron', 'http://127.0.0.1:9/niet-gebruikt'];
    const v4 = ['--bron-v4', server.v4BaseUrl];
    try {
      server.requests.length = 0;
      server.faults['v4-page1'] = [429];
      server.faults['v4-page2'] = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...common, ...v4], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 60 });
      assert.match(
        lines[0]!,
        /^\[1\/1\] 50150NED \(indeling 2024\) GM0505: geïmporteerd, 29 rijen, 60 waarden .*; 1 rijen van gebieden die nog niet geladen zijn overgeslagen; 4 van de 7 cijfers uit de catalogus staan niet in de tabel\.$/,
      );
      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.kind, 'cbs-odata');
      assert.equal(dataset.table_id, '50150NED');
      assert.equal(dataset.municipality_code, 'GM0505');
      assert.match(dataset.title, /Gezondheid per wijk en buurt .*opgehaald bij CBS open data v4/);
      assert.match(dataset.attribution, /RIVM, GGD'en en CBS/);
      assert.equal(await count(db, 'audit_log'), 1);

      // The four states on the monitor, from the loaded rows and nothing else.
      const catalogue = await activeCatalogue(db);
      const source = databaseSource(db);
      const empty = new Set(await listEmptyColumns(db));
      const state = async (indicatorKey: string, buurtCodes: string[], period: string) =>
        missingStateOf(
          source,
          empty,
          findIndicator(catalogue, indicatorKey)!,
          await aggregateIndicatorFrom(source, catalogue, {
            indicatorKey,
            buurtCodes,
            indelingYear: 2024,
            period,
          }),
        );
      assert.equal(await state('ervaren-gezondheid-goed', ['BU05050103'], '2022'), 'geheim');
      assert.equal(
        await state('ernstig-eenzaam', ['BU05050102', 'BU05050103'], '2022'),
        'niet van toepassing',
      );
      assert.equal(
        await state('risico-angst-depressie', ['BU05050100'], '2012'),
        'niet gepubliceerd',
      );
      assert.equal(await state('overgewicht', ['BU05050100'], '2022'), 'niet geladen');
      assert.equal(MISSING_WORDS['niet van toepassing'], 'niet van toepassing');

      const requests = server.requests.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...common, ...v4], io(again));
      assert.equal(second.unchanged, 1);
      assert.match(again[0]!, /GM0505: al geïmporteerd/);
      assert.equal(server.requests.length, requests, 'replayed from the stored responses');
      assert.equal(await count(db, 'datasets'), 1);
      assert.equal(await count(db, 'observations'), 60);
      assert.equal(await count(db, 'audit_log'), 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken v4 page stops the health run naming page and address, imports nothing, and resumes there', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    await upsertAreas(db, [
      {
        indeling_year: 2024,
        code: 'BU05050100',
        kind: 'buurt' as const,
        name: 'BU05050100',
        parent_code: 'WK050501',
        municipality_code: 'GM0505',
        geometry: null,
        is_water: 0,
      },
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-health-cut-'));
    const args = ['--wat', 'gezondheid', '--indeling', '2024', '--gemeente', 'GM0505'];
    const common = ['--map', dir, '--bron-v4', server.v4BaseUrl];
    try {
      server.requests.length = 0;
      server.broken.add('v4-page2');
      await assert.rejects(runHaalOp(db, [...args, ...common], io([])), (error: unknown) => {
        assert.ok(error instanceof OdataFetchError);
        assert.match(
          error.message,
          /^Pagina 2 van tabel 50150NED \(http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/50150NED\/Observations\?.*\) is geen geldige JSON/,
        );
        return true;
      });
      server.broken.delete('v4-page2');
      assert.equal(await count(db, 'datasets'), 0, 'nothing imported from a broken run');
      const lines: string[] = [];
      const resumed = await runHaalOp(db, [...args, ...common], io(lines));
      assert.equal(resumed.imported, 1);
      assert.deepEqual(
        server.requests.filter((r) => r.startsWith('v4-page')),
        ['v4-page1', 'v4-page2', 'v4-page2'],
        'page 1 came from the folder the second time',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --wat gezondheid for an indeling without a health table, before fetching anything', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    server.requests.length = 0;
    await assert.rejects(
      runHaalOp(
        db,
        ['--wat', 'gezondheid', '--indeling', '2023', '--bron-v4', server.v4BaseUrl],
        io([]),
      ),
      /Voor indeling 2023 kent Wijkkompas geen tabel met gezondheidsschattingen \(wel voor indeling 2024\)/,
    );
    assert.equal(server.requests.length, 0);
  });

  it('refuses an unknown --wat in Dutch before fetching anything', async () => {
    const { db } = getDb();
    await loadDordrechtWijken2024(db);
    server.requests.length = 0;
    await assert.rejects(
      runHaalOp(db, ['--wat', 'weer', '--bron', server.baseUrl], io([])),
      /--wat moet geometrie, kwb, misdrijven of gezondheid zijn \(of meer, met komma.s\), niet "weer"/,
    );
    assert.equal(server.requests.length, 0);
  });
});
