import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { insertCatalogueVersion } from '../indicators/catalogue.store.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { MonitorData } from './monitor-data.ts';

const catalogue = loadCatalogue();

describeEachDialect('monitor data caches', (getDb) => {
  it('keeps the catalogue across an import but reads it again after a catalogue edit', async () => {
    const { db } = getDb();
    let reads = 0;
    const data = new MonitorData(db, () => {
      reads++;
      return Promise.resolve(catalogue);
    });
    const first = await data.dataVersion();
    await data.catalogue();
    await data.catalogue();
    assert.equal(reads, 1);

    // An import (fixture dataset row) moves the data version, not the catalogue.
    await db
      .insertInto('datasets')
      .values({
        id: 'fixture-dataset',
        kind: 'cbs-statline-csv',
        fingerprint: 'fixture',
        source: 'fixture',
        table_id: null,
        edition: null,
        title: 'fixture-dataset',
        file_name: 'fixture.csv',
        file_hash: 'fixture',
        indeling_year: 2024,
        imported_at: new Date(0).toISOString(),
        imported_by: 'fixture',
        row_count: 0,
        observation_count: 0,
        area_count: 0,
        status: 'actief',
        attribution: 'fixture',
      })
      .execute();
    const second = await data.dataVersion();
    assert.notEqual(second, first);
    await data.catalogue();
    assert.equal(reads, 1, 'an import does not re-read the catalogue');

    await insertCatalogueVersion(db, { catalogue, note: 'fixture', createdBy: 'fixture' });
    assert.notEqual(await data.dataVersion(), second);
    await data.catalogue();
    assert.equal(reads, 2, 'a catalogue edit does');
  });
});
