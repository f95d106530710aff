/**
 * A benchmark module: bench/run.ts calls each registered module in turn. Later benchmarks (HTTP
 * pages, survey load) add a module with this shape and one line in run.ts.
 */
export interface BenchContext {
  /** 1 for the full national size; BENCH_SCALE=0.1 shrinks the work for a quick check. */
  scale: number;
  /** A temp folder for this run only; removed afterwards unless BENCH_KEEP=1. */
  tmpDir: string;
  /** Project root (datasets/ lives here). */
  root: string;
  log(message: string): void;
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** Whether a measured ratio met its target: informative only, never a reason to fail the run. */
export interface TargetCheck {
  name: string;
  value: number;
  target: number;
  met: boolean;
  /** 'max' (default): value must stay at or below target; 'min': at or above it. */
  direction?: 'max' | 'min';
  /** Printed after value and target; default '×' (a ratio). */
  unit?: string;
}

export interface BenchReport {
  name: string;
  tables: ReportTable[];
  targets: TargetCheck[];
  notes: string[];
  /** Everything measured, machine-readable; written to bench/out/<name>.json. */
  json: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}
