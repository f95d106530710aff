import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { NotFoundError, ImportValidationError } from '../../shared/errors.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { upsertAreas } from '../areas/area.repository.ts';
import { seedFocusAreas } from '../seed/focus-areas.seed.ts';
import { getFocusArea, listFocusAreas } from './focus-area.service.ts';
import { listVersions } from './focus-area.repository.ts';

const datasetsDir = path.join(projectRoot, 'datasets');

describeEachDialect('focus-area service', (getDb) => {
  it('loads 20 focus areas and Dordt West version 1 with 24 lid, 1 uitgesloten, 5 te_bevestigen', async () => {
    const { db } = getDb();
    const result = await seedFocusAreas(db, datasetsDir);
    assert.deepEqual(result, { focusAreas: 20, versionsAdded: 20 });

    const all = await listFocusAreas(db);
    assert.equal(all.length, 20);
    assert.equal(new Set(all.map((a) => a.municipality_code)).size, 19);
    // Every area has a delineation: Dordt West's, and 19 provisional ones in wijken.
    assert.equal(all.filter((a) => a.composition_status === 'bekend').length, 20);
    assert.equal(all.find((a) => a.slug === 'dordt-west')?.latestVersion, 1);

    const detail = await getFocusArea(db, 'dordt-west');
    assert.equal(detail.area.name, 'Dordt West');
    assert.equal(detail.version?.indeling_year, 2023);
    assert.match(detail.version?.rationale ?? '', /Reeweg Zuid/);
    const count = (s: string) => detail.members.filter((m) => m.status === s).length;
    assert.deepEqual([count('lid'), count('uitgesloten'), count('te_bevestigen')], [24, 1, 5]);
    const zuidhoven = detail.members.find((m) => m.buurt_code === 'BU05050802');
    assert.equal(zuidhoven?.status, 'uitgesloten');
    assert.match(zuidhoven?.reason ?? '', /Zuidhoven valt buiten de afbakening/);
    assert.ok(
      detail.members
        .filter((m) => m.status === 'te_bevestigen')
        .every((m) => /Reeweg Zuid/.test(m.reason ?? '')),
    );
    assert.ok(detail.members.filter((m) => m.status === 'lid').every((m) => m.reason === null));
  });

  it('adds no version on a second run', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    const second = await seedFocusAreas(db, datasetsDir);
    assert.equal(second.versionsAdded, 0);
    assert.equal((await listVersions(db, 'dordt-west')).length, 1);
    assert.equal((await listFocusAreas(db)).length, 20);
  });

  it('names members from areas of the version’s own indeling year only', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    const area = (year: number, name: string) => ({
      indeling_year: year,
      code: 'BU05050300',
      kind: 'buurt' as const,
      name,
      parent_code: 'WK050503',
      municipality_code: 'GM0505',
      geometry: null,
      is_water: 0,
    });
    await upsertAreas(db, [area(2024, 'Andere naam (fixture)')]);
    assert.equal(
      (await getFocusArea(db, 'dordt-west')).members.find((m) => m.buurt_code === 'BU05050300')
        ?.name,
      null,
    );
    await upsertAreas(db, [area(2023, 'Zuidendijk (fixture)')]);
    const member = (await getFocusArea(db, 'dordt-west')).members.find(
      (m) => m.buurt_code === 'BU05050300',
    );
    assert.equal(member?.name, 'Zuidendijk (fixture)');
    assert.equal(member?.wijk_code, 'WK050503');
  });

  it('returns a provisional delineation in wijken, and refuses unknown slugs and versions', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    const other = await getFocusArea(db, 'utrecht-overvecht');
    assert.equal(other.version?.provisional, 1);
    assert.equal(other.version?.confidence, 'midden');
    assert.deepEqual(
      other.members.map((m) => [m.buurt_code, m.status, m.level]),
      [['WK034403', 'lid', 'wijk']],
    );
    await assert.rejects(getFocusArea(db, 'bestaat-niet'), NotFoundError);
    await assert.rejects(getFocusArea(db, 'dordt-west', 7), NotFoundError);
  });

  it('refuses a delineation file with an unknown status, naming line and field, and writes nothing', async () => {
    const { db } = getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-focus-fixture-'));
    try {
      fs.mkdirSync(path.join(dir, 'nplv'));
      fs.mkdirSync(path.join(dir, 'dordt-west'));
      for (const file of ['nplv_focusgebieden.csv', 'nplv_afbakening_voorlopig.csv'])
        fs.copyFileSync(path.join(datasetsDir, 'nplv', file), path.join(dir, 'nplv', file));
      fs.writeFileSync(
        path.join(dir, 'dordt-west/dordt_west_buurten_2023.csv'),
        'buurtcode,buurtnaam,in_dordt_west\nBU09990001,Fixturebuurt,ja\nBU09990002,Fixturebuurt 2,misschien\n',
      );
      await assert.rejects(seedFocusAreas(db, dir), (e: unknown) => {
        assert.ok(e instanceof ImportValidationError);
        assert.deepEqual([e.problems[0]?.line, e.problems[0]?.field], [3, 'in_dordt_west']);
        return true;
      });
      assert.equal((await listFocusAreas(db)).length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
