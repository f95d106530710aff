import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ImportValidationError, NotFoundError, type ImportProblem } from '../../shared/errors.ts';
import { listAreas } from '../areas/area.repository.ts';
import {
  findFocusArea,
  findVersion,
  insertVersion,
  listFocusAreas as listFocusAreaRows,
  listMembers,
  listVersions,
  upsertFocusArea,
} from './focus-area.repository.ts';
import type {
  FocusArea,
  FocusAreaVersion,
  MemberStatus,
  NewFocusAreaMember,
} from './focus-area.table.ts';

export const NPLV_FILE = 'nplv/nplv_focusgebieden.csv';
export const DORDT_WEST_FILE = 'dordt-west/dordt_west_buurten_2023.csv';

export const DORDT_WEST_SLUG = 'dordt-west';

/** Quoted from the raadsinformatiebrief "Nationaal Programma Dordt West" (gemeente Dordrecht). */
export const DORDT_WEST_RATIONALE =
  'Wat betreft de afbakening is er voor gekozen om de wijken Oud-Krispijn, Nieuw-Krispijn, ' +
  'Wielwijk en Crabbehof gezamenlijk aan te wijzen als één stedelijk focus gebied. Dit is ' +
  'gebaseerd op data en ervaringen inzake de kwetsbaarheid van het gebied en haar inwoners. ' +
  'Om die reden valt Zuidhoven buiten de afbakening en is de Reeweg Zuid als zuidgrens van het ' +
  'focusgebied gekozen. Met het oog op toekomstige monitoring is getracht verder zoveel mogelijk ' +
  'aan te sluiten bij de bekende buurtgrenzen. (Bron: raadsinformatiebrief Nationaal Programma ' +
  'Dordt West.)';

const ZUIDHOVEN_REASON =
  'Zuidhoven valt buiten de afbakening en de Reeweg Zuid is als zuidgrens gekozen. Dat is ' +
  'gebaseerd op data en ervaringen met de kwetsbaarheid van het gebied en zijn inwoners ' +
  '(raadsinformatiebrief Nationaal Programma Dordt West).';

const UNCERTAIN_REASON =
  'Ligt mogelijk ten zuiden van de Reeweg Zuid, de zuidgrens van het focusgebied. ' +
  'Nog na te gaan bij de gemeente.';

const STATUS_OF: Record<string, MemberStatus> = {
  ja: 'lid',
  nee: 'uitgesloten',
  onzeker: 'te_bevestigen',
};

/** `Den Haag Zuidwest` → `den-haag-zuidwest`. */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

type CsvRow = Record<string, string>;

function readCsv(datasetsDir: string, relative: string, required: readonly string[]): CsvRow[] {
  const file = path.join(datasetsDir, relative);
  let rows: CsvRow[];
  try {
    rows = parse(fs.readFileSync(file), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }) as CsvRow[];
  } catch (error) {
    throw new ImportValidationError([
      { file: relative, message: `bestand niet te lezen: ${(error as Error).message}` },
    ]);
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length > 0) {
    throw new ImportValidationError([
      {
        file: relative,
        line: 1,
        message:
          rows.length === 0
            ? 'het bestand heeft geen rijen'
            : `kolom ontbreekt: ${missing.join(', ')}`,
      },
    ]);
  }
  return rows;
}

export interface FocusAreaSeedResult {
  focusAreas: number;
  /** A version was added (false when Dordt West already had one). */
  versionAdded: boolean;
}

/**
 * Loads the 20 NPLV focus areas, and delineation version 1 of Dordt West on the 2023 indeling:
 * the `ja` buurten as members, Zuidhoven explicitly left out, the `onzeker` buurten south of
 * Crabbehof/Wielwijk as "te bevestigen". Running it again adds no version.
 */
