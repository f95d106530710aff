import type { Kysely } from 'kysely';
import { withDataChange } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';
import type {
  FocusArea,
  FocusAreaMember,
  FocusAreaVersion,
  NewFocusAreaMember,
  NewFocusAreaVersion,
} from './focus-area.table.ts';

type Q = Kysely<Database>;

export async function listFocusAreas(db: Q): Promise<FocusArea[]> {
  return db
    .selectFrom('focus_areas')
    .selectAll()
    .orderBy('municipality_name')
    .orderBy('name')
    .execute();
}

export async function findFocusArea(db: Q, slug: string): Promise<FocusArea | undefined> {
  return db.selectFrom('focus_areas').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Which of these slugs name a focus area that exists. */
export async function listExistingFocusAreaSlugs(
  db: Q,
  slugs: readonly string[],
): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db
    .selectFrom('focus_areas')
    .select('slug')
    .where('slug', 'in', [...slugs])
    .execute();
  return rows.map((r) => r.slug);
}

export async function upsertFocusArea(db: Q, area: FocusArea): Promise<void> {
  await withDataChange(db, 'focusgebied', (trx) =>
    trx
      .insertInto('focus_areas')
      .values(area)
      .onConflict((oc) =>
        oc.column('slug').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          municipality_code: eb.ref('excluded.municipality_code'),
          municipality_name: eb.ref('excluded.municipality_name'),
          composition_status: eb.ref('excluded.composition_status'),
          source_note: eb.ref('excluded.source_note'),
        })),
      )
      .execute(),
  );
}

/** PostgreSQL may hand integers back as strings; the pages compare numbers. */
function normaliseVersion(row: FocusAreaVersion): FocusAreaVersion {
  return {
    ...row,
    version: Number(row.version),
    indeling_year: Number(row.indeling_year),
    provisional: Number(row.provisional),
  };
}

/** Newest version, or the one asked for. */
export async function findVersion(
  db: Q,
  slug: string,
  version?: number,
): Promise<FocusAreaVersion | undefined> {
  let q = db.selectFrom('focus_area_versions').selectAll().where('focus_area_slug', '=', slug);
  q = version === undefined ? q.orderBy('version', 'desc') : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? normaliseVersion(row) : undefined;
}

export async function listVersions(db: Q, slug: string): Promise<FocusAreaVersion[]> {
  const rows = await db
    .selectFrom('focus_area_versions')
    .selectAll()
    .where('focus_area_slug', '=', slug)
    .orderBy('version')
    .execute();
  return rows.map(normaliseVersion);
}

export async function listMembers(
  db: Q,
  slug: string,
  version: number,
): Promise<FocusAreaMember[]> {
  const rows = await db
    .selectFrom('focus_area_members')
    .selectAll()
    .where('focus_area_slug', '=', slug)
    .where('version', '=', version)
    .orderBy('buurt_code')
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

export async function insertVersion(
  db: Q,
  version: NewFocusAreaVersion,
  members: readonly NewFocusAreaMember[],
): Promise<void> {
  await withDataChange(db, 'focusgebied', async (trx) => {
    await trx.insertInto('focus_area_versions').values(version).execute();
    if (members.length > 0)
      await trx
        .insertInto('focus_area_members')
        .values([...members])
        .execute();
  });
}

/** Every area code any version of a focus area names, whatever its status. */
export async function listMemberCodes(db: Q, slug: string): Promise<string[]> {
  const rows = await db
    .selectFrom('focus_area_members')
    .select('buurt_code')
    .distinct()
    .where('focus_area_slug', '=', slug)
    .execute();
  return rows.map((r) => r.buurt_code);
}
