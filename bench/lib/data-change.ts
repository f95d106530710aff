import type { Db } from '../../src/db/database.ts';

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
