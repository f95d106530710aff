import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { projectRoot } from '../config.ts';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { upsertAreas } from '../features/areas/area.repository.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { parseOdataV4 } from '../features/imports/odata-v4.importer.ts';
import { aggregateIndicatorFrom } from '../features/aggregation/aggregation.service.ts';
import { databaseSource } from '../features/aggregation/observation-source.ts';
import { activeCatalogue } from '../features/indicators/catalogue.store.ts';
import { findIndicator } from '../features/indicators/catalogue.ts';
import { missingStateOf } from '../features/monitor/missing-figure.ts';
import { listEmptyColumns } from '../features/monitor/missing-figure.repository.ts';
import { runHaalOp } from './haal-op.ts';
import { count, haalOpIo as io } from '../../test/helpers/haal-op-kit.ts';

/**
 * ADR 0046: when CBS's OData v4 catalogue answers 404 for 50150NED, haal-op reads the same table
 * over OData v3 where RIVM publishes it (dataderden.cbs.nl; here the local replay server with the
 * invented-figure fixtures of test/fixtures/odata/50150NED-*).
 */
const BUURTEN = ['BU05050100', 'BU05050101', 'BU05050102', 'BU05050103'];

async function loadAreas(db: Kysely<Database>): Promise<void> {
  await upsertAreas(db, [
    {
      indeling_year: 2024,
      code: 'GM0505',
      kind: 'gemeente' as const,
      name: 'Dordrecht',
      parent_code: null,
      municipality_code: null,
      geometry: null,
      is_water: 0,
    },
    {
      indeling_year: 2024,
      code: 'WK050501',
      kind: 'wijk' as const,
      name: 'Binnenstad',
      parent_code: 'GM0505',
      municipality_code: 'GM0505',
      geometry: null,
      is_water: 0,
    },
    // Four of the five buurten in the fixtures; BU05050105 is not loaded and is skipped.
    ...BUURTEN.map((code) => ({
      indeling_year: 2024,
      code,
      kind: 'buurt' as const,
      name: code,
      parent_code: 'WK050501',
      municipality_code: 'GM0505',
      geometry: null,
      is_water: 0,
    })),
  ]);
}

const v4Fixture = (name: string) => ({
  bytes: fs.readFileSync(
    path.join(projectRoot, 'test', 'fixtures', 'odata-v4', `50150NED-${name}.fixture.json`),
  ),
  fileName: name,
});

let server: ReplayServer;
before(async () => {
  server = await startReplayServer();
});
after(async () => server.close());

