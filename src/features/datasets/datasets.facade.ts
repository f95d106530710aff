import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { listDatasets } from './dataset.repository.ts';

/** The provenance of imported data, for the sources page and the data workspace. */
export function datasetService(db: Kysely<Database>) {
  return {
    list: withDb(db, listDatasets),
  };
}
export type DatasetService = ReturnType<typeof datasetService>;
