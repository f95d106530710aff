import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { findVersion } from './focus-area.repository.ts';
import { findFocusAreaDetail, getFocusArea, listFocusAreas } from './focus-area.service.ts';
import { loadFocusAreaPage } from './focus-area.page-data.ts';
import {
  decideBuurt,
  focusAreaInMunicipality,
  loadEditContext,
  saveFocusAreaForm,
} from './focus-area-editing.service.ts';
import {
  listFocusAreasOfMunicipality,
  municipalityNames,
} from './focus-area-editing.repository.ts';

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

/** Editing focus areas in the workspace: delineation, rationale, decisions on buurten. */
export function focusAreaEditingService(db: Kysely<Database>) {
  return {
    municipalityNames: withDb(db, municipalityNames),
    focusAreasOfMunicipality: withDb(db, listFocusAreasOfMunicipality),
    /** NotFoundError unless the focus area lies in the municipality. */
    inMunicipality: withDb(db, focusAreaInMunicipality),
    editContext: withDb(db, loadEditContext),
    save: withDb(db, saveFocusAreaForm),
    decideBuurt: withDb(db, decideBuurt),
  };
}
export type FocusAreaEditingService = ReturnType<typeof focusAreaEditingService>;
