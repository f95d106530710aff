import type { ComponentChildren } from 'preact';
import type { Polarity } from '../indicators/index.ts';
import { projectShapes, type MapShape, type AreaGeometry } from '../maps/index.ts';
import { formatNumber, formatValue } from './format.ts';
import {
  INK,
  MISSING_BACKGROUND,
  MUTED_INK,
  SECRET_BACKGROUND,
  WHITE,
  rampColours,
} from './palette.ts';
import { classCount, classIndex, classify, type Classification } from './scales.ts';

/** 'geheim': CBS keeps the figure secret; 'ontbreekt': no figure published or loaded. */
export type AreaValueStatus = 'waarde' | 'geheim' | 'ontbreekt';

export interface ChoroplethArea {
  code: string;
  name: string;
  /** Already rewound for d3 (parseAreaGeometry does this). */
  geometry: AreaGeometry;
  value: number | null;
  status: AreaValueStatus;
}

export interface ChoroplethProps {
  /** Unique on the page: prefixes every id in the map and its legend. */
  id: string;
  title: string;
  /** What the map shows, in words; a summary of the values is added after it. */
  description: string;
  unit: string;
  decimals: number;
  polarity: Polarity;
  areas: readonly ChoroplethArea[];
  /** The focus-area outline, drawn bold on top. */
  outline?: AreaGeometry;
  outlineLabel?: string;
  /** Wanted number of classes (default 5); fewer when the values do not allow it. */
  classes?: number;
  /**
   * Zoom to the outline: the view is fitted to it (with some surroundings), areas outside are
   * left out of the page. Classes still come from every area, so the colours match the table.
   */
  zoomToOutline?: boolean;
  /** Names drawn on the map at the centre of their area (e.g. the buurten of the focus area). */
  labels?: readonly { text: string; geometry: AreaGeometry }[];
  /** Render the legend under the map (default). Pass false to place ChoroplethLegend yourself. */
  showLegend?: boolean;
  width?: number;
}

export const EMPTY_MAP_TEXT = 'Nog geen gegevens voor een kaart';
export const SECRET_LABEL = 'geheim (CBS)';
export const MISSING_LABEL = 'geen gegevens';
export const DEFAULT_OUTLINE_LABEL = 'Grens focusgebied';
/** Around a zoomed outline: enough of the neighbouring buurten to see where the area lies. */
const ZOOM_MARGIN = 20;
/**
 * Label size in SVG units. A zoomed map is drawn 400 units wide, so on a 375 px phone (343 px of
 * column) a label is still 15 × 343 / 400 ≈ 12.9 px: legible (issue 17 point 3).
 */
const LABEL_SIZE = 15;
export const ZOOMED_MAP_WIDTH = 400;

type Shown = 'waarde' | 'geheim' | 'ontbreekt';

/** How an area is drawn: a value without a number counts as missing. */
function shownStatus(area: Pick<ChoroplethArea, 'value' | 'status'>): Shown {
  if (area.status === 'geheim') return 'geheim';
  if (area.status === 'ontbreekt' || area.value === null || !Number.isFinite(area.value))
    return 'ontbreekt';
  return 'waarde';
}

export interface ChoroplethClass {
  /** Lower and upper bound; the last class includes its upper bound. */
  from: number;
  to: number;
  colour: string;
  /** "12,0 tot 15,5", "15,5 tot en met 20,0". */
  label: string;
  /** 'gunstiger' on the favourable end, 'ongunstiger' on the other, else undefined. */
  judgement?: 'gunstiger' | 'ongunstiger';
}

export interface ChoroplethScale {
  classification: Classification;
  /** In value order, lowest first. */
  classes: ChoroplethClass[];
  colourOf(value: number): string;
}

/** "Donkerder = meer." plus, from the polarity, which direction is favourable (none for neutraal). */
export function legendNote(polarity: Polarity): string {
  if (polarity === 'neutraal') return 'Donkerder = meer.';
  return `Donkerder = meer. ${polarity === 'hoger-is-beter' ? 'Hoger' : 'Lager'} is gunstiger.`;
}

/**
 * Classes and colours for a map. Darker always means a higher value, whatever the polarity
 * (the usual reading of a choropleth); which end is favourable is said in words. A buurt far
 * above the rest gets a class of its own ("uitschieter"), so the other classes show the spread.
 */
