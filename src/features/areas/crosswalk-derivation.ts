import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaCrosswalk } from './area.table.ts';

/**
 * A crosswalk between two wijk- en buurtindelingen derived from the overlap of their outlines
 * (issue 13.9, ADR 0029). Each area of the old indeling is covered by a regular grid of points;
 * a point counts for the new area it falls in, so the weight of (old → new) is the share of the
 * old area's surface that lies in the new area: weighted by area, not by inhabitants. Where both
 * directions agree on at least UNCHANGED_SHARE, the link is 1:1 (unchanged, or only renumbered)
 * and its weight is exactly 1, so a series runs across the two years. Splits and merges keep
 * their fractions; the monitor names them instead of dividing counts by surface.
 */

export type Outline = Polygon | MultiPolygon;

export interface OutlinedArea {
  code: string;
  geometry: Outline;
}

/** Both directions at least this share: the same area, whatever its code. */
export const UNCHANGED_SHARE = 0.98;
/** Grid points per side of an area's bounding box. */
export const DEFAULT_GRID = 30;

export const OVERLAP_NOTE = (grid: number) =>
  `Afgeleid uit de overlap van de grenzen, gewogen naar oppervlakte (benaderd met een raster van ${grid}×${grid} punten per gebied).`;
export const UNCHANGED_NOTE = (share: number) =>
  `Zelfde gebied: de grenzen overlappen in beide richtingen voor minstens ${Math.round(share * 100)}% (ongewijzigd of alleen een nieuwe code).`;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Prepared {
  code: string;
  polygons: Position[][][];
  box: Box;
}

function polygonsOf(geometry: Outline): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function prepare(area: OutlinedArea): Prepared {
  const polygons = polygonsOf(area.geometry);
  const box: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const polygon of polygons)
    for (const [x, y] of polygon[0] ?? []) {
      box.minX = Math.min(box.minX, x!);
      box.minY = Math.min(box.minY, y!);
      box.maxX = Math.max(box.maxX, x!);
      box.maxY = Math.max(box.maxY, y!);
    }
  return { code: area.code, polygons, box };
}

/** Even-odd rule on one ring (planar lon/lat: fine at the scale of a buurt). */
function inRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(area: Prepared, x: number, y: number): boolean {
  const { box } = area;
  if (x < box.minX || x > box.maxX || y < box.minY || y > box.maxY) return false;
  return area.polygons.some(
    (polygon) =>
      inRing(x, y, polygon[0] ?? []) && !polygon.slice(1).some((hole) => inRing(x, y, hole)),
  );
}

/** Per area of `from`: how many of its grid points fall in each area of `to`, and in total. */
function shares(
  from: readonly Prepared[],
  to: readonly Prepared[],
  grid: number,
): Map<string, { total: number; by: Map<string, number> }> {
  const out = new Map<string, { total: number; by: Map<string, number> }>();
  for (const area of from) {
    const { box } = area;
    const dx = (box.maxX - box.minX) / grid;
    const dy = (box.maxY - box.minY) / grid;
    const candidates = to.filter(
      (t) =>
        t.box.maxX >= box.minX &&
        t.box.minX <= box.maxX &&
        t.box.maxY >= box.minY &&
        t.box.minY <= box.maxY,
    );
    let total = 0;
    const by = new Map<string, number>();
    for (let i = 0; i < grid; i++) {
      for (let j = 0; j < grid; j++) {
        // Cell centres, so a point never sits on the box's own edge.
        const x = box.minX + (i + 0.5) * dx;
        const y = box.minY + (j + 0.5) * dy;
        if (!contains(area, x, y)) continue;
        total++;
        const hit = candidates.find((c) => contains(c, x, y));
        if (hit) by.set(hit.code, (by.get(hit.code) ?? 0) + 1);
      }
    }
    out.set(area.code, { total, by });
  }
  return out;
}

/**
 * The crosswalk rows fromYear → toYear. An old area whose surface lies for less than 0.5% in a
 * new area gets no row for it (slivers along redrawn borders); an old area outside every new one
 * gets none at all.
 */
export function deriveCrosswalk(
  from: readonly OutlinedArea[],
  to: readonly OutlinedArea[],
  years: { fromYear: number; toYear: number },
  grid = DEFAULT_GRID,
): AreaCrosswalk[] {
  const oldAreas = from.map(prepare);
  const newAreas = to.map(prepare);
  const forward = shares(oldAreas, newAreas, grid);
  const backward = shares(newAreas, oldAreas, grid);
  const rows: AreaCrosswalk[] = [];
  for (const area of oldAreas) {
    const share = forward.get(area.code);
    if (!share || share.total === 0) continue;
    for (const [toCode, count] of share.by) {
      const weight = count / share.total;
      if (weight < 0.005) continue;
      const back = backward.get(toCode);
      const reverse = back && back.total > 0 ? (back.by.get(area.code) ?? 0) / back.total : 0;
      const unchanged = weight >= UNCHANGED_SHARE && reverse >= UNCHANGED_SHARE;
      rows.push({
        from_year: years.fromYear,
        from_code: area.code,
        to_year: years.toYear,
        to_code: toCode,
        weight: unchanged ? 1 : Math.round(weight * 1000) / 1000,
        note: unchanged ? UNCHANGED_NOTE(UNCHANGED_SHARE) : OVERLAP_NOTE(grid),
      });
    }
  }
  return rows.sort(
    (a, b) => a.from_code.localeCompare(b.from_code) || a.to_code.localeCompare(b.to_code),
  );
}
