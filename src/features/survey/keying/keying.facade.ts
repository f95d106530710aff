import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { withDb } from '../../../shared/with-db.ts';
import {
  keyingCounts,
  listDiscrepancies,
  nextPass,
  resolveForm,
  saveKeyedEntry,
  type KeyingDeps,
  type StoreKeyedResponse,
} from './keying.service.ts';

/** Where keying happens: the municipality, and the buurten of the survey's indeling year. */
export interface KeyingScope {
  municipalityCode: string;
  indelingYear?: number | undefined;
}

/**
 * Keying paper forms (twice for the drawn share) and settling the differences. The survey
 * settings are read on every call, so a change to them (tests set the share) takes effect.
 */
export function keyingService(
  db: Kysely<Database>,
  settings: { secret: string; doubleEntryShare: number; storeKeyedResponse: StoreKeyedResponse },
) {
  const deps = ({ municipalityCode, indelingYear }: KeyingScope): KeyingDeps => ({
    db,
    secret: settings.secret,
    share: settings.doubleEntryShare,
    storeResponse: settings.storeKeyedResponse,
    municipalityCode,
    place: indelingYear === undefined ? undefined : { municipalityCode, indelingYear },
  });
  return {
    counts: withDb(db, keyingCounts),
    discrepancies: withDb(db, listDiscrepancies),
    nextPass: withDb(db, nextPass),
    save: (scope: KeyingScope, input: Parameters<typeof saveKeyedEntry>[1]) =>
      saveKeyedEntry(deps(scope), input),
    resolve: (scope: KeyingScope, input: Parameters<typeof resolveForm>[1]) =>
      resolveForm(deps(scope), input),
  };
}
export type KeyingService = ReturnType<typeof keyingService>;
