import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NewUpload, Upload } from './upload.table.ts';

type Q = Kysely<Database>;

export async function insertUpload(db: Q, upload: NewUpload): Promise<void> {
  await db.insertInto('uploads').values(upload).execute();
}

/** Only within its own municipality: another workspace's upload id finds nothing. */
export async function findUpload(
  db: Q,
  id: string,
  municipalityCode: string,
  now: Date = new Date(),
): Promise<Upload | undefined> {
  const row = await db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', id)
    .where('municipality_code', '=', municipalityCode)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  // pg returns bytea as Buffer, better-sqlite3 returns blobs as Buffer; normalise anyway.
  return {
    ...row,
    bytes: Buffer.from(row.bytes),
    metadata_bytes: row.metadata_bytes ? Buffer.from(row.metadata_bytes) : null,
  };
}

export async function deleteUpload(db: Q, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

export async function deleteExpiredUploads(db: Q, now: Date = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('uploads')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countUploads(db: Q): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
