import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { isDenied, login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import {
  countDatasets,
  findObservations,
  listLoadedVariablePeriods,
} from '../datasets/dataset.repository.ts';
import { loadAreaLookup } from '../imports/import.service.ts';
import { parseLocalCsv } from '../imports/local-csv.importer.ts';
import { availabilityFromLoaded } from '../indicators/indicator-availability.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { dataWorkspaceRoutes, MAX_UPLOAD_BYTES } from './data-workspace.routes.tsx';
import {
  LOCAL_FIXTURE,
  correctedLocalFixture,
  fixtureBytes,
  multipart,
} from './data-workspace.test-helpers.ts';
import { countUploads } from './upload.repository.ts';
import { createServices } from '../../composition.ts';
import { datasetsDir } from '../../../test/helpers/app.ts';

const HOME = 'GM0505';
const OTHER = 'GM0014';
const BASE = `/werkruimte/${HOME}/data`;

async function countObservations(app: TestApp): Promise<number> {
  const row = await app.handle.db
    .selectFrom('observations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`data workspace routes [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let app: FastifyInstance;
    const sessions: Record<string, { cookie: string; token: string }> = {};

    before(async () => {
      t = await buildTestApp(dialect);
      // A second instance of the routes under a prefix, importing everything in the background.
      await t.app.close();
      const { buildApp } = await import('../../app.ts');
      app = await buildApp({
        services: createServices(t.handle, { datasetsDir }),
        sessionSecret: 'fixture-secret-data-workspace-0123456789abcdef',
      });
      await app.register(dataWorkspaceRoutes, {
        services: createServices(t.handle, { datasetsDir }),
        backgroundThreshold: 0,
        prefix: '/achtergrond',
      });
      await app.ready();
      const people = [
        ['onderzoeker', HOME],
        ['alliantielid', HOME],
        ['interviewer', HOME],
        ['beheerder', OTHER],
      ] as const;
      let n = 0;
      for (const [role, municipalityCode] of people) {
        n += 1;
        const email = `${role}-${municipalityCode}@fixture.example`.toLowerCase();
        await makeUser(t.handle, email, [{ role, municipalityCode }]);
        const s = await login(app, email, undefined, `10.9.0.${n}`);
        sessions[`${role}@${municipalityCode}`] = { cookie: s.cookie, token: s.token };
      }
    });
    after(async () => {
      await app?.close();
      await t?.handle.drop();
    });

    const researcher = () => sessions[`onderzoeker@${HOME}`]!;

    function get(url: string, who = researcher()) {
      return app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    }

    async function upload(
      file: { fileName: string; bytes: Buffer },
      fields: Record<string, string> = {},
      who = researcher(),
      base = BASE,
    ) {
      const body = multipart({ soort: 'lokaal', indeling: '2023', ...fields }, { bestand: file });
      return app.inject({
        method: 'POST',
        // The token travels in the address: it is checked before the body is read.
        url: `${base}/voorbeeld?_csrf=${encodeURIComponent(who.token)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: who.cookie },
      });
    }

    async function post(url: string, fields: Record<string, string> = {}, who = researcher()) {
      return app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: who.token, ...fields }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
      });
    }

    it('lists the loaded datasets with provenance and an upload form', async () => {
      const res = await get(BASE);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /enctype="multipart\/form-data"/);
      // The upload form carries its CSRF token in its address (checked before the body is read).
      assert.match(res.body, /action="[^"]*\/voorbeeld\?_csrf=[^"]+"/);
      assert.match(res.body, /buurten_2023_dordrecht\.geojson/);
      // Only Dordrecht's own datasets: the national KWB file (all gemeenten and wijken of NL,
      // loaded by the seed) is not a municipality's to manage, and is left out.
      const own = await t.handle.db
        .selectFrom('datasets')
        .select((e) => e.fn.countAll().as('n'))
        .where('municipality_code', '=', 'GM0505')
        .executeTakeFirstOrThrow();
      assert.equal(res.body.match(/<tr class="utrecht-table__row"><td/g)?.length, Number(own.n));
      assert.ok(Number(own.n) < (await countDatasets(t.handle.db)), 'a national dataset exists');
    });

    it('refuses a bad file with every problem named, and writes nothing', async () => {
      const observations = await countObservations(t);
      const datasets = await countDatasets(t.handle.db);
      const bad = fixtureBytes(LOCAL_FIXTURE)
        .toString('utf8')
        .replace('GM0505;2018;woningen_totaal;54928', 'GM0505;2018;woningen_totaal;veel')
        .replace('BU05050301;2023', 'BU99999999;2023');
      const res = await upload({ fileName: 'kapot.fixture.csv', bytes: Buffer.from(bad) });
      assert.equal(res.statusCode, 303);
      const preview = await get(location(res));
      assert.equal(preview.statusCode, 422);
      assert.match(preview.body, /Dit bestand kan niet worden geladen/);
      const rows = preview.body.match(/class="utrecht-table__row wk-problem"/g) ?? [];
      assert.equal(rows.length, 2, preview.body);
      assert.match(preview.body, /<td class="utrecht-table__cell wk-num">4<\/td>/); // line 4
      assert.match(preview.body, /<td class="utrecht-table__cell wk-num">11<\/td>/); // line 11
      assert.doesNotMatch(preview.body, /Bevestig en laad/);
      // Confirming anyway imports nothing either.
      const confirm = await post(location(res).replace('/voorbeeld/', '/bevestig/'));
      assert.equal(confirm.statusCode, 303);
      assert.equal(location(confirm), location(res));
      assert.equal(await countObservations(t), observations);
      assert.equal(await countDatasets(t.handle.db), datasets);
    });

    it('names missing form fields next to the form', async () => {
      const body = multipart(
        { soort: 'statline', indeling: '1900' },
        { bestand: { fileName: '', bytes: Buffer.alloc(0) } },
      );
      const res = await app.inject({
        method: 'POST',
        url: `${BASE}/voorbeeld?_csrf=${encodeURIComponent(researcher().token)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: researcher().cookie },
      });
      assert.equal(res.statusCode, 422);
      for (const text of [
        'Kies het bestand',
        'Kies een gebiedsindeling',
        'Vul het CBS-tabelnummer in',
        'Vul de periode in',
        'Kies het DataProperties-bestand',
      ]) {
        assert.match(res.body, new RegExp(text));
      }
    });

    it('previews new values, imports on confirm, and says "al geladen" the second time', async () => {
      const bytes = fixtureBytes(LOCAL_FIXTURE);
      const expected = parseLocalCsv(
        { bytes, fileName: LOCAL_FIXTURE },
        await loadAreaLookup(t.handle.db),
        { indelingYear: 2023 },
      );
      const observations = await countObservations(t);
      const res = await upload({ fileName: LOCAL_FIXTURE, bytes });
      const preview = await get(location(res));
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Het bestand is goedgekeurd/);
      for (const variable of new Set(expected.observations.map((o) => o.variable))) {
        const n = expected.observations.filter((o) => o.variable === variable).length;
        const row = new RegExp(
          `data-variable="${variable}">.*?wk-num">${n}</td><td[^>]*>0</td><td[^>]*>0</td>`,
        );
        assert.match(preview.body, row, variable);
      }
      assert.equal(await countObservations(t), observations, 'preview wrote nothing');

      const staged = await countUploads(t.handle.db);
      const confirm = await post(location(res).replace('/voorbeeld/', '/bevestig/'));
      assert.equal(confirm.statusCode, 303);
      assert.match(location(confirm), /\?melding=geladen$/);
      assert.equal(await countObservations(t), observations + expected.observations.length);
      assert.equal(await countUploads(t.handle.db), staged - 1, 'staged upload removed');
      const page = await get(location(confirm));
      assert.match(page.body, /Het bestand is geladen/);
      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      const entry = audit.find((a) => a.action === 'dataset.geimporteerd');
      assert.ok(entry);
      assert.equal(JSON.parse(entry.after ?? '{}').waarden, expected.observations.length);

      const again = await upload({ fileName: LOCAL_FIXTURE, bytes });
      const second = await get(location(again));
      assert.match(second.body, /Dit bestand is al geladen/);
      const repeat = await post(location(again).replace('/voorbeeld/', '/bevestig/'));
      assert.match(location(repeat), /\?melding=al-geladen$/);
      assert.match((await get(location(repeat))).body, /Dit bestand is al geladen/);
      assert.equal(await countObservations(t), observations + expected.observations.length);
    });

    it('withdrawing B restores A; withdrawing A too leaves "nog niet geladen"', async () => {
      const db = t.handle.db;
      // A may already be loaded by the test above; then the upload says so and we reuse it.
      const aUpload = await upload({ fileName: LOCAL_FIXTURE, bytes: fixtureBytes(LOCAL_FIXTURE) });
      const aConfirm = await post(location(aUpload).replace('/voorbeeld/', '/bevestig/'));
      const aId = /\/data\/([^/?]+)\?/.exec(location(aConfirm))![1]!;
      const query = {
        variables: ['woningen_totaal', 'aantal_inwoners'],
        indelingYear: 2023,
        areaCodes: ['GM0505', 'BU05050300'],
      };
      const valuesOf = async () =>
        new Map(
          (await findObservations(db, query)).map((o) => [
            `${o.variable}|${o.area_code}|${o.period}`,
            o.value,
          ]),
        );
      const aValues = await valuesOf();
      assert.equal(aValues.get('woningen_totaal|GM0505|2020'), 55091);

      const b = correctedLocalFixture();
      const bFile = { fileName: 'lokaal-correctie.fixture.csv', bytes: b.bytes };
      const bUpload = await upload(bFile);
      const bPreview = await get(location(bUpload));
      assert.match(bPreview.body, new RegExp(`${b.changed.size} gewijzigde waarden`));
      assert.match(bPreview.body, /55\.091<\/td><td class="utrecht-table__cell wk-num">55\.101/);
      const bConfirm = await post(location(bUpload).replace('/voorbeeld/', '/bevestig/'));
      const bId = /\/data\/([^/?]+)\?melding=geladen$/.exec(location(bConfirm))![1]!;
      const withB = await valuesOf();
      for (const [key, value] of b.changed) assert.equal(withB.get(key), value, key);

      const noReason = await post(`${BASE}/${bId}/intrekken`, { reden: '  ' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /Vul in waarom u dit bestand intrekt/);
      const withdrawB = await post(`${BASE}/${bId}/intrekken`, { reden: 'Fout in de correctie' });
      assert.equal(withdrawB.statusCode, 303);
      assert.deepEqual(await valuesOf(), aValues);

      const withdrawA = await post(`${BASE}/${aId}/intrekken`, { reden: 'Vervangen' });
      assert.equal(withdrawA.statusCode, 303);
      assert.equal((await valuesOf()).size, 0);
      const catalogue = loadCatalogue();
      const count = catalogue.indicators.find((i) => i.measure.type === 'count')!;
      const fixtureCatalogue = {
        ...catalogue,
        indicators: [
          {
            ...count,
            key: 'fixture-woningen',
            measure: { type: 'count' as const, variable: 'woningen_totaal' },
          },
        ],
      };
      const [availability] = availabilityFromLoaded(
        fixtureCatalogue,
        await listLoadedVariablePeriods(db),
      );
      assert.equal(availability?.status, 'nog niet geladen');

      const restore = await post(`${BASE}/${aId}/herstellen`);
      assert.equal(restore.statusCode, 303);
      assert.deepEqual(await valuesOf(), aValues);
      const page = await get(location(restore));
      assert.match(page.body, /Het bestand is weer in gebruik/);
      const actions = (await listAudit(db, { municipalityCode: HOME }))
        .filter((a) => a.entityId === aId || a.entityId === bId)
        .map((a) => a.action);
      assert.ok(actions.includes('dataset.ingetrokken'));
      assert.ok(actions.includes('dataset.hersteld'));
    });

    it('refuses forms without a CSRF token', async () => {
      // A token in the body does not count for an upload: it would be read only after the file.
      const body = multipart(
        { _csrf: researcher().token, soort: 'lokaal', indeling: '2023' },
        {
          bestand: { fileName: LOCAL_FIXTURE, bytes: fixtureBytes(LOCAL_FIXTURE) },
        },
      );
      const res = await app.inject({
        method: 'POST',
        url: `${BASE}/voorbeeld`,
        payload: body.payload,
        headers: { ...body.headers, cookie: researcher().cookie },
      });
      assert.equal(res.statusCode, 403);
      const [dataset] = await t.handle.db.selectFrom('datasets').select('id').execute();
      const withdraw = await post(`${BASE}/${dataset!.id}/intrekken`, {
        reden: 'x',
        _csrf: 'vals',
      });
      assert.equal(withdraw.statusCode, 403);
    });

    it('keeps other municipalities and roles out', async () => {
      const other = sessions[`beheerder@${OTHER}`]!;
      assert.ok(isDenied(await get(BASE, other)));
      assert.ok(isDenied(await upload({ fileName: 'x.csv', bytes: Buffer.from('x') }, {}, other)));
      for (const role of ['alliantielid', 'interviewer']) {
        const who = sessions[`${role}@${HOME}`]!;
        assert.ok(isDenied(await get(BASE, who)), role);
        const res = await upload(
          { fileName: LOCAL_FIXTURE, bytes: fixtureBytes(LOCAL_FIXTURE) },
          {},
          who,
        );
        assert.ok(isDenied(res), `${role}: ${res.statusCode}`);
      }
      // An upload id of GM0505 finds nothing in GM0014's own workspace.
      const res = await upload({ fileName: LOCAL_FIXTURE, bytes: fixtureBytes(LOCAL_FIXTURE) });
      const id = location(res).split('/').pop()!;
      const own = await get(`/werkruimte/${OTHER}/data/voorbeeld/${id}`, other);
      assert.equal(own.statusCode, 404);
      // A Dordrecht dataset cannot be withdrawn from GM0014's workspace.
      const list = await get(`/werkruimte/${OTHER}/data`, other);
      const token = decodeURIComponent(/\?_csrf=([^"&]+)"/.exec(list.body)![1]!);
      const dataset = await t.handle.db
        .selectFrom('datasets')
        .select('id')
        .where('file_name', 'like', '%buurten_2023_dordrecht%')
        .executeTakeFirstOrThrow();
      const withdraw = await post(
        `/werkruimte/${OTHER}/data/${dataset.id}/intrekken`,
        { reden: 'poging', _csrf: token },
        other,
      );
      // Not even found: another municipality's datasets are not in this workspace (ADR 0017).
      assert.equal(withdraw.statusCode, 404);
      const status = await t.handle.db
        .selectFrom('datasets')
        .select('status')
        .where('id', '=', dataset.id)
        .executeTakeFirstOrThrow();
      assert.equal(status.status, 'actief');
    });

    it('refuses a file over the size limit with a Dutch message', async () => {
      const res = await upload({
        fileName: 'groot.csv',
        bytes: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 65),
      });
      assert.equal(res.statusCode, 413);
      assert.match(res.body, /groter dan 50 MB/);
    });

    it('imports a large file in the background with a progress page', async () => {
      const observations = await countObservations(t);
      const b = correctedLocalFixture();
      const bytes = Buffer.from(
        b.bytes.toString('utf8').replace(/;2023;aantal_inwoners;/g, ';2023;inwoners_fixture;'),
      );
      const res = await upload(
        { fileName: 'achtergrond.fixture.csv', bytes },
        {},
        researcher(),
        `/achtergrond${BASE}`,
      );
      assert.equal(res.statusCode, 303);
      const confirm = await post(location(res).replace('/voorbeeld/', '/bevestig/'));
      assert.equal(confirm.statusCode, 303);
      assert.match(location(confirm), /^\/achtergrond\/werkruimte\/GM0505\/data\/taak\//);
      let page = await get(location(confirm));
      for (let i = 0; i < 100 && /Bezig:/.test(page.body); i++) {
        assert.match(page.body, /<meta http-equiv="refresh" content="2"\/?>/);
        await new Promise((r) => setTimeout(r, 50));
        page = await get(location(confirm));
      }
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Het bestand is geladen/);
      assert.doesNotMatch(page.body, /http-equiv="refresh"/);
      assert.ok((await countObservations(t)) > observations);
      assert.equal((await get(location(confirm), sessions[`beheerder@${OTHER}`]!)).statusCode, 403);
    });
  });
}
