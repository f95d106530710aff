import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { listAreas, listCrosswalk } from '../areas/area.repository.ts';
import { countDatasets, findObservations } from '../datasets/dataset.repository.ts';
import { getFocusArea } from '../focus-areas/focus-area.service.ts';
import { seedShippedData } from './seed.service.ts';

const datasetsDir = path.join(projectRoot, 'datasets');

describeEachDialect('seedShippedData', (getDb) => {
  it('loads the shipped data so Dordt West’s 24 member buurten hold 28,740 inhabitants in 2023', async () => {
    const { db } = getDb();
    const report = await seedShippedData(db, datasetsDir, { importedBy: 'test' });
    assert.equal(report.unchanged.length, 0);
    assert.ok(report.imported.includes('cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson'));
    assert.ok(report.imported.includes('cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv'));

    const dordtWest = await getFocusArea(db, 'dordt-west');
    const members = dordtWest.members.filter((m) => m.status === 'lid').map((m) => m.buurt_code);
    assert.equal(members.length, 24);
    assert.ok(
      dordtWest.members.every((m) => m.name !== null),
      'every member has a 2023 buurt name',
    );
    const inwoners = await findObservations(db, {
      variables: ['AantalInwoners'],
      indelingYear: dordtWest.version!.indeling_year,
      areaCodes: members,
      periods: ['2023'],
    });
    assert.equal(inwoners.length, 24);
    assert.equal(
      inwoners.reduce((s, o) => s + Number(o.value), 0),
      28740,
    );

    // Indeling 2024: the same 13 wijken and 132 residential buurten, linked one-to-one.
    const buurten2024 = await listAreas(db, { indelingYear: 2024, kind: 'buurt' });
    assert.equal(buurten2024.length, 132);
    assert.equal(
      (await listAreas(db, { indelingYear: 2024, kind: 'wijk', municipalityCode: 'GM0505' }))
        .length,
      13,
    );
    assert.equal((await listAreas(db, { indelingYear: 2024, kind: 'land' }))[0]?.code, 'NL00');
    const links = await listCrosswalk(
      db,
      2023,
      2024,
      buurten2024.map((b) => b.code),
    );
    assert.equal(links.length, 132);
    assert.ok(
      links.every(
        (l) => l.from_code === l.to_code && Number(l.weight) === 1 && /SOURCES\.md/.test(l.note),
      ),
    );

    // 47018NED 2023 on indeling 2024: the 132 buurten sum to 6,475 crimes (SOURCES.md §7).
    const crimes = await findObservations(db, {
      variables: ['GeregistreerdeMisdrijven'],
      indelingYear: 2024,
      areaCodes: buurten2024.map((b) => b.code),
      periods: ['2023'],
    });
    assert.equal(
      crimes.reduce((s, o) => s + Number(o.value ?? 0), 0),
      6475,
    );

    // KWB 2024 figures land on the 2024 areas: the gemeente total from two downloads agrees.
    const gm = await findObservations(db, {
      variables: ['AantalInwoners'],
      indelingYear: 2024,
      areaCodes: ['GM0505'],
      periods: ['2024'],
    });
    assert.equal(Number(gm[0]?.value), 122070);
  });

  it('loads every gemeente and wijk of NL (KWB 2024) and the 19 provisional delineations', async () => {
    const { db } = getDb();
    await seedShippedData(db, datasetsDir, { importedBy: 'test' });
    assert.equal((await listAreas(db, { indelingYear: 2024, kind: 'gemeente' })).length, 342);
    assert.equal((await listAreas(db, { indelingYear: 2024, kind: 'wijk' })).length, 3393);
    const value = async (variable: string, code: string) =>
      Number(
        (
          await findObservations(db, {
            variables: [variable],
            indelingYear: 2024,
            areaCodes: [code],
            periods: ['2024'],
          })
        )[0]?.value,
      );
    // The file's own figures, and NL00 as the sum of its 342 gemeenten (SOURCES.md §2).
    assert.equal(await value('AantalInwoners', 'WK060606'), 14760);
    assert.equal(await value('Woningvoorraad', 'GM0606'), 38360);
    assert.equal(await value('AantalInwoners', 'NL00'), 17942942);
    assert.equal(await value('Woningvoorraad', 'NL00'), 8204049);
    // 17,942,942 inhabitants on 33,647.23 km² of land.
    assert.equal(await value('Bevolkingsdichtheid', 'NL00'), 533);
    const schiedam = (await listAreas(db, { indelingYear: 2024, municipalityCode: 'GM0606' }))
      .filter((a) => a.kind !== 'gemeente')
      .map((a) => [a.code, a.name]);
    assert.deepEqual(
      schiedam.find(([c]) => c === 'WK060606'),
      ['WK060606', 'Nieuwland'],
    );

    const area = await getFocusArea(db, 'schiedam-nieuwland-oost');
    assert.equal(area.version?.provisional, 1);
    assert.equal(area.version?.confidence, 'hoog');
    assert.equal(area.version?.indeling_year, 2024);
    assert.match(area.version?.source ?? '', /schiedam24\.nl/);
    assert.deepEqual(
      area.members.map((m) => [m.buurt_code, m.status, m.name, m.level]),
      [
        ['WK060601', 'lid', 'Oost', 'wijk'],
        ['WK060606', 'lid', 'Nieuwland', 'wijk'],
      ],
    );
    const breda = await getFocusArea(db, 'breda-noord');
    assert.ok(breda.members.length > 0 && breda.members.every((m) => m.status === 'deels'));
    assert.ok(breda.members.every((m) => (m.reason ?? '').length > 0));
    const dordtWest = await getFocusArea(db, 'dordt-west');
    assert.equal(dordtWest.version?.provisional, 0);
  });

  it('imports nothing the second time and says every file is unchanged', async () => {
    const { db } = getDb();
    const first = await seedShippedData(db, datasetsDir, { importedBy: 'test' });
    const datasets = await countDatasets(db);
    const second = await seedShippedData(db, datasetsDir, { importedBy: 'test' });
    assert.deepEqual(second.imported, []);
    assert.deepEqual(second.unchanged, first.imported);
    assert.equal(await countDatasets(db), datasets);
  });

  it('stops on a 2024 name that does not match 2023, so different areas are never joined', async () => {
    const { db } = getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-seed-fixture-'));
    try {
      fs.cpSync(datasetsDir, dir, { recursive: true });
      const file = path.join(dir, 'cbs-kwb-multi/kwb-2024-dordrecht.csv');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace('Nieuwe Haven en omgeving', 'Andere buurt (fixture)'),
      );
      await assert.rejects(seedShippedData(db, dir, { importedBy: 'test' }), /BU05050100/);
      assert.equal((await listAreas(db, { indelingYear: 2024 })).length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
