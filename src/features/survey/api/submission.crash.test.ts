import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDatabaseUrl, projectRoot } from '../../../config.ts';
import { createDb } from '../../../db/database.ts';
import {
  createTestDatabaseUrl,
  dialects,
  dialectUnavailable,
} from '../../../../test/helpers/db.ts';
import { newIdempotencyKey } from '../responses/response.service.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';

const KEY = fixtureAllTypes.key;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real server as a separate process, on the given database and port. */
async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server stopte: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
      if (res.ok) return child;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server kwam niet op: ${stderr}`);
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`submissions survive a killed server [${dialect}]`, skip ? { skip } : {}, () => {
    let db: { url: string; drop(): Promise<void> };
    let dir: string;
    let child: ChildProcess | undefined;
    before(async () => {
      db = await createTestDatabaseUrl(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-questionnaires-'));
      fs.writeFileSync(path.join(dir, `${KEY}.json`), JSON.stringify(fixtureAllTypes));
    });
    after(async () => {
      child?.kill('SIGKILL');
      await db?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('finds every acknowledged response after SIGKILL mid-load and a restart', async () => {
      const env = {
        DATABASE_URL: db.url,
        WIJKKOMPAS_SEED: 'nee',
        WIJKKOMPAS_QUESTIONNAIRES: dir,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        SURVEY_SUBMITS_PER_MINUTE: '100000',
        LOG_LEVEL: 'silent',
      };
      const port = await freePort();
      child = await startServer(env, port);
      const url = `http://127.0.0.1:${port}/api/enquetes/${KEY}/antwoorden`;
      const send = async (key: string) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ taal: 'nl', antwoorden: { heeft_werk: 'nee', cijfer_buurt: 6 } }),
        });
        return { status: res.status, id: ((await res.json()) as { id?: string }).id };
      };

      const acked = new Map<string, string>();
      const sent: string[] = [];
      let killed = false;
      // Each client keeps sending until the dead server refuses it, so the kill always lands
      // while clients are sending (a request answered before the kill counts as acknowledged).
      const client = async () => {
        for (;;) {
          const key = newIdempotencyKey();
          sent.push(key);
          try {
            const r = await send(key);
            if (r.status === 201 || r.status === 200) acked.set(key, r.id!);
            else assert.fail(`status ${r.status}`);
          } catch (error) {
            if (!killed) throw error;
            return;
          }
        }
      };
      const clients = Array.from({ length: 20 }, client);
      while (acked.size < 300) await sleep(5);
      killed = true;
      child.kill('SIGKILL');
      await Promise.all(clients);
      assert.ok(sent.length > acked.size, 'some submissions went unanswered at the kill');

      child = await startServer(env, port);
      const handle = createDb(parseDatabaseUrl(db.url));
      try {
        const rows = await handle.db
          .selectFrom('survey_responses')
          .select(['id', 'idempotency_key'])
          .execute();
        const byKey = new Map(rows.map((r) => [r.idempotency_key, r.id]));
        for (const [key, id] of acked) assert.equal(byKey.get(key), id, `acknowledged ${key}`);
        // Resending every key after the restart stores the unacknowledged ones once, and
        // gives the acknowledged ones their own id back.
        for (const key of sent) {
          const r = await send(key);
          assert.ok(r.status === 201 || r.status === 200);
          if (acked.has(key)) assert.deepEqual(r, { status: 200, id: acked.get(key) });
        }
        const total = await handle.db
          .selectFrom('survey_responses')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(total.n), new Set(sent).size);
      } finally {
        await handle.destroy();
        child.kill('SIGKILL');
        child = undefined;
      }
    });
  });
}
