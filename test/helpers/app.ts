import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import { projectRoot } from '../../src/config.ts';
import type { Dialect } from '../../src/db/database.ts';
import { seedShippedData } from '../../src/features/seed/seed.service.ts';
import { loadQuestionnaires } from '../../src/features/survey/definition/load.ts';
import { loadXlsForm } from '../../src/features/survey/definition/xlsform.ts';
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
    if (report.imported.length === 0) throw new Error('seedShippedData loaded nothing');
    const app = await buildApp({
      services: createServices(handle, {
        datasetsDir,
        questionnaires: await loadQuestionnaires(
          path.join(projectRoot, 'questionnaires'),
          loadXlsForm,
        ),
      }),
      // A real secret per test app, so the helper also works outside `npm test`.
      sessionSecret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    });
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
