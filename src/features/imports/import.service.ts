import { recordAudit } from '../audit/index.ts';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withImportCache } from '../../db/database.ts';
import { listAreas, listIndelingYears, listOutlineState, upsertAreas } from '../areas/index.ts';
import {
  findDatasetByFingerprint,
  insertDataset,
  listActiveDatasetsOfFile,
  listDatasetObservations,
  insertDatasetObservations,
  upsertVariables,
} from '../datasets/index.ts';
import {
  assertWithinScope,
  isMunicipalScope,
  municipalityOfCode,
  NATIONAL_SCOPE,
} from './import-scope.ts';
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

/** Every area without its outline: what an AreaLookup is built from (also in a worker thread). */
export interface AreaLookupData {
  years: number[];
  areas: {
    indeling_year: number;
    code: string;
    kind: string;
    name: string;
    municipality_code: string | null;
  }[];
}

export async function loadAreaLookupData(db: Kysely<Database>): Promise<AreaLookupData> {
  const years = await listIndelingYears(db);
  const areas: AreaLookupData['areas'] = [];
  for (const year of years) {
    for (const a of await listAreas(db, { indelingYear: year })) {
      areas.push({
        indeling_year: year,
        code: a.code,
        kind: a.kind,
        name: a.name,
        municipality_code: a.municipality_code,
      });
    }
  }
  return { years, areas };
}

/** Builds the lookup from plain data, so a worker thread can validate without the database. */
export function areaLookupFrom(data: AreaLookupData): AreaLookup {
  const { years } = data;
  const codes = new Map<number, Set<string>>();
  const names = new Map<string, { code: string; kind: string }[]>();
  for (const year of years) codes.set(year, new Set());
  for (const a of data.areas) {
    codes.get(a.indeling_year)?.add(a.code);
    const municipality = a.kind === 'gemeente' ? a.code : a.municipality_code;
    const key = `${a.indeling_year}|${municipality ?? ''}|${normaliseName(a.name)}`;
    const list = names.get(key) ?? [];
    list.push({ code: a.code, kind: a.kind });
    names.set(key, list);
  }
  return {
    years: () => years,
    has: (year, code) => codes.get(year)?.has(code) ?? false,
    findByName: (year, municipality, name) =>
      names.get(`${year}|${municipality}|${normaliseName(name)}`) ?? [],
  };
}

/** Loads every area once, so importers validate codes and names without a query per row. */
export async function loadAreaLookup(db: Kysely<Database>): Promise<AreaLookup> {
  return areaLookupFrom(await loadAreaLookupData(db));
}

export interface ImportContext {
  importedBy: string;
  /** The municipality whose data the import changes, for the audit log (null: none or several). */
  municipalityCode?: string | null;
  /**
   * Whose figures the import may change (ADR 0017): a GM code refuses every area outside that
   * municipality, whatever the importer let through. Undefined: national (seed, CLI operator).
   */
  scope?: string;
  now?: () => Date;
  onProgress?: ProgressReporter;
}

