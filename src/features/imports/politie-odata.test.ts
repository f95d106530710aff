import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ImportValidationError } from '../../shared/errors.ts';
import type { AreaLookup, ImportInput, OdataV4Input } from './import.types.ts';
import { parsePolitie47018Csv } from './politie-47018.importer.ts';
import { shippedPlausibility } from './plausibility.ts';
import { politieOdataToCsv, politieOdataV4ToCsv } from './politie-odata.ts';

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

/** The v4 fixtures of 47018NED, built from the v3 fixtures above (same figures, long format). */
const v4File = (name: string): ImportInput => ({
  bytes: fs.readFileSync(path.resolve('test/fixtures/odata-v4', `47018NED-${name}.fixture.json`)),
  fileName: `47018NED-${name}.json`,
});
const v4Fixtures = (): OdataV4Input => ({
  dimensions: v4File('Dimensions'),
  measureCodes: v4File('MeasureCodes'),
  observations: [v4File('Observations-page1'), v4File('Observations-page2')],
  codeLists: {},
});
const json = (fileName: string, value: unknown[]): ImportInput => ({
  bytes: Buffer.from(JSON.stringify({ value })),
  fileName,
});
/** One v4 observation of the count measure of the fixtures (F900301). */
const obs = (type: string, area: string, period: string, value: unknown, attribute = 'None') => ({
  Measure: 'F900301',
  ValueAttribute: attribute,
  Value: value,
  StringValue: null,
  SoortMisdrijf: type,
  WijkenEnBuurten: area,
  Perioden: period,
});
const everyArea: AreaLookup = { years: () => [2024], has: () => true, findByName: () => [] };
const stored = (input: ImportInput) =>
  parsePolitie47018Csv(input, everyArea, {
    indelingYear: 2024,
    scope: 'GM0505',
    plausibility: shippedPlausibility(),
  }).observations.map((o) => [o.variable, o.area_code, o.period, o.value, o.status]);
const refusal = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof ImportValidationError, String(error));
    return error.message;
  }
  assert.fail('not refused');
};

