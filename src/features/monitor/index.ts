/** What other features use of the public monitor: profiles, missing figures, the NPLV average. */
export { pointFlags, sourceText } from './figure-notes.ts';
export {
  MISSING_FLAG,
  MISSING_WORDS,
  missingStateOf,
  missingText,
  publishedAreaNote,
} from './missing-figure.ts';
export type { MissingState } from './missing-figure.ts';
export { NETHERLANDS } from './monitor-data.ts';
export type { MonitorData } from './monitor-data.ts';
export {
  AVERAGE_TOO_FEW,
  AVERAGE_UNDEFINED,
  averageDefined,
  emptyColumns,
  nplvAreaSeries,
  nplvAverage,
} from './nplv-average.ts';
export type { NplvAverage } from './nplv-average.ts';
export type { AreaProfile, SeriesPoint } from './profile.types.ts';
export { buildProfile, selectionForFocusArea } from './profiles/profile.service.ts';
export { Footnotes, NoteRef, profileView } from './profiles/views/profile-section.tsx';
export type { Cell, ProfileThemeView } from './profiles/views/profile-section.tsx';
export { referenceComparisons, summaryItems } from './profiles/views/profile-summary.tsx';
export type { ReferenceComparison } from './profiles/views/profile-summary.tsx';
export type { SurveyEstimate, SurveyEstimateProvider } from './survey-estimates.ts';
