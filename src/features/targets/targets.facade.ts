import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { findTarget, listTargets } from './target.repository.ts';
import {
  currentTarget,
  indicatorForTarget,
  removeTarget,
  saveTargetForm,
} from './target-editing.service.ts';

/** Reading the targets of a focus area; editing them is TargetEditingService. */
export function targetService(db: Kysely<Database>) {
  return {
    list: withDb(db, listTargets),
    find: withDb(db, findTarget),
  };
}
export type TargetService = ReturnType<typeof targetService>;

/** Editing a focus area's targets (workspace pages). */
export function targetEditingService(db: Kysely<Database>) {
  return {
    indicator: withDb(db, indicatorForTarget),
    current: withDb(db, currentTarget),
    save: withDb(db, saveTargetForm),
    remove: withDb(db, removeTarget),
  };
}
export type TargetEditingService = ReturnType<typeof targetEditingService>;
