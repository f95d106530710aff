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
  /** Height of the plot in CSS pixels; the width follows the column (one drawing for all). */
  height?: number;
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
/** In CSS pixels: the chart has no viewBox, so its text is never scaled down on a phone. */
const FONT_SIZE = 13;
/** Height of one legend line under the plot. */
const LEGEND_ROW = 18;
/** Characters of a note line: about 330 px at FONT_SIZE, the width of a 375 px phone's column. */
const NOTE_CHARS = 46;
/** Horizontal room in the plot's own units (it is stretched to the chart's width). */
const PLOT_UNITS = 1000;
/** Left and right inset of the first and last year, in % of the width: keeps their labels in. */
const X_INSET = 6;

/** A percentage of the chart's width, as an SVG length. */
function pct(n: number): string {
  return `${fx(n)}%`;
}

/** A long note cut into lines of at most `most` characters, at spaces. */
export function wrapText(text: string, most: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > most) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A note over several lines, starting at baseline y. */
function NoteText({ text, y }: { text: string; y: number }) {
  return (
    <text class="wk-chart__axis-note" x={0} y={y} fill={INK}>
      {wrapText(text, NOTE_CHARS).map((line, i, all) => (
        // A space between the lines keeps the note's text one sentence for copy and search.
        <tspan x={0} dy={i === 0 ? 0 : FONT_SIZE + 3}>
          {i < all.length - 1 ? `${line} ` : line}
        </tspan>
      ))}
    </text>
  );
}

/** A marker placed at (x% of the width, y px): a nested SVG moves its origin there. */
function PlacedMarker(props: {
  shape: MarkerShape;
  x: number;
  y: number;
  color: string;
  size?: number;
}) {
  return (
    <svg x={pct(props.x)} y={fx(props.y)} overflow="visible">
      <Marker
        shape={props.shape}
        x={0}
        y={0}
        color={props.color}
        {...(props.size ? { size: props.size } : {})}
      />
    </svg>
  );
}

/**
 * A line chart of one indicator over time, drawn as plain SVG on the server: one drawing for
 * every screen width. It has no viewBox: heights and text are in CSS pixels (13 px text on a
 * phone and on a laptop), horizontal positions are percentages of the width, and the lines lie
 * in a plot that stretches to the width with strokes that do not stretch. The chart is one image
 * for assistive technology (role="img" with a title and a description that reads out the
 * values); the table beside it on the page has every figure. Lines differ by dash pattern,
 * thickness and marker shape as well as colour, and a legend under the plot names them.
 */
