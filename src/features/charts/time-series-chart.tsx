import { formatNumber, formatPeriod, formatValue, periodToYear } from './format.ts';
import {
  AREA_STYLES,
  GRID,
  INK,
  MUTED_INK,
  REFERENCE_STYLES,
  TRAJECTORY_STYLE,
  WHITE,
  type LineStyle,
  type MarkerShape,
} from './palette.ts';
import { tickDecimals, valueTicks } from './scales.ts';

export type SeriesKind = 'gebied' | 'referentie' | 'traject';

export interface ChartPoint {
  /** "2023" or a CBS period code ("2023JJ00", "2023KW02", "2023MM03"). */
  period: string;
  value: number | null;
}

export interface ChartSeries {
  /** Stable key, e.g. "nederland"; used in data attributes, never shown. */
  key: string;
  label: string;
  kind: SeriesKind;
  points: readonly ChartPoint[];
}

export interface ChartTarget {
  year: number;
  value: number;
  /** Shown beside the target mark, e.g. "Doel 2040 (voorbeeld)". */
  label: string;
}

export interface TimeSeriesChartProps {
  /** Unique on the page: prefixes every id inside the chart. */
  id: string;
  title: string;
  /** What the chart shows, in words; a summary of the values is added after it. */
  description: string;
  unit: string;
  decimals: number;
  series: readonly ChartSeries[];
  target?: ChartTarget;
  width?: number;
  height?: number;
  /**
   * For small screens: narrower, fewer year labels, and the series named in a legend under the
   * plot instead of at the line ends. Without values it draws nothing (the wide chart says so).
   */
  narrow?: boolean;
  /**
   * Whether the value axis starts at 0 (default true: counts and rates). When false the axis
   * fits the data, and `axisNote` (or a default sentence) says so visibly in the chart.
   */
  fromZero?: boolean;
  /** Why the axis does not start at 0; shown in the chart and read out with the description. */
  axisNote?: string;
}

export const EMPTY_CHART_TEXT = 'Nog geen gegevens voor een grafiek';

/** One point of a line: x is the position on the year axis. */
export interface LinePoint {
  x: number;
  period: string;
  value: number;
}

/**
 * The unbroken runs of a series, in time order. A missing value ends a run: the chart never
 * draws a line across a gap, because that would suggest a figure CBS did not publish.
 */
