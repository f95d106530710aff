import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Runs GNU PSPP (Debian `pspp`) over a syntax file and returns its output tables. PSPP writes
 * its output as text in CSV form (`-o out.csv`): one block per table, headed "Table: <title>",
 * which is easier to read reliably than the boxed text layout that wraps long labels.
 */

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why PSPP cannot run here, or undefined when it can. In CI its absence is a failure. */
export function psppUnavailable(): string | undefined {
  const probe = spawnSync('pspp', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  if (inCi)
    throw new Error('CI: PSPP (Debian-pakket pspp) is verplicht voor de .sav-test, maar ontbreekt');
  return 'PSPP niet geïnstalleerd (Debian-pakket pspp)';
}

export interface PsppRun {
  /** Table title → rows (the first row is the table's header). */
  tables: Map<string, string[][]>;
  /** Everything PSPP wrote, notes and warnings included. */
  text: string;
}

export function runPspp(dir: string, syntax: string): PsppRun {
  const sps = path.join(dir, 'check.sps');
  const out = path.join(dir, 'out.csv');
  fs.writeFileSync(sps, syntax);
  const run = spawnSync('pspp', ['-o', out, sps], { encoding: 'utf8', cwd: dir });
  const csv = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const text = `${run.stdout}\n${run.stderr}\n${csv}`;
  if (run.status !== 0) throw new Error(`pspp stopte met code ${run.status}:\n${text}`);
  const tables = new Map<string, string[][]>();
  for (const block of csv.split(/\n\n+/)) {
    const match = /^Table: (.*)\n/.exec(block);
    if (!match) continue;
    const rows = parse(block.slice(match[0].length), { relax_column_count: true }) as string[][];
    tables.set(match[1]!, rows);
  }
  return { tables, text };
}

/** A table's rows as objects keyed by its header. */
export function records(run: PsppRun, title: string): Record<string, string>[] {
  const rows = run.tables.get(title);
  if (!rows) throw new Error(`PSPP gaf geen tabel "${title}":\n${run.text}`);
  const [head, ...body] = rows;
  return body.map((row) => Object.fromEntries(head!.map((h, i) => [h, row[i] ?? ''])));
}