export function TimeSeriesChart({
  id,
  title,
  description,
  unit,
  decimals,
  series,
  target,
  height = 260,
  fromZero = true,
  axisNote,
}: TimeSeriesChartProps) {
  if (!hasValues(series)) {
    return (
      <p class="wk-chart-empty" id={id}>
        {EMPTY_CHART_TEXT}.
      </p>
    );
  }
  if (singlePeriod(series) && !target) {
    return (
      <DotComparison
        {...{ id, title, description, unit, decimals, series, fromZero }}
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
  const noteLines = note ? wrapText(note, NOTE_CHARS).length : 0;
  const yMax = yTicks[yTicks.length - 1]!;
  const yDecimals = tickDecimals(yTicks);

  // The legend: one line per series with a value.
  const legend = series
    .map((s, i) => ({ text: s.label, style: styles[i]!, has: runsPerSeries[i]!.length > 0 }))
    .filter((l) => l.has);
  const legendHeight = legend.length * LEGEND_ROW + 8;
  // Room above the plot for the unit, the note and the label of the top grid line.
  const plotTop = 24 + noteLines * (FONT_SIZE + 3) + FONT_SIZE + 6;
  const plotBottom = plotTop + height;
  const totalHeight = plotBottom + 32 + legendHeight;
  /** x in % of the width. */
  const sx = (x: number) => X_INSET + ((x - xMin) / (xMax - xMin)) * (100 - 2 * X_INSET);
  const sy = (v: number) => plotBottom - ((v - yMin) / (yMax - yMin)) * (plotBottom - plotTop);
  /** x in the plot's own units, y relative to the plot's top. */
  const px = (x: number) => (sx(x) / 100) * PLOT_UNITS;
  const py = (v: number) => sy(v) - plotTop;

  // At most six year labels: they fit a phone's width as well as a laptop's.
  const step = yearStep(xMax - xMin, 6);
  const xTicks: number[] = [];
  for (let year = Math.ceil(xMin / step) * step; year <= xMax; year += step) xTicks.push(year);

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
      class="wk-chart wk-chart--tijdreeks"
      width="100%"
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
      <text class="wk-chart__unit" x={0} y={14} fill={MUTED_INK}>
        {unit}
      </text>
      {note && <NoteText text={note} y={32} />}
      <g class="wk-chart__y-axis">
        {yTicks.map((t) => (
          <g>
            <line
              x1={0}
              x2="100%"
              y1={fx(sy(t))}
              y2={fx(sy(t))}
              stroke={t === yMin ? INK : GRID}
              stroke-width={1}
            />
            {/* The value stands above its grid line at the left: no margin that a phone lacks. */}
            <text x={0} y={fx(sy(t) - 4)} fill={MUTED_INK}>
              {formatNumber(t, yDecimals)}
            </text>
          </g>
        ))}
      </g>
      <g class="wk-chart__x-axis">
        {xTicks.map((year) => (
          <g>
            <line
              x1={pct(sx(year))}
              x2={pct(sx(year))}
              y1={plotBottom}
              y2={plotBottom + 5}
              stroke={INK}
            />
            <text x={pct(sx(year))} y={plotBottom + 20} text-anchor="middle" fill={MUTED_INK}>
              {String(year)}
            </text>
          </g>
        ))}
      </g>
      {series.map((s, i) => {
        const style = styles[i]!;
        const runs = runsPerSeries[i]!;
        const lines = runs.filter((run) => run.length > 1);
        return (
          <g class={`wk-chart__series wk-chart__series--${s.kind}`} data-key={s.key}>
            {lines.length > 0 && (
              <svg
                y={plotTop}
                width="100%"
                height={height}
                viewBox={`0 0 ${PLOT_UNITS} ${height}`}
                preserveAspectRatio="none"
                overflow="visible"
              >
                {lines.map((run) => (
                  <path
                    class="wk-chart__line"
                    d={run
                      .map((p, k) => `${k === 0 ? 'M' : 'L'}${fx(px(p.x))},${fx(py(p.value))}`)
                      .join('')}
                    fill="none"
                    stroke={style.color}
                    stroke-width={style.width}
                    stroke-dasharray={style.dash}
                    stroke-linejoin="round"
                    stroke-linecap={style.dash ? 'butt' : 'round'}
                    vector-effect="non-scaling-stroke"
                  />
                ))}
              </svg>
            )}
            {runs
              // A trajectory is a drawn line, not data: only a lone point needs a mark.
              .filter((run) => s.kind !== 'traject' || run.length === 1)
              .flat()
              .map((p) => (
                <PlacedMarker
                  shape={style.marker}
                  x={sx(p.x)}
                  y={sy(p.value)}
                  color={style.color}
                />
              ))}
          </g>
        );
      })}
      {target && (
        <g class="wk-chart__target">
          <circle
            cx={pct(sx(target.year))}
            cy={fx(sy(target.value))}
            r={7}
            fill={WHITE}
            stroke={TRAJECTORY_STYLE.color}
            stroke-width={2}
          />
          <circle
            cx={pct(sx(target.year))}
            cy={fx(sy(target.value))}
            r={2.5}
            fill={TRAJECTORY_STYLE.color}
          />
          <text x={pct(sx(target.year))} y={fx(targetLabelY)} text-anchor="end" fill={INK}>
            {`${target.label}: ${formatNumber(target.value, decimals)}`}
          </text>
        </g>
      )}
      <g class="wk-chart__legend">
        {legend.map((l, i) => {
          const y = plotBottom + 40 + i * LEGEND_ROW;
          return (
            <g>
              <line
                x1={0}
                x2={22}
                y1={fx(y)}
                y2={fx(y)}
                stroke={l.style.color}
                stroke-width={l.style.width}
                stroke-dasharray={l.style.dash}
              />
              <text x={28} y={fx(y)} dominant-baseline="middle" fill={INK}>
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

/** Height of one row in the dot comparison: the name above, the dot under it. */
const DOT_ROW = 48;
/** Where the dot comparison's value axis starts and ends, in % of the width; the room on the
 * right is for the value beside the largest dot. */
const DOT_LEFT = 3;
const DOT_RIGHT = 78;

/**
 * One period only: a line with one point says nothing about change, so the areas are compared
 * as labelled dots on one value axis (from 0 for counts and rates), one row per area with its
 * name above the dot. Like the line chart it has no viewBox: it adapts to the width.
 */
function DotComparison({
  id,
  title,
  description,
  unit,
  decimals,
  series,
  fromZero,
  axisNote,
}: {
  id: string;
  title: string;
  description: string;
  unit: string;
  decimals: number;
  series: readonly ChartSeries[];
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
    4,
  );
  const tMin = ticks[0]!;
  const tMax = ticks[ticks.length - 1]!;
  const tDecimals = tickDecimals(ticks);
  const note = tMin === 0 ? null : axisNoteText(tMin, decimals, axisNote);
  const noteLines = note ? wrapText(note, NOTE_CHARS).length : 0;
  const top = 24 + noteLines * (FONT_SIZE + 3) + 8;
  const dotY = (i: number) => top + DOT_ROW * (i + 0.5) + 8;
  const plotBottom = top + rows.length * DOT_ROW;
  const height = plotBottom + 34;
  const sx = (v: number) => DOT_LEFT + ((v - tMin) / (tMax - tMin)) * (DOT_RIGHT - DOT_LEFT);
  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  const summary = describeChart(series, unit, decimals);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      // Also a "tijdreeks": the page's CSS sizes both kinds alike.
      class="wk-chart wk-chart--tijdreeks wk-chart--stippen"
      width="100%"
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
      <text class="wk-chart__unit" x={0} y={14} fill={MUTED_INK}>
        {`${unit}, ${formatPeriod(period)}`}
      </text>
      {note && <NoteText text={note} y={32} />}
      <g class="wk-chart__x-axis">
        {ticks.map((t) => (
          <g>
            <line
              x1={pct(sx(t))}
              x2={pct(sx(t))}
              y1={top}
              y2={plotBottom}
              stroke={t === tMin ? INK : GRID}
              stroke-width={1}
            />
            <text x={pct(sx(t))} y={plotBottom + 20} text-anchor="middle" fill={MUTED_INK}>
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
            <line
              x1={pct(DOT_LEFT)}
              x2={pct(x)}
              y1={fx(y)}
              y2={fx(y)}
              stroke={GRID}
              stroke-width={1}
            />
            <PlacedMarker shape={r.style.marker} x={x} y={y} color={r.style.color} size={6} />
            <text
              class="wk-chart__value"
              x={pct(x)}
              dx={12}
              y={fx(y)}
              dominant-baseline="middle"
              fill={INK}
            >
              {formatNumber(r.point.value, decimals)}
            </text>
          </g>
        );
      })}
      {/* The names of the rows, above their dots: the same legend group as the line chart's. */}
      <g class="wk-chart__legend">
        {rows.map((r, i) => (
          <text x={pct(DOT_LEFT)} y={fx(dotY(i) - 16)} dominant-baseline="middle" fill={INK}>
            {r.s.label}
          </text>
        ))}
      </g>
    </svg>
  );
}
