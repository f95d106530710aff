import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { findTarget, listTargets } from './target.repository.ts';

/** Reading the targets of a focus area; editing them is TargetEditingService. */
export function targetService(db: Kysely<Database>) {
  return {
    list: withDb(db, listTargets),
    find: withDb(db, findTarget),
  };
}
export type TargetService = ReturnType<typeof targetService>;
