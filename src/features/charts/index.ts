/** Accessible SVG charts, their scales, palette and number formats. */
export { Choropleth, ZOOMED_MAP_WIDTH } from './choropleth.tsx';
export type { ChoroplethArea } from './choropleth.tsx';
export { formatPeriod, formatValue } from './format.ts';
export { AREA_STYLES, GRID, INK, MUTED_INK, REFERENCE_STYLES } from './palette.ts';
export { niceTicks, zeroBasedMeasure } from './scales.ts';
export { TimeSeriesChart, singlePeriod } from './time-series-chart.tsx';
export type { ChartSeries } from './time-series-chart.tsx';
