import type { DataTable } from '../../../shared/data-table.ts';
import type { Indicator } from '../../indicators/index.ts';
import type { AreaGeometry } from '../../maps/index.ts';
import type { StoredTarget, TargetEvaluation } from '../../targets/index.ts';
import type { AreaSelection, IndicatorProfile } from '../profile.types.ts';

/** Shared by indicator.routes.tsx and its view, so that the view need not import the routes. */
export interface TargetView {
  target: StoredTarget;
  evaluation: TargetEvaluation;
}

/** Everything the indicator page, its downloads and its API answer show. */
export interface IndicatorPageData {
  selection: AreaSelection;
  indicator: Indicator;
  profile: IndicatorProfile;
  target: TargetView | null;
  series: DataTable;
  /** Null when the indicator has no period with data. */
  buurten: DataTable | null;
  mapAreas: { code: string; name: string; geometry: AreaGeometry; member: boolean }[];
  geometries: Map<string, AreaGeometry>;
  /** The focus area's member buurten as one geometry, drawn bold on the map. */
  outline: AreaGeometry | undefined;
  /** Names on the zoomed map: the wijken the focus area lies in (buurt names would crowd it). */
  mapLabels: { text: string; geometry: AreaGeometry }[];
  /** The buurten left out of the latest value, by name and reason. */
  excluded: { code: string; name: string; reason: string; inhabitants: number | null }[];
  exclusionSummary: string | null;
  dataVersion: string;
}
