import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import { setDatasetStatus } from '../../src/features/datasets/dataset.repository.ts';
import { seedShippedData } from '../../src/features/seed/seed.service.ts';
import { fixtureResidentSurvey as q } from '../../src/features/survey/test-fixtures.ts';
import type { PageFetcher, PdfEngine } from '../../src/shared/pdf/pdf-renderer.ts';
import { datasetsDir } from '../helpers/app.ts';
import { createTestDb, dialects, dialectUnavailable, type TestDb } from '../helpers/db.ts';
import { isDenied, login, makeUser } from './security-app.ts';

/** Stands in for Chromium: fetches the page like the browser does, and counts. */
class CountingEngine implements PdfEngine {
  renders: string[] = [];
  running = 0;
  maxRunning = 0;
  closed = 0;
  async render(fetchPage: PageFetcher, pathAndQuery: string): Promise<Buffer> {
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      this.renders.push(pathAndQuery);
      const page = await fetchPage(pathAndQuery);
      if (page.status !== 200) throw new Error(`page ${pathAndQuery}: ${page.status}`);
      await new Promise((r) => setTimeout(r, 50));
      return Buffer.from(`%PDF-fake ${pathAndQuery} ${page.body.length}`);
    } finally {
      this.running -= 1;
    }
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `PDFs: one render at a time, kept per version [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let handle: TestDb;
      let app: FastifyInstance;
      let engine: CountingEngine;
      const cookies: Record<string, string> = {};

      before(async () => {
        handle = await createTestDb(dialect);
        await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
        engine = new CountingEngine();
        app = await buildApp({
          services: createServices(handle, { datasetsDir, questionnaires: [q], pdfEngine: engine }),
          sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
        });
        await app.ready();
        let n = 0;
        for (const [role, gm] of [
          ['invoerder', 'GM0505'],
          ['programmabureau', 'GM0505'],
          ['onderzoeker', 'GM0505'],
          ['invoerder', 'GM0014'],
        ] as const) {
          n += 1;
          const email = `${role}-${gm}@fixture.example`.toLowerCase();
          await makeUser(handle, email, [{ role, municipalityCode: gm }]);
          cookies[`${role}@${gm}`] = (await login(app, email, undefined, `10.8.0.${n}`)).cookie;
        }
      });
      after(async () => {
        await app?.close();
        await handle?.drop();
      });

      it('six factsheet requests at once see one render; the next asks none', async () => {
        const before = engine.renders.length;
        const results = await Promise.all(
          Array.from({ length: 6 }, () => app.inject('/gebieden/dordt-west/factsheet.pdf')),
        );
        for (const res of results) {
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['content-type'], 'application/pdf');
        }
        assert.equal(new Set(results.map((r) => r.body)).size, 1);
        assert.equal(engine.renders.length - before, 1);
        assert.equal((await app.inject('/gebieden/dordt-west/factsheet.pdf')).statusCode, 200);
        assert.equal(
          engine.renders.length - before,
          1,
          'the same data version is not rendered again',
        );
      });

      it('renders again when the data version changes', async () => {
        await app.inject('/gebieden/dordt-west/factsheet.pdf');
        const before = engine.renders.length;
        const services = createServices(handle, { datasetsDir });
        const oldVersion = await services.monitor.dataVersion();
        // Withdrawing a dataset changes what the monitor shows, so the data version moves.
        const dataset = await handle.db
          .selectFrom('datasets')
          .select('id')
          .where('status', '=', 'actief')
          .executeTakeFirstOrThrow();
        await setDatasetStatus(handle.db, dataset.id, 'ingetrokken');
        try {
          assert.notEqual(
            await createServices(handle, { datasetsDir }).monitor.dataVersion(),
            oldVersion,
          );
          assert.equal((await app.inject('/gebieden/dordt-west/factsheet.pdf')).statusCode, 200);
          assert.equal(engine.renders.length - before, 1);
        } finally {
          await setDatasetStatus(handle.db, dataset.id, 'actief');
        }
      });

      it('six paper-form requests at once see one render, one at a time', async () => {
        const before = engine.renders.length;
        const url = `/enquete/${q.key}/papier.pdf?van=1&tot=100`;
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            app.inject({
              url,
              headers: { cookie: cookies[i % 2 ? 'invoerder@GM0505' : 'programmabureau@GM0505']! },
            }),
          ),
        );
        for (const res of results) assert.equal(res.statusCode, 200, res.body);
        assert.equal(engine.renders.length - before, 1);
        // The page the browser received held the hundred numbered forms, fetched as the user.
        assert.equal(engine.renders.at(-1), `/enquete/${q.key}/papier?taal=nl&van=1&tot=100`);
        assert.match(results[0]!.body, /^%PDF-fake/);
        // Another range is another render, queued behind the first: never two at once.
        await Promise.all([
          app.inject({
            url: `/enquete/${q.key}/papier.pdf?van=101&tot=200`,
            headers: { cookie: cookies['invoerder@GM0505']! },
          }),
          app.inject('/gebieden/dordt-west/factsheet.pdf?versie=1'),
        ]);
        assert.equal(engine.maxRunning, 1);
      });

      it('paper PDFs need the programme bureau or keyer role of the municipality', async () => {
        const before = engine.renders.length;
        const url = `/enquete/${q.key}/papier.pdf?van=201&tot=210`;
        assert.ok(isDenied(await app.inject(url)), 'anonymous');
        assert.ok(isDenied(await app.inject(`/enquete/${q.key}/papier.pdf`)), 'anonymous, blank');
        for (const who of ['onderzoeker@GM0505', 'invoerder@GM0014']) {
          const res = await app.inject({ url, headers: { cookie: cookies[who]! } });
          assert.equal(res.statusCode, 403, who);
        }
        assert.equal(engine.renders.length, before, 'nothing rendered for those refused');
        // One blank form stays public as HTML; numbered forms need the role.
        assert.equal((await app.inject(`/enquete/${q.key}/papier`)).statusCode, 200);
        assert.ok(isDenied(await app.inject(`/enquete/${q.key}/papier?van=1&tot=2`)));
      });

      it('refuses more than 100 forms in one request, in Dutch', async () => {
        const res = await app.inject({
          url: `/enquete/${q.key}/papier.pdf?van=1&tot=200`,
          headers: { cookie: cookies['invoerder@GM0505']! },
        });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /U vraagt 200 formulieren\. Per keer kunnen er hoogstens 100/);
      });

      it('closes the browser when the app closes', async () => {
        const closed = engine.closed;
        const other = await buildApp({
          services: createServices(handle, { datasetsDir, pdfEngine: engine }),
          sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
        });
        await other.ready();
        await other.close();
        assert.ok(engine.closed > closed);
      });
    },
  );
}
