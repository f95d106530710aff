import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../test/helpers/db.ts';
import { startReplayServer, type ReplayServer } from '../../test/helpers/odata-replay-server.ts';
import { runHaalOp } from './haal-op.ts';

/**
 * After `haal-op --wat gezondheid` (replayed v4 fixtures, INVENTED values) the public buurt page
 * shows the fetched estimate, says "geheim (CBS)" where CBS left the cell out, and shows no
 * variable code (issue 13.5 and 13.8, ADR 0042).
 */
function cell(html: string, key: string, name: string): string {
  const row = new RegExp(`<tr[^>]*data-indicator="${key}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `no row for ${key}`);
  const m = new RegExp(`<td[^>]*data-cell="${name}"[^>]*>([\\s\\S]*?)</td>`).exec(row[1]!);
  assert.ok(m, `no ${name} cell for ${key}`);
  return m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `health estimates on the public pages after haal-op [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      let server: ReplayServer;
      let dir: string;
      before(async () => {
        t = await buildTestApp(dialect);
        server = await startReplayServer();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-pages-'));
      });
      after(async () => {
        await t?.close();
        await server?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('shows the estimate, "geheim (CBS)" for a left-out cell, and no variable code', async () => {
        const before = await t.app.inject('/buurten/BU05050100');
        assert.equal(before.statusCode, 200);
        assert.doesNotMatch(before.body, /data-indicator="ervaren-gezondheid-goed"/);
        assert.match(
          before.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
          /Voelt zich gezond: nog niet geladen\./,
        );

        const lines: string[] = [];
        await runHaalOp(
          t.handle.db,
          [
            ...['--wat', 'gezondheid', '--indeling', '2024', '--gemeente', 'GM0505'],
            ...['--map', dir, '--bron-v4', server.v4BaseUrl],
          ],
          {
            datasetsDir: path.join(projectRoot, 'datasets'),
            sleep: async () => undefined,
            log: (line) => lines.push(line),
            progress: () => undefined,
            importedBy: 'test',
          },
        );
        assert.match(lines[0]!, /GM0505: geïmporteerd/);

        const res = await t.app.inject('/buurten/BU05050100');
        assert.equal(res.statusCode, 200);
        const latest = cell(res.body, 'ervaren-gezondheid-goed', 'laatste');
        assert.match(latest, /\b66\b/, 'the (invented) fixture estimate of 2024');
        assert.match(latest, /2024/);

        const secret = await t.app.inject('/buurten/BU05050103');
        assert.match(
          cell(secret.body, 'ervaren-gezondheid-goed', 'laatste'),
          /Geheim \(CBS\): CBS houdt dit cijfer/,
        );

        // /methode says what "niet van toepassing" from a source means.
        const methode = (await t.app.inject('/methode')).body.replace(/&quot;/g, '"');
        assert.match(methode, /dan staat er "niet van toepassing" en telt die buurt niet mee/);

        for (const body of [res.body, secret.body]) {
          for (const code of [
            'ErvarenGezondheidGoedZeerGoed',
            'HoogRisicoOpAngstOfDepressie',
            'ErnstigZeerErnstigEenzaam',
            'SociaalEenzaam',
            'M009901',
          ]) {
            assert.ok(!body.includes(code), `no variable code ${code} on a public page`);
          }
        }
      });
    },
  );
}
