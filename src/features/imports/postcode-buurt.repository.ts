import type { Kysely, Transaction } from 'kysely';
import { withDataChange } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';
import type { PostcodeBuurtRow } from './postcode-buurt.importer.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Rows per insert: well under both dialects' limits on bound parameters. */
const CHUNK = 500;

/** Replaces the table of one indeling year by a new edition. */
export async function replacePostcodeTable(
  trx: Q,
  indelingYear: number,
  datasetId: string,
  rows: readonly PostcodeBuurtRow[],
): Promise<void> {
  // Survey answers are placed in buurten through this table: a new edition moves the data version.
  await withDataChange(trx as Kysely<Database>, 'postcodes', async (t) => {
    await t.deleteFrom('postcode_buurten').where('indeling_year', '=', indelingYear).execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      await t
        .insertInto('postcode_buurten')
        .values(
          rows
            .slice(i, i + CHUNK)
            .map((r) => ({ ...r, indeling_year: indelingYear, dataset_id: datasetId })),
        )
        .execute();
    }
  });
}

/** Whether a table is loaded for this indeling year. */
export async function hasPostcodeTable(db: Q, indelingYear: number): Promise<boolean> {
  const row = await db
    .selectFrom('postcode_buurten')
    .select('postcode')
    .where('indeling_year', '=', indelingYear)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The buurten of a postcode (six positions) or of all postcodes of a four-digit area. */
export async function findPostcodeBuurten(
  db: Q,
  indelingYear: number,
  postcode: string,
): Promise<PostcodeBuurtRow[]> {
  let query = db
    .selectFrom('postcode_buurten')
    .select(['postcode', 'buurt_code', 'wijk_code', 'gemeente_code', 'addresses'])
    .where('indeling_year', '=', indelingYear);
  query =
    postcode.length === 4
      ? query.where('postcode', '>=', `${postcode}AA`).where('postcode', '<=', `${postcode}ZZ`)
      : query.where('postcode', '=', postcode);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, addresses: Number(r.addresses) }));
}
