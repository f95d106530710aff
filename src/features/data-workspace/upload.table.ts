import type { Generated, Insertable, Selectable } from 'kysely';

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
  /** UploadState: wacht, bezig, klaar, geweigerd or mislukt. */
  state: Generated<string>;
  /** ImportProblem[] as JSON when the file was refused. */
  problems: string | null;
  /** ImportPreview as JSON, made once when the file was read. */
  preview: string | null;
  /** The parsed file (encodeParsedImport, gzip); the raw bytes are dropped once it is here. */
  result: Buffer | null;
  parsed_at: string | null;
}
export type Upload = Selectable<UploadTable>;
export type NewUpload = Insertable<UploadTable>;

export const UPLOAD_STATES = ['wacht', 'bezig', 'klaar', 'geweigerd', 'mislukt'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];
/** An upload without its file and parsed result (what pages read). */
export type UploadSummary = Omit<Upload, 'bytes' | 'metadata_bytes' | 'result'>;
