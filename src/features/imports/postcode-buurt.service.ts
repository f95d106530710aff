import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { findDatasetByFingerprint, insertDataset } from '../datasets/index.ts';
import { sha256 } from './import.service.ts';
import type { ParsedPostcodeTable } from './postcode-buurt.importer.ts';
import {
  findPostcodeBuurten,
  hasPostcodeTable,
  replacePostcodeTable,
} from './postcode-buurt.repository.ts';

export const POSTCODE_TABLE_ID = 'cbs-postcode-buurt';

export type PostcodeImportOutcome =
  | { status: 'ongewijzigd'; importedAt: string }
  | { status: 'geimporteerd'; datasetId: string; postcodes: number; rows: number };

/**
 * Loads a parsed postcode table in one transaction, replacing the table of its indeling year,
 * with its provenance as a dataset. The same file for the same year twice changes nothing.
 */
export async function importPostcodeTable(
  db: Kysely<Database>,
  parsed: ParsedPostcodeTable,
  context: { importedBy: string; now?: () => Date },
): Promise<PostcodeImportOutcome> {
  const fingerprint = sha256(
    `${POSTCODE_TABLE_ID}\n${parsed.fileHash}\nindeling=${parsed.indelingYear}`,
  );
  const now = (context.now ?? (() => new Date()))().toISOString();
  return db.transaction().execute(async (trx) => {
    const seen = await findDatasetByFingerprint(trx, fingerprint);
    if (seen) return { status: 'ongewijzigd', importedAt: seen.imported_at };
    const datasetId = randomUUID();
    const postcodes = new Set(parsed.rows.map((r) => r.postcode)).size;
    const buurten = new Set(parsed.rows.map((r) => r.buurt_code)).size;
    await insertDataset(trx, {
      id: datasetId,
      kind: 'reference-file',
      fingerprint,
      source: 'CBS',
      table_id: POSTCODE_TABLE_ID,
      edition: String(parsed.indelingYear),
      title: `Buurt, wijk en gemeente ${parsed.indelingYear} per postcode${parsed.perAddress ? ' en huisnummer' : ''}`,
      file_name: parsed.fileName,
      file_hash: parsed.fileHash,
      indeling_year: parsed.indelingYear,
      imported_at: now,
      imported_by: context.importedBy,
      row_count: parsed.rowCount,
      observation_count: 0,
      area_count: buurten,
      status: 'actief',
      attribution: 'Bron: CBS',
    });
    await replacePostcodeTable(trx, parsed.indelingYear, datasetId, parsed.rows);
    await recordAudit(trx, {
      actor: context.importedBy,
      action: 'import.postcodetabel',
      entity: 'dataset',
      entityId: datasetId,
      municipalityCode: null,
      after: { indeling: parsed.indelingYear, postcodes, bestand: parsed.fileName },
    });
    return { status: 'geimporteerd', datasetId, postcodes, rows: parsed.rowCount };
  });
}

/** What a postcode says about where someone lives, for one municipality and indeling year. */
export type PostcodePlace =
  | { kind: 'geen_tabel' }
  | { kind: 'buurt'; buurtCode: string }
  /** In the municipality, but over more than one buurt (a four-digit postcode, or a split PC6). */
  | { kind: 'meer_buurten' }
  | { kind: 'buiten_gemeente'; gemeenteCodes: string[] }
  | { kind: 'onbekend' };

/** `3314AB` or `3314` → where it lies, through the loaded CBS table of that indeling year. */
export async function placeOfPostcode(
  db: Kysely<Database>,
  postcode: string,
  municipalityCode: string,
  indelingYear: number,
): Promise<PostcodePlace> {
  if (!(await hasPostcodeTable(db, indelingYear))) return { kind: 'geen_tabel' };
  const rows = await findPostcodeBuurten(db, indelingYear, postcode);
  if (rows.length === 0) return { kind: 'onbekend' };
  const inside = rows.filter((r) => r.gemeente_code === municipalityCode);
  if (inside.length === 0)
    return {
      kind: 'buiten_gemeente',
      gemeenteCodes: [...new Set(rows.map((r) => r.gemeente_code))],
    };
  const buurten = new Set(inside.map((r) => r.buurt_code));
  return buurten.size === 1
    ? { kind: 'buurt', buurtCode: [...buurten][0]! }
    : { kind: 'meer_buurten' };
}
