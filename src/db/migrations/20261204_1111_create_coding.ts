import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Coding open text (ADR 0031): a codebook per focus area, versioned (a new version on every
 * change, old versions kept); the codes of each version; one code per item per coder; drawn
 * samples whose items two different coders code for the agreement (Cohen's kappa). Timestamps are ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('coding_codebook_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('coding_codebook_versions_area_version', ['focus_area_slug', 'version'])
    .execute();
  await db.schema
    .createTable('coding_codes')
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('coding_codebook_versions.id').onDelete('cascade'),
    )
    .addColumn('code_key', 'text', (c) => c.notNull())
    .addColumn('theme_key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_codes_pk', ['version_id', 'code_key'])
    .execute();
  await db.schema
    .createTable('coding_assignments')
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('coder', 'text', (c) => c.notNull())
    .addColumn('code_key', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'integer', (c) => c.notNull())
    .addColumn('coded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_assignments_pk', ['source', 'item_id', 'coder'])
    .execute();
  await db.schema
    .createIndex('coding_assignments_area')
    .on('coding_assignments')
    .columns(['focus_area_slug', 'source'])
    .execute();
  await db.schema
    .createTable('coding_samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('coding_sample_items')
    .addColumn('sample_id', 'text', (c) =>
      c.notNull().references('coding_samples.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_sample_items_pk', ['sample_id', 'source', 'item_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('coding_sample_items').execute();
  await db.schema.dropTable('coding_samples').execute();
  await db.schema.dropTable('coding_assignments').execute();
  await db.schema.dropTable('coding_codes').execute();
  await db.schema.dropTable('coding_codebook_versions').execute();
}