describe('politieOdataV4ToCsv: 47018NED over OData v4 becomes the police CSV of the v3 path', () => {
  it('the v4 fixtures give the importer the same observations as the v3 fixtures they were built from', () => {
    const loaded = new Set(['BU05050100', 'BU05050102', 'BU05050105']);
    const v3 = politieOdataToCsv([fixture(1), fixture(2)], (c) => loaded.has(c), 'v3.csv');
    const v4 = politieOdataV4ToCsv(v4Fixtures(), (c) => loaded.has(c), 'v4.csv');
    assert.equal(v4.rows, v3.rows);
    assert.equal(v4.skipped, v3.skipped, 'the same rows of unloaded areas are counted');
    assert.equal(
      v4.input.bytes.toString(),
      'SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n' +
        '0.0.0,BU05050100,2023JJ00,23\n0.0.0,BU05050102,2023JJ00,59\n0.0.0,BU05050105,2023JJ00,98\n',
      'the count measure only, codes trimmed, in the order of v3',
    );
    const all = () => true;
    const fromV3 = stored(politieOdataToCsv([fixture(1), fixture(2)], all, 'v3.csv').input);
    const fromV4 = stored(politieOdataV4ToCsv(v4Fixtures(), all, 'v4.csv').input);
    assert.equal(fromV4.length, 6);
    assert.deepEqual(fromV4, fromV3);
    const again = politieOdataV4ToCsv(v4Fixtures(), all, 'v4.csv');
    assert.equal(
      again.input.bytes.toString(),
      politieOdataV4ToCsv(v4Fixtures(), all, 'v4.csv').input.bytes.toString(),
      'same pages, same bytes',
    );
  });

  it("a cell v4 leaves out is a row with an empty count, stored exactly as v3's null (geheim)", () => {
    // Constructed pages (not CBS figures): 1.1.1 of BU05050101 in 2023 is left out by v4 and null in v3.
    const v4 = politieOdataV4ToCsv(
      {
        ...v4Fixtures(),
        observations: [
          json('Observations-0001.json', [
            obs('0.0.0 ', 'BU05050100', '2023JJ00', 23),
            obs('0.0.0', 'BU05050101', '2023JJ00', 68),
            obs('1.1.1', 'BU05050100', '2023JJ00', 2),
          ]),
        ],
      },
      () => true,
      'v4.csv',
    );
    const row = (id: number, type: string, area: string, value: number | null) => ({
      ID: id,
      SoortMisdrijf: `${type} `,
      WijkenEnBuurten: area,
      Perioden: '2023JJ00',
      GeregistreerdeMisdrijven_1: value,
    });
    const v3 = politieOdataToCsv(
      [
        json('p.json', [
          row(0, '0.0.0', 'BU05050100', 23),
          row(1, '0.0.0', 'BU05050101', 68),
          row(2, '1.1.1', 'BU05050100', 2),
          row(3, '1.1.1', 'BU05050101', null),
        ]),
      ],
      () => true,
      'v3.csv',
    );
    assert.match(v4.input.bytes.toString(), /\n1\.1\.1,BU05050101,2023JJ00,\.\n$/);
    assert.equal(v4.rows, 4);
    assert.deepEqual(stored(v4.input), stored(v3.input));
    assert.deepEqual(stored(v4.input)[3], [
      'GeregistreerdeMisdrijven.1.1.1',
      'BU05050101',
      '2023',
      null,
      'geheim',
    ]);
  });

  it('refuses any marker but "None", naming page, row and value, and a "None" without a number', () => {
    for (const [attribute, value] of [
      ['Impossible', null],
      ['Provisional', 12],
    ] as const) {
      const message = refusal(() =>
        politieOdataV4ToCsv(
          {
            ...v4Fixtures(),
            observations: [
              v4File('Observations-page1'),
              json('Observations-0002.json', [
                obs('0.0.0', 'BU05050103', '2023JJ00', 1),
                obs('0.0.0', 'BU05050104', '2023JJ00', value, attribute),
              ]),
            ],
          },
          () => true,
          'v4.csv',
        ),
      );
      assert.match(message, /Observations-0002\.json, veld "value\[1\]\.ValueAttribute"/);
      assert.match(
        message,
        new RegExp(
          `onbekende markering "${attribute}" bij soort 0\\.0\\.0, BU05050104, 2023JJ00 \\(waarde ${value}\\)`,
        ),
      );
    }
    const message = refusal(() =>
      politieOdataV4ToCsv(
        {
          ...v4Fixtures(),
          observations: [
            json('Observations-0001.json', [obs('0.0.0', 'BU05050100', '2023JJ00', '7')]),
          ],
        },
        () => true,
        'v4.csv',
      ),
    );
    assert.match(message, /veld "value\[0\]\.Value": geen getal: "7"/);
  });

  it('refuses a table without exactly one measure "Geregistreerde misdrijven", naming the measures', () => {
    const measure = (Identifier: string, Title: string) => ({
      Identifier,
      Title,
      DataType: 'Long',
    });
    const none = refusal(() =>
      politieOdataV4ToCsv(
        {
          ...v4Fixtures(),
          measureCodes: json('MeasureCodes.json', [
            measure('F1', 'Aangiften'),
            measure('F2', 'Gemeentenaam'),
          ]),
        },
        () => true,
        'v4.csv',
      ),
    );
    assert.match(
      none,
      /MeasureCodes\.json, veld "Title": .*precies één maat "Geregistreerde misdrijven" hebben, maar heeft er 0 \(maten: F1 "Aangiften", F2 "Gemeentenaam"\)/,
    );
    const two = refusal(() =>
      politieOdataV4ToCsv(
        {
          ...v4Fixtures(),
          measureCodes: json('MeasureCodes.json', [
            measure('F1', 'Geregistreerde misdrijven'),
            measure('F2', 'Geregistreerde  misdrijven '),
          ]),
        },
        () => true,
        'v4.csv',
      ),
    );
    assert.match(two, /maar heeft er 2 \(maten: F1 "Geregistreerde misdrijven", F2/);
  });

  it('refuses a table whose dimensions are not crime type, region and period, naming them', () => {
    const message = refusal(() =>
      politieOdataV4ToCsv(
        {
          ...v4Fixtures(),
          dimensions: json('Dimensions.json', [
            { Identifier: 'Misdrijf', Kind: 'Dimension' },
            { Identifier: 'WijkenEnBuurten', Kind: 'GeoDimension' },
            { Identifier: 'Perioden', Kind: 'TimeDimension' },
          ]),
        },
        () => true,
        'v4.csv',
      ),
    );
    assert.match(
      message,
      /Dimensions\.json: tabel 47018NED moet precies de dimensies SoortMisdrijf, een regio \(GeoDimension\) en een periode \(TimeDimension\) hebben; gevonden: Misdrijf, WijkenEnBuurten, Perioden$/,
    );
  });

  it('a crime-type code the police importer does not know is refused there, named: the safety net', () => {
    const v4 = politieOdataV4ToCsv(
      {
        ...v4Fixtures(),
        observations: [
          json('Observations-0001.json', [obs('T001161', 'BU05050100', '2023JJ00', 5)]),
        ],
      },
      () => true,
      'v4.csv',
    );
    const message = refusal(() => stored(v4.input));
    assert.match(message, /onbekende soort misdrijf "T001161"/);
  });
});
