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

/** Parses the stored geometry text; anything but a (multi)polygon is left out of the map. */
export function parseAreaGeometry(text: string | null): AreaGeometry | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'type' in value && 'coordinates' in value) {
      const type = (value as { type: unknown }).type;
      if (type === 'Polygon' || type === 'MultiPolygon') return rewindForD3(value as AreaGeometry);
    }
  } catch {
    // A broken geometry must not break the page: the table behind the map still has the data.
  }
  return undefined;
}
