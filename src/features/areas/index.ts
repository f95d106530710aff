/** The areas feature's public face: buurten, wijken, municipalities and their crosswalk. */
export {
  findArea,
  insertCrosswalk,
  listAreas,
  listAreasWithGeometry,
  listCrosswalk,
  listCrosswalkFrom,
  listIndelingYears,
  listOutlineState,
  upsertAreas,
} from './area.repository.ts';
export type { Area, AreaCrosswalk, AreaKind, NewArea } from './area.table.ts';
export { CrosswalkMethodSection } from './views/crosswalk-method.tsx';