export async function seedFocusAreas(
  db: Kysely<Database>,
  datasetsDir: string,
  context: { createdBy?: string; now?: () => Date } = {},
): Promise<FocusAreaSeedResult> {
  const nplv = readCsv(datasetsDir, NPLV_FILE, [
    'focusgebied',
    'gemeente',
    'gemeentecode',
    'status_samenstelling',
    'bron',
  ]);
  const buurten = readCsv(datasetsDir, DORDT_WEST_FILE, [
    'buurtcode',
    'buurtnaam',
    'in_dordt_west',
  ]);

  const problems: ImportProblem[] = [];
  const areas: FocusArea[] = nplv.map((row, i) => {
    if (!/^GM\d{4}$/.test(row.gemeentecode ?? '')) {
      problems.push({
        file: NPLV_FILE,
        line: i + 2,
        field: 'gemeentecode',
        message: `geen geldige gemeentecode: "${row.gemeentecode ?? ''}"`,
      });
    }
    // The programme calls Dordrecht's area "Dordt West"; the national list "Dordrecht West".
    const isDordtWest = row.gemeentecode === 'GM0505';
    const note = [
      row.bron,
      row.status_samenstelling ? `Samenstelling: ${row.status_samenstelling}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      slug: isDordtWest ? DORDT_WEST_SLUG : slugify(row.focusgebied ?? ''),
      name: isDordtWest ? 'Dordt West' : (row.focusgebied ?? ''),
      municipality_code: row.gemeentecode ?? '',
      municipality_name: row.gemeente ?? '',
      composition_status: isDordtWest ? 'bekend' : 'onbekend',
      source_note: note,
    };
  });
  const slugs = new Set<string>();
  areas.forEach((a, i) => {
    if (!a.slug || slugs.has(a.slug)) {
      problems.push({
        file: NPLV_FILE,
        line: i + 2,
        field: 'focusgebied',
        message: `naam leeg of dubbel: "${a.name}"`,
      });
    }
    slugs.add(a.slug);
  });
  if (!slugs.has(DORDT_WEST_SLUG))
    problems.push({ file: NPLV_FILE, message: 'Dordrecht (GM0505) ontbreekt in de lijst' });

  const createdAt = (context.now?.() ?? new Date()).toISOString();
  const members: NewFocusAreaMember[] = [];
  buurten.forEach((row, i) => {
    const status = STATUS_OF[row.in_dordt_west ?? ''];
    const code = row.buurtcode ?? '';
    if (!/^BU\d{8}$/.test(code)) {
      problems.push({
        file: DORDT_WEST_FILE,
        line: i + 2,
        field: 'buurtcode',
        message: `geen geldige buurtcode: "${code}"`,
      });
      return;
    }
    if (!status) {
      problems.push({
        file: DORDT_WEST_FILE,
        line: i + 2,
        field: 'in_dordt_west',
        message: `verwacht ja, nee of onzeker, niet "${row.in_dordt_west ?? ''}"`,
      });
      return;
    }
    members.push({
      focus_area_slug: DORDT_WEST_SLUG,
      version: 1,
      buurt_code: code,
      status,
      reason:
        status === 'lid' ? null : status === 'uitgesloten' ? ZUIDHOVEN_REASON : UNCERTAIN_REASON,
    });
  });
  if (problems.length > 0) throw new ImportValidationError(problems);

  return db.transaction().execute(async (trx) => {
    for (const area of areas) await upsertFocusArea(trx, area);
    if (await findVersion(trx, DORDT_WEST_SLUG))
      return { focusAreas: areas.length, versionAdded: false };
    await insertVersion(
      trx,
      {
        focus_area_slug: DORDT_WEST_SLUG,
        version: 1,
        indeling_year: 2023,
        rationale: DORDT_WEST_RATIONALE,
        created_at: createdAt,
        created_by: context.createdBy ?? 'seed',
      },
      members,
    );
    return { focusAreas: areas.length, versionAdded: true };
  });
}

export interface FocusAreaMemberDetail {
  buurt_code: string;
  status: MemberStatus;
  reason: string | null;
  /** From the areas of the version's own indeling year; null if that buurt is not loaded. */
  name: string | null;
  wijk_code: string | null;
}

export interface FocusAreaDetail {
  area: FocusArea;
  /** The version asked for, or the newest; null when the composition is not known. */
  version: FocusAreaVersion | null;
  versions: FocusAreaVersion[];
  members: FocusAreaMemberDetail[];
}

export async function getFocusArea(
  db: Kysely<Database>,
  slug: string,
  version?: number,
): Promise<FocusAreaDetail> {
  const area = await findFocusArea(db, slug);
  if (!area) throw new NotFoundError(`Focusgebied "${slug}" bestaat niet.`);
  const versions = await listVersions(db, slug);
  const chosen = await findVersion(db, slug, version);
  if (version !== undefined && !chosen) {
    throw new NotFoundError(`Focusgebied "${area.name}" heeft geen versie ${version}.`);
  }
  if (!chosen) return { area, version: null, versions, members: [] };

  // Codes mean different areas in different years: names come from the version's indeling only.
  const buurten = await listAreas(db, {
    indelingYear: chosen.indeling_year,
    municipalityCode: area.municipality_code,
    kind: 'buurt',
  });
  const byCode = new Map(buurten.map((b) => [b.code, b]));
  const members = (await listMembers(db, slug, chosen.version)).map((m): FocusAreaMemberDetail => {
    const b = byCode.get(m.buurt_code);
    return {
      buurt_code: m.buurt_code,
      status: m.status,
      reason: m.reason,
      name: b?.name ?? null,
      wijk_code: b?.parent_code ?? null,
    };
  });
  return { area, version: chosen, versions, members };
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
