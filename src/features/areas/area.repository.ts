import type { Kysely } from 'kysely';
import { withDataChange } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';
import type { Area, AreaCrosswalk, AreaKind, NewArea } from './area.table.ts';

type Q = Kysely<Database>;

const CHUNK = 200;

export async function upsertAreas(db: Q, areas: NewArea[]): Promise<void> {
  await withDataChange(db, 'gebieden', async (trx) => {
    for (let i = 0; i < areas.length; i += CHUNK) {
      await trx
        .insertInto('areas')
        .values(areas.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['indeling_year', 'code']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            parent_code: eb.ref('excluded.parent_code'),
            municipality_code: eb.ref('excluded.municipality_code'),
            geometry: eb.ref('excluded.geometry'),
            is_water: eb.ref('excluded.is_water'),
          })),
        )
        .execute();
    }
  });
}

/**
 * Which of these codes are stored for the indeling year, with their name and whether they have
 * an outline: an import that brings outlines adds them to areas that had none (ADR 0045).
 */
export async function listOutlineState(
  db: Q,
  filter: { indelingYear: number; codes: readonly string[] },
): Promise<{ code: string; name: string; hasOutline: boolean }[]> {
  const found: { code: string; name: string; hasOutline: boolean }[] = [];
  for (let i = 0; i < filter.codes.length; i += CHUNK) {
    const rows = await db
      .selectFrom('areas')
      .select((eb) => [
        'code',
        'name',
        eb.case().when('geometry', 'is', null).then(0).else(1).end().as('has_outline'),
      ])
      .where('indeling_year', '=', filter.indelingYear)
      .where('code', 'in', filter.codes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      found.push({ code: r.code, name: r.name, hasOutline: Number(r.has_outline) === 1 });
  }
  return found;
}

/** Areas without geometry: what lists, lookups and validation need. */
export async function listAreas(
  db: Q,
  filter: { indelingYear: number; municipalityCode?: string; kind?: AreaKind },
): Promise<Omit<Area, 'geometry'>[]> {
  let q = db
    .selectFrom('areas')
    .select([
      'indeling_year',
      'code',
      'kind',
      'name',
      'parent_code',
      'municipality_code',
      'is_water',
    ])
    .where('indeling_year', '=', filter.indelingYear);
  if (filter.municipalityCode) q = q.where('municipality_code', '=', filter.municipalityCode);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => ({
    ...r,
    is_water: Number(r.is_water),
    indeling_year: Number(r.indeling_year),
  }));
}

export async function listAreasWithGeometry(
  db: Q,
  filter: { indelingYear: number; municipalityCode: string; kind: AreaKind },
): Promise<Area[]> {
  const rows = await db
    .selectFrom('areas')
    .selectAll()
    .where('indeling_year', '=', filter.indelingYear)
    .where('municipality_code', '=', filter.municipalityCode)
    .where('kind', '=', filter.kind)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    ...r,
    is_water: Number(r.is_water),
    indeling_year: Number(r.indeling_year),
  }));
}

export async function findArea(
  db: Q,
  indelingYear: number,
  code: string,
): Promise<Area | undefined> {
  const row = await db
    .selectFrom('areas')
    .selectAll()
    .where('indeling_year', '=', indelingYear)
    .where('code', '=', code)
    .executeTakeFirst();
  return row
    ? { ...row, is_water: Number(row.is_water), indeling_year: Number(row.indeling_year) }
    : undefined;
}

export async function listIndelingYears(db: Q): Promise<number[]> {
  const rows = await db
    .selectFrom('areas')
    .select('indeling_year')
    .distinct()
    .orderBy('indeling_year')
    .execute();
  return rows.map((r) => Number(r.indeling_year));
}

export async function insertCrosswalk(db: Q, rows: AreaCrosswalk[]): Promise<void> {
  await withDataChange(db, 'gebieden', async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('area_crosswalk')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

/** Every crosswalk row from these codes (any years): what a snapshot holds. */
export async function listCrosswalkFrom(
  db: Q,
  fromCodes: readonly string[],
): Promise<AreaCrosswalk[]> {
  if (fromCodes.length === 0) return [];
  return db
    .selectFrom('area_crosswalk')
    .selectAll()
    .where('from_code', 'in', [...fromCodes])
    .execute();
}

export async function listCrosswalk(
  db: Q,
  fromYear: number,
  toYear: number,
  fromCodes: readonly string[],
): Promise<AreaCrosswalk[]> {
  if (fromCodes.length === 0) return [];
  return db
    .selectFrom('area_crosswalk')
    .selectAll()
    .where('from_year', '=', fromYear)
    .where('to_year', '=', toYear)
    .where('from_code', 'in', fromCodes)
    .execute();
}