export function lineSegments(points: readonly ChartPoint[]): LinePoint[][] {
  const placed = points
    .map((p) => ({ x: periodToYear(p.period), period: p.period, value: p.value }))
    .filter((p): p is { x: number; period: string; value: number | null } => p.x !== null)
    .sort((a, b) => a.x - b.x);
  const runs: LinePoint[][] = [];
  let run: LinePoint[] = [];
  for (const p of placed) {
    if (p.value === null || !Number.isFinite(p.value)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ x: p.x, period: p.period, value: p.value });
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Line style per series: by kind, in order, so the same kinds never look alike. */
export function seriesStyles(series: readonly ChartSeries[]): LineStyle[] {
  let areas = 0;
  let references = 0;
  return series.map((s) => {
    if (s.kind === 'traject') return TRAJECTORY_STYLE;
    if (s.kind === 'gebied') return AREA_STYLES[areas++ % AREA_STYLES.length]!;
    return REFERENCE_STYLES[references++ % REFERENCE_STYLES.length]!;
  });
}

function hasValues(series: readonly ChartSeries[]): boolean {
  return series.some((s) => s.points.some((p) => p.value !== null && Number.isFinite(p.value)));
}

/** The chart's data in sentences, for the SVG description (screen readers read this). */
export function describeChart(
  series: readonly ChartSeries[],
  unit: string,
  decimals: number,
  target?: ChartTarget,
): string {
  const sentences: string[] = [];
  for (const s of series) {
    const runs = lineSegments(s.points);
    const values = runs.flat();
    if (values.length === 0) {
      sentences.push(`${s.label}: geen waarden.`);
      continue;
    }
    const first = values[0]!;
    const last = values[values.length - 1]!;
    const v = (p: LinePoint) => formatValue(p.value, decimals, unit);
    let text =
      values.length === 1
        ? `${s.label}: ${v(first)} in ${formatPeriod(first.period)}`
        : `${s.label}: van ${v(first)} in ${formatPeriod(first.period)} naar ${v(last)} in ${formatPeriod(last.period)}`;
    const gaps = s.points
      .filter((p) => {
        const x = periodToYear(p.period);
        return (
          x !== null && x > first.x && x < last.x && (p.value === null || !Number.isFinite(p.value))
        );
      })
      .map((p) => formatPeriod(p.period));
    if (gaps.length > 0) text += ` (geen waarde voor ${gaps.join(', ')})`;
    sentences.push(`${text}.`);
  }
  if (target) {
    sentences.push(
      `${target.label}: ${formatValue(target.value, decimals, unit)} in ${target.year}.`,
    );
  }
  return sentences.join(' ');
}

/** A marker shape centred on (x, y); shapes differ so series are told apart without colour. */
export function Marker({
  shape,
  x,
  y,
  color,
  size = 4,
}: {
  shape: MarkerShape;
  x: number;
  y: number;
  color: string;
  size?: number;
}) {
  const common = { class: 'wk-chart__marker', fill: color, stroke: WHITE, 'stroke-width': 1 };
  const r = size;
  switch (shape) {
    case 'vierkant':
      return <rect {...common} x={fx(x - r)} y={fx(y - r)} width={fx(2 * r)} height={fx(2 * r)} />;
    case 'driehoek':
      return (
        <path
          {...common}
          d={`M${fx(x)},${fx(y - r * 1.2)}L${fx(x + r * 1.1)},${fx(y + r * 0.8)}L${fx(x - r * 1.1)},${fx(y + r * 0.8)}Z`}
        />
      );
    case 'ruit':
      return (
        <path
          {...common}
          d={`M${fx(x)},${fx(y - r * 1.3)}L${fx(x + r * 1.3)},${fx(y)}L${fx(x)},${fx(y + r * 1.3)}L${fx(x - r * 1.3)},${fx(y)}Z`}
        />
      );
    default:
      return <circle {...common} cx={fx(x)} cy={fx(y)} r={fx(r)} />;
  }
}

/** One decimal is finer than a pixel and keeps the markup small. */
function fx(n: number): string {
  const text = n.toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** A year step that keeps at most `most` labels on the x axis (about a dozen when wide). */
function yearStep(span: number, most: number): number {
  for (const step of [1, 2, 5, 10, 20, 50]) if (span / step <= most) return step;
  return 100;
}

/** Moves labels apart vertically so none overlap, keeping them inside [top, bottom]. */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number) {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => Math.min(Math.max(o.y, top), bottom));
  for (let k = 1; k < placed.length; k++) {
    placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  }
  // Pushed past the bottom: shift the stack up again from the last label.
  const overflow = placed.length > 0 ? placed[placed.length - 1]! - bottom : 0;
  if (overflow > 0) {
    placed[placed.length - 1] = bottom;
    for (let k = placed.length - 2; k >= 0; k--) {
      placed[k] = Math.min(placed[k]!, placed[k + 1]! - gap);
    }
  }
  const result = new Array<number>(wanted.length);
  order.forEach((o, k) => (result[o.i] = placed[k]!));
  return result;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_SIZE = 13;
/** Height of one legend line in the narrow chart. */
const LEGEND_ROW = 18;
/** Rough width of one character at FONT_SIZE, to reserve room for the direct labels (the
 * margin adds room for the swatch and a few wider letters). */
const CHAR_WIDTH = 7;

/**
 * A line chart of one indicator over time, drawn as plain SVG on the server. The chart is one
 * image for assistive technology (role="img" with a title and a description that reads out the
 * values); the table beside it on the page has every figure. Lines differ by dash pattern,
 * thickness and marker shape as well as colour, and are labelled directly at their ends.
 */
export function TimeSeriesChart({
  id,
  title,
  description,
  unit,
  decimals,
  series,
  target,
  narrow = false,
  width = narrow ? 360 : 720,
  height = narrow ? 240 : 360,
  fromZero = true,
  axisNote,
}: TimeSeriesChartProps) {
  if (!hasValues(series)) {
    if (narrow) return null;
    return (
      <p class="wk-chart-empty" id={id}>
        {EMPTY_CHART_TEXT}.
      </p>
    );
  }
  if (singlePeriod(series) && !target) {
    return (
      <DotComparison
        {...{ id, title, description, unit, decimals, series, narrow, width, fromZero }}
        {...(axisNote ? { axisNote } : {})}
      />
    );
  }
  const styles = seriesStyles(series);
  const runsPerSeries = series.map((s) => lineSegments(s.points));

  // Axis domains: every period listed (so a gap shows as a gap on the axis), every value and
  // the target.
  const xs: number[] = [];
  const values: number[] = [];
  for (const s of series) {
    for (const p of s.points) {
      const x = periodToYear(p.period);
      if (x === null) continue;
      xs.push(x);
      if (p.value !== null && Number.isFinite(p.value)) values.push(p.value);
    }
  }
  if (target) {
    xs.push(target.year);
    values.push(target.value);
  }
  let xMin = Math.min(...xs);
  let xMax = Math.max(...xs);
  if (xMin === xMax) {
    xMin -= 1;
    xMax += 1;
  }
  const yTicks = valueTicks(values, fromZero, 5);
  const yMin = yTicks[0]!;
  const note = yMin === 0 ? null : axisNoteText(yMin, decimals, axisNote);
  const yMax = yTicks[yTicks.length - 1]!;
  const yDecimals = tickDecimals(yTicks);

  // Labels at the line ends: one per series with a value, plus the target.
  interface EndLabel {
    text: string;
    style: LineStyle;
    value: number;
  }
  const endLabels: EndLabel[] = [];
  series.forEach((s, i) => {
    const flat = runsPerSeries[i]!.flat();
    const last = flat[flat.length - 1];
    if (last) endLabels.push({ text: s.label, style: styles[i]!, value: last.value });
  });
  const longest = Math.max(...endLabels.map((l) => l.text.length));
  // Narrow: a legend of one line per series under the year labels, and no labels at the side.
  const legendHeight = narrow ? endLabels.length * LEGEND_ROW + 8 : 0;
  const totalHeight = height + legendHeight;
  const margin = {
    top: note ? 44 : 28,
    bottom: 40 + legendHeight,
    left: 16 + CHAR_WIDTH * Math.max(...yTicks.map((t) => formatNumber(t, yDecimals).length)),
    right: narrow ? 20 : Math.min(260, 56 + CHAR_WIDTH * longest),
  };
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const plotBottom = totalHeight - margin.bottom;
  const inset = 12; // keeps end markers off the axes
  const sx = (x: number) =>
    plotLeft + inset + ((x - xMin) / (xMax - xMin)) * (plotRight - plotLeft - 2 * inset);
  const sy = (v: number) => plotBottom - ((v - yMin) / (yMax - yMin)) * (plotBottom - plotTop);

  const step = yearStep(xMax - xMin, narrow ? 5 : 12);
  const xTicks: number[] = [];
  for (let year = Math.ceil(xMin / step) * step; year <= xMax; year += step) xTicks.push(year);

  const labelY = spreadLabels(
    endLabels.map((l) => sy(l.value)),
    FONT_SIZE + 3,
    plotTop,
    plotBottom,
  );

  // The target's label goes on the side the trajectory does not come from, inside the plot.
  let targetLabelY = 0;
  if (target) {
    const ty = sy(target.value);
    const before = series
      .filter((s) => s.kind === 'traject')
      .flatMap((s) => lineSegments(s.points).flat())
      .filter((p) => p.x < target.year)
      .sort((a, b) => b.x - a.x)[0];
    const fromAbove = before !== undefined && before.value > target.value;
    const below = ty + 24;
    const above = ty - 14;
    targetLabelY = (fromAbove && below <= plotBottom - 4) || above < plotTop + 4 ? below : above;
  }

  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  const summary = describeChart(series, unit, decimals, target);

  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class={`wk-chart wk-chart--tijdreeks${narrow ? ' wk-chart--smal' : ''}`}
      viewBox={`0 0 ${width} ${totalHeight}`}
      width={width}
      height={totalHeight}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      focusable="false"
      font-family={FONT}
      font-size={FONT_SIZE}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{[description, summary, note].filter(Boolean).join(' ').trim()}</desc>
      <text class="wk-chart__unit" x={plotLeft} y={14} fill={MUTED_INK}>
        {unit}
      </text>
      {note && (
        <text class="wk-chart__axis-note" x={plotLeft} y={32} fill={INK}>
          {note}
        </text>
      )}
      <g class="wk-chart__y-axis">
        {yTicks.map((t) => (
          <g>
            <line
              x1={plotLeft}
              x2={plotRight}
              y1={fx(sy(t))}
              y2={fx(sy(t))}
              stroke={t === yMin ? INK : GRID}
              stroke-width={1}
            />
            <text
              x={plotLeft - 6}
              y={fx(sy(t))}
              text-anchor="end"
              dominant-baseline="middle"
              fill={MUTED_INK}
            >
              {formatNumber(t, yDecimals)}
            </text>
          </g>
        ))}
      </g>
      <g class="wk-chart__x-axis">
        {xTicks.map((year) => (
          <g>
            <line
              x1={fx(sx(year))}
              x2={fx(sx(year))}
              y1={plotBottom}
              y2={plotBottom + 5}
              stroke={INK}
            />
            <text x={fx(sx(year))} y={plotBottom + 20} text-anchor="middle" fill={MUTED_INK}>
              {String(year)}
            </text>
          </g>
        ))}
      </g>
      {series.map((s, i) => {
        const style = styles[i]!;
        const runs = runsPerSeries[i]!;
        return (
          <g class={`wk-chart__series wk-chart__series--${s.kind}`} data-key={s.key}>
            {runs
              .filter((run) => run.length > 1)
              .map((run) => (
                <path
                  class="wk-chart__line"
                  d={run
                    .map((p, k) => `${k === 0 ? 'M' : 'L'}${fx(sx(p.x))},${fx(sy(p.value))}`)
                    .join('')}
                  fill="none"
                  stroke={style.color}
                  stroke-width={style.width}
                  stroke-dasharray={style.dash}
                  stroke-linejoin="round"
                  stroke-linecap={style.dash ? 'butt' : 'round'}
                />
              ))}
            {runs
              // A trajectory is a drawn line, not data: only a lone point needs a mark.
              .filter((run) => s.kind !== 'traject' || run.length === 1)
              .flat()
              .map((p) => (
                <Marker shape={style.marker} x={sx(p.x)} y={sy(p.value)} color={style.color} />
              ))}
          </g>
        );
      })}
      {target && (
        <g class="wk-chart__target">
          <circle
            cx={fx(sx(target.year))}
            cy={fx(sy(target.value))}
            r={7}
            fill={WHITE}
            stroke={TRAJECTORY_STYLE.color}
            stroke-width={2}
          />
          <circle
            cx={fx(sx(target.year))}
            cy={fx(sy(target.value))}
            r={2.5}
            fill={TRAJECTORY_STYLE.color}
          />
          <text x={fx(sx(target.year))} y={fx(targetLabelY)} text-anchor="end" fill={INK}>
            {`${target.label}: ${formatNumber(target.value, decimals)}`}
          </text>
        </g>
      )}
      <g class={narrow ? 'wk-chart__legend' : 'wk-chart__labels'}>
        {endLabels.map((l, i) => {
          const y = narrow ? plotBottom + 40 + i * LEGEND_ROW : labelY[i]!;
          const x0 = narrow ? plotLeft : plotRight + 8;
          return (
            <g>
              <line
                x1={x0}
                x2={x0 + 22}
                y1={fx(y)}
                y2={fx(y)}
                stroke={l.style.color}
                stroke-width={l.style.width}
                stroke-dasharray={l.style.dash}
              />
              <text x={x0 + 28} y={fx(y)} dominant-baseline="middle" fill={INK}>
                {l.text}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** The visible sentence for an axis that does not start at 0, with the reason when given. */
export function axisNoteText(start: number, decimals: number, reason?: string): string {
  const base = `Let op: de as begint bij ${formatNumber(start, Math.max(0, decimals))}, niet bij 0.`;
  return reason ? `${base} ${reason}` : base;
}

/** True when the data series (not a trajectory) have values in one period only. */
export function singlePeriod(series: readonly ChartSeries[]): boolean {
  const periods = new Set<number>();
  for (const s of series) {
    for (const run of lineSegments(s.points)) {
      for (const p of run) {
        if (s.kind === 'traject') return false;
        periods.add(p.x);
      }
    }
  }
  return periods.size === 1;
}

/** Height of one row in the dot comparison. */
const DOT_ROW = 32;

/**
 * One period only: a line with one point says nothing about change, so the areas are compared
 * as labelled dots on one value axis (from 0 for counts and rates), one row per area.
 */
function DotComparison({
  id,
  title,
  description,
  unit,
  decimals,
  series,
  narrow,
  width,
  fromZero,
  axisNote,
}: {
  id: string;
  title: string;
  description: string;
  unit: string;
  decimals: number;
  series: readonly ChartSeries[];
  narrow: boolean;
  width: number;
  fromZero: boolean;
  axisNote?: string;
}) {
  const styles = seriesStyles(series);
  const rows = series
    .map((s, i) => ({ s, style: styles[i]!, point: lineSegments(s.points).flat()[0] }))
    .filter((r): r is typeof r & { point: LinePoint } => r.point !== undefined);
  const period = rows[0]!.point.period;
  const ticks = valueTicks(
    rows.map((r) => r.point.value),
    fromZero,
    narrow ? 3 : 5,
  );
  const tMin = ticks[0]!;
  const tMax = ticks[ticks.length - 1]!;
  const tDecimals = tickDecimals(ticks);
  const note = tMin === 0 ? null : axisNoteText(tMin, decimals, axisNote);
  const longest = Math.max(...rows.map((r) => r.s.label.length));
  // Wide: names left of the rows. Narrow: names above each dot, so long names keep the width.
  const labelWidth = narrow ? 16 : Math.min(280, 20 + 8 * longest);
  const row = narrow ? DOT_ROW + 16 : DOT_ROW;
  const dotY = (i: number) => top + row * (i + 0.5) + (narrow ? 8 : 0);
  const valueRoom = 12 + CHAR_WIDTH * 9;
  const top = note ? 48 : 32;
  const plotLeft = labelWidth;
  const plotRight = width - valueRoom;
  const plotBottom = top + rows.length * row;
  const height = plotBottom + 34;
  const sx = (v: number) => plotLeft + ((v - tMin) / (tMax - tMin)) * (plotRight - plotLeft);
  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  const summary = describeChart(series, unit, decimals);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      // Also a "tijdreeks": the page's CSS shows the wide or the narrow drawing by screen width.
      class={`wk-chart wk-chart--tijdreeks wk-chart--stippen${narrow ? ' wk-chart--smal' : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      focusable="false"
      font-family={FONT}
      font-size={FONT_SIZE}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>
        {[
          description,
          `Alleen ${formatPeriod(period)}: een vergelijking, geen ontwikkeling.`,
          summary,
          note,
        ]
          .filter(Boolean)
          .join(' ')}
      </desc>
      <text class="wk-chart__unit" x={plotLeft} y={14} fill={MUTED_INK}>
        {`${unit}, ${formatPeriod(period)}`}
      </text>
      {note && (
        <text class="wk-chart__axis-note" x={plotLeft} y={32} fill={INK}>
          {note}
        </text>
      )}
      <g class="wk-chart__x-axis">
        {ticks.map((t) => (
          <g>
            <line
              x1={fx(sx(t))}
              x2={fx(sx(t))}
              y1={top}
              y2={plotBottom}
              stroke={t === tMin ? INK : GRID}
              stroke-width={1}
            />
            <text x={fx(sx(t))} y={plotBottom + 20} text-anchor="middle" fill={MUTED_INK}>
              {formatNumber(t, tDecimals)}
            </text>
          </g>
        ))}
      </g>
      {rows.map((r, i) => {
        const y = dotY(i);
        const x = sx(r.point.value);
        return (
          <g class={`wk-chart__series wk-chart__series--${r.s.kind}`} data-key={r.s.key}>
            <line x1={plotLeft} x2={fx(x)} y1={fx(y)} y2={fx(y)} stroke={GRID} stroke-width={1} />
            <Marker shape={r.style.marker} x={x} y={y} color={r.style.color} size={6} />
            <text
              class="wk-chart__value"
              x={fx(x + 12)}
              y={fx(y)}
              dominant-baseline="middle"
              fill={INK}
            >
              {formatNumber(r.point.value, decimals)}
            </text>
          </g>
        );
      })}
      {/* The names of the rows: the same group names as the line chart's labels and legend. */}
      <g class={narrow ? 'wk-chart__legend' : 'wk-chart__labels'}>
        {rows.map((r, i) => (
          <text
            x={narrow ? plotLeft : plotLeft - 10}
            y={fx(narrow ? dotY(i) - 16 : dotY(i))}
            text-anchor={narrow ? 'start' : 'end'}
            dominant-baseline="middle"
            fill={INK}
          >
            {r.s.label}
          </text>
        ))}
      </g>
    </svg>
  );
}
