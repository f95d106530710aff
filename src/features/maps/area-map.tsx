import {
  geoMercator,
  geoPath,
  type GeoProjection,
  type GeoStream,
  type GeoStreamWrapper,
} from 'd3-geo';
import type { Feature, FeatureCollection } from 'geojson';
import { geometryId, type AreaGeometry } from './geometry.ts';

/** Fills that do not rely on colour alone: a pattern is drawn over the class's colour. */
export type MapPattern = 'hatch' | 'cross';

export interface MapShape {
  /** Stable id, e.g. a CBS code; used for data attributes, never shown. */
  code: string;
  geometry: AreaGeometry;
  /** CSS classes from wijkkompas.css; colours come from custom properties there. */
  className: string;
  pattern?: MapPattern;
  /** Tooltip and text alternative of this one shape, e.g. "Zuidhoven: uitgesloten". */
  title: string;
}

export interface AreaMapProps {
  /** Unique on the page: prefixes the ids of title, description and patterns. */
  id: string;
  title: string;
  description: string;
  shapes: readonly MapShape[];
  /** Drawn on top without fill, e.g. wijk borders. */
  outlines?: readonly MapShape[];
  /** Fit the view to these shapes (a detail map); the rest is drawn where it falls inside. */
  fitTo?: readonly MapShape[];
  /** Short text drawn at the centre of a shape, e.g. wijk names on a detail map. */
  labels?: readonly { text: string; geometry: AreaGeometry }[];
  /** Width in SVG units; the height follows from the area's shape unless given. */
  width?: number;
  /** A fixed height: the view keeps this size and shows more surroundings at the sides. */
  height?: number;
  padding?: number;
}

const PATTERN_SIZE = 8;

function collection(shapes: readonly MapShape[]): FeatureCollection<AreaGeometry> {
  return {
    type: 'FeatureCollection',
    features: shapes.map((s): Feature<AreaGeometry> => ({
      type: 'Feature',
      properties: {},
      geometry: s.geometry,
    })),
  };
}

export function patternId(mapId: string, pattern: MapPattern): string {
  return `${mapId}-${pattern}`;
}

interface Fit {
  scale: number;
  translate: [number, number];
  width: number;
  height: number;
}

/** Fitted projections by the shapes they fit and the size asked for; bounded. */
const MAX_FITS = 500;
const fits = new Map<string, Fit>();

function fit(
  fitTo: readonly MapShape[],
  width: number,
  padding: number,
  fixedHeight?: number,
): Fit {
  const key = `${width}|${padding}|${fixedHeight ?? ''}|${fitTo.map((s) => geometryId(s.geometry)).join(',')}`;
  const known = fits.get(key);
  if (known) return known;
  const all = collection(fitTo);
  const projection = geoMercator();
  let w: number;
  let height: number;
  if (fixedHeight !== undefined) {
    projection.fitExtent(
      [
        [padding, padding],
        [width - padding, fixedHeight - padding],
      ],
      all,
    );
    w = width;
    height = fixedHeight;
  } else {
    projection.fitWidth(width - 2 * padding, all);
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(all);
    // fitWidth centres horizontally only; shift so the drawing starts at the padding.
    const [tx, ty] = projection.translate();
    projection.translate([tx - x0 + padding, ty - y0 + padding]);
    w = Math.ceil(x1 - x0 + 2 * padding);
    height = Math.ceil(y1 - y0 + 2 * padding);
  }
  const result: Fit = {
    scale: projection.scale(),
    translate: projection.translate(),
    width: w,
    height,
  };
  if (fits.size >= MAX_FITS) fits.delete(fits.keys().next().value as string);
  fits.set(key, result);
  return result;
}

/** Drawn paths and bounds per geometry object and projection (scale and translate say it all). */
const drawn = new WeakMap<AreaGeometry, Map<string, { d: string | null; bounds: Bounds }>>();
type Bounds = [[number, number], [number, number]];

/**
 * Projects every shape with a Mercator fitted to the shapes' extent. Coordinates are rounded to
 * one decimal, which is finer than a screen pixel and keeps the page small. The fit and each
 * drawn path are remembered per geometry object (see geometryId), so a page rendered again after
 * a new data version does not project the same outlines again.
 */
export function projectShapes(
  fitTo: readonly MapShape[],
  width: number,
  padding: number,
  fixedHeight?: number,
) {
  const { scale, translate, width: w, height } = fit(fitTo, width, padding, fixedHeight);
  const projection = geoMercator().scale(scale).translate(translate);
  const geoPathOf = geoPath(thinned(projection)).digits(1);
  const signature = `${scale}|${translate[0]}|${translate[1]}`;
  const draw = (geometry: AreaGeometry) => {
    let perProjection = drawn.get(geometry);
    if (!perProjection) drawn.set(geometry, (perProjection = new Map()));
    let entry = perProjection.get(signature);
    if (!entry) {
      entry = { d: geoPathOf(geometry), bounds: geoPathOf.bounds(geometry) };
      perProjection.set(signature, entry);
    }
    return entry;
  };
  const path = Object.assign((geometry: AreaGeometry) => draw(geometry).d, {
    bounds: (geometry: AreaGeometry) => draw(geometry).bounds,
    centroid: (geometry: AreaGeometry) => geoPathOf.centroid(geometry),
  });
  /** Whether a shape shows at all; shapes outside the view are left out of the page. */
  const visible = (geometry: AreaGeometry) => {
    const [[a0, b0], [a1, b1]] = path.bounds(geometry);
    return a1 >= 0 && b1 >= 0 && a0 <= w && b0 <= height;
  };
  return { path, width: w, height, visible };
}

