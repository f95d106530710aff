import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { findVersion } from './focus-area.repository.ts';
import { findFocusAreaDetail, getFocusArea, listFocusAreas } from './focus-area.service.ts';
import { loadFocusAreaPage } from './focus-area.page-data.ts';

/** What routes and pages may ask about focus areas; built by the composition root. */
export function focusAreaService(db: Kysely<Database>) {
  return {
    /** One focus area with its versions and members; NotFoundError for an unknown slug. */
    get: withDb(db, getFocusArea),
    /** The same, or null for an unknown slug: a typed absence instead of a caught error. */
    find: withDb(db, findFocusAreaDetail),
    list: withDb(db, listFocusAreas),
    /** Newest version, or the one asked for; undefined when there is none. */
    findVersion: withDb(db, findVersion),
    /** The data of the public focus-area page (and the workspace's preview of it). */
    loadPage: withDb(db, loadFocusAreaPage),
  };
}
export type FocusAreaService = ReturnType<typeof focusAreaService>;
