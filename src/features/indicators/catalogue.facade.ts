import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import {
  activeCatalogue,
  activeCatalogueVersion,
  listCatalogueVersions,
} from './catalogue.store.ts';
import {
  decideProposal,
  findActiveIndicator,
  listProposalViews,
  proposeIndicatorChange,
  saveIndicatorForm,
} from './catalogue-editing.service.ts';

/** The indicator catalogue in force and its versions. */
export function catalogueService(db: Kysely<Database>) {
  return {
    active: withDb(db, activeCatalogue),
    activeVersion: withDb(db, activeCatalogueVersion),
    versions: withDb(db, listCatalogueVersions),
  };
}
export type CatalogueService = ReturnType<typeof catalogueService>;

/** Editing the indicator catalogue (workspace pages) and the proposals to change it. */
export function catalogueEditingService(db: Kysely<Database>) {
  return {
    findActiveIndicator: withDb(db, findActiveIndicator),
    save: withDb(db, saveIndicatorForm),
    propose: withDb(db, proposeIndicatorChange),
    proposals: withDb(db, listProposalViews),
    decide: withDb(db, decideProposal),
  };
}
export type CatalogueEditingService = ReturnType<typeof catalogueEditingService>;
