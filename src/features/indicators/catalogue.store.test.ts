import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { CatalogueError, loadCatalogue } from './catalogue.ts';
import {
  activeCatalogue,
  activeCatalogueVersion,
  insertCatalogueVersion,
  listCatalogueVersions,
} from './catalogue.store.ts';

describeEachDialect('catalogue store', (getDb) => {
  it('uses the file until a version is stored, then the newest version', async () => {
    const { db } = getDb();
    const file = loadCatalogue();
    const first = await activeCatalogueVersion(db);
    assert.equal(first.version, null);
    assert.deepEqual(first.catalogue, file);

    const edited = structuredClone(file);
    edited.indicators[0]!.definition = 'Gewijzigde definitie (fixture).';
    const v1 = await insertCatalogueVersion(db, {
      catalogue: edited,
      note: 'eerste wijziging',
      createdBy: 'test',
    });
    const again = structuredClone(edited);
    again.indicators[0]!.decimals = 2;
    const v2 = await insertCatalogueVersion(db, {
      catalogue: again,
      note: 'tweede wijziging',
      createdBy: 'test',
    });
    assert.deepEqual([v1, v2], [1, 2]);
    const active = await activeCatalogue(db);
    assert.equal(active.indicators[0]!.definition, 'Gewijzigde definitie (fixture).');
    assert.equal(active.indicators[0]!.decimals, 2);
    assert.deepEqual(
      (await listCatalogueVersions(db)).map((v) => [v.version, v.note]),
      [
        [2, 'tweede wijziging'],
        [1, 'eerste wijziging'],
      ],
    );
  });

  it('refuses to store an invalid catalogue and stores nothing', async () => {
    const { db } = getDb();
    const bad = structuredClone(loadCatalogue());
    bad.indicators[0]!.decimals = 7;
    await assert.rejects(
      insertCatalogueVersion(db, { catalogue: bad, note: 'fout', createdBy: 'test' }),
      CatalogueError,
    );
    assert.deepEqual(await listCatalogueVersions(db), []);
  });
});
