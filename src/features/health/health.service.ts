import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { pingDatabase } from './health.repository.ts';

export type Readiness =
  | { ready: true }
  | { ready: false; reason: 'database onbereikbaar' | 'migraties niet bijgewerkt'; detail: string };

/**
 * Readiness for a load balancer: the database answers and has every migration this code knows.
 * A database error is the expected "not ready" answer here, so it becomes a result, not a 500.
 */
export class HealthService {
  constructor(private readonly db: Kysely<Database>) {}

  async readiness(): Promise<Readiness> {
    try {
      await pingDatabase(this.db);
    } catch (error) {
      return {
        ready: false,
        reason: 'database onbereikbaar',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    const pending = await pendingMigrations(this.db);
    if (pending.length > 0) {
      return {
        ready: false,
        reason: 'migraties niet bijgewerkt',
        detail: `nog niet uitgevoerd: ${pending.join(', ')}`,
      };
    }
    return { ready: true };
  }
}
