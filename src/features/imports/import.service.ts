import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listAreas, listIndelingYears, upsertAreas } from '../areas/area.repository.ts';
import {
  findDatasetByFingerprint,
  insertDataset,
  insertDatasetObservations,
  upsertVariables,
} from '../datasets/dataset.repository.ts';
import type { AreaLookup, ImportOutcome, ParsedImport, ProgressReporter } from './import.types.ts';

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function fingerprintOf(parsed: Pick<ParsedImport, 'kind' | 'fileHash' | 'options'>): string {
  const options = Object.keys(parsed.options)
    .sort()
    .map((k) => `${k}=${parsed.options[k]}`)
    .join('&');
  return sha256(`${parsed.kind}\n${parsed.fileHash}\n${options}`);
}

export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}

/** Loads every area once, so importers validate codes and names without a query per row. */
export async function loadAreaLookup(db: Kysely<Database>): Promise<AreaLookup> {
  const years = await listIndelingYears(db);
  const codes = new Map<number, Set<string>>();
  const names = new Map<string, { code: string; kind: string }[]>();
  for (const year of years) {
    const areas = await listAreas(db, { indelingYear: year });
    codes.set(year, new Set(areas.map((a) => a.code)));
    for (const a of areas) {
      const municipality = a.kind === 'gemeente' ? a.code : a.municipality_code;
      const key = `${year}|${municipality ?? ''}|${normaliseName(a.name)}`;
      const list = names.get(key) ?? [];
      list.push({ code: a.code, kind: a.kind });
      names.set(key, list);
    }
  }
  return {
    years: () => years,
    has: (year, code) => codes.get(year)?.has(code) ?? false,
    findByName: (year, municipality, name) =>
      names.get(`${year}|${municipality}|${normaliseName(name)}`) ?? [],
  };
}

export interface ImportContext {
  importedBy: string;
  now?: () => Date;
  onProgress?: ProgressReporter;
}

/**
 * Writes a validated import in one transaction. The same file with the same options a second
 * time changes nothing and says so.
 */
export async function commitImport(
  db: Kysely<Database>,
  parsed: ParsedImport,
  context: ImportContext,
): Promise<ImportOutcome> {
  const fingerprint = fingerprintOf(parsed);
  const existing = await findDatasetByFingerprint(db, fingerprint);
  if (existing)
    return { status: 'ongewijzigd', datasetId: existing.id, importedAt: existing.imported_at };

  const id = randomUUID();
  const importedAt = (context.now?.() ?? new Date()).toISOString();
  const total = parsed.observations.length;
  await db.transaction().execute(async (trx) => {
    // A concurrent import of the same file loses on the unique fingerprint and rolls back.
    await insertDataset(trx, {
      id,
      kind: parsed.kind,
      fingerprint,
      source: parsed.source,
      table_id: parsed.tableId,
      edition: parsed.edition,
      title: parsed.title,
      file_name: parsed.fileName,
      file_hash: parsed.fileHash,
      indeling_year: parsed.indelingYear,
      imported_at: importedAt,
      imported_by: context.importedBy,
      row_count: parsed.rowCount,
      observation_count: total,
      area_count: parsed.areas.length,
      status: 'actief',
      attribution: parsed.attribution,
    });
    if (parsed.areas.length > 0) await upsertAreas(trx, parsed.areas);
    if (parsed.variables.length > 0) await upsertVariables(trx, parsed.variables);
    await insertDatasetObservations(db, trx, id, parsed.observations, (done) =>
      context.onProgress?.('opslaan', done, total),
    );
  });
  return {
    status: 'geimporteerd',
    datasetId: id,
    observations: total,
    areas: parsed.areas.length,
    rows: parsed.rowCount,
  };
}
