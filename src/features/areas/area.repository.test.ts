import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import {
  findArea,
  insertCrosswalk,
  listAreas,
  listCrosswalk,
  listOutlineState,
  upsertAreas,
} from './area.repository.ts';

describeEachDialect('area repository', (getDb) => {
  it('keys areas by code and indeling year, so a reused code keeps both meanings', async () => {
    const { db } = getDb();
    await upsertAreas(db, [
      {
        indeling_year: 2023,
        code: 'BU09990001',
        kind: 'buurt',
        name: 'Oud (fixture)',
        parent_code: 'WK099900',
        municipality_code: 'GM0999',
        geometry: null,
        is_water: 0,
      },
      {
        indeling_year: 2024,
        code: 'BU09990001',
        kind: 'buurt',
        name: 'Nieuw (fixture)',
        parent_code: 'WK099900',
        municipality_code: 'GM0999',
        geometry: null,
        is_water: 0,
      },
    ]);
    assert.equal((await findArea(db, 2023, 'BU09990001'))?.name, 'Oud (fixture)');
    assert.equal((await findArea(db, 2024, 'BU09990001'))?.name, 'Nieuw (fixture)');
    assert.equal((await listAreas(db, { indelingYear: 2024 })).length, 1);
  });

  it('tells which codes of a year are stored and whether they have an outline', async () => {
    const { db } = getDb();
    const area = (code: string, geometry: string | null) => ({
      indeling_year: 2019,
      code,
      kind: 'buurt' as const,
      name: `Buurt ${code} (fixture)`,
      parent_code: null,
      municipality_code: 'GM0999',
      geometry,
      is_water: 0,
    });
    await upsertAreas(db, [
      area('BU09990001', null),
      area('BU09990002', '{"type":"Polygon","coordinates":[]}'),
      { ...area('BU09990003', null), indeling_year: 2020 },
    ]);
    const state = await listOutlineState(db, {
      indelingYear: 2019,
      codes: ['BU09990001', 'BU09990002', 'BU09990003', 'BU09990004'],
    });
    assert.deepEqual(
      state.sort((a, b) => a.code.localeCompare(b.code)),
      [
        { code: 'BU09990001', name: 'Buurt BU09990001 (fixture)', hasOutline: false },
        { code: 'BU09990002', name: 'Buurt BU09990002 (fixture)', hasOutline: true },
      ],
      'another year and an unknown code are not listed',
    );
  });

  it('updates an area in place on a second upsert', async () => {
    const { db } = getDb();
    const area = {
      indeling_year: 2023,
      code: 'WK099900',
      kind: 'wijk' as const,
      name: 'A',
      parent_code: 'GM0999',
      municipality_code: 'GM0999',
      geometry: null,
      is_water: 0,
    };
    await upsertAreas(db, [area]);
    await upsertAreas(db, [{ ...area, name: 'B', is_water: 1 }]);
    const found = await findArea(db, 2023, 'WK099900');
    assert.equal(found?.name, 'B');
    assert.equal(found?.is_water, 1);
  });

  it('stores a crosswalk between indeling years and ignores a repeat', async () => {
    const { db } = getDb();
    const row = {
      from_year: 2023,
      from_code: 'BU09990001',
      to_year: 2024,
      to_code: 'BU09990001',
      weight: 1,
      note: 'ongewijzigd',
    };
    await insertCrosswalk(db, [row]);
    await insertCrosswalk(db, [row]);
    const rows = await listCrosswalk(db, 2023, 2024, ['BU09990001']);
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0]?.weight), 1);
  });
});
