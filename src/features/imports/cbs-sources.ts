import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * CBS's open-data service (OData v3), where the KWB tables live: its bulk feed (`ODataFeed`), which
 * pages with `odata.nextLink`; the `ODataApi` address refuses a query of more than 10,000 rows
 * instead of paging it (ADR 0043).
 */
export const CBS_OPEN_DATA_URL = 'https://opendata.cbs.nl/ODataFeed/odata';

/**
 * Kerncijfers wijken en buurten: one CBS table per year, each in that year's wijk- en
 * buurtindeling (table ids as CBS publishes them; the 2024 one is shipped, 85984NED).
 */
export const KWB_TABLES: Readonly<Record<number, string>> = {
  2013: '82339NED',
  2014: '82931NED',
  2015: '83220NED',
  2016: '83487NED',
  2017: '83765NED',
  2018: '84286NED',
  2019: '84583NED',
  2020: '84799NED',
  2021: '85039NED',
  2022: '85318NED',
  2023: '85618NED',
  2024: '85984NED',
};

/** The NPLV list of focus areas, shipped with the data (SOURCES.md §5). */
export const NPLV_AREAS_FILE = 'nplv/nplv_focusgebieden.csv';

/** The municipalities of the 20 focus areas (19 codes), in the list's order. */
export function nplvMunicipalities(datasetsDir: string): string[] {
  const rows = parse(fs.readFileSync(path.join(datasetsDir, NPLV_AREAS_FILE)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  const codes: string[] = [];
  for (const row of rows) {
    const code = row.gemeentecode ?? '';
    if (/^GM\d{4}$/.test(code) && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** OData $filter for the gemeente, wijken and buurten of one municipality. */
export function municipalityFilter(geoKey: string, municipalityCode: string): string {
  const digits = municipalityCode.slice(2);
  return ['GM', 'WK', 'BU']
    .map((prefix) => `startswith(${geoKey},'${prefix}${digits}')`)
    .join(' or ');
}

/**
 * Years of the CBS wijk- en buurtkaart that PDOK serves in an OGC API of their own
 * (`https://api.pdok.nl/cbs/wijken-en-buurten-<jaar>/ogc/v1`), as PDOK's list of APIs names
 * them. Older years are in one "historisch" API whose collections could not be confirmed
 * (ADR 0043), so haal-op does not fetch them.
 */
export const PDOK_OGC_YEARS: readonly number[] = [2023, 2024, 2025];
