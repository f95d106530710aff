/**
 * Profiles the cold render of the profile and indicator pages: one warm app, a real data change
 * before each request (caches empty, as after an import), or with COLD_MODE=render only the
 * rendered pages forgotten. Run with --cpu-prof and read the result with
 * bench/cpuprofile-summary.ts; prints the median per page.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx --expose-gc bench/profile-cold.ts
 *   COLD_MODE=render COLD_SAMPLES=200 node --import tsx --expose-gc bench/profile-cold.ts
 *   COLD_MODE=build COLD_SAMPLES=200 node --import tsx bench/profile-cold.ts
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { createServices } from '../src/composition.ts';
import {
  buildProfile,
  selectionForFocusArea,
} from '../src/features/monitor/profiles/profile.service.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { collectGarbage, median, round } from './lib/stats.ts';
import { changeData, forgetRendered } from './lib/data-change.ts';
import { createBenchDb } from './lib/temp-db.ts';

const PAGES = ['/gebieden/dordt-west', '/gebieden/dordt-west/indicatoren/aantal-inwoners'];
const SAMPLES = Number(process.env.COLD_SAMPLES ?? 40);
/**
 * COLD_MODE=render: forget only the rendered pages (the bench's "gegevens in geheugen").
 * COLD_MODE=build: only buildProfile for Dordt West from loaded data, no page or request.
 */
const MODE = process.env.COLD_MODE ?? 'change';
/** COLD_GC=1: two full collections before each request (the bench's "idem, na volledige GC"). */
const FORCE_GC = process.env.COLD_GC === '1';

const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-'));
const handle = await createBenchDb(dir, 'cold');
const datasetsDir = path.join(root, 'datasets');
await seedShippedData(handle.db, datasetsDir, { importedBy: 'benchmark' });
const services = createServices(handle, { datasetsDir });
const app = await buildApp({ services, sessionSecret: randomBytes(32).toString('base64url') });
await app.ready();
const times: Record<string, number[]> = Object.fromEntries(PAGES.map((p) => [p, []]));
for (const url of PAGES) await app.inject({ url });
for (let i = 0; i < (MODE === 'build' ? 0 : SAMPLES); i++) {
  for (const url of PAGES) {
    if (MODE === 'render') forgetRendered(services.monitor);
    else await changeData(handle);
    if (FORCE_GC) collectGarbage();
    const start = performance.now();
    const res = await app.inject({ url });
    if (res.statusCode !== 200) throw new Error(`${url} gaf ${res.statusCode}`);
    times[url]!.push(performance.now() - start);
  }
}
if (MODE !== 'build')
  for (const url of PAGES) console.log(url, 'median ms', round(median(times[url]!), 1));
if (MODE === 'build') {
  const selection = await selectionForFocusArea(services.monitor, 'dordt-west');
  const built: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (FORCE_GC) collectGarbage();
    const start = performance.now();
    await buildProfile(services.monitor, selection);
    built.push(performance.now() - start);
  }
  console.log('buildProfile dordt-west median ms', round(median(built), 2));
}
await app.close();
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
