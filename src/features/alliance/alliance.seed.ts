import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AllianceRepository, allianceTransaction } from './alliance.repository.ts';
import { AllianceService } from './alliance.service.ts';

/** The shipped-data seed step: Dordt West's Alliance seats and agreements (idempotent). */
export function seedAlliance(
  db: Kysely<Database>,
  actor: string,
): Promise<{ seats: number; agreements: number }> {
  return new AllianceService(new AllianceRepository(db), allianceTransaction(db)).seedDordtWest(
    actor,
  );
}
