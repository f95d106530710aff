import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { createServices } from '../../composition.ts';
import { buildTestApp, datasetsDir, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { dataWorkspaceRoutes } from './data-workspace.routes.tsx';
import { stageUpload } from './data-workspace.service.ts';
import { LOCAL_FIXTURE, fixtureBytes, multipart } from './data-workspace.test-helpers.ts';
import { UploadReader } from './import-jobs.ts';
import { INLINE_PARSE_BYTES } from './upload-parse.ts';

const HOME = 'GM0505';
const BASE = `/werkruimte/${HOME}/data`;

function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

/** A valid local CSV bigger than INLINE_PARSE_BYTES, so it is read in a worker thread. */
async function bigLocalCsv(t: TestApp): Promise<{ bytes: Buffer; values: number }> {
  const areas = await t.handle.db
    .selectFrom('areas')
    .select('code')
    .where('indeling_year', '=', 2023)
    .where('municipality_code', '=', HOME)
    .execute();
  const lines = ['gebiedscode;periode;indicator;waarde'];
  let values = 0;
  for (let v = 0; lines.join('\n').length < INLINE_PARSE_BYTES * 1.5 && v < 1000; v++) {
    for (const { code } of areas) {
      for (let year = 2000; year < 2020; year++) {
        lines.push(`${code};${year};lees_test_${v};${(v * 7 + year) % 1000}`);
        values++;
      }
    }
  }
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  assert.ok(bytes.length > INLINE_PARSE_BYTES);
  return { bytes, values };
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`uploads are read once, in the background [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let app: FastifyInstance;
    let who: { cookie: string; token: string };

    before(async () => {
      t = await buildTestApp(dialect);
      await t.app.close();
      app = await buildApp({
        services: createServices(t.handle, { datasetsDir }),
        sessionSecret: 'fixture-secret-upload-reading-0123456789abcdef',
      });
      await app.register(dataWorkspaceRoutes, {
        services: createServices(t.handle, { datasetsDir }),
        maxUploadRows: 10,
        prefix: '/klein',
      });
      await app.ready();
      await makeUser(t.handle, 'lezer@fixture.example', [
        { role: 'onderzoeker', municipalityCode: HOME },
      ]);
      who = await login(app, 'lezer@fixture.example', undefined, '10.6.0.1');
    });
    after(async () => {
      await app?.close();
      await t?.handle.drop();
    });

    const get = (url: string) => app.inject({ url, headers: { cookie: who.cookie } });

    function upload(file: { fileName: string; bytes: Buffer }, base = BASE) {
      const body = multipart({ soort: 'lokaal', indeling: '2023' }, { bestand: file });
      return app.inject({
        method: 'POST',
        url: `${base}/voorbeeld?_csrf=${encodeURIComponent(who.token)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: who.cookie },
      });
    }

    async function stored(id: string) {
      return t.handle.db
        .selectFrom('uploads')
        .select(['state', 'bytes', 'result', 'parsed_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    }

    it('reads a large file in a worker, stores the result and drops the file', async () => {
      const { bytes, values } = await bigLocalCsv(t);
      const res = await upload({ fileName: 'groot-lokaal.fixture.csv', bytes });
      assert.equal(res.statusCode, 303);
      const previewUrl = location(res);
      const id = previewUrl.split('/').pop()!;
      let page = await get(previewUrl);
      for (let i = 0; i < 600 && /Bezig met lezen/.test(page.body); i++) {
        assert.match(page.body, /<meta http-equiv="refresh" content="2"\/?>/);
        await new Promise((r) => setTimeout(r, 50));
        page = await get(previewUrl);
      }
      assert.equal(page.statusCode, 200, page.body.slice(0, 500));
      assert.match(page.body, /Het bestand is goedgekeurd/);
      assert.match(page.body, new RegExp(`${values.toLocaleString('nl-NL')}`));

      // Read once: the raw file is gone, so neither the preview nor the confirmation can read
      // it again; both use the stored result.
      const row = await stored(id);
      assert.equal(row.state, 'klaar');
      assert.equal(Buffer.from(row.bytes).length, 0);
      assert.ok(row.result && Buffer.from(row.result).length > 0);
      const again = await get(previewUrl);
      assert.equal(again.statusCode, 200);
      assert.equal((await stored(id)).parsed_at, row.parsed_at);

      const confirm = await app.inject({
        method: 'POST',
        url: previewUrl.replace('/voorbeeld/', '/bevestig/'),
        payload: new URLSearchParams({ _csrf: who.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
      });
      assert.equal(confirm.statusCode, 303);
      let job = await get(location(confirm));
      for (let i = 0; i < 600 && /Bezig:/.test(job.body); i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await get(location(confirm));
      }
      assert.match(job.body, /Het bestand is geladen/);
      const loaded = await t.handle.db
        .selectFrom('observations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('variable', 'like', 'lees_test_%')
        .executeTakeFirstOrThrow();
      assert.equal(Number(loaded.n), values);
    });

    it('says so when a reading was lost (a restart): the file must be uploaded again', async () => {
      // A row as a restart leaves it: recorded, never read, its file gone with the process.
      const id = await stageUpload(t.handle.db, {
        municipalityCode: HOME,
        kind: 'lokaal',
        fileName: 'verloren.fixture.csv',
        options: { indelingYear: 2023, municipalityCode: HOME },
        createdBy: 'test',
      });
      const url = `${BASE}/voorbeeld/${id}`;
      let page = await get(url);
      for (let i = 0; i < 100 && /Bezig met lezen/.test(page.body); i++) {
        await new Promise((r) => setTimeout(r, 20));
        page = await get(url);
      }
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Het lezen is mislukt/);
      assert.doesNotMatch(page.body, /http-equiv="refresh"/);
      assert.match(page.body, /Laad het bestand opnieuw/);
    });

    it('reads a received file from disk once and removes it afterwards', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-reading-'));
      const file = path.join(dir, 'ontvangen');
      fs.writeFileSync(file, fixtureBytes(LOCAL_FIXTURE));
      const errors: unknown[] = [];
      try {
        const id = await stageUpload(t.handle.db, {
          municipalityCode: HOME,
          kind: 'lokaal',
          fileName: LOCAL_FIXTURE,
          options: { indelingYear: 2023, municipalityCode: HOME },
          createdBy: 'test',
        });
        const reader = new UploadReader(t.handle.db, (e) => errors.push(e));
        await reader.read(id, {
          file: { path: file },
          size: fs.statSync(file).size,
          metadata: undefined,
        });
        assert.deepEqual(errors, []);
        assert.equal((await stored(id)).state, 'klaar');
        assert.equal(fs.existsSync(file), false, 'the received file is removed after reading');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a file with more rows than the row limit, in Dutch', async () => {
      const res = await upload(
        { fileName: LOCAL_FIXTURE, bytes: fixtureBytes(LOCAL_FIXTURE) },
        `/klein${BASE}`,
      );
      const page = await get(location(res));
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /het bestand heeft meer dan 10 regels/);
      const id = location(res).split('/').pop()!;
      assert.equal((await stored(id)).state, 'geweigerd');
    });
  });
}
