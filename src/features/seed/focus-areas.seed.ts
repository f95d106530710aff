import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import {
  findVersion,
  insertVersion,
  upsertFocusArea,
  type Confidence,
  type FocusArea,
  type MemberStatus,
  type NewFocusAreaMember,
  type NewFocusAreaVersion,
} from '../focus-areas/index.ts';

/**
 * The shipped delineations: the 20 NPLV focus areas, Dordt West's buurten as the programme set
 * them, and a provisional delineation in CBS wijken of the 19 others, compiled from public
 * sources (datasets/SOURCES.md §5, ADR 0022). Everything specific to one area lives here, in the
 * seed, not in the focus-area service that serves every municipality alike.
 */

export const NPLV_FILE = 'nplv/nplv_focusgebieden.csv';
export const PROVISIONAL_FILE = 'nplv/nplv_afbakening_voorlopig.csv';
export const DORDT_WEST_FILE = 'dordt-west/dordt_west_buurten_2023.csv';

export const DORDT_WEST_SLUG = 'dordt-west';

/** The national list's name → the name the programme uses locally (the slug follows it). */
const LOCAL_NAMES: Record<string, string> = { 'Dordrecht West': 'Dordt West' };

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

const DORDT_WEST_STATUS: Record<string, MemberStatus> = {
  ja: 'lid',
  nee: 'uitgesloten',
  onzeker: 'te_bevestigen',
};

const PROVISIONAL_STATUS: Record<string, MemberStatus> = {
  lid: 'lid',
  te_bevestigen: 'te_bevestigen',
  deels: 'deels',
};

const CONFIDENCES: readonly Confidence[] = ['hoog', 'midden', 'laag'];

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

