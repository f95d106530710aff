import type { AreaTable, AreaCrosswalkTable } from '../features/areas/area.table.ts';
import type {
  DatasetTable,
  ObservationTable,
  VariableTable,
} from '../features/datasets/dataset.table.ts';
import type {
  FocusAreaMemberTable,
  FocusAreaTable,
  FocusAreaVersionTable,
} from '../features/focus-areas/focus-area.table.ts';

/** The whole database: the union of every feature's *.table.ts. */
export interface Database {
  areas: AreaTable;
  area_crosswalk: AreaCrosswalkTable;
  datasets: DatasetTable;
  observations: ObservationTable;
  variables: VariableTable;
  focus_areas: FocusAreaTable;
  focus_area_versions: FocusAreaVersionTable;
  focus_area_members: FocusAreaMemberTable;
}