describeEachDialect('haal-op --wat gezondheid falls back to OData v3 on dataderden', (getDb) => {
  const args = ['--wat', 'gezondheid', '--indeling', '2024', '--gemeente', 'GM0505'];

  it('v4 answers 404 for 50150NED: the same figures arrive over v3, said so, and a second run changes nothing', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-health-v3-'));
    const sources = ['--map', dir, '--bron-v4', server.v4BaseUrl, '--bron-derden', server.baseUrl];
    try {
      server.missingV4.add('50150NED');
      server.requests.length = 0;
      server.urls.length = 0;
      server.faults['health-v3-page2'] = [503];
      const lines: string[] = [];
      const first = await runHaalOp(db, [...args, ...sources], io(lines));
      assert.deepEqual(first, { imported: 1, unchanged: 0, skipped: 0, observations: 60 });
      assert.match(
        lines[0]!,
        /^\[1\/1\] 50150NED \(indeling 2024\) GM0505: CBS open data v4 kent tabel 50150NED niet \(404\); opgehaald via OData v3 bij 127\.0\.0\.1:\d+\.$/,
      );
      assert.match(
        lines[1]!,
        /^\[1\/1\] 50150NED \(indeling 2024\) GM0505: geïmporteerd, 18 rijen, 60 waarden .*; 3 rijen van gebieden die nog niet geladen zijn overgeslagen; 4 van de 7 cijfers uit de catalogus staan niet in de tabel\.$/,
      );
      // v4 was asked once (its first request, 404), then v3 with adults and the estimate.
      assert.equal(server.urls.filter((u) => u.includes('/odata/v1/CBS/')).length, 1);
      assert.match(server.urls[0]!, /\/odata\/v1\/CBS\/50150NED\/Dimensions$/);
      assert.deepEqual(server.requests, [
        'health-v3-meta',
        'health-v3-page1',
        'health-v3-page2',
        'health-v3-page2',
      ]);
      const v3Url = decodeURIComponent(server.urls[2]!);
      assert.match(v3Url, /\/50150NED\/TypedDataSet\?\$format=json&\$filter=/);
      assert.match(v3Url, /startswith\(WijkenEnBuurten,'BU0505'\)/);
      assert.match(v3Url, /startswith\(Leeftijd,'20300'\) and startswith\(Marges,'MW00000'\)/);

      const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
      assert.equal(dataset.table_id, '50150NED');
      assert.match(
        dataset.title,
        /^Gezondheid per wijk en buurt \(RIVM\/GGD'en\/CBS 50150NED\), opgehaald via OData v3 bij 127\.0\.0\.1:\d+ \(GM0505\)$/,
      );
      assert.match(dataset.source, /OData v3, 127\.0\.0\.1:\d+/);
      assert.match(dataset.attribution, /RIVM, GGD'en en CBS/);

      // The same observations as the v4 path reads from the v4 fixtures of the same figures,
      // except the two cells v4 marks "Impossible": v3 sends them empty, stored as geheim.
      const stored = await db
        .selectFrom('observations')
        .select(['variable', 'area_code', 'period', 'value', 'status'])
        .execute();
      const v4 = parseOdataV4(
        {
          observations: [v4Fixture('Observations-page1'), v4Fixture('Observations-page2')],
          dimensions: v4Fixture('Dimensions'),
          measureCodes: v4Fixture('MeasureCodes'),
          codeLists: { Leeftijd: v4Fixture('LeeftijdCodes'), Marges: v4Fixture('MargesCodes') },
        },
        {
          years: () => [2024],
          has: (y, c) => y === 2024 && ['GM0505', ...BUURTEN].includes(c),
          findByName: () => [],
        },
        {
          tableId: '50150NED',
          indelingYear: 2024,
          fixed: { Leeftijd: '20300', Marges: 'MW00000' },
          municipalityCode: 'GM0505',
          skipUnknownAreas: true,
        },
      );
      const line = (o: { variable: string; area_code: string; period: string }) =>
        `${o.variable}|${o.area_code}|${o.period}`;
      const impossible = new Set(
        v4.observations.filter((o) => o.status === 'niet van toepassing').map(line),
      );
      assert.equal(impossible.size, 2);
      const expected = v4.observations
        .map((o) => [line(o), o.value, impossible.has(line(o)) ? 'geheim' : o.status])
        .sort();
      const actual = stored
        .map((o) => [line(o), o.value === null ? null : Number(o.value), o.status])
        .sort();
      assert.deepEqual(actual, expected);

      // On the monitor: a figure, a secret cell, an unpublished column, an unloaded indicator.
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
        await state('risico-angst-depressie', ['BU05050100'], '2012'),
        'niet gepubliceerd',
      );
      assert.equal(await state('overgewicht', ['BU05050100'], '2022'), 'niet geladen');

      // Second run: the 404 is remembered in the folder, v3 is replayed, nothing changes.
      const requests = server.urls.length;
      const again: string[] = [];
      const second = await runHaalOp(db, [...args, ...sources], io(again));
      assert.equal(second.unchanged, 1);
      assert.equal(second.imported, 0);
      assert.match(again[0]!, /kent tabel 50150NED niet \(404\); opgehaald via OData v3/);
      assert.match(again[1]!, /GM0505: al geïmporteerd .*niets veranderd/);
      assert.equal(server.urls.length, requests, 'replayed from the folder, no request at all');
      assert.equal(await count(db, 'datasets'), 1);
      assert.equal(await count(db, 'observations'), 60);
      assert.equal(await count(db, 'audit_log'), 1);
    } finally {
      server.missingV4.delete('50150NED');
      delete server.faults['health-v3-page2'];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--opnieuw asks v4 again; once v4 serves the table, the remembered 404 is gone', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-health-again-'));
    const sources = ['--map', dir, '--bron-v4', server.v4BaseUrl, '--bron-derden', server.baseUrl];
    try {
      server.missingV4.add('50150NED');
      const lines: string[] = [];
      await runHaalOp(db, [...args, ...sources], io(lines));
      assert.match(lines[0]!, /opgehaald via OData v3/);
      assert.ok(fs.existsSync(path.join(dir, '50150NED-v4-404.json')));
      server.missingV4.delete('50150NED');
      const fresh: string[] = [];
      const summary = await runHaalOp(db, [...args, ...sources, '--opnieuw'], io(fresh));
      assert.equal(summary.imported, 1);
      assert.ok(!fresh.some((l) => /OData v3/.test(l)), fresh.join('\n'));
      assert.ok(!fs.existsSync(path.join(dir, '50150NED-v4-404.json')));
      const titles = (await db.selectFrom('datasets').select('title').execute()).map(
        (d) => d.title,
      );
      assert.ok(titles.some((t) => /opgehaald bij CBS open data v4/.test(t)));
    } finally {
      server.missingV4.delete('50150NED');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('any other refusal of v4 stops the run as before: no fallback, nothing imported', async () => {
    const { db } = getDb();
    await loadAreas(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-health-v4-403-'));
    const sources = ['--map', dir, '--bron-v4', server.v4BaseUrl, '--bron-derden', server.baseUrl];
    try {
      server.requests.length = 0;
      // A 404 that is not the table's first request (a page of observations) ...
      server.faults['v4-page1'] = [404];
      await assert.rejects(runHaalOp(db, [...args, ...sources], io([])), (error: unknown) => {
        assert.ok(error instanceof OdataFetchError);
        assert.match(error.message, /weigert .*\/50150NED\/Observations.* met status 404/);
        return true;
      });
      // ... and another status on the first request.
      server.faults['v4-dimensions'] = [403];
      const lines: string[] = [];
      await assert.rejects(
        runHaalOp(db, [...args, ...sources, '--opnieuw'], io(lines)),
        /weigert .*\/50150NED\/Dimensions met status 403/,
      );
      assert.ok(!server.requests.some((r) => r.startsWith('health-v3')), 'v3 never asked');
      assert.ok(!lines.some((l) => /OData v3/.test(l)));
      assert.equal(await count(db, 'datasets'), 0);
    } finally {
      delete server.faults['v4-page1'];
      delete server.faults['v4-dimensions'];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
