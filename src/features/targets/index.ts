/** Targets and their status rules. */
export {
  STATUS_RULE_NL,
  TARGET_KINDS_NL,
  evaluateTarget,
  noiseBand,
  periodYear,
} from './target-rules.ts';
export { listTargets } from './target.repository.ts';
export { seedExampleTargets } from './target.service.ts';
export type { StoredTarget, Target, TargetEvaluation, TrajectoryPoint } from './target.types.ts';
