import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  findDataset,
  findDatasetByFingerprint,
  listDatasetAreaCodes,
  setDatasetStatus,
  summariseDatasetVariables,
  type Dataset,
  type DatasetStatus,
} from '../datasets/index.ts';
import {
  commitImport,
  fingerprintOf,
  importProvenance,
  isUploadKind,
  type ImportOutcome,
  type ParsedImport,
  type ProgressReporter,
  type UploadKind,
  type UploadOptions,
} from '../imports/index.ts';
import { unpackResult } from './parsed-import.codec.ts';
import {
  deleteExpiredUploads,
  deleteUpload,
  findUploadResult,
  insertUpload,
} from './upload.repository.ts';
import type { Upload, UploadSummary } from './upload.table.ts';

type Q = Kysely<Database>;

/** A staged upload waits this long for its confirmation. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export interface StageInput {
  municipalityCode: string;
  kind: UploadKind;
  fileName: string;
  metadataFileName?: string | undefined;
  options: UploadOptions;
  createdBy: string;
}

/**
 * Records an upload for its reading, preview and confirmation; returns its id. Clears expired
 * ones. The file itself is not written here: it goes to the UploadReader in memory (a 45 MB
 * blob written and read back would hold the event loop for a second on SQLite), and only the
 * result of reading it is stored.
 */
export async function stageUpload(db: Q, input: StageInput, now = new Date()): Promise<string> {
  await deleteExpiredUploads(db, now);
  const id = randomUUID();
  await insertUpload(db, {
    id,
    municipality_code: input.municipalityCode,
    file_name: input.fileName,
    kind: input.kind,
    options: JSON.stringify(input.options),
    bytes: Buffer.alloc(0),
    metadata_file_name: input.metadataFileName ?? null,
    metadata_bytes: null,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
  });
  return id;
}

export function uploadKindOf(upload: Pick<Upload, 'kind'>): UploadKind {
  if (!isUploadKind(upload.kind)) throw new NotFoundError('Onbekend soort bestand.');
  return upload.kind;
}

export function uploadOptionsOf(upload: Pick<Upload, 'options'>): UploadOptions {
  return JSON.parse(upload.options) as UploadOptions;
}

/** The stored result of reading a staged upload; undefined until it has been read. */
export async function loadParsedUpload(
  db: Q,
  upload: UploadSummary,
): Promise<ParsedImport | undefined> {
  if (upload.state !== 'klaar') return undefined;
  const stored = await findUploadResult(db, upload.id);
  return stored ? unpackResult(stored) : undefined;
}

/** Provenance and row counts as the audit log keeps them. */
export const provenanceOf = importProvenance;

/**
 * Imports a previewed upload: commitImport (one transaction with its audit entry, idempotent by
 * fingerprint), then the staged file is removed. A second confirmation of the same file, or
 * one that lost a race on the fingerprint, comes back as "ongewijzigd".
 */
export async function confirmUpload(
  db: Q,
  upload: UploadSummary,
  parsed: ParsedImport,
  actor: string,
  onProgress?: ProgressReporter,
): Promise<ImportOutcome> {
  let outcome: ImportOutcome;
  try {
    outcome = await commitImport(db, parsed, {
      importedBy: actor,
      municipalityCode: upload.municipality_code,
      // The workspace's municipality, whatever the stored options say (ADR 0017).
      scope: upload.municipality_code,
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    const winner = await findDatasetByFingerprint(db, fingerprintOf(parsed));
    if (!winner) throw error;
    outcome = { status: 'ongewijzigd', datasetId: winner.id, importedAt: winner.imported_at };
  }
  await deleteUpload(db, upload.id);
  return outcome;
}

/** GM code of the municipality an area code lies in; undefined for the Netherlands. */
export function municipalityOfArea(code: string): string | undefined {
  const m = /^(?:GM|WK|BU)(\d{4})/.exec(code);
  return m ? `GM${m[1]}` : undefined;
}

/** The municipalities whose areas a dataset holds values or outlines for, sorted. */
export async function datasetMunicipalities(db: Q, datasetId: string): Promise<string[]> {
  const out = new Set<string>();
  for (const code of await listDatasetAreaCodes(db, datasetId)) {
    const gm = municipalityOfArea(code);
    if (gm) out.add(gm);
  }
  return [...out].sort();
}

export interface DatasetSummary {
  dataset: Dataset;
  municipalities: string[];
  variables: { variable: string; values: number; firstPeriod: string; lastPeriod: string }[];
}

/** A dataset of this municipality (ADR 0017); another municipality's is not found. */
async function ownDataset(db: Q, datasetId: string, municipalityCode: string): Promise<Dataset> {
  const dataset = await findDataset(db, datasetId);
  if (!dataset || dataset.municipality_code !== municipalityCode)
    throw new NotFoundError('Deze dataset bestaat niet.');
  return dataset;
}

export async function datasetSummary(
  db: Q,
  datasetId: string,
  municipalityCode: string,
): Promise<DatasetSummary> {
  const dataset = await ownDataset(db, datasetId, municipalityCode);
  const rows = await summariseDatasetVariables(db, datasetId);
  return {
    dataset: {
      ...dataset,
      row_count: Number(dataset.row_count),
      observation_count: Number(dataset.observation_count),
      area_count: Number(dataset.area_count),
    },
    municipalities: await datasetMunicipalities(db, datasetId),
    variables: rows,
  };
}

/**
 * Why this user may not withdraw or restore the dataset, or undefined when they may. A dataset
 * changes the figures of every municipality it holds values for, so the user must hold
 * data:import in each of them; a dataset with only national figures belongs to no workspace.
 */
export function withdrawRefusal(
  municipalities: readonly string[],
  allowed: readonly string[],
): string | undefined {
  if (municipalities.length === 0) {
    return 'Dit bestand bevat alleen landelijke cijfers. Het hoort bij geen enkele gemeente en kan hier niet worden ingetrokken.';
  }
  const others = municipalities.filter((m) => !allowed.includes(m));
  if (others.length > 0) {
    return `Dit bestand bevat ook cijfers van ${others.join(', ')}. U kunt het alleen intrekken of herstellen als u ook daar gegevens mag laden.`;
  }
  return undefined;
}

export interface StatusChange {
  datasetId: string;
  municipalityCode: string;
  /** Municipalities in which the user holds data:import. */
  allowedMunicipalities: readonly string[];
  actor: string;
  reason?: string;
}

/**
 * Withdraws (ingetrokken) or restores (actief) a dataset, with its audit entry in the same
 * transaction. Withdrawn observations stay stored; findObservations skips them, so the monitor
 * shows the values of the newest remaining import again.
 */
export async function changeDatasetStatus(
  db: Q,
  change: StatusChange,
  status: DatasetStatus,
): Promise<Dataset> {
  const dataset = await ownDataset(db, change.datasetId, change.municipalityCode);
  const refusal = withdrawRefusal(
    await datasetMunicipalities(db, dataset.id),
    change.allowedMunicipalities,
  );
  if (refusal) throw new AppError('FORBIDDEN', refusal);
  if (dataset.status === status) return dataset;
  await db.transaction().execute(async (trx) => {
    await setDatasetStatus(trx, dataset.id, status);
    await recordAudit(trx, {
      actor: change.actor,
      action: status === 'ingetrokken' ? 'dataset.ingetrokken' : 'dataset.hersteld',
      entity: 'dataset',
      entityId: dataset.id,
      municipalityCode: change.municipalityCode,
      before: { status: dataset.status },
      after: { status, ...(change.reason ? { reden: change.reason } : {}) },
    });
  });
  return { ...dataset, status };
}
