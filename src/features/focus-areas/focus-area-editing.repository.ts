import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FocusArea } from './focus-area.table.ts';

type Q = Kysely<Database>;

/** The audit log's name for a delineation change; entity id is the focus area's slug. */
export const FOCUS_AREA_ENTITY = 'focusgebied';

export async function listFocusAreasOfMunicipality(
  db: Q,
  municipalityCode: string,
): Promise<FocusArea[]> {
  return db
    .selectFrom('focus_areas')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('name')
    .execute();
}

/** Municipality code → name, from the focus-area list (the only municipalities we serve). */
export async function municipalityNames(
  db: Q,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('focus_areas')
    .select(['municipality_code', 'municipality_name'])
    .distinct()
    .where('municipality_code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.municipality_code, r.municipality_name]));
}

/** The newest indeling year with buurten of this municipality; null when none are loaded. */
export async function latestBuurtIndelingYear(
  db: Q,
  municipalityCode: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('areas')
    .select((eb) => eb.fn.max('indeling_year').as('year'))
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'buurt')
    .executeTakeFirst();
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

/**
 * The change note of each delineation version, from the audit log where the save wrote it
 * (focus_area_versions has no column for it). Version number → note.
 */
export async function focusAreaChangeNotes(db: Q, slug: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['after'])
    .where('entity', '=', FOCUS_AREA_ENTITY)
    .where('entity_id', '=', slug)
    .orderBy('id')
    .execute();
  const notes = new Map<number, string>();
  for (const row of rows) {
    if (!row.after) continue;
    try {
      const after = JSON.parse(row.after) as { versie?: unknown; notitie?: unknown };
      if (typeof after.versie === 'number' && typeof after.notitie === 'string')
        notes.set(after.versie, after.notitie);
    } catch {
      // An entry that is not ours (or not JSON) has no note to show.
    }
  }
  return notes;
}
