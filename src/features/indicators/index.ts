/** The indicator catalogue: its schema, the version in force and what data each indicator has. */
export { measureVariables, stemList } from './catalogue.schema.ts';
export type {
  Catalogue,
  Indicator,
  Measure,
  MeasureType,
  Polarity,
  SurveyProportionMeasure,
  Theme,
} from './catalogue.schema.ts';
export { activeCatalogue } from './catalogue.store.ts';
export { findIndicator, loadCatalogue } from './catalogue.ts';
export { availabilityFromLoaded, indicatorAvailability } from './indicator-availability.ts';
export type { IndicatorAvailability } from './indicator-availability.ts';
