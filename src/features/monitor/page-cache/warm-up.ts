import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Services } from '../../../composition.ts';
import { renderHomePage } from '../../home/index.ts';
import { renderIndicatorPage } from '../indicator-pages/indicator.page-builder.tsx';
import { renderProfilePage } from '../profiles/profile.page-builder.tsx';

export interface WarmUpResult {
  /** The data version the pages were built for, or undefined when nothing had moved. */
  version: string | undefined;
  built: number;
  /** Pages that failed to build; the first visitor of such a page gets the error instead. */
  failed: number;
}

/**
 * The pages most visitors open first: the start page, every focus-area profile and its
 * indicator pages. Built one at a time, with a turn of the event loop in between, so requests
 * that arrive meanwhile are not held up; stops when the data version moves again.
 */
async function buildPages(services: Services, version: string): Promise<WarmUpResult> {
  const { monitor } = services;
  const result: WarmUpResult = { version, built: 0, failed: 0 };
  const build = async (make: () => Promise<unknown>): Promise<boolean> => {
    if ((await monitor.dataVersion()) !== version) return false;
    try {
      await make();
      result.built++;
    } catch {
      result.failed++;
    }
    await nextTurn();
    return true;
  };
  if (!(await build(() => renderHomePage(services)))) return result;
  const loaded = (await monitor.availability()).filter((a) => a.status === 'geladen');
  for (const area of await services.focusAreas.list()) {
    if (area.composition_status !== 'bekend' || area.latestVersion === null) continue;
    if (!(await build(() => renderProfilePage(services, area.slug, undefined)))) return result;
    // Indicator pages ahead of time only where the municipality confirmed the delineation: with
    // twenty areas, every page of every provisional one would keep a core busy after each import.
    const version = await services.focusAreas.findVersion(area.slug);
    if (!version || version.provisional === 1) continue;
    for (const indicator of loaded) {
      if (!(await build(() => renderIndicatorPage(services, area.slug, indicator.key)))) {
        return result;
      }
    }
  }
  return result;
}

/**
 * Builds the first pages again right after the data changed, instead of on the first visitor's
 * request: `check()` reads the data version (on SQLite a tiny statement while nothing changed)
 * and, when it moved since the last build, builds the pages. Concurrent checks share one run.
 *
 * `start()` checks now and then looks every `intervalMs`, so an import by the CLI in another
 * process is picked up too. It builds only once the version has held still for one interval:
 * during survey fieldwork every response moves the version, and rebuilding every second would
 * keep a core busy for pages nobody asked for. Visitors then get pages built on request, as
 * without warm-up.
 */
export function pageWarmUp(services: Services) {
  let builtFor: string | undefined;
  let lastSeen: string | undefined;
  let running: Promise<WarmUpResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function tick(): Promise<void> {
    const version = await services.monitor.dataVersion();
    const settled = version === lastSeen;
    lastSeen = version;
    if (settled && version !== builtFor) await check();
  }

  async function run(): Promise<WarmUpResult> {
    const version = await services.monitor.dataVersion();
    if (version === builtFor) return { version: undefined, built: 0, failed: 0 };
    builtFor = version;
    return buildPages(services, version);
  }

  function check(): Promise<WarmUpResult> {
    running ??= run().finally(() => (running = undefined));
    return running;
  }

  return {
    check,
    tick,
    start(intervalMs: number): void {
      void check().catch(() => undefined);
      timer = setInterval(() => void tick().catch(() => undefined), intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
