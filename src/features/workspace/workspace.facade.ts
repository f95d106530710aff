import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import {
  decideBuurt,
  focusAreaInMunicipality,
  loadEditContext,
  saveFocusAreaForm,
} from './focus-area-editing.service.ts';
import { listFocusAreasOfMunicipality, municipalityNames } from './workspace.repository.ts';

/** The workspace's editing of focus areas: delineation, rationale, decisions on buurten. */
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
