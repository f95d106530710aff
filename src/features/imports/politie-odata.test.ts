import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AreaLookup } from './import.types.ts';
import { parsePolitie47018Csv } from './politie-47018.importer.ts';
import { shippedPlausibility } from './plausibility.ts';
import { politieOdataToCsv } from './politie-odata.ts';

const fixture = (n: number) => {
  const fileName = `47018NED-TypedDataSet-page${n}.fixture.json`;
  return { bytes: fs.readFileSync(path.resolve('test/fixtures/odata', fileName)), fileName };
};

describe('politieOdataToCsv: fetched 47018NED pages through the police importer', () => {
  it('keeps the rows of loaded areas, counts the others, and gives the importer real figures', () => {
    const loaded = new Set(['BU05050100', 'BU05050102', 'BU05050105']);
    const csv = politieOdataToCsv([fixture(1), fixture(2)], (c) => loaded.has(c), 'x.csv');
    assert.equal(csv.rows, 3);
    assert.equal(csv.skipped, 3);
    const lookup: AreaLookup = {
      years: () => [2024],
      has: (y, c) => y === 2024 && loaded.has(c),
      findByName: () => [],
    };
    const parsed = parsePolitie47018Csv(csv.input, lookup, { indelingYear: 2024, scope: 'GM0505' });
    assert.deepEqual(
      parsed.observations.map((o) => [o.area_code, o.period, o.value]),
      [
        ['BU05050100', '2023', 23],
        ['BU05050102', '2023', 59],
        ['BU05050105', '2023', 98],
      ],
    );
    const again = politieOdataToCsv([fixture(1), fixture(2)], (c) => loaded.has(c), 'x.csv');
    assert.equal(
      again.input.bytes.toString(),
      csv.input.bytes.toString(),
      'same pages, same bytes',
    );
  });

  it('writes a secret figure (null) as "." and quotes a field with a comma', () => {
    const page = {
      fileName: 'p.json',
      bytes: Buffer.from(
        JSON.stringify({
          value: [
            {
              ID: 1,
              SoortMisdrijf: '0.0.0 ',
              WijkenEnBuurten: 'BU05050100',
              Perioden: '2023JJ00',
              GeregistreerdeMisdrijven_1: null,
              Gemeentenaam_2: 'Bergen, NH',
            },
          ],
        }),
      ),
    };
    const csv = politieOdataToCsv([page], () => true, 'p.csv');
    assert.equal(
      csv.input.bytes.toString(),
      'ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1,Gemeentenaam_2\n1,0.0.0 ,BU05050100,2023JJ00,.,"Bergen, NH"\n',
    );
    const parsed = parsePolitie47018Csv(
      csv.input,
      { years: () => [2024], has: () => true, findByName: () => [] },
      { indelingYear: 2024 },
    );
    assert.equal(parsed.observations[0]?.value, null);
    assert.equal(parsed.observations[0]?.status, 'geheim');
  });

  it('reads the older years of 47018NED (2012 to 2017) from the same table, per crime type: no predecessor table is needed', () => {
    // Constructed rows in the table's shape (not CBS figures): 47018NED holds every year from 2012.
    const row = (id: number, type: string, period: string, value: number) => ({
      ID: id,
      SoortMisdrijf: `${type} `,
      WijkenEnBuurten: 'BU05050100',
      Perioden: period,
      GeregistreerdeMisdrijven_1: value,
    });
    const page = {
      fileName: 'p.json',
      bytes: Buffer.from(
        JSON.stringify({
          value: [
            row(0, '0.0.0', '2012JJ00', 40),
            row(1, '1.1.1', '2012JJ00', 3),
            row(2, '0.0.0', '2017JJ00', 31),
            row(3, '1.4.6', '2017JJ00', 1),
          ],
        }),
      ),
    };
    const csv = politieOdataToCsv([page], () => true, 'p.csv');
    const parsed = parsePolitie47018Csv(
      csv.input,
      {
        years: () => [2024],
        has: (y, c) => y === 2024 && c === 'BU05050100',
        findByName: () => [],
      },
      { indelingYear: 2024, scope: 'GM0505', plausibility: shippedPlausibility() },
    );
    assert.deepEqual(
      parsed.observations.map((o) => [o.variable, o.period, o.value, o.indeling_year]),
      [
        ['GeregistreerdeMisdrijven', '2012', 40, 2024],
        ['GeregistreerdeMisdrijven.1.1.1', '2012', 3, 2024],
        ['GeregistreerdeMisdrijven', '2017', 31, 2024],
        ['GeregistreerdeMisdrijven.1.4.6', '2017', 1, 2024],
      ],
    );
  });
});
