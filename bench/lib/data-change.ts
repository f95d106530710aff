import type { Db } from '../../src/db/database.ts';
import type { MonitorData } from '../../src/features/monitor/monitor-data.ts';
import { listTargets, upsertTarget } from '../../src/features/targets/target.repository.ts';

/**
 * A real change the monitor shows, made as the workspace makes it: the example targets of Dordt
 * West get a new note (another each time). The data version moves, and with it every cache is emptied, exactly
 * as after an import.
 */
let edits = 0;
export async function changeData(handle: Db): Promise<void> {
  const targets = await listTargets(handle.db, 'dordt-west');
  if (targets.length === 0) throw new Error('geen doelen om te wijzigen');
  const note = `bench: wijziging ${++edits}`;
  for (const { updatedAt: _at, updatedBy: _by, ...target } of targets) {
    await upsertTarget(handle.db, { ...target, note }, 'bench');
  }
}

/**
 * Forgets rendered pages and page data, but keeps what was read from the database for this data
 * version (the observations, areas, focus-area selections, availability): the cost of building a
 * page from loaded data.
 */
export function forgetRendered(monitor: MonitorData): void {
  // The field is private to MonitorData; a full cache or a first visit to a page leaves it so.
  (monitor as unknown as { rendered: Map<string, unknown> }).rendered.clear();
}
