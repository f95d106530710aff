import cliProgress from 'cli-progress';
import type { ProgressReporter } from '../features/imports/import.types.ts';

/** A progress bar on stderr for long imports; silent when stderr is not a terminal. */
export function createProgress(): { report: ProgressReporter; stop(): void } {
  if (!process.stderr.isTTY) return { report: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let phase = '';
  return {
    report(nextPhase, done, total) {
      if (total < 5000) return; // short runs need no bar
      if (!bar || nextPhase !== phase) {
        bar?.stop();
        phase = nextPhase;
        bar = new cliProgress.SingleBar(
          { format: `${phase} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * The progress line of `haal-op` with a bar in front: a line that starts with "[12/247]" (job
 * 12 of 247) gets "[#####---------------] 5% " before it. Other lines stay as they are.
 */
export function withJobBar(line: string, width = 20): string {
  const at = /^\[(\d+)\/(\d+)\]/.exec(line);
  if (!at) return line;
  const total = Number(at[2]);
  // The job in hand is still running: the bar counts the jobs before it as done.
  const done = Math.min(total, Math.max(0, Number(at[1]) - 1));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${line}`;
}
