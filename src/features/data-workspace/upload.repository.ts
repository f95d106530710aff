import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NewUpload, UploadState, UploadSummary } from './upload.table.ts';

type Q = Kysely<Database>;

export async function insertUpload(db: Q, upload: NewUpload): Promise<void> {
  await db.insertInto('uploads').values(upload).execute();
}

const SUMMARY_COLUMNS = [
  'id',
  'municipality_code',
  'file_name',
  'kind',
  'options',
  'metadata_file_name',
  'created_by',
  'created_at',
  'expires_at',
  'state',
  'problems',
  'preview',
  'parsed_at',
] as const;

/**
 * Only within its own municipality: another workspace's upload id finds nothing. Without the
 * file and the parsed result: a preview page reads only what it shows.
 */
export async function findUpload(
  db: Q,
  id: string,
  municipalityCode: string,
  now: Date = new Date(),
): Promise<UploadSummary | undefined> {
  return db
    .selectFrom('uploads')
    .select(SUMMARY_COLUMNS)
    .where('id', '=', id)
    .where('municipality_code', '=', municipalityCode)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** The staged file itself, for the one reading of it. */
export async function findUploadFiles(
  db: Q,
  id: string,
): Promise<(UploadSummary & { bytes: Buffer; metadata_bytes: Buffer | null }) | undefined> {
  const row = await db
    .selectFrom('uploads')
    .select([...SUMMARY_COLUMNS, 'bytes', 'metadata_bytes'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  // pg returns bytea as Buffer, better-sqlite3 returns blobs as Buffer; normalise anyway.
  return {
    ...row,
    bytes: Buffer.from(row.bytes),
    metadata_bytes: row.metadata_bytes ? Buffer.from(row.metadata_bytes) : null,
  };
}

/** The stored result of reading the file (packResult), or undefined before it is read. */
export async function findUploadResult(db: Q, id: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('uploads')
    .select('result')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.result ? Buffer.from(row.result) : undefined;
}

export async function setUploadState(db: Q, id: string, state: UploadState): Promise<void> {
  await db.updateTable('uploads').set({ state }).where('id', '=', id).execute();
}

/** The file is read: keep the result and the preview, and drop the raw bytes. */
export async function storeUploadResult(
  db: Q,
  id: string,
  result: { packed: Buffer; preview: string; parsedAt: string },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({
      state: 'klaar',
      result: result.packed,
      preview: result.preview,
      parsed_at: result.parsedAt,
      bytes: Buffer.alloc(0),
      metadata_bytes: null,
    })
    .where('id', '=', id)
    .execute();
}

/** The file is refused: keep the problems, drop the bytes. */
export async function storeUploadRefusal(
  db: Q,
  id: string,
  problems: string,
  parsedAt: string,
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({
      state: 'geweigerd',
      problems,
      parsed_at: parsedAt,
      bytes: Buffer.alloc(0),
      metadata_bytes: null,
    })
    .where('id', '=', id)
    .execute();
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
