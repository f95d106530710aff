import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { upsertAreas } from '../src/features/areas/area.repository.ts';
import { parseDataProperties } from '../src/features/imports/cbs-metadata.ts';
import { commitImport, loadAreaLookup } from '../src/features/imports/import.service.ts';
import { parseStatlineCsv } from '../src/features/imports/statline-csv.importer.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { BenchContext } from './lib/types.ts';
import { numericTopics, syntheticAreas, syntheticKwbCsv, toNewAreas } from './synthetic-kwb.ts';

/**
 * The server's resident memory with national-size data in its database: the shipped Dordt West
 * data plus a SYNTHETIC KWB 2024 for 342 made-up municipalities (no figure real, codes GM0001…
 * that do not collide with GM0505; the Netherlands row left out so NL00 stays the real one).
 * The server runs as its own process (`src/server.ts`), so the import's memory is not billed to
 * it; after the pages and eight municipalities' buurt pages are warm, /proc gives VmRSS and VmHWM.
 */
export interface NationalRss {
  observations: number;
  municipalities: number;
  rssMb: number;
  peakMb: number;
  pages: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('geen poort')),
      );
    });
  });
}

function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`${field} niet te lezen voor proces ${pid}`);
  return Number(m[1]);
}

export async function measureNationalRss(ctx: BenchContext): Promise<NationalRss> {
  const handle = await createBenchDb(ctx.tmpDir, 'landelijk');
  let observations = 0;
  const dataPropertiesFile = path.join(
    ctx.root,
    'datasets/cbs-kwb-2024/85984NED_DataProperties.json',
  );
  const areas = syntheticAreas(ctx.scale).filter((a) => a.kind !== 'land');
  try {
    ctx.log('landelijk: meegeleverde gegevens en SYNTHETISCHE KWB (342 gemeenten) inlezen …');
    await seedShippedData(handle.db, path.join(ctx.root, 'datasets'), { importedBy: 'benchmark' });
    await upsertAreas(handle.db, toNewAreas(areas, 2024));
    const topics = numericTopics(dataPropertiesFile, 100);
    const parsed = parseStatlineCsv(
      { bytes: syntheticKwbCsv(areas, topics), fileName: 'synthetic-kwb-national-zonder-nl.csv' },
      await loadAreaLookup(handle.db),
      {
        tableId: '85984NED',
        dataProperties: parseDataProperties(
          fs.readFileSync(dataPropertiesFile),
          '85984NED_DataProperties.json',
        ),
        indelingYear: 2024,
        period: '2024',
      },
    );
    observations = parsed.observations.length;
    await commitImport(handle.db, parsed, { importedBy: 'benchmark' });
  } finally {
    await handle.destroy();
  }

  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ctx.root,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${handle.file}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      WIJKKOMPAS_SEED: 'nee',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (i > 600) throw new Error('de server kwam niet op');
      await new Promise((r) => setTimeout(r, 100));
    }
    const municipalities = [
      ...new Set(areas.filter((a) => a.kind === 'gemeente').map((a) => a.code)),
    ];
    const buurtPages = municipalities.slice(0, 8).map((gm) => {
      const buurt = areas.find((a) => a.kind === 'buurt' && a.municipality === gm);
      return `/buurten/${buurt?.code ?? ''}`;
    });
    const pages = [
      '/',
      '/gebieden/dordt-west',
      '/gebieden/dordt-west/indicatoren/aantal-inwoners',
      '/buurten/BU05050300',
      '/vergelijk?a=fg:dordt-west&b=wk:WK050503',
      ...buurtPages,
    ];
    for (const url of pages) {
      const res = await fetch(base + url);
      if (res.status !== 200) throw new Error(`${url} gaf ${res.status}`);
      await res.arrayBuffer();
    }
    return {
      observations,
      municipalities: municipalities.length,
      rssMb: procKb(child.pid as number, 'VmRSS') / 1024,
      peakMb: procKb(child.pid as number, 'VmHWM') / 1024,
      pages,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
