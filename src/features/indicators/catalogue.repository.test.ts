import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { lastDataChange } from '../../db/data-change.repository.ts';
import {
  findNewestCatalogueVersion,
  insertNextCatalogueVersion,
  listCatalogueVersionRows,
} from './catalogue.repository.ts';

const entry = (note: string) => ({
  content: JSON.stringify({ note }),
  note,
  createdAt: '2027-01-01T00:00:00.000Z',
  createdBy: 'fixture',
});

describeEachDialect('catalogue repository', (getDb) => {
  it('numbers versions one after another and finds the newest, with and without content', async () => {
    const { db } = getDb();
    assert.equal(await findNewestCatalogueVersion(db), undefined);
    assert.deepEqual(await listCatalogueVersionRows(db), []);
    assert.equal(await insertNextCatalogueVersion(db, entry('eerste')), 1);
    assert.equal(await insertNextCatalogueVersion(db, entry('tweede')), 2);
    const newest = await findNewestCatalogueVersion(db);
    assert.equal(newest?.version, 2);
    assert.equal(newest?.content, JSON.stringify({ note: 'tweede' }));
    const rows = await listCatalogueVersionRows(db);
    assert.deepEqual(
      rows.map((r) => [r.version, r.note]),
      [
        [2, 'tweede'],
        [1, 'eerste'],
      ],
    );
    assert.ok(!('content' in rows[0]!));
  });

  it('moves the data version with each new version, in the caller transaction too', async () => {
    const { db } = getDb();
    const before = (await lastDataChange(db)).version;
    await insertNextCatalogueVersion(db, entry('eerste'));
    await db.transaction().execute((trx) => insertNextCatalogueVersion(trx, entry('tweede')));
    const after = await lastDataChange(db);
    assert.equal(after.version, before + 2);
    assert.equal(after.reason, 'catalogus');
  });
});
