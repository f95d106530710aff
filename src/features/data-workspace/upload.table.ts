import type { Insertable, Selectable } from 'kysely';

/** A file waiting for the user's confirmation after its preview (data workspace). */
export interface UploadTable {
  id: string;
  /** The workspace it was uploaded in; only that municipality's users can see or confirm it. */
  municipality_code: string;
  file_name: string;
  /** UploadKind: statline, odata, pdok, politie or lokaal. */
  kind: string;
  /** UploadOptions as JSON. */
  options: string;
  bytes: Buffer;
  metadata_file_name: string | null;
  metadata_bytes: Buffer | null;
  /** actorOf(user). */
  created_by: string;
  created_at: string;
  expires_at: string;
}
export type Upload = Selectable<UploadTable>;
export type NewUpload = Insertable<UploadTable>;
