import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs fn and returns its result with the wall time in milliseconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

const gcFn = (globalThis as { gc?: () => void }).gc;

/**
 * Collects garbage before a phase so one phase's leftovers are not billed to the next. Without
 * --expose-gc (npm run bench passes it) this does nothing and the report says so.
 */
export function collectGarbage(): boolean {
  if (!gcFn) return false;
  gcFn();
  gcFn();
  return true;
}

export const MB = 1024 * 1024;
