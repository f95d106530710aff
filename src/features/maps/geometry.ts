import type { MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** Twice the signed planar area of a ring in lon/lat; positive is counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum;
}

function orient(ring: Position[], clockwise: boolean): Position[] {
  const isClockwise = signedArea(ring) < 0;
  return isClockwise === clockwise ? ring : [...ring].reverse();
}

function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => orient(ring, i === 0));
}

/**
 * d3-geo works on the sphere and reads a counter-clockwise outer ring as "the whole globe minus
 * this area". RFC 7946 GeoJSON (and some PDOK exports) winds the other way, so every outer ring is
 * made clockwise and every hole counter-clockwise before projecting.
 */
export function rewindForD3(geometry: AreaGeometry): AreaGeometry {
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewindPolygon) };
}

/**
 * Parsed geometries by their stored text. Parsing and rewinding a PDOK outline costs more than the
 * rest of a page, and the text of an area changes only when its geometry is re-imported, so the
 * text itself is the key: a new import gives new text and a fresh parse. Bounded, so national
 * data never stays in memory whole; callers must treat the result as read-only.
 */
// Shipped PDOK buurt outlines are about 6 KB of text each (1.6 MB for the Drechtsteden), a few
// times that once parsed: 1,500 (the largest municipality has about 500 buurten) is tens of MB.
const MAX_PARSED = 1500;
const parsed = new Map<string, AreaGeometry | null>();

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/** Parses the stored geometry text; anything but a (multi)polygon is left out of the map. */
export function parseAreaGeometry(text: string | null): AreaGeometry | undefined {
  if (!text) return undefined;
  const known = parsed.get(text);
  if (known !== undefined) return known ?? undefined;
  return remember(parsed, text, parseUncached(text), MAX_PARSED) ?? undefined;
}

function parseUncached(text: string): AreaGeometry | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'type' in value && 'coordinates' in value) {
      const type = (value as { type: unknown }).type;
      if (type === 'Polygon' || type === 'MultiPolygon') return rewindForD3(value as AreaGeometry);
    }
  } catch {
    // A broken geometry must not break the page: the table behind the map still has the data.
  }
  return null;
}

const ids = new WeakMap<AreaGeometry, number>();
let nextId = 1;

/**
 * A number that stays the same for the same geometry object, so projections and drawn paths can
 * be remembered per geometry (parseAreaGeometry and mergeGeometries hand out the same object for
 * the same input).
 */
export function geometryId(geometry: AreaGeometry): number {
  let id = ids.get(geometry);
  if (id === undefined) ids.set(geometry, (id = nextId++));
  return id;
}

const MAX_MERGED = 500;
const merged = new Map<string, AreaGeometry>();

/** The polygons of several geometries as one MultiPolygon (each keeps its own border). */
export function mergeGeometries(parts: readonly AreaGeometry[]): AreaGeometry | undefined {
  if (parts.length === 0) return undefined;
  const key = parts.map(geometryId).join(',');
  const known = merged.get(key);
  if (known) return known;
  const coordinates = parts.flatMap((g) =>
    g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
  );
  return remember(merged, key, { type: 'MultiPolygon', coordinates }, MAX_MERGED);
}
