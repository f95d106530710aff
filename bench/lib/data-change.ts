import type { Db } from '../../src/db/database.ts';
import type { MonitorData } from '../../src/features/monitor/monitor-data.ts';

/**
 * A real change the monitor shows: the example targets of Dordt West get a new updated_at (a
 * second further each time). The data version moves, and with it every cache is emptied, exactly
 * as after an import.
 */
let edits = 0;
export async function changeData(handle: Db): Promise<void> {
  const changed = await handle.db
    .updateTable('targets')
    .set({ updated_at: new Date(Date.UTC(2030, 0, 1) + ++edits * 1000).toISOString() })
    .where('focus_area_slug', '=', 'dordt-west')
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) throw new Error('geen doelen om te wijzigen');
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
