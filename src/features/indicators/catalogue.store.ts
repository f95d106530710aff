import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  findNewestCatalogueVersion,
  insertNextCatalogueVersion,
  listCatalogueVersionRows,
} from './catalogue.repository.ts';
import { CatalogueError, loadCatalogue, parseCatalogue } from './catalogue.ts';
import type { Catalogue } from './catalogue.schema.ts';

type Q = Kysely<Database>;

/**
 * The active indicator catalogue. The workspace stores every edit as a new, whole version in
 * `catalogue_versions`; the newest one is active. Without any version the validated file
 * catalogue/indicators.json is. Code that shows or computes the monitor should read the
 * catalogue here, not from the file, so an edit in the workspace reaches every page.
 */

export interface CatalogueVersionInfo {
  version: number;
  note: string;
  createdAt: string;
  createdBy: string;
}

export interface ActiveCatalogue {
  catalogue: Catalogue;
  /** null: no version saved yet, the file is active. */
  version: CatalogueVersionInfo | null;
}

function info(row: {
  version: number | string;
  note: string;
  created_at: string;
  created_by: string;
}): CatalogueVersionInfo {
  return {
    version: Number(row.version),
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The newest stored version with its metadata, or the file when none is stored. */
export async function activeCatalogueVersion(db: Q, file?: string): Promise<ActiveCatalogue> {
  const row = await findNewestCatalogueVersion(db);
  if (!row) return { catalogue: loadCatalogue(file), version: null };
  const name = `catalogusversie ${Number(row.version)}`;
  let raw: unknown;
  try {
    raw = JSON.parse(row.content);
  } catch (error) {
    throw new CatalogueError([
      { file: name, message: `geen geldige JSON (${(error as Error).message})` },
    ]);
  }
  // Validated again on read: a later, stricter schema must not let an old version through.
  return { catalogue: parseCatalogue(raw, name), version: info(row) };
}

/** The catalogue that is in force now: the newest stored version, else the file. */
export async function activeCatalogue(db: Q, file?: string): Promise<Catalogue> {
  return (await activeCatalogueVersion(db, file)).catalogue;
}

/** Every stored version, newest first, without the content. */
export async function listCatalogueVersions(db: Q): Promise<CatalogueVersionInfo[]> {
  return (await listCatalogueVersionRows(db)).map(info);
}

/**
 * Adds a version after the newest one and returns its number. The catalogue is validated here
 * too, so nothing invalid can become active. Pass the caller's transaction, so the version and
 * its audit entry are written together.
 */
export async function insertCatalogueVersion(
  db: Q,
  entry: { catalogue: Catalogue; note: string; createdBy: string; createdAt?: Date },
): Promise<number> {
  parseCatalogue(entry.catalogue, 'nieuwe catalogusversie');
  return insertNextCatalogueVersion(db, {
    content: JSON.stringify(entry.catalogue),
    note: entry.note,
    createdAt: (entry.createdAt ?? new Date()).toISOString(),
    createdBy: entry.createdBy,
  });
}
