/** The focus-areas feature's public face: focus areas, their versions, counted members and pages. */
export { countedBuurtCodes, countedMembers } from './counted-members.ts';
export {
  listFocusAreasOfMunicipality,
  municipalityNames,
} from './focus-area-editing.repository.ts';
export { POPULATION_YEARS } from './focus-area.page-data.ts';
export type { FocusAreaPageData, MapArea } from './focus-area.page-data.ts';
export { focusAreaParams, parseVersion, versionQuery } from './focus-area.params.ts';
export type { Query } from './focus-area.params.ts';
export {
  findFocusArea,
  findVersion,
  insertVersion,
  listExistingFocusAreaSlugs,
  listMemberCodes,
  listMembers,
  upsertFocusArea,
} from './focus-area.repository.ts';
export { findFocusAreaDetail, getFocusArea, listFocusAreas } from './focus-area.service.ts';
export type { FocusAreaSummary } from './focus-area.service.ts';
export type {
  Confidence,
  FocusArea,
  MemberStatus,
  NewFocusAreaMember,
  NewFocusAreaVersion,
} from './focus-area.table.ts';
export type { FocusAreaService } from './focus-areas.facade.ts';
export { FocusAreaPage, LEGEND, STATUS_LABEL, shapeFor } from './views/focus-area.page.tsx';