export function choroplethScale(
  areas: readonly Pick<ChoroplethArea, 'value' | 'status'>[],
  polarity: Polarity,
  decimals: number,
  wanted = 5,
): ChoroplethScale {
  const values = areas.filter((a) => shownStatus(a) === 'waarde').map((a) => a.value as number);
  const classification = classify(values, wanted);
  const count = classCount(classification);
  const colours = rampColours(count);
  const b = classification.breaks;
  const outlier = classification.outlierFrom;
  const classes: ChoroplethClass[] = Array.from({ length: count }, (_, i) => {
    const isOutlier = outlier !== undefined && i === count - 1;
    const from = isOutlier ? outlier : b[i]!;
    const to = b[i + 1]!;
    // The last class, and the one just below an outlier class, include their upper bound.
    const inclusive = i === count - 1 || (outlier !== undefined && i === count - 2);
    const range =
      from === to
        ? formatNumber(from, decimals)
        : `${formatNumber(from, decimals)} ${inclusive ? 'tot en met' : 'tot'} ${formatNumber(to, decimals)}`;
    const label = isOutlier ? `${range} (uitschieter)` : range;
    return { from, to, colour: colours[i]!, label };
  });
  if (count > 1 && polarity !== 'neutraal') {
    const high = polarity === 'hoger-is-beter' ? 'gunstiger' : 'ongunstiger';
    const low = polarity === 'hoger-is-beter' ? 'ongunstiger' : 'gunstiger';
    classes[count - 1]!.judgement = high;
    classes[0]!.judgement = low;
  }
  return {
    classification,
    classes,
    colourOf: (value) => classes[classIndex(classification, value)]?.colour ?? WHITE,
  };
}

/** The map's data in sentences, for the SVG description. */
export function describeChoropleth(
  areas: readonly ChoroplethArea[],
  unit: string,
  decimals: number,
  polarity: Polarity,
  outlineLabel?: string,
): string {
  const withValue = areas
    .filter((a) => shownStatus(a) === 'waarde')
    .sort((a, b) => (a.value as number) - (b.value as number));
  const secret = areas.filter((a) => shownStatus(a) === 'geheim');
  const missing = areas.filter((a) => shownStatus(a) === 'ontbreekt');
  const sentences = [`${areas.length} ${areas.length === 1 ? 'gebied' : 'gebieden'}.`];
  const lowest = withValue[0];
  const highest = withValue[withValue.length - 1];
  if (lowest && highest) {
    const v = (a: ChoroplethArea) => formatValue(a.value as number, decimals, unit);
    sentences.push(
      lowest === highest
        ? `Alleen ${lowest.name} heeft een waarde: ${v(lowest)}.`
        : `Laagste waarde: ${lowest.name}, ${v(lowest)}. Hoogste waarde: ${highest.name}, ${v(highest)}.`,
    );
    sentences.push(legendNote(polarity));
  }
  if (secret.length > 0) {
    sentences.push(`Geheim (CBS), gearceerd: ${secret.map((a) => a.name).join(', ')}.`);
  }
  if (missing.length > 0) {
    sentences.push(`Geen gegevens, gestippeld: ${missing.map((a) => a.name).join(', ')}.`);
  }
  if (outlineLabel) sentences.push(`De dikke zwarte lijn is de ${outlineLabel.toLowerCase()}.`);
  return sentences.join(' ');
}

/** Pattern ids inside one map (or legend swatch); prefixed so several maps can share a page. */
export function choroplethPatternId(prefix: string, kind: 'geheim' | 'ontbreekt'): string {
  return `${prefix}-${kind}`;
}

/** Hatching for a secret value, dots for a missing one: readable without colour. */
function PatternDef({ prefix, kind }: { prefix: string; kind: 'geheim' | 'ontbreekt' }) {
  if (kind === 'geheim') {
    return (
      <pattern
        id={choroplethPatternId(prefix, 'geheim')}
        width={6}
        height={6}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width={6} height={6} fill={SECRET_BACKGROUND} />
        <line x1={0} y1={0} x2={0} y2={6} stroke={INK} stroke-width={2} />
      </pattern>
    );
  }
  return (
    <pattern
      id={choroplethPatternId(prefix, 'ontbreekt')}
      width={6}
      height={6}
      patternUnits="userSpaceOnUse"
    >
      <rect width={6} height={6} fill={MISSING_BACKGROUND} />
      <circle cx={3} cy={3} r={1.1} fill={MUTED_INK} />
    </pattern>
  );
}

