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
