import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Pins an OpenID Connect subject to a local account after its first single sign-on, so a later
 * change of e-mail address at the provider cannot move someone into another account.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('oidc_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
    // One subject per provider per account: a second person at the provider with the same
    // e-mail address cannot take over an account that is already linked.
    .addUniqueConstraint('oidc_identities_user_issuer_uq', ['user_id', 'issuer'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('oidc_identities').execute();
}
