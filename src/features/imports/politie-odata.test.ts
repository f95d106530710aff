import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AreaLookup } from './import.types.ts';
import { parsePolitie47018Csv } from './politie-47018.importer.ts';
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
});
