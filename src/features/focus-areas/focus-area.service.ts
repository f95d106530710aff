import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { listAreas } from '../areas/index.ts';
import {
  findFocusArea,
  findVersion,
  listFocusAreas as listFocusAreaRows,
  listMembers,
  listVersions,
} from './focus-area.repository.ts';
import type { FocusArea, FocusAreaVersion, MemberStatus } from './focus-area.table.ts';

export interface FocusAreaMemberDetail {
  buurt_code: string;
  status: MemberStatus;
  reason: string | null;
  /** From the areas of the version's own indeling year; null if that area is not loaded. */
  name: string | null;
  /** The wijk a buurt lies in; for a wijk member its own code. */
  wijk_code: string | null;
  /** A buurt, or a wijk (provisional delineations are made of wijken). */
  level: 'buurt' | 'wijk';
}

export interface FocusAreaDetail {
  area: FocusArea;
  /** The version asked for, or the newest; null when the composition is not known. */
  version: FocusAreaVersion | null;
  versions: FocusAreaVersion[];
  members: FocusAreaMemberDetail[];
}

/** A focus area with its versions and the members of one version; a 404 when there is none. */
export async function getFocusArea(
  db: Kysely<Database>,
  slug: string,
  version?: number,
): Promise<FocusAreaDetail> {
  const found = await lookUpFocusArea(db, slug, version);
  if (found.kind === 'geen-gebied') throw new NotFoundError(`Focusgebied "${slug}" bestaat niet.`);
  if (found.kind === 'geen-versie') {
    throw new NotFoundError(`Focusgebied "${found.name}" heeft geen versie ${version}.`);
  }
  return found.detail;
}

/**
 * As getFocusArea, but an absent focus area (or version) is null rather than an error: for
 * callers to whom a missing area is an expected case, such as a questionnaire whose focus area
 * was not loaded. Database errors still propagate.
 */
export async function findFocusAreaDetail(
  db: Kysely<Database>,
  slug: string,
  version?: number,
): Promise<FocusAreaDetail | null> {
  const found = await lookUpFocusArea(db, slug, version);
  return found.kind === 'gevonden' ? found.detail : null;
}

type FocusAreaLookUp =
  | { kind: 'geen-gebied' }
  | { kind: 'geen-versie'; name: string }
  | { kind: 'gevonden'; detail: FocusAreaDetail };

async function lookUpFocusArea(
  db: Kysely<Database>,
  slug: string,
  version?: number,
): Promise<FocusAreaLookUp> {
  const area = await findFocusArea(db, slug);
  if (!area) return { kind: 'geen-gebied' };
  const versions = await listVersions(db, slug);
  const chosen = await findVersion(db, slug, version);
  if (version !== undefined && !chosen) return { kind: 'geen-versie', name: area.name };
  if (!chosen) return { kind: 'gevonden', detail: { area, version: null, versions, members: [] } };

  // Codes mean different areas in different years: names come from the version's indeling only.
  const known = await listAreas(db, {
    indelingYear: chosen.indeling_year,
    municipalityCode: area.municipality_code,
  });
  const byCode = new Map(known.map((b) => [b.code, b]));
  const members = (await listMembers(db, slug, chosen.version)).map((m): FocusAreaMemberDetail => {
    const b = byCode.get(m.buurt_code);
    const isWijk = m.buurt_code.startsWith('WK');
    return {
      buurt_code: m.buurt_code,
      status: m.status,
      reason: m.reason,
      name: b && b.name !== b.code ? b.name : null,
      wijk_code: isWijk ? m.buurt_code : (b?.parent_code ?? null),
      level: isWijk ? 'wijk' : 'buurt',
    };
  });
  return { kind: 'gevonden', detail: { area, version: chosen, versions, members } };
}

export interface FocusAreaSummary extends FocusArea {
  latestVersion: number | null;
  indelingYear: number | null;
}

/** All focus areas, Dordt West and the 19 others, with their newest version where one exists. */
export async function listFocusAreas(db: Kysely<Database>): Promise<FocusAreaSummary[]> {
  const rows = await listFocusAreaRows(db);
  const out: FocusAreaSummary[] = [];
  for (const row of rows) {
    const latest =
      row.composition_status === 'bekend' ? await findVersion(db, row.slug) : undefined;
    out.push({
      ...row,
      latestVersion: latest?.version ?? null,
      indelingYear: latest?.indeling_year ?? null,
    });
  }
  return out;
}
