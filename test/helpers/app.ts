import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import { projectRoot } from '../../src/config.ts';
import type { Dialect } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { upsertAreas } from '../../src/features/areas/area.repository.ts';
import type { NewArea } from '../../src/features/areas/area.table.ts';
import {
  insertDataset,
  insertObservations,
} from '../../src/features/datasets/dataset.repository.ts';
import { seedFocusAreas } from '../../src/features/focus-areas/focus-area.service.ts';
import { seedShippedData } from '../../src/features/seed/seed.service.ts';
import { createTestDb, type TestDb } from './db.ts';

export const datasetsDir = path.join(projectRoot, 'datasets');

export interface TestApp {
  app: FastifyInstance;
  handle: TestDb;
  close(): Promise<void>;
}

/**
 * A migrated database with the shipped real data (seedShippedData), and the app built on it.
 * One per dialect and test file: seeding takes a moment, and the tests only read.
 */
export async function buildTestApp(dialect: Dialect): Promise<TestApp> {
  const handle = await createTestDb(dialect);
  try {
    const report = await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
    if (report.imported.length === 0 && report.unchanged.length === 0) await interimSeed(handle.db);
    const app = await buildApp({ services: createServices(handle, { datasetsDir }) });
    await app.ready();
    return {
      app,
      handle,
      async close() {
        await app.close();
        await handle.drop();
      },
    };
  } catch (error) {
    await handle.drop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Interim: until the real seed (src/features/seed) lands, load the same shipped files minimally.

interface GeoFeature {
  properties: Record<string, string | number | null>;
  geometry: unknown;
}

function readGeo(file: string): GeoFeature[] {
  return (
    JSON.parse(fs.readFileSync(path.join(datasetsDir, file), 'utf8')) as { features: GeoFeature[] }
  ).features;
}

async function interimSeed(db: Kysely<Database>): Promise<void> {
  const buurten = readGeo('cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson');
  const wijken = readGeo('cbs-wijkenbuurten-2023/wijken_2023_dordrecht_dissolved.geojson');
  const areas: NewArea[] = [
    {
      indeling_year: 2023,
      code: 'GM0505',
      kind: 'gemeente',
      name: 'Dordrecht',
      parent_code: null,
      municipality_code: 'GM0505',
      geometry: null,
      is_water: 0,
    },
    ...wijken.map((w): NewArea => ({
      indeling_year: 2023,
      code: String(w.properties.wijkcode),
      kind: 'wijk',
      name: String(w.properties.wijknaam_cbs),
      parent_code: 'GM0505',
      municipality_code: 'GM0505',
      geometry: JSON.stringify(w.geometry),
      is_water: 0,
    })),
    ...buurten.map((b): NewArea => ({
      indeling_year: 2023,
      code: String(b.properties.buurtcode),
      kind: 'buurt',
      name: String(b.properties.buurtnaam),
      parent_code: String(b.properties.wijkcode),
      municipality_code: 'GM0505',
      geometry: JSON.stringify(b.geometry),
      is_water: b.properties.water === 'JA' ? 1 : 0,
    })),
  ];
  await upsertAreas(db, areas);
  await insertDataset(db, {
    id: 'interim-pdok-2023',
    kind: 'pdok-geojson',
    fingerprint: 'interim-pdok-2023',
    source: 'CBS/PDOK',
    table_id: null,
    edition: '2023',
    title: 'Wijk- en buurtkaart 2023',
    file_name: 'buurten_2023_dordrecht.geojson',
    file_hash: 'interim',
    indeling_year: 2023,
    imported_at: new Date().toISOString(),
    imported_by: 'test',
    row_count: buurten.length,
    observation_count: 0,
    area_count: areas.length,
    status: 'actief',
    attribution: 'Bron: CBS, Kadaster/CBS via PDOK',
  });
  await insertObservations(
    db,
    buurten
      .filter((b) => Number(b.properties.aantalInwoners) >= 0)
      .map((b) => ({
        dataset_id: 'interim-pdok-2023',
        variable: 'AantalInwoners',
        indeling_year: 2023,
        area_code: String(b.properties.buurtcode),
        period: '2023',
        value: Number(b.properties.aantalInwoners),
        numerator: null,
        denominator: null,
        status: 'definitief' as const,
      })),
  );
  await seedFocusAreas(db, datasetsDir, { createdBy: 'test' });
}
