/** The aggregation rules other features use: member values to an area value. */
export { describeExclusions } from './aggregate.ts';
export type { AggregateFlag } from './aggregate.ts';
export { aggregateIndicatorFrom, listKey } from './aggregation.service.ts';
export type { IndicatorAggregate } from './aggregation.service.ts';
export { SnapshotSource } from './observation-source.ts';
export type { ObservationSource } from './observation-source.ts';
