import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listFocusAreasOfMunicipality, municipalityNames } from '../focus-areas/index.ts';
import { WorkspaceHomeService } from './workspace-home.service.ts';

/** The workspace home: the links each user gets, per municipality they work for. */
export function workspaceHomeService(db: Kysely<Database>): WorkspaceHomeService {
  return new WorkspaceHomeService({
    municipalityNames: (codes) => municipalityNames(db, codes),
    focusAreasOf: (code) => listFocusAreasOfMunicipality(db, code),
  });
}
