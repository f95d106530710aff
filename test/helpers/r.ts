import { spawnSync } from 'node:child_process';

/**
 * Runs R (Debian `r-base-core` with `r-cran-survey`) for tests that compare with R live.
 * Outside CI a missing R skips those tests; in CI it is a failure, as with PSPP.
 */

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why R with the survey package cannot run here, or undefined when it can. */
export function rUnavailable(): string | undefined {
  const probe = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))'], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return undefined;
  if (inCi) {
    throw new Error(
      'CI: R met het survey-pakket (Debian-pakketten r-base-core en r-cran-survey) is verplicht ' +
        'voor de vergelijking met R, maar ontbreekt',
    );
  }
  return 'R of het survey-pakket ontbreekt (Debian-pakketten r-base-core, r-cran-survey)';
}

/** Runs an R script with arguments; throws with R's output when it fails. */
export function runRscript(script: string, args: readonly string[]): string {
  const run = spawnSync('Rscript', ['--vanilla', script, ...args], { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`Rscript stopte met code ${run.status}:\n${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}
