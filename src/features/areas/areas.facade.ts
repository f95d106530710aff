import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import {
  findArea,
  listAreas,
  listAreasWithGeometry,
  listIndelingYears,
} from './area.repository.ts';

/** CBS areas (buurten, wijken, municipalities) per indeling year, for routes. */
export function areaService(db: Kysely<Database>) {
  return {
    find: withDb(db, findArea),
    list: withDb(db, listAreas),
    listWithGeometry: withDb(db, listAreasWithGeometry),
    indelingYears: withDb(db, listIndelingYears),
  };
}
export type AreaService = ReturnType<typeof areaService>;