/** GM code when every area of the import lies in one municipality; null otherwise (or NL). */
export function singleMunicipality(parsed: ParsedImport): string | null {
  const found = new Set<string>();
  const codes = new Set([
    ...parsed.areas.map((a) => a.code),
    ...parsed.observations.map((o) => o.area_code),
  ]);
  for (const code of codes) {
    const m = /^(?:GM|WK|BU)(\d{4})/.exec(code);
    found.add(m ? `GM${m[1]}` : code);
    if (found.size > 1) return null;
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}

/**
 * The municipality a dataset belongs to: its scope, else the one municipality all its areas lie
 * in (the Netherlands, a comparison figure, aside); null for a national dataset.
 */
export function ownerMunicipality(parsed: ParsedImport, scope?: string): string | null {
  if (isMunicipalScope(scope)) return scope;
  const found = new Set<string>();
  const add = (code: string) => {
    if (code !== NATIONAL_SCOPE) found.add(municipalityOfCode(code) ?? code);
  };
  for (const a of parsed.areas) add(a.code);
  for (const o of parsed.observations) {
    add(o.area_code);
    if (found.size > 1) return null;
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}

/** What the audit log keeps of an import: its provenance, never the figures themselves. */
export function importProvenance(parsed: ParsedImport) {
  return {
    soort: parsed.kind,
    bron: parsed.source,
    tabel: parsed.tableId,
    editie: parsed.edition,
    titel: parsed.title,
    bestand: parsed.fileName,
    sha256: parsed.fileHash,
    indeling: parsed.indelingYear,
    opties: parsed.options,
    regels: parsed.rowCount,
    waarden: parsed.observations.length,
    gebieden: parsed.areas.length,
  };
}

type ObservationKey = Pick<
  ParsedImport['observations'][number],
  | 'variable'
  | 'indeling_year'
  | 'area_code'
  | 'period'
  | 'value'
  | 'numerator'
  | 'denominator'
  | 'status'
>;

function observationKey(o: ObservationKey): string {
  const n = (v: number | string | null | undefined) =>
    v === null || v === undefined ? '' : String(Number(v));
  return [
    o.variable,
    o.indeling_year,
    o.area_code,
    o.period,
    n(o.value),
    n(o.numerator),
    n(o.denominator),
    o.status,
  ].join('|');
}

/**
 * An active dataset from the same file that already holds every figure this import would write:
 * the file is recognised by its content, whatever options it was read with (the seed names an
 * edition and reads the Netherlands row; the README's command line with --gemeente reads only the
 * municipality's rows, a part of what is there). Imports that bring areas (PDOK) are left to the
 * fingerprint: their outlines depend on the options.
 */
export async function findSameContent(
  db: Kysely<Database>,
  parsed: ParsedImport,
): Promise<{ id: string; imported_at: string } | undefined> {
  if (parsed.areas.length > 0) return undefined;
  const candidates = await listActiveDatasetsOfFile(db, {
    kind: parsed.kind,
    fileHash: parsed.fileHash,
    indelingYear: parsed.indelingYear,
  });
  if (candidates.length === 0) return undefined;
  const wanted = parsed.observations.map(observationKey);
  for (const candidate of candidates) {
    if (candidate.observation_count < wanted.length || candidate.area_count !== 0) continue;
    const stored = new Set((await listDatasetObservations(db, candidate.id)).map(observationKey));
    if (wanted.every((key) => stored.has(key))) {
      return { id: candidate.id, imported_at: candidate.imported_at };
    }
  }
  return undefined;
}

/**
 * Writes a validated import in one transaction. The same file with the same options a second
 * time changes nothing and says so, and so does the same file read to the same figures with
 * other options.
 */
export async function commitImport(
  db: Kysely<Database>,
  parsed: ParsedImport,
  context: ImportContext,
): Promise<ImportOutcome> {
  assertWithinScope(parsed, context.scope);
  const fingerprint = fingerprintOf(parsed);
  const existing = await findDatasetByFingerprint(db, fingerprint);
  if (existing)
    return { status: 'ongewijzigd', datasetId: existing.id, importedAt: existing.imported_at };
  const same = await findSameContent(db, parsed);
  if (same) return { status: 'ongewijzigd', datasetId: same.id, importedAt: same.imported_at };

  const id = randomUUID();
  const importedAt = (context.now?.() ?? new Date()).toISOString();
  const total = parsed.observations.length;
  let outlinesAdded: string[] = [];
  let outlinesReplaced = 0;
  await withImportCache(db, () =>
    db.transaction().execute(async (trx) => {
      // Outlines for areas stored without one (from a KWB table, ADR 0045): same codes, the
      // outline added, the name they had kept; an area with an outline gets the new one, as
      // every import of a kaart does, and the outcome counts it.
      let areas = parsed.areas;
      if (parsed.indelingYear !== null && areas.some((a) => a.geometry !== null)) {
        const stored = new Map(
          (
            await listOutlineState(trx, {
              indelingYear: parsed.indelingYear,
              codes: areas.filter((a) => a.geometry !== null).map((a) => a.code),
            })
          ).map((s) => [s.code, s]),
        );
        outlinesAdded = [...stored.values()].filter((s) => !s.hasOutline).map((s) => s.code);
        outlinesReplaced = stored.size - outlinesAdded.length;
        areas = areas.map((a) => {
          const before = stored.get(a.code);
          return before && !before.hasOutline && a.geometry !== null && before.name.trim() !== ''
            ? { ...a, name: before.name }
            : a;
        });
      }
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
        municipality_code: ownerMunicipality(parsed, context.scope),
      });
      if (areas.length > 0) await upsertAreas(trx, areas);
      if (parsed.variables.length > 0) await upsertVariables(trx, parsed.variables);
      await insertDatasetObservations(db, trx, id, parsed.observations, (done) =>
        context.onProgress?.('opslaan', done, total),
      );
      // The audit entry is part of the import: both are written, or neither.
      await recordAudit(trx, {
        actor: context.importedBy,
        action: 'dataset.geimporteerd',
        entity: 'dataset',
        entityId: id,
        municipalityCode:
          context.municipalityCode === undefined
            ? (context.scope ?? singleMunicipality(parsed))
            : context.municipalityCode,
        after: importProvenance(parsed),
      });
      if (outlinesAdded.length > 0) {
        await recordAudit(trx, {
          actor: context.importedBy,
          action: 'gebieden.grenzen-toegevoegd',
          entity: 'dataset',
          entityId: id,
          municipalityCode:
            context.municipalityCode === undefined
              ? (context.scope ?? singleMunicipality(parsed))
              : context.municipalityCode,
          after: {
            titel: parsed.title,
            indeling: parsed.indelingYear,
            gebieden: outlinesAdded.length,
            codes: outlinesAdded,
            namen: 'behouden: de naam die het gebied al had',
          },
        });
      }
    }),
  );
  return {
    status: 'geimporteerd',
    datasetId: id,
    observations: total,
    areas: parsed.areas.length,
    rows: parsed.rowCount,
    ...(outlinesAdded.length > 0 ? { outlinesAdded: outlinesAdded.length } : {}),
    ...(outlinesReplaced > 0 ? { outlinesReplaced } : {}),
  };
}
