/** The datasets feature's public face: datasets, observations and their provenance. */
export { findDataset, findDatasetByFingerprint, findObservations, insertDataset, insertDatasetObservations, listActiveDatasetImports, listActiveDatasetsOfFile, listDatasetAreaCodes, listDatasetObservations, listLoadedVariablePeriods, listLocalSources, pickNewest, setDatasetStatus, snapshotObservationsQuery, summariseDatasetVariables, upsertVariables } from './dataset.repository.ts';
export type { ObservationQuery, ObservationWithProvenance } from './dataset.repository.ts';
export type { Dataset, DatasetKind, DatasetStatus, NewObservation, ObservationStatus, Variable } from './dataset.table.ts';
