/** Boundary maps: area geometry and the SVG map. */
export { AreaMap, MapLegend, projectShapes } from './area-map.tsx';
export type { LegendItem, MapShape } from './area-map.tsx';
export { mergeGeometries, parseAreaGeometry, rewindForD3 } from './geometry.ts';
export type { AreaGeometry } from './geometry.ts';
