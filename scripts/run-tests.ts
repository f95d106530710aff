/**
 * The test command. Node 20's `node --test` finds no .ts files in a folder, so this lists them,
 * starts a throw-away PostgreSQL where its binaries are installed, finds Chromium, and runs
 * node's test runner over every *.test.ts(x). With CI=true a missing PostgreSQL or Chromium is a
 * failure, not a skip. Arguments narrow the files: `npm test -- src/features/areas`.
 *
 * Tests by cost (test/helpers/test-groups.ts decides the group of each file from its imports):
 * `--group=unit` (no database, no browser: seconds), `--group=db` (SQLite and PostgreSQL; the
 * `DIALECTS` variable narrows it, e.g. `DIALECTS=sqlite`), `--group=e2e` (Chromium). Without
 * `--group` every group runs. Unit files run together in one process (test/helpers/unit-batch.ts,
 * about six times faster), the others in a process per file; both behind
 * test/helpers/unit-guard.ts, which makes a unit file fail when it opens a database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from '../test/helpers/chromium-path.ts';
import { selectDialects } from '../test/helpers/db.ts';
import {
  classifyTestFile,
  listTestFiles,
  testGroups,
  type TestGroup,
} from '../test/helpers/test-groups.ts';
import {
  startThrowawayPostgres,
  type RunningPostgres,
} from '../test/helpers/throwaway-postgres.ts';

const root = path.resolve(import.meta.dirname, '..');
const inCi = process.env.CI === 'true' || process.env.CI === '1';

const args = process.argv.slice(2);
let group: TestGroup | undefined;
const filters: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  const value = arg.startsWith('--group=') ? arg.slice(8) : arg === '--group' ? args[++i] : null;
  if (value === null) {
    filters.push(path.resolve(root, arg));
    continue;
  }
  if (!testGroups.includes(value as TestGroup)) {
    console.error(`Onbekende testgroep "${value}"; kies uit ${testGroups.join(', ')}.`);
    process.exit(1);
  }
  group = value as TestGroup;
}

const byGroup = new Map<TestGroup, number>(testGroups.map((g) => [g, 0]));
const files = listTestFiles(root)
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .filter((f) => {
    const g = classifyTestFile(f);
    if (group && g !== group) return false;
    byGroup.set(g, byGroup.get(g)! + 1);
    return true;
  });

if (files.length === 0) {
  console.error(`Geen testbestanden gevonden${group ? ` in de groep ${group}` : ''}.`);
  process.exit(1);
}
console.log(
  `Testbestanden: ${testGroups.map((g) => `${byGroup.get(g)} ${g}`).join(', ')}` +
    (group ? ` (groep ${group})` : ''),
);

const env: NodeJS.ProcessEnv = { ...process.env };
// Tests build the app like production does, so they need a session secret: a fresh one per run.
env.SESSION_SECRET ||= randomBytes(32).toString('base64url');
let postgres: RunningPostgres | undefined;

const needsDatabases = byGroup.get('db')! + byGroup.get('e2e')! > 0;
const needsPostgres = needsDatabases && selectDialects(env.DIALECTS).includes('postgres');
if (needsPostgres && !env.TEST_PG_URL) {
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
else if (byGroup.get('e2e')! > 0) {
  if (inCi) {
    console.error('CI: Chromium (/usr/bin/chromium) is nodig voor de browsertests en ontbreekt.');
    await postgres?.stop();
    process.exit(1);
  }
  console.warn('Let op: browsertests worden overgeslagen (geen Chromium gevonden).');
}

function run(argv: string[]): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...argv], {
    stdio: 'inherit',
    env,
    cwd: root,
  });
  return new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
}

// Unit files in one process (test/helpers/unit-batch.ts), the others in a process each.
const unitFiles = files.filter((f) => classifyTestFile(f) === 'unit');
const otherFiles = files.filter((f) => classifyTestFile(f) !== 'unit');
let code = 0;
if (unitFiles.length > 0) {
  const batch = path.join(root, 'test/helpers/unit-batch.ts');
  code = await run(['--test-reporter=spec', batch, ...unitFiles]);
}
if (otherFiles.length > 0) {
  const guard = pathToFileURL(path.join(root, 'test/helpers/unit-guard.ts')).href;
  const concurrency = Math.max(2, os.availableParallelism());
  const rest = await run([
    '--import',
    guard,
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...otherFiles,
  ]);
  code ||= rest;
}
await postgres?.stop();
process.exit(code);