function fillFor(prefix: string, status: Shown, colour: string): string {
  return status === 'waarde' ? colour : `url(#${choroplethPatternId(prefix, status)})`;
}

export interface ChoroplethLegendProps {
  /** The same id as the map's: the legend's own ids get a "-legenda" suffix. */
  id: string;
  unit: string;
  decimals: number;
  polarity: Polarity;
  areas: readonly Pick<ChoroplethArea, 'value' | 'status'>[];
  classes?: number;
  /** Whether the map shows the focus-area outline (adds a legend entry). */
  outline?: boolean;
  outlineLabel?: string;
  heading?: string;
}

function Swatch({ children }: { children: ComponentChildren }) {
  return (
    <svg
      class="wk-choropleth-legend__swatch"
      width="28"
      height="18"
      viewBox="0 0 28 18"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/**
 * The map's legend as HTML text, so it is read out and zooms with the page. It states in words
 * which end is favourable, gives every class a range, and names the hatched (secret), dotted
 * (missing) and outline symbols. Swatches carry their own patterns, so the legend also works
 * apart from the map.
 */
export function ChoroplethLegend({
  id,
  unit,
  decimals,
  polarity,
  areas,
  classes: wanted = 5,
  outline = false,
  outlineLabel = DEFAULT_OUTLINE_LABEL,
  heading,
}: ChoroplethLegendProps) {
  const scale = choroplethScale(areas, polarity, decimals, wanted);
  const hasSecret = areas.some((a) => shownStatus(a) === 'geheim');
  const hasMissing = areas.some((a) => shownStatus(a) === 'ontbreekt');
  const prefix = `${id}-legenda`;
  const rect = (fill: string) => (
    <rect x="1" y="1" width="26" height="16" fill={fill} stroke={INK} stroke-width="1" />
  );
  return (
    <div class="wk-choropleth-legend" id={prefix}>
      <p class="wk-choropleth-legend__heading">{heading ?? `Legenda (${unit})`}</p>
      {scale.classes.length > 1 && <p class="wk-choropleth-legend__note">{legendNote(polarity)}</p>}
      <ul class="wk-choropleth-legend__list">
        {scale.classes.map((c) => (
          <li class="wk-choropleth-legend__item" data-judgement={c.judgement}>
            <Swatch>{rect(c.colour)}</Swatch>{' '}
            <span>
              {c.label}
              {c.judgement ? ` (${c.judgement})` : ''}
            </span>
          </li>
        ))}
        {hasSecret && (
          <li class="wk-choropleth-legend__item wk-choropleth-legend__item--geheim">
            <Swatch>
              <defs>
                <PatternDef prefix={prefix} kind="geheim" />
              </defs>
              {rect(fillFor(prefix, 'geheim', ''))}
            </Swatch>{' '}
            <span>{SECRET_LABEL}</span>
          </li>
        )}
        {hasMissing && (
          <li class="wk-choropleth-legend__item wk-choropleth-legend__item--ontbreekt">
            <Swatch>
              <defs>
                <PatternDef prefix={prefix} kind="ontbreekt" />
              </defs>
              {rect(fillFor(prefix, 'ontbreekt', ''))}
            </Swatch>{' '}
            <span>{MISSING_LABEL}</span>
          </li>
        )}
        {outline && (
          <li class="wk-choropleth-legend__item wk-choropleth-legend__item--grens">
            <Swatch>
              <line x1="1" y1="9" x2="27" y2="9" stroke={WHITE} stroke-width="6" />
              <line x1="1" y1="9" x2="27" y2="9" stroke={INK} stroke-width="3" />
            </Swatch>{' '}
            <span>{outlineLabel}</span>
          </li>
        )}
      </ul>
    </div>
  );
}

/**
 * A buurt map coloured by class, drawn as plain SVG on the server with the projection of the
 * area maps. One image for assistive technology (role="img", title, a description that names
 * the extremes and the secret and missing areas); every area has a tooltip with its name and
 * value; the table beside it on the page has every figure.
 */
export function Choropleth({
  id,
  title,
  description,
  unit,
  decimals,
  polarity,
  areas,
  outline,
  outlineLabel = DEFAULT_OUTLINE_LABEL,
  classes = 5,
  showLegend = true,
  zoomToOutline = false,
  labels = [],
  width = 640,
}: ChoroplethProps) {
  if (areas.length === 0) {
    return (
      <p class="wk-chart-empty" id={id}>
        {EMPTY_MAP_TEXT}.
      </p>
    );
  }
  const scale = choroplethScale(areas, polarity, decimals, classes);
  const shapes: MapShape[] = areas.map((a) => ({
    code: a.code,
    geometry: a.geometry,
    className: '',
    title: a.name,
  }));
  const outlineShape = outline && { code: 'grens', geometry: outline, className: '', title: '' };
  if (outlineShape) shapes.push(outlineShape);
  const zoomed = zoomToOutline && outlineShape !== undefined;
  const {
    path,
    width: w,
    height,
    visible,
  } = zoomed ? projectShapes([outlineShape], width, ZOOM_MARGIN) : projectShapes(shapes, width, 8);
  const drawnAreas = zoomed ? areas.filter((a) => visible(a.geometry)) : areas;
  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  const summary = describeChoropleth(
    areas,
    unit,
    decimals,
    polarity,
    outline ? outlineLabel : undefined,
  );
  const tooltip = (a: ChoroplethArea) => {
    const status = shownStatus(a);
    if (status === 'geheim') return `${a.name}: ${SECRET_LABEL}`;
    if (status === 'ontbreekt') return `${a.name}: ${MISSING_LABEL}`;
    return `${a.name}: ${formatValue(a.value as number, decimals, unit)}`;
  };
  const map = (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="wk-chart wk-choropleth"
      viewBox={`0 0 ${w} ${height}`}
      width={w}
      height={height}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      focusable="false"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{`${description} ${summary}`.trim()}</desc>
      <defs>
        <PatternDef prefix={id} kind="geheim" />
        <PatternDef prefix={id} kind="ontbreekt" />
      </defs>
      <g class="wk-choropleth__areas" stroke={INK} stroke-width={0.6} stroke-linejoin="round">
        {drawnAreas.map((a) => {
          const status = shownStatus(a);
          return (
            <path
              class={`wk-choropleth__area wk-choropleth__area--${status}`}
              d={path(a.geometry) ?? ''}
              fill={fillFor(
                id,
                status,
                status === 'waarde' ? scale.colourOf(a.value as number) : '',
              )}
              data-code={a.code}
            >
              <title>{tooltip(a)}</title>
            </path>
          );
        })}
      </g>
      {outline && (
        <g class="wk-choropleth__outline" fill="none" stroke-linejoin="round">
          <path d={path(outline) ?? ''} stroke={WHITE} stroke-width={6} />
          <path d={path(outline) ?? ''} stroke={INK} stroke-width={3}>
            <title>{outlineLabel}</title>
          </path>
        </g>
      )}
      {labels.length > 0 && (
        <g class="wk-choropleth__labels" aria-hidden="true">
          {labels.map((l) => {
            const [x, y] = path.centroid(l.geometry);
            return Number.isFinite(x) && Number.isFinite(y) ? (
              <text
                class="wk-choropleth__label"
                x={x.toFixed(1)}
                y={y.toFixed(1)}
                text-anchor="middle"
                dominant-baseline="middle"
                font-size={LABEL_SIZE}
                font-weight="bold"
                fill={INK}
                stroke={WHITE}
                stroke-width={3}
                stroke-linejoin="round"
                paint-order="stroke"
              >
                {l.text}
              </text>
            ) : null;
          })}
        </g>
      )}
    </svg>
  );
  if (!showLegend) return map;
  return (
    <div class="wk-choropleth-figure">
      {map}
      <ChoroplethLegend
        id={id}
        unit={unit}
        decimals={decimals}
        polarity={polarity}
        areas={areas}
        classes={classes}
        outline={outline !== undefined}
        outlineLabel={outlineLabel}
      />
    </div>
  );
}
