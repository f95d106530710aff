/**
 * `npm run bench`: runs every benchmark module in turn, prints a table per module and writes
 * bench/out/<module>.json. A missed target is reported ("doel niet gehaald"), never a failure:
 * the exit code is non-zero only when a benchmark itself breaks.
 *
 * Environment:
 *   BENCH_SCALE=0.1    shrink the work for a quick check (default 1 = national size)
 *   BENCH_ONLY=import  run only these modules (comma-separated names)
 *   BENCH_KEEP=1       keep the temp folder (databases, synthetic file) for inspection
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importBenchmark } from './import.bench.ts';
import { pagesBenchmark } from './pages.bench.ts';
import { snapshotBenchmark } from './snapshot.bench.ts';
import { surveyBenchmark } from './survey.bench.ts';
import { uploadBenchmark } from './upload.bench.ts';
import { wireBenchmark } from './wire.bench.ts';
import { formatTable } from './lib/table.ts';
import type { BenchContext, BenchReport, Benchmark } from './lib/types.ts';

/** Add later benchmarks (HTTP pages, survey load) here. */
const BENCHMARKS: readonly Benchmark[] = [
  importBenchmark,
  pagesBenchmark,
  surveyBenchmark,
  snapshotBenchmark,
  uploadBenchmark,
  wireBenchmark,
];

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(import.meta.dirname, 'out');

function readScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2) {
    throw new Error(`BENCH_SCALE moet een getal groter dan 0 en hoogstens 2 zijn (kreeg "${raw}")`);
  }
  return scale;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'onbekend',
    cores: cpus.length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    commit: gitCommit(),
  };
}

function printReport(bench: Benchmark, report: BenchReport, seconds: number): void {
  console.log(`\n=== ${bench.title} (${seconds.toFixed(1)} s) ===\n`);
  for (const table of report.tables) console.log(`${formatTable(table)}\n`);
  for (const t of report.targets) {
    const verdict = t.met ? 'doel gehaald' : 'doel niet gehaald';
    const unit = t.unit ?? '×';
    const sign = t.direction === 'min' ? '≥' : '≤';
    console.log(
      `${t.name}: ${t.value.toFixed(2)}${unit} (doel ${sign} ${t.target}${unit}) — ${verdict}`,
    );
  }
  for (const note of report.notes) console.log(`• ${note}`);
}

async function main(): Promise<number> {
  const scale = readScale(process.env.BENCH_SCALE);
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const selected = only ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
  if (selected.length === 0)
    throw new Error(
      `BENCH_ONLY noemt geen bekende benchmark (${BENCHMARKS.map((b) => b.name).join(', ')})`,
    );

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-bench-'));
  const keep = process.env.BENCH_KEEP === '1';
  const env = machine();
  console.log(
    `Wijkkompas benchmarks — schaal ${scale}, Node ${env.node}, ${env.cores} kernen (${env.cpu})`,
  );
  if (!env.gcExposed)
    console.log(
      'Let op: start met --expose-gc (npm run bench doet dat) voor schone geheugenmetingen.',
    );
  fs.mkdirSync(outDir, { recursive: true });

  let failed = 0;
  try {
    for (const bench of selected) {
      const dir = fs.mkdtempSync(path.join(tmpDir, `${bench.name}-`));
      const ctx: BenchContext = {
        scale,
        tmpDir: dir,
        root,
        log: (m) => console.log(`  [${bench.name}] ${m}`),
      };
      const start = performance.now();
      try {
        const report = await bench.run(ctx);
        const seconds = (performance.now() - start) / 1000;
        printReport(bench, report, seconds);
        const file = path.join(outDir, `${bench.name}.json`);
        const json = {
          benchmark: bench.name,
          title: bench.title,
          ranAt: new Date().toISOString(),
          scale,
          seconds,
          machine: env,
          targets: report.targets,
          notes: report.notes,
          tables: report.tables,
          ...report.json,
        };
        fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
        console.log(`→ ${path.relative(root, file)}`);
      } catch (error) {
        failed++;
        console.error(`\nBenchmark "${bench.name}" is mislukt:`, error);
      }
    }
  } finally {
    if (keep) console.log(`Tijdelijke map bewaard: ${tmpDir}`);
    else fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return failed === 0 ? 0 : 1;
}

/** What `npm run bench -- --help` prints: the options, and the benchmarks BENCH_ONLY can name. */
export function benchHelp(): string {
  const width = Math.max(...BENCHMARKS.map((b) => b.name.length));
  return [
    'Gebruik: npm run bench            alle benchmarks, op landelijke schaal (duurt lang)',
    '         npm run bench -- --help  deze uitleg',
    '',
    'Instellingen (omgevingsvariabelen):',
    '  BENCH_SCALE=0.1    kleiner werk voor een snelle controle (standaard 1 = landelijke schaal, hoogstens 2)',
    '  BENCH_ONLY=naam    alleen deze benchmarks (met komma’s gescheiden)',
    '  BENCH_KEEP=1       de tijdelijke map (databases, synthetisch bestand) bewaren',
    '',
    'Benchmarks:',
    ...BENCHMARKS.map((b) => `  ${b.name.padEnd(width)}  ${b.title}`),
    '',
    'Uitkomsten staan per benchmark in bench/out/<naam>.json; zie docs/benchmarks.md.',
  ].join('\n');
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(benchHelp());
} else if (args.length > 0) {
  console.error(`Onbekende optie: ${args.join(' ')}\n\n${benchHelp()}`);
  process.exitCode = 1;
} else
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
