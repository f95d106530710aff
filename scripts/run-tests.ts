/**
 * The test command. Node 20's `node --test` finds no .ts files in a folder, so this lists them,
 * starts a throw-away PostgreSQL where its binaries are installed, finds Chromium, and runs
 * node's test runner over every *.test.ts(x). With CI=true a missing PostgreSQL or Chromium is a
 * failure, not a skip. Arguments narrow the files: `npm test -- src/features/areas`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from '../test/helpers/chromium-path.ts';
import {
  startThrowawayPostgres,
  type RunningPostgres,
} from '../test/helpers/throwaway-postgres.ts';

const root = path.resolve(import.meta.dirname, '..');
const inCi = process.env.CI === 'true' || process.env.CI === '1';

function listTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listTests(full, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2).map((f) => path.resolve(root, f));
const files = ['src', 'test']
  .flatMap((d) => listTests(path.join(root, d)))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();

if (files.length === 0) {
  console.error('Geen testbestanden gevonden.');
  process.exit(1);
}

const env: NodeJS.ProcessEnv = { ...process.env };
// Tests build the app like production does, so they need a session secret: a fresh one per run.
env.SESSION_SECRET ||= randomBytes(32).toString('base64url');
let postgres: RunningPostgres | undefined;

if (!env.TEST_PG_URL) {
  try {
    postgres = await startThrowawayPostgres();
    env.TEST_PG_URL = postgres.url;
    console.log(`PostgreSQL voor tests: ${postgres.version} op poort ${postgres.port}`);
  } catch (error) {
    if (inCi) {
      console.error(`CI: PostgreSQL is nodig voor de tests en kon niet starten: ${String(error)}`);
      process.exit(1);
    }
    console.warn(`Let op: PostgreSQL-tests worden overgeslagen (${String(error)})`);
  }
}

const chromium = findChromium();
if (chromium) env.CHROMIUM_PATH = chromium;
else if (inCi) {
  console.error('CI: Chromium (/usr/bin/chromium) is nodig voor de browsertests en ontbreekt.');
  await postgres?.stop();
  process.exit(1);
} else console.warn('Let op: browsertests worden overgeslagen (geen Chromium gevonden).');

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env, cwd: root },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await postgres?.stop();
process.exit(code);