/** Points closer than this (in SVG units) to the previous one are dropped: invisible on screen. */
const MIN_STEP = 0.5;

/**
 * Wraps a projection so that, after projecting, a point within MIN_STEP of the last kept point
 * of its line is skipped. Full-precision PDOK outlines carry many such points; dropping them
 * halves the page without a visible change.
 */
function thinned(projection: GeoProjection): GeoStreamWrapper {
  return {
    stream(output: GeoStream): GeoStream {
      let px = Number.NaN;
      let py = Number.NaN;
      const thin: GeoStream = {
        point(x, y) {
          if (Math.abs(x - px) < MIN_STEP && Math.abs(y - py) < MIN_STEP) return;
          px = x;
          py = y;
          output.point(x, y);
        },
        lineStart() {
          px = Number.NaN;
          py = Number.NaN;
          output.lineStart();
        },
        lineEnd: () => output.lineEnd(),
        polygonStart: () => output.polygonStart(),
        polygonEnd: () => output.polygonEnd(),
        sphere: () => output.sphere?.(),
      };
      return projection.stream(thin);
    },
  };
}

function PatternDefs({ mapId }: { mapId: string }) {
  const s = PATTERN_SIZE;
  return (
    <defs>
      <pattern
        id={patternId(mapId, 'hatch')}
        class="wk-map__pattern wk-map__pattern--hatch"
        width={s}
        height={s}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect class="wk-map__pattern-bg" width={s} height={s} />
        <line class="wk-map__pattern-line" x1="0" y1="0" x2="0" y2={s} />
      </pattern>
      <pattern
        id={patternId(mapId, 'cross')}
        class="wk-map__pattern wk-map__pattern--cross"
        width={s}
        height={s}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect class="wk-map__pattern-bg" width={s} height={s} />
        <line class="wk-map__pattern-line" x1="0" y1="0" x2="0" y2={s} />
        <line class="wk-map__pattern-line" x1="0" y1="0" x2={s} y2="0" />
      </pattern>
    </defs>
  );
}

/**
 * An inline SVG map with an accessible name and description (role="img" with aria-labelledby
 * and aria-describedby). Each shape keeps its own <title> as a tooltip; the full data is in the
 * table that every map on a page must have beside it.
 */
export function AreaMap({
  id,
  title,
  description,
  shapes,
  outlines = [],
  fitTo,
  labels = [],
  width = 800,
  height: fixedHeight,
  padding = 8,
}: AreaMapProps) {
  if (shapes.length === 0) return null;
  const {
    path,
    width: w,
    height,
    visible,
  } = projectShapes(fitTo && fitTo.length > 0 ? fitTo : shapes, width, padding, fixedHeight);
  const shown = fitTo ? shapes.filter((s) => visible(s.geometry)) : shapes;
  const shownOutlines = fitTo ? outlines.filter((s) => visible(s.geometry)) : outlines;
  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="wk-map"
      viewBox={`0 0 ${w} ${height}`}
      width={w}
      height={height}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      focusable="false"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <PatternDefs mapId={id} />
      <g class="wk-map__areas">
        {shown.map((s) => (
          <path
            class={s.className}
            d={path(s.geometry) ?? ''}
            fill={s.pattern ? `url(#${patternId(id, s.pattern)})` : undefined}
            data-code={s.code}
          >
            <title>{s.title}</title>
          </path>
        ))}
      </g>
      {shownOutlines.length > 0 && (
        <g class="wk-map__outlines">
          {shownOutlines.map((s) => (
            <path class={s.className} d={path(s.geometry) ?? ''} data-code={s.code}>
              <title>{s.title}</title>
            </path>
          ))}
        </g>
      )}
      {labels.length > 0 && (
        <g class="wk-map__labels" aria-hidden="true">
          {labels.map((l) => {
            const [x, y] = path.centroid(l.geometry);
            return Number.isFinite(x) && Number.isFinite(y) ? (
              <text class="wk-map__label" x={x.toFixed(1)} y={y.toFixed(1)} text-anchor="middle">
                {l.text}
              </text>
            ) : null;
          })}
        </g>
      )}
    </svg>
  );
}

export interface LegendItem {
  label: string;
  className: string;
  pattern?: MapPattern;
}

/**
 * The legend is text, in HTML, so it is read out and zooms with the page. Swatches reuse the
 * map's classes and patterns and are hidden from assistive technology.
 */
export function MapLegend({
  mapId,
  items,
  heading,
}: {
  mapId: string;
  items: readonly LegendItem[];
  heading: string;
}) {
  return (
    <div class="wk-map-legend">
      <p class="wk-map-legend__heading">{heading}</p>
      <ul class="wk-map-legend__list">
        {items.map((item) => (
          <li class="wk-map-legend__item">
            <svg
              class="wk-map-legend__swatch"
              width="28"
              height="20"
              viewBox="0 0 28 20"
              aria-hidden="true"
              focusable="false"
            >
              <rect
                class={item.className}
                x="2"
                y="2"
                width="24"
                height="16"
                fill={item.pattern ? `url(#${patternId(mapId, item.pattern)})` : undefined}
              />
            </svg>
            <span>{item.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