function readCsv(
  datasetsDir: string,
  relative: string,
  required: readonly string[],
  delimiter = ',',
): CsvRow[] {
  const file = path.join(datasetsDir, relative);
  let rows: CsvRow[];
  try {
    rows = parse(fs.readFileSync(file), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      delimiter,
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
  /** Delineation versions added (0 when every area already had one). */
  versionsAdded: number;
}

interface SeedVersion {
  version: NewFocusAreaVersion;
  members: NewFocusAreaMember[];
}

function dordtWestVersion(
  rows: CsvRow[],
  createdAt: string,
  createdBy: string,
  problems: ImportProblem[],
): SeedVersion {
  const members: NewFocusAreaMember[] = [];
  rows.forEach((row, i) => {
    const status = DORDT_WEST_STATUS[row.in_dordt_west ?? ''];
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
  return {
    version: {
      focus_area_slug: DORDT_WEST_SLUG,
      version: 1,
      indeling_year: 2023,
      rationale: DORDT_WEST_RATIONALE,
      created_at: createdAt,
      created_by: createdBy,
    },
    members,
  };
}

/** The rationale of a provisional version: where it comes from and what it is not. */
function provisionalRationale(name: string, confidence: Confidence, notes: string[]): string {
  const sure = {
    hoog: 'een officieel document noemt de wijken',
    midden:
      'een pagina van de gemeente of het programma noemt de wijken, en die passen duidelijk op CBS-wijken',
    laag: 'afgeleid, bijvoorbeeld uit een inwonertal; geen bron noemt de wijken',
  }[confidence];
  return (
    `Voorlopige afbakening van ${name} in CBS-wijken (indeling 2024), samengesteld uit openbare ` +
    `bronnen. Betrouwbaarheid ${confidence}: ${sure}. Wijken die maar voor een deel of misschien ` +
    'bij het gebied horen, staan erbij maar tellen niet mee. De gemeente bevestigt of verfijnt ' +
    'deze afbakening in een nieuwe versie.' +
    (notes.length > 0 ? ` ${notes.join(' ')}` : '')
  );
}

function provisionalVersions(
  rows: CsvRow[],
  areas: readonly FocusArea[],
  nationalName: ReadonlyMap<string, string>,
  createdAt: string,
  createdBy: string,
  problems: ImportProblem[],
): SeedVersion[] {
  const bySlug = new Map<string, { area: FocusArea; rows: { row: CsvRow; line: number }[] }>();
  const byNational = new Map(areas.map((a) => [nationalName.get(a.slug) ?? a.name, a]));
  rows.forEach((row, i) => {
    const line = i + 2;
    const problem = (field: string, message: string) =>
      problems.push({ file: PROVISIONAL_FILE, line, field, message });
    const area = byNational.get(row.focusgebied ?? '');
    if (!area) return problem('focusgebied', `onbekend focusgebied "${row.focusgebied ?? ''}"`);
    if (row.gemeentecode !== area.municipality_code) {
      return problem(
        'gemeentecode',
        `${area.name} ligt in ${area.municipality_code}, niet in "${row.gemeentecode ?? ''}"`,
      );
    }
    const code = row.gebiedscode ?? '';
    if (
      !/^WK\d{4}[0-9A-Z]{2}$/.test(code) ||
      code.slice(2, 6) !== area.municipality_code.slice(2)
    ) {
      return problem('gebiedscode', `geen wijkcode van ${area.municipality_code}: "${code}"`);
    }
    if (!PROVISIONAL_STATUS[row.status ?? '']) {
      return problem('status', `verwacht lid, te_bevestigen of deels, niet "${row.status ?? ''}"`);
    }
    if (!CONFIDENCES.includes(row.betrouwbaarheid as Confidence)) {
      return problem(
        'betrouwbaarheid',
        `verwacht hoog, midden of laag, niet "${row.betrouwbaarheid ?? ''}"`,
      );
    }
    const entry = bySlug.get(area.slug) ?? { area, rows: [] };
    entry.rows.push({ row, line });
    bySlug.set(area.slug, entry);
  });

  const out: SeedVersion[] = [];
  for (const { area, rows: list } of bySlug.values()) {
    const first = list[0]!.row;
    const confidences = new Set(list.map((r) => r.row.betrouwbaarheid));
    if (confidences.size > 1) {
      problems.push({
        file: PROVISIONAL_FILE,
        line: list[0]!.line,
        field: 'betrouwbaarheid',
        message: `${area.name} heeft meer dan één betrouwbaarheid: ${[...confidences].join(', ')}`,
      });
      continue;
    }
    const seen = new Set<string>();
    const members: NewFocusAreaMember[] = [];
    for (const { row, line } of list) {
      const code = row.gebiedscode as string;
      if (seen.has(code)) {
        problems.push({
          file: PROVISIONAL_FILE,
          line,
          field: 'gebiedscode',
          message: `${code} staat twee keer bij ${area.name}`,
        });
        continue;
      }
      seen.add(code);
      const status = PROVISIONAL_STATUS[row.status as string] as MemberStatus;
      const note = row.toelichting?.trim() || null;
      members.push({
        focus_area_slug: area.slug,
        version: 1,
        buurt_code: code,
        status,
        reason:
          note ??
          (status === 'te_bevestigen'
            ? 'Nog niet zeker: de gemeente moet bevestigen of deze wijk erbij hoort.'
            : status === 'deels'
              ? 'Alleen een deel van deze wijk hoort bij het gebied.'
              : null),
      });
    }
    const confidence = first.betrouwbaarheid as Confidence;
    out.push({
      version: {
        focus_area_slug: area.slug,
        version: 1,
        indeling_year: 2024,
        rationale: provisionalRationale(area.name, confidence, []),
        created_at: createdAt,
        created_by: createdBy,
        provisional: 1,
        confidence,
        source: first.bron?.trim() || null,
        source_date: first.brondatum?.trim() || null,
      },
      members,
    });
  }
  return out;
}

/**
 * Loads the 20 NPLV focus areas with delineation version 1 of each: Dordt West on the 2023
 * indeling (the `ja` buurten as members, Zuidhoven explicitly left out, the `onzeker` buurten
 * south of Crabbehof/Wielwijk as "te bevestigen"), the 19 others provisionally in wijken of the
 * 2024 indeling. An area that already has a version keeps it (a beheerder may have refined it);
 * running it again adds nothing.
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
  const provisional = readCsv(
    datasetsDir,
    PROVISIONAL_FILE,
    ['focusgebied', 'gemeentecode', 'gebiedscode', 'status', 'betrouwbaarheid', 'bron'],
    ';',
  );

  const problems: ImportProblem[] = [];
  const nationalName = new Map<string, string>();
  const areas: FocusArea[] = nplv.map((row, i) => {
    if (!/^GM\d{4}$/.test(row.gemeentecode ?? '')) {
      problems.push({
        file: NPLV_FILE,
        line: i + 2,
        field: 'gemeentecode',
        message: `geen geldige gemeentecode: "${row.gemeentecode ?? ''}"`,
      });
    }
    const national = row.focusgebied ?? '';
    const name = LOCAL_NAMES[national] ?? national;
    const slug = slugify(name);
    nationalName.set(slug, national);
    return {
      slug,
      name,
      municipality_code: row.gemeentecode ?? '',
      municipality_name: row.gemeente ?? '',
      composition_status: 'bekend',
      source_note: row.bron ?? '',
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
    problems.push({ file: NPLV_FILE, message: 'Dordrecht West ontbreekt in de lijst' });

  const createdAt = (context.now?.() ?? new Date()).toISOString();
  const createdBy = context.createdBy ?? 'seed';
  const versions = [
    dordtWestVersion(buurten, createdAt, createdBy, problems),
    ...provisionalVersions(provisional, areas, nationalName, createdAt, createdBy, problems),
  ];
  const withVersion = new Set(versions.map((v) => v.version.focus_area_slug));
  for (const a of areas) {
    if (!withVersion.has(a.slug))
      problems.push({ file: PROVISIONAL_FILE, message: `${a.name} heeft geen enkele wijk` });
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const area of areas) await upsertFocusArea(trx, area);
    for (const { version, members } of versions) {
      if (await findVersion(trx, version.focus_area_slug)) continue;
      await insertVersion(trx, version, members);
      added++;
    }
    return { focusAreas: areas.length, versionsAdded: added };
  });
}
