import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/20261128_0001_create_monitor_tables.ts';
import * as m0002 from './migrations/20261128_0002_create_accounts_and_audit.ts';
import * as m0003 from './migrations/20261128_0003_create_targets.ts';
import * as m0004 from './migrations/20261128_0004_create_catalogue_versions.ts';
import * as m0005 from './migrations/20261128_0005_create_upload_staging.ts';
import * as m0006 from './migrations/20261128_0006_create_oidc_identities.ts';
import * as m0008 from './migrations/20261128_0008_create_survey_keying.ts';
import * as m0009 from './migrations/20261128_0009_create_survey_responses.ts';
import * as m0101 from './migrations/20261204_0101_create_login_failures.ts';
import * as m0201 from './migrations/20261204_0201_survey_response_source.ts';
import * as m0202 from './migrations/20261204_0202_survey_unlinkable.ts';
import * as m0301 from './migrations/20261204_0301_dataset_municipality.ts';
import * as m0302 from './migrations/20261204_0302_create_catalogue_proposals.ts';
import * as m0401 from './migrations/20261204_0401_upload_parse_result.ts';
import * as m0601 from './migrations/20261204_0601_create_survey_skipped_answers.ts';
import * as m0602 from './migrations/20261204_0602_create_postcode_buurten.ts';
import * as m0701 from './migrations/20261204_0701_observations_area_index.ts';
import * as m0702 from './migrations/20261204_0702_timestamps_iso_text.ts';
import * as m0801 from './migrations/20261204_0801_focus_area_provisional.ts';
import * as m1001 from './migrations/20261204_1001_create_participation.ts';
import * as m1021 from './migrations/20261204_1021_create_alliance.ts';
import * as m1041 from './migrations/20261204_1041_create_programme_finance.ts';
import * as m1061 from './migrations/20261204_1061_create_data_changes.ts';
import * as m1111 from './migrations/20261204_1111_create_coding.ts';
import * as m1201 from './migrations/20261204_1201_create_council_letters.ts';
import * as m1211 from './migrations/20261204_1211_create_synthesis_weights.ts';
import * as m1221 from './migrations/20261204_1221_create_contours.ts';
import * as m1231 from './migrations/20261204_1231_create_feedback_quotes.ts';
import * as m1601 from './migrations/20261206_1601_alliance_corrections.ts';

/**
 * Migrations are listed here, not discovered on disk: the order is visible in review and the
 * same list runs under tsx, in tests and from the CLI. Names are immutable once released.
 */
export const migrations: Record<string, Migration> = {
  '20261128_0001_create_monitor_tables': m0001,
  '20261128_0002_create_accounts_and_audit': m0002,
  '20261128_0003_create_targets': m0003,
  '20261128_0004_create_catalogue_versions': m0004,
  '20261128_0005_create_upload_staging': m0005,
  '20261128_0006_create_oidc_identities': m0006,
  '20261128_0008_create_survey_keying': m0008,
  '20261128_0009_create_survey_responses': m0009,
  '20261204_0101_create_login_failures': m0101,
  '20261204_0201_survey_response_source': m0201,
  '20261204_0202_survey_unlinkable': m0202,
  '20261204_0301_dataset_municipality': m0301,
  '20261204_0302_create_catalogue_proposals': m0302,
  '20261204_0401_upload_parse_result': m0401,
  '20261204_0601_create_survey_skipped_answers': m0601,
  '20261204_0602_create_postcode_buurten': m0602,
  '20261204_0701_observations_area_index': m0701,
  '20261204_0702_timestamps_iso_text': m0702,
  '20261204_0801_focus_area_provisional': m0801,
  '20261204_1001_create_participation': m1001,
  '20261204_1021_create_alliance': m1021,
  '20261204_1041_create_programme_finance': m1041,
  '20261204_1061_create_data_changes': m1061,
  '20261204_1111_create_coding': m1111,
  '20261204_1201_create_council_letters': m1201,
  '20261204_1211_create_synthesis_weights': m1211,
  '20261204_1221_create_contours': m1221,
  '20261204_1231_create_feedback_quotes': m1231,
  '20261206_1601_alliance_corrections': m1601,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export class MigrationFailed extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`Migratie ${migration ?? '(onbekend)'} mislukt: ${String(cause)}`, { cause });
    this.name = 'MigrationFailed';
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationFailed(failed?.migrationName, error);
  }
  return results;
}

/** Migrations this code knows that the database has not run yet, by name (empty: up to date). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const known = await migrator.getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
