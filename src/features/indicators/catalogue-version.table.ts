import type { Selectable } from 'kysely';

/** One saved version of the whole indicator catalogue; never updated, only added. */
export interface CatalogueVersionTable {
  version: number;
  /** The whole catalogue as JSON, valid against catalogueSchema when it was saved. */
  content: string;
  /** Why it was changed (required in the form). */
  note: string;
  created_at: string;
  created_by: string;
}
export type CatalogueVersionRow = Selectable<CatalogueVersionTable>;
