/**
 * Colours and line styles for charts and maps. The charts set these as SVG presentation
 * attributes (not CSS classes) so they look the same in the page, in a factsheet PDF and in a
 * bare test page. Values are Utrecht / NL Design System tokens written out in hex.
 */

/** --utrecht-color-grey-10: text and outlines. */
export const INK = '#1a1a1a';
/** --utrecht-color-grey-30: axis labels (7:1 on white, readable as text too). */
export const MUTED_INK = '#4d4d4d';
/** --utrecht-color-grey-80: grid lines; decoration only, the labels carry the values. */
export const GRID = '#cccccc';
export const WHITE = '#ffffff';

export type MarkerShape = 'cirkel' | 'vierkant' | 'driehoek' | 'ruit';

export interface LineStyle {
  color: string;
  /** SVG stroke-dasharray; undefined is a solid line. */
  dash?: string;
  width: number;
  marker: MarkerShape;
}

/** The areas the page is about: solid and thick, so they stand out without colour. */
export const AREA_STYLES: readonly LineStyle[] = [
  { color: '#1c4181', width: 3, marker: 'cirkel' }, // --utrecht-color-secondary-navy
  { color: '#a34f00', width: 3, marker: 'vierkant' }, // dark orange
];

/** Comparison areas: thinner, each with its own dash pattern and marker shape. */
export const REFERENCE_STYLES: readonly LineStyle[] = [
  { color: MUTED_INK, dash: '8 3', width: 2, marker: 'vierkant' },
  { color: '#8a4b24', dash: '2 3', width: 2.5, marker: 'driehoek' }, // darkened secondary-brown
  { color: '#762cd1', dash: '10 3 2 3', width: 2, marker: 'ruit' }, // secondary-purple
  { color: '#4d6335', dash: '14 3 2 3 2 3', width: 2, marker: 'cirkel' }, // --utrecht-color-green-30
];

/** Target trajectories: dashed red, with the target itself marked. */
export const TRAJECTORY_STYLE: LineStyle = {
  color: '#cc0000', // --utrecht-color-secondary-red
  dash: '5 5',
  width: 2,
  marker: 'cirkel',
};

/**
 * Sequential map colours from light to dark (hue 211, saturation 60% as the Utrecht blues).
 * Darker always means more; the legend says in words which end is favourable.
 */
export const SEQUENTIAL_RAMP: readonly string[] = [
  '#e7eff9',
  '#bad3ee',
  '#89b4e1',
  '#5894d5',
  '#3075c0',
  '#255a93',
  '#1a3e66',
];

/** Fill behind the hatching of a secret value, and behind the dots of a missing one. */
export const SECRET_BACKGROUND = '#e6e6e6';
export const MISSING_BACKGROUND = WHITE;

/** `count` colours spread evenly over the ramp, light to dark. */
export function rampColours(count: number): string[] {
  const last = SEQUENTIAL_RAMP.length - 1;
  if (count <= 0) return [];
  if (count === 1) return [SEQUENTIAL_RAMP[Math.floor(last / 2)]!];
  return Array.from(
    { length: count },
    (_, i) => SEQUENTIAL_RAMP[Math.round((i * last) / (count - 1))]!,
  );
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
