/**
 * Issue 11.4 (ADR 0017): a municipality writes only its own areas. The "Rotterdam attack": a
 * GM0599 researcher uploads a local CSV with a Dordrecht buurt and confirms it. Before the fix
 * Dordrecht's public page showed 99.999 inhabitants for that buurt.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { projectRoot } from '../../src/config.ts';
import { listAudit } from '../../src/features/audit/audit.repository.ts';
import {
  countDatasets,
  findObservations,
  listDatasets,
} from '../../src/features/datasets/dataset.repository.ts';
import { multipart } from '../../src/features/data-workspace/data-workspace.test-helpers.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabaseUrl, dialectUnavailable, dialects } from '../helpers/db.ts';
import { login, makeUser, type LoggedIn } from './security-app.ts';

const ROTTERDAM = 'GM0599';
const DORDRECHT = 'GM0505';
const BUURT = 'BU05050300';
const ATTACK = `gebiedscode;periode;indicator;waarde\n${BUURT};2024;AantalInwoners;99999\n`;

function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

async function inhabitants(t: TestApp) {
  const rows = await findObservations(t.handle.db, {
    variables: ['AantalInwoners'],
    indelingYear: 2024,
    areaCodes: [BUURT],
  });
  return rows.map((r) => [r.period, r.value]).sort();
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`a municipality writes only its own areas [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let rotterdam: LoggedIn;
    let dordrecht: LoggedIn;

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(
        t.handle,
        'onderzoeker@rotterdam.example',
        [{ role: 'onderzoeker', municipalityCode: ROTTERDAM }],
        'Rotterdamse Onderzoeker',
      );
      await makeUser(
        t.handle,
        'onderzoeker@dordrecht.example',
        [{ role: 'onderzoeker', municipalityCode: DORDRECHT }],
        'Dordtse Onderzoeker',
      );
      rotterdam = await login(t.app, 'onderzoeker@rotterdam.example', undefined, '10.11.0.1');
      dordrecht = await login(t.app, 'onderzoeker@dordrecht.example', undefined, '10.11.0.2');
    });
    after(async () => t?.close());

    async function uploadAs(who: LoggedIn, gemeente: string, csv: string, fileName: string) {
      const body = multipart(
        { _csrf: who.token, soort: 'lokaal', indeling: '2024' },
        { bestand: { fileName, bytes: Buffer.from(csv) } },
      );
      return t.app.inject({
        method: 'POST',
        // The upload form carries its CSRF token in its address (ADR 0018).
        url: `/werkruimte/${gemeente}/data/voorbeeld?_csrf=${encodeURIComponent(who.token)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: who.cookie },
      });
    }

    it('refuses the Rotterdam attack in the preview and on confirm; Dordrecht is unchanged', async () => {
      const before = await inhabitants(t);
      assert.ok(before.length > 0, 'the seed has inhabitants for the buurt');
      const datasets = await countDatasets(t.handle.db);
      const publicBefore = await t.app.inject({ method: 'GET', url: `/buurten/${BUURT}` });
      assert.equal(publicBefore.statusCode, 200);

      const res = await uploadAs(rotterdam, ROTTERDAM, ATTACK, 'aanval.csv');
      assert.equal(res.statusCode, 303, res.body);
      const preview = await t.app.inject({
        method: 'GET',
        url: location(res),
        headers: { cookie: rotterdam.cookie },
      });
      assert.equal(preview.statusCode, 422);
      assert.match(preview.body, /aanval\.csv/);
      assert.match(preview.body, /<td class="utrecht-table__cell wk-num">2<\/td>/); // line 2
      assert.match(preview.body, /gebied BU05050300 ligt buiten GM0599 \(het hoort bij GM0505\)/);
      assert.doesNotMatch(preview.body, /Bevestig en laad/);

      // Confirming anyway (a crafted POST) imports nothing.
      const confirm = await t.app.inject({
        method: 'POST',
        url: location(res).replace('/voorbeeld/', '/bevestig/'),
        payload: new URLSearchParams({ _csrf: rotterdam.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: rotterdam.cookie },
      });
      assert.equal(confirm.statusCode, 303);
      assert.equal(location(confirm), location(res));

      assert.deepEqual(await inhabitants(t), before);
      assert.equal(await countDatasets(t.handle.db), datasets);
      const publicAfter = await t.app.inject({ method: 'GET', url: `/buurten/${BUURT}` });
      assert.doesNotMatch(publicAfter.body, /99\.999|99999/);
      const strip = (html: string) => html.replace(/nonce="[^"]*"/g, '');
      assert.equal(strip(publicAfter.body), strip(publicBefore.body));
    });

    it('refuses NL00 (national figures) from a municipal upload', async () => {
      const res = await uploadAs(
        dordrecht,
        DORDRECHT,
        'gebiedscode;periode;indicator;waarde\nNL00;2024;eigen_cijfer;5\n',
        'landelijk.csv',
      );
      const preview = await t.app.inject({
        method: 'GET',
        url: location(res),
        headers: { cookie: dordrecht.cookie },
      });
      assert.equal(preview.statusCode, 422);
      assert.match(preview.body, /landelijke cijfers laadt alleen de landelijk beheerder/);
    });

    it('still imports a municipality its own buurt', async () => {
      const res = await uploadAs(
        dordrecht,
        DORDRECHT,
        `gebiedscode;periode;indicator;waarde\n${BUURT};2024;eigen_telling;12\n`,
        'eigen.csv',
      );
      const preview = await t.app.inject({
        method: 'GET',
        url: location(res),
        headers: { cookie: dordrecht.cookie },
      });
      assert.equal(preview.statusCode, 200, preview.body);
      const confirm = await t.app.inject({
        method: 'POST',
        url: location(res).replace('/voorbeeld/', '/bevestig/'),
        payload: new URLSearchParams({ _csrf: dordrecht.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: dordrecht.cookie },
      });
      assert.equal(confirm.statusCode, 303);
      const own = (await listDatasets(t.handle.db, { municipalityCode: DORDRECHT })).find(
        (d) => d.file_name === 'eigen.csv',
      );
      assert.ok(own, 'the dataset belongs to GM0505');
      const audit = await listAudit(t.handle.db, { municipalityCode: DORDRECHT });
      assert.ok(audit.some((a) => a.entityId === own.id && a.action === 'dataset.geimporteerd'));
    });

    it("lists only the municipality's own datasets, and hides another's detail page", async () => {
      const list = await t.app.inject({
        method: 'GET',
        url: `/werkruimte/${ROTTERDAM}/data`,
        headers: { cookie: rotterdam.cookie },
      });
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /buurten_2023_dordrecht|eigen\.csv|Dordtse Onderzoeker/);
      const dordrechts = await listDatasets(t.handle.db, { municipalityCode: DORDRECHT });
      assert.ok(dordrechts.length > 0);
      for (const d of dordrechts) assert.doesNotMatch(list.body, new RegExp(d.id));

      const detail = await t.app.inject({
        method: 'GET',
        url: `/werkruimte/${ROTTERDAM}/data/${dordrechts[0]!.id}`,
        headers: { cookie: rotterdam.cookie },
      });
      assert.equal(detail.statusCode, 404);
      const withdraw = await t.app.inject({
        method: 'POST',
        url: `/werkruimte/${ROTTERDAM}/data/${dordrechts[0]!.id}/intrekken`,
        payload: new URLSearchParams({ _csrf: rotterdam.token, reden: 'aanval' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: rotterdam.cookie },
      });
      assert.equal(withdraw.statusCode, 404);

      const own = await t.app.inject({
        method: 'GET',
        url: `/werkruimte/${DORDRECHT}/data`,
        headers: { cookie: dordrecht.cookie },
      });
      assert.match(own.body, /eigen\.csv/);
    });
  });

  describe(`the command line with --gemeente [${dialect}]`, skip ? { skip } : {}, () => {
    let db: { url: string; drop(): Promise<void> };
    let dir: string;
    const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args], {
        env: { ...process.env, DATABASE_URL: db.url, WIJKKOMPAS_SEED: 'nee' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    before(async () => {
      db = await createTestDatabaseUrl(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-scope-'));
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    it('refuses the attack file for GM0599 and imports it for GM0505', () => {
      const shipped = (name: string) =>
        path.join(projectRoot, 'datasets/cbs-wijkenbuurten-2023', name);
      assert.equal(run('migreer').code, 0);
      for (const [name, niveau] of [
        ['gemeenten_drechtsteden.geojson', 'gemeente'],
        ['wijken_2023_dordrecht_dissolved.geojson', 'wijk'],
        ['buurten_2023_dordrecht.geojson', 'buurt'],
      ] as const) {
        const r = run(
          'import',
          'pdok',
          shipped(name),
          '--indeling',
          '2023',
          '--niveau',
          niveau,
          '--gemeente',
          DORDRECHT,
        );
        assert.equal(r.code, 0, r.err);
      }
      const file = path.join(dir, 'aanval.csv');
      fs.writeFileSync(file, ATTACK.replace(';2024;', ';2023;').replace('AantalInwoners', 'eigen'));
      const refused = run('import', 'lokaal', file, '--indeling', '2023', '--gemeente', ROTTERDAM);
      assert.equal(refused.code, 1, refused.out);
      assert.match(refused.err, /Import geweigerd; er is niets veranderd/);
      assert.match(
        refused.err,
        /aanval\.csv, regel 2, kolom 1, veld "gebiedscode": gebied BU05050300 ligt buiten GM0599/,
      );
      const list = run('datasets');
      assert.doesNotMatch(list.out, /aanval\.csv/);

      const ok = run('import', 'lokaal', file, '--indeling', '2023', '--gemeente', DORDRECHT);
      assert.equal(ok.code, 0, ok.err);
      assert.match(run('datasets').out, /aanval\.csv/);
      const bad = run('import', 'lokaal', file, '--indeling', '2023', '--gemeente', 'NL00');
      assert.equal(bad.code, 1);
      assert.match(bad.err, /--gemeente moet een gemeentecode zijn/);
    });
  });
}
