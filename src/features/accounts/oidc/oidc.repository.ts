import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { OidcIdentityTable } from './oidc.table.ts';

export async function findIdentity(
  db: Kysely<Database>,
  issuer: string,
  subject: string,
): Promise<OidcIdentityTable | undefined> {
  return db
    .selectFrom('oidc_identities')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function findIdentityOfUser(
  db: Kysely<Database>,
  userId: string,
  issuer: string,
): Promise<OidcIdentityTable | undefined> {
  return db
    .selectFrom('oidc_identities')
    .selectAll()
    .where('user_id', '=', userId)
    .where('issuer', '=', issuer)
    .executeTakeFirst();
}

export async function insertIdentity(db: Kysely<Database>, row: OidcIdentityTable): Promise<void> {
  await db.insertInto('oidc_identities').values(row).execute();
}
