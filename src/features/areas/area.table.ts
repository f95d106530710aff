import type { Insertable, Selectable } from 'kysely';

/** CBS area levels. `land` is the Netherlands (NL00). */
export type AreaKind = 'land' | 'gemeente' | 'wijk' | 'buurt';

/**
 * An area of one CBS indeling year. Codes are reused with other meanings across years, so the
 * key is (indeling_year, code) and nothing joins areas of different years on code alone.
 */
export interface AreaTable {
  indeling_year: number;
  code: string;
  kind: AreaKind;
  name: string;
  parent_code: string | null;
  municipality_code: string | null;
  /** GeoJSON geometry (WGS84) as text; null for areas without a shipped outline. */
  geometry: string | null;
  /** 1 for water-only areas such as BU05059997 "Groot binnenwater", else 0 (portable across dialects). */
  is_water: number;
}
export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;

/** How an area of one indeling maps to another (identity where CBS kept code and border). */
export interface AreaCrosswalkTable {
  from_year: number;
  from_code: string;
  to_year: number;
  to_code: string;
  /** Share of the from-area that lies in the to-area (1 for an unchanged area). */
  weight: number;
  note: string;
}
export type AreaCrosswalk = Selectable<AreaCrosswalkTable>;
