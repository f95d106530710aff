import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import {
  activeCatalogue,
  activeCatalogueVersion,
  listCatalogueVersions,
} from './catalogue.store.ts';

/** The indicator catalogue in force and its versions. */
export function catalogueService(db: Kysely<Database>) {
  return {
    active: withDb(db, activeCatalogue),
    activeVersion: withDb(db, activeCatalogueVersion),
    versions: withDb(db, listCatalogueVersions),
  };
}
export type CatalogueService = ReturnType<typeof catalogueService>;
