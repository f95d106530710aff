import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { AreaGeometry } from '../../features/maps/geometry.ts';
import type { CellValue, DataTable } from '../data-table.ts';
import { assertNoReservedKeys, roundedNumber } from './format-number.ts';
import { DATA_LICENCE } from './json.ts';

export type TableFeatureProperties = Record<string, CellValue>;

/** RFC 7946 members, plus foreign members GDAL and people read: the layer name and attribution. */
export interface TableFeatureCollection extends FeatureCollection<
  Geometry | null,
  TableFeatureProperties
> {
  name: string;
  titel: string;
  bron: string;
  licentie: typeof DATA_LICENCE;
}

/** RFC 7946 §11.2: six decimals is about 10 cm, more than the buurt map's precision. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6 || 0;

/** Twice the signed planar area; positive is counter-clockwise (x east, y north). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    sum += ax! * by! - bx! * ay!;
  }
  return sum;
}

/** Rounded, without the repeated points rounding can create; null when too few remain. */
function roundRing(ring: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round6(p[0]!), round6(p[1]!)];
    const last = out.at(-1);
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out.at(-1);
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([...first]);
  return out.length >= 4 && signedArea(out) !== 0 ? out : null;
}

/**
 * RFC 7946 §3.1.6 right-hand rule: outer rings counter-clockwise, holes clockwise. The stored
 * geometry (parseAreaGeometry) is wound the other way for d3-geo, so the winding is set here
 * whatever it was.
 */
function rfcPolygon(rings: readonly Position[][]): Position[][] | null {
  const out: Position[][] = [];
  for (const [i, ring] of rings.entries()) {
    const rounded = roundRing(ring);
    if (!rounded) {
      if (i === 0) return null; // no outer ring left: no polygon
      continue;
    }
    const counterClockwise = signedArea(rounded) > 0;
    out.push(counterClockwise === (i === 0) ? rounded : rounded.reverse());
  }
  return out;
}

export function toRfc7946Geometry(geometry: AreaGeometry): Geometry | null {
  if (geometry.type === 'Polygon') {
    const coordinates = rfcPolygon(geometry.coordinates);
    return coordinates ? { type: 'Polygon', coordinates } : null;
  }
  const polygons = geometry.coordinates
    .map(rfcPolygon)
    .filter((p): p is Position[][] => p !== null);
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

/**
 * The table as an RFC 7946 FeatureCollection (WGS84 lon/lat): one feature per row, with the
 * geometry of the row's area. A row without a known geometry keeps its feature with geometry
 * null, so the file holds every figure the table has.
 */
export function toGeoJson(
  table: DataTable,
  geometries: ReadonlyMap<string, AreaGeometry>,
): TableFeatureCollection {
  assertNoReservedKeys(table.columns);
  const features: Feature<Geometry | null, TableFeatureProperties>[] = table.rows.map((row) => {
    const properties: TableFeatureProperties = {};
    for (const column of table.columns) {
      const value = row.cells[column.key] ?? null;
      properties[column.key] = typeof value === 'number' ? roundedNumber(value, column) : value;
    }
    properties.status = row.flags.join('|');
    properties.bron = table.source;
    const geometry = row.areaCode ? geometries.get(row.areaCode) : undefined;
    return {
      type: 'Feature',
      ...(row.areaCode ? { id: row.areaCode } : {}),
      geometry: geometry ? toRfc7946Geometry(geometry) : null,
      properties,
    };
  });
  return {
    type: 'FeatureCollection',
    name: table.name,
    titel: table.title,
    bron: table.source,
    licentie: DATA_LICENCE,
    features,
  };
}
