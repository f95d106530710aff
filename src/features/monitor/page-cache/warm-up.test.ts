import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { buildApp } from '../../../app.ts';
import { createServices, type Services } from '../../../composition.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { listTargets, upsertTarget } from '../../targets/target.repository.ts';
import { pageWarmUp } from './warm-up.ts';

/** A change the monitor shows, as the workspace makes it: every Dordt West target's note edited. */
async function editTargets(handle: TestDb, note: string): Promise<void> {
  const targets = await listTargets(handle.db, 'dordt-west');
  assert.ok(targets.length > 0, 'Dordt West has example targets');
  for (const { updatedAt: _at, updatedBy: _by, ...target } of targets) {
    await upsertTarget(handle.db, { ...target, note }, 'test');
  }
}

for (const dialect of dialects) {
  describe(
    `building the first pages right after a data change [${dialect}]`,
    { skip: dialectUnavailable(dialect) },
    () => {
      let handle: TestDb;
      let services: Services;
      let app: FastifyInstance;
      /** Snapshot reads: every profile or indicator build asks for one, a cache hit does not. */
      let snapshotReads = 0;

      before(async () => {
        handle = await createTestDb(dialect);
        await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
        services = createServices(handle, { datasetsDir });
        const snapshot = services.monitor.snapshot.bind(services.monitor);
        services.monitor.snapshot = (code: string) => {
          snapshotReads++;
          return snapshot(code);
        };
        app = await buildApp({ services, sessionSecret: randomBytes(32).toString('base64url') });
        await app.ready();
      });
      after(async () => {
        await app?.close();
        await handle?.drop();
      });

      it('builds the start page, the profile and its indicator pages before anyone asks', async () => {
        const warmUp = pageWarmUp(services);
        const first = await warmUp.check();
        assert.equal(first.failed, 0);
        // Start page + 20 profiles + one page per loaded indicator of the one confirmed
        // delineation (Dordt West); the 19 provisional areas get their profile only.
        const loaded = (await services.monitor.availability()).filter(
          (a) => a.status === 'geladen',
        );
        assert.equal(first.built, 1 + 20 + loaded.length);

        const pages = [
          '/',
          '/gebieden/dordt-west',
          ...loaded.map((a) => `/gebieden/dordt-west/indicatoren/${a.key}`),
        ];
        assert.ok(pages.length > 10, `${pages.length} pages`);
        snapshotReads = 0;
        for (const url of pages) {
          const res = await app.inject(url);
          assert.equal(res.statusCode, 200, url);
        }
        assert.equal(snapshotReads, 0, 'every page came from the cache');

        // Nothing changed: a second check builds nothing.
        const again = await warmUp.check();
        assert.deepEqual(again, { version: undefined, built: 0, failed: 0 });
      });

      it('builds them again for the new data version after a change', async () => {
        const warmUp = pageWarmUp(services);
        const before = await warmUp.check();
        // A change the monitor shows: a target edited (FIXTURE note).
        await editTargets(handle, 'FIXTURE: gewijzigd door de test');
        const after = await warmUp.check();
        assert.ok(after.version && after.version !== before.version, 'a new data version');
        assert.ok(after.built > 2, `${after.built} pages built`);

        snapshotReads = 0;
        const profile = await app.inject('/gebieden/dordt-west');
        assert.equal(profile.statusCode, 200);
        assert.equal(snapshotReads, 0, 'the profile of the new version came from the cache');
      });

      it('on its timer, builds only once the version has held still for one interval', async () => {
        const warmUp = pageWarmUp(services);
        await warmUp.check();
        // Each change with a note of its own: a target saved unchanged writes nothing.
        let edits = 0;
        const change = () => editTargets(handle, `FIXTURE: wijziging ${++edits}`);
        await change();
        await warmUp.tick(); // sees the new version: waits
        snapshotReads = 0;
        await change(); // as during fieldwork: the version moves again
        await warmUp.tick(); // moved since the last look: still waits
        assert.equal(snapshotReads, 0, 'nothing built while the data kept changing');
        await warmUp.tick(); // held still for one interval: builds
        assert.ok(snapshotReads > 0, 'built once the data held still');
        snapshotReads = 0;
        assert.equal((await app.inject('/gebieden/dordt-west')).statusCode, 200);
        assert.equal(snapshotReads, 0);
      });
    },
  );
}
