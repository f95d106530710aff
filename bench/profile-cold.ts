/**
 * Profiles the cold render of the profile and indicator pages: one warm app, a real data change
 * before each request (caches empty, as after an import). Run with --cpu-prof and read the
 * result with bench/cpuprofile-summary.ts; prints the median per page.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx --expose-gc bench/profile-cold.ts
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { createServices } from '../src/composition.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { median, round } from './lib/stats.ts';
import { changeData } from './lib/data-change.ts';
import { createBenchDb } from './lib/temp-db.ts';

const PAGES = ['/gebieden/dordt-west', '/gebieden/dordt-west/indicatoren/aantal-inwoners'];
const SAMPLES = Number(process.env.COLD_SAMPLES ?? 40);

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
for (let i = 0; i < SAMPLES; i++) {
  for (const url of PAGES) {
    await changeData(handle);
    const start = performance.now();
    const res = await app.inject({ url });
    if (res.statusCode !== 200) throw new Error(`${url} gaf ${res.statusCode}`);
    times[url]!.push(performance.now() - start);
  }
}
for (const url of PAGES) console.log(url, 'median ms', round(median(times[url]!), 1));
await app.close();
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
