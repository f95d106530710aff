import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import { variableStem } from './cbs-metadata.ts';
import type { AreaLookup, ImportInput, ParsedImport } from './import.types.ts';
import type { OdataV4Input } from './odata-harvest.ts';
import { keyFromTitle, parseOdataV4, tableShape } from './odata-v4.importer.ts';
import { parseOdataJson } from './odata.importer.ts';
import { shippedPlausibility } from './plausibility.ts';

/**
 * ADR 0044: KWB over OData v4 gives the same observations as over v3. The v4 fixtures of
 * test/fixtures/odata-v4 were built from the v3 fixtures of test/fixtures/odata (same figures,
 * long format, invented measure identifiers), so both forms can be read side by side.
 */
const v3dir = path.join(projectRoot, 'test', 'fixtures', 'odata');
const v4dir = path.join(projectRoot, 'test', 'fixtures', 'odata-v4');
const read = (dir: string, name: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(dir, `${name}.fixture.json`)),
  fileName: `${name}.json`,
});
const json = (value: unknown, fileName = 'bestand.json'): ImportInput => ({
  bytes: Buffer.from(JSON.stringify(value)),
  fileName,
});
const parsedJson = (input: ImportInput): { value: Record<string, unknown>[] } =>
  JSON.parse(input.bytes.toString('utf8')) as { value: Record<string, unknown>[] };

function v4Input(table: string, pages: string[]): OdataV4Input {
  return {
    observations: pages.map((p) => read(v4dir, `${table}-${p}`)),
    dimensions: read(v4dir, `${table}-Dimensions`),
    measureCodes: read(v4dir, `${table}-MeasureCodes`),
    codeLists: {},
  };
}
const lookupOf = (year: number, codes: string[]): AreaLookup => ({
  years: () => [year],
  has: (y, c) => y === year && codes.includes(c),
  findByName: () => [],
});
/** Dordrecht and its 13 wijken (KWB 2024 fixture), WK050598 left out as haal-op's test does. */
const codes2024 = [
  'GM0505',
  ...Array.from({ length: 11 }, (_, i) => `WK0505${String(i + 1).padStart(2, '0')}`),
  'WK050519',
];
const sorted = (parsed: ParsedImport) =>
  parsed.observations
    .map((o) => [o.variable, o.indeling_year, o.area_code, o.period, o.value, o.status] as const)
    .map((row) => JSON.stringify(row))
    .sort();

describe('KWB over OData v4 (ADR 0044)', () => {
  it('keyFromTitle gives the stem of every Topic of the shipped 85984NED DataProperties (128 of 128)', () => {
    const file = path.join(projectRoot, 'datasets', 'cbs-kwb-2024', '85984NED_DataProperties.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as
      { value: Record<string, unknown>[] } | Record<string, unknown>[];
    const topics = (Array.isArray(raw) ? raw : raw.value).filter((p) => p.Type === 'Topic');
    assert.equal(topics.length, 128);
    const wrong = topics
      .map((t) => ({ stem: variableStem(String(t.Key)), byTitle: keyFromTitle(String(t.Title)) }))
      .filter((t) => t.stem !== t.byTitle);
    assert.deepEqual(wrong, [], 'every Topic stem equals the key its title gives');
  });

  it('reads the v4 form of KWB 2024 (85984NED) to the same observations and variables as the v3 form', () => {
    const lookup = lookupOf(2024, codes2024);
    const common = {
      tableId: '85984NED',
      indelingYear: 2024,
      period: '2024',
      municipalityCode: 'GM0505',
      skipUnknownAreas: true,
      plausibility: shippedPlausibility(),
    };
    const v3 = parseOdataJson(
      {
        typedDataSet: [
          read(v3dir, '85984NED-TypedDataSet-page1'),
          read(v3dir, '85984NED-TypedDataSet-page2'),
        ],
        dataProperties: read(v3dir, '85984NED-DataProperties'),
      },
      lookup,
      common,
    );
    const v4 = parseOdataV4(
      v4Input('85984NED', ['Observations-page1', 'Observations-page2']),
      lookup,
      common,
    );
    assert.equal(v3.observations.length, 13 * 8);
    assert.deepEqual(sorted(v4), sorted(v3));
    assert.deepEqual(
      v4.variables.map((v) => [v.stem, v.title, v.unit, v.description, v.table_id]),
      v3.variables.map((v) => [v.stem, v.title, v.unit, v.description, v.table_id]),
    );
    // The text measures (Gemeentenaam, SoortRegio, Codering) are no variables, as in v3.
    assert.ok(
      !v4.variables.some((v) => ['Gemeentenaam', 'SoortRegio', 'Codering'].includes(v.stem)),
    );
    assert.equal(v4.edition, v3.edition);
    assert.equal(v4.options.period, '2024');
    assert.equal(v4.options.overgeslagen, '8', 'the eight figures of WK050598, counted');
    assert.equal(v4.options.api, 'odata-v4');
  });

  it('reads the v4 form of KWB 2022 (85318NED) to the same observations as the v3 form', () => {
    const lookup = lookupOf(2022, [
      'GM0505',
      'WK050501',
      'WK050502',
      'BU05050100',
      'BU05050101',
      'BU05050200',
    ]);
    const common = { tableId: '85318NED', indelingYear: 2022, period: '2022' };
    const v3 = parseOdataJson(
      {
        typedDataSet: read(v3dir, '85318NED-TypedDataSet'),
        dataProperties: read(v3dir, '85318NED-DataProperties'),
      },
      lookup,
      common,
    );
    const v4 = parseOdataV4(v4Input('85318NED', ['Observations']), lookup, common);
    assert.equal(v3.observations.length, 6 * 8);
    assert.deepEqual(sorted(v4), sorted(v3));
  });

  it('a secret cell (null in v3, no observation in v4) is "geheim" without a value either way', () => {
    const lookup = lookupOf(2024, codes2024);
    const common = { tableId: '85984NED', indelingYear: 2024, period: '2024' };
    const page1 = parsedJson(read(v3dir, '85984NED-TypedDataSet-page1'));
    const wk = page1.value.find((r) => String(r.WijkenEnBuurten).trim() === 'WK050501')!;
    wk.Bevolkingsdichtheid_34 = null;
    const v3 = parseOdataJson(
      {
        typedDataSet: [json(page1), read(v3dir, '85984NED-TypedDataSet-page2')],
        dataProperties: read(v3dir, '85984NED-DataProperties'),
      },
      lookup,
      { ...common, skipUnknownAreas: true },
    );
    const obs1 = parsedJson(read(v4dir, '85984NED-Observations-page1'));
    const before = obs1.value.length;
    obs1.value = obs1.value.filter(
      (o) => !(o.WijkenEnBuurten === 'WK050501' && o.Measure === 'F900034'),
    );
    assert.equal(obs1.value.length, before - 1);
    const v4 = parseOdataV4(
      {
        ...v4Input('85984NED', ['Observations-page2']),
        observations: [json(obs1), read(v4dir, '85984NED-Observations-page2')],
      },
      lookup,
      { ...common, skipUnknownAreas: true },
    );
    assert.deepEqual(sorted(v4), sorted(v3));
    const cell = v4.observations.find(
      (o) => o.area_code === 'WK050501' && o.variable === 'Bevolkingsdichtheid',
    );
    assert.deepEqual([cell?.value, cell?.status], [null, 'geheim']);
  });

  it('a measure without DataType whose observations carry only a StringValue is text, not a figure', () => {
    const measures = parsedJson(read(v4dir, '85984NED-MeasureCodes'));
    for (const m of measures.value) delete m.DataType;
    const lookup = lookupOf(2024, codes2024);
    const common = { tableId: '85984NED', indelingYear: 2024, period: '2024' };
    const v4 = parseOdataV4(
      {
        ...v4Input('85984NED', ['Observations-page1', 'Observations-page2']),
        measureCodes: json(measures),
      },
      lookup,
      { ...common, skipUnknownAreas: true },
    );
    assert.deepEqual(
      v4.variables.map((v) => v.stem),
      [
        'AantalInwoners',
        'Mannen',
        'Vrouwen',
        'Bevolkingsdichtheid',
        'Woningvoorraad',
        'OppervlakteTotaal',
        'OppervlakteLand',
        'OppervlakteWater',
      ],
    );
    assert.equal(v4.observations.length, 13 * 8, 'no empty "geheim" column for a text measure');
  });

  it('finds the region dimension by its Kind, whatever its name (82339NED: RegioS)', () => {
    const rename = (input: ImportInput): ImportInput =>
      json(JSON.parse(input.bytes.toString('utf8').replaceAll('"WijkenEnBuurten"', '"RegioS"')));
    const base = v4Input('85984NED', ['Observations-page1', 'Observations-page2']);
    const lookup = lookupOf(2024, codes2024);
    const common = { tableId: '85984NED', indelingYear: 2024, period: '2024' };
    const renamed = parseOdataV4(
      {
        ...base,
        dimensions: rename(base.dimensions),
        observations: base.observations.map(rename),
      },
      lookup,
      { ...common, skipUnknownAreas: true },
    );
    const original = parseOdataV4(base, lookup, { ...common, skipUnknownAreas: true });
    assert.deepEqual(sorted(renamed), sorted(original));
    assert.deepEqual(tableShape(rename(base.dimensions)), {
      region: 'RegioS',
      period: null,
      dimensions: ['RegioS'],
    });
  });

  it('refuses, naming the dimensions, when no dimension is the region or when a period is needed', () => {
    const base = v4Input('85984NED', ['Observations-page1', 'Observations-page2']);
    const lookup = lookupOf(2024, codes2024);
    const noGeo = json(
      {
        value: [
          { Identifier: 'WijkenEnBuurten', Kind: 'Dimension' },
          { Identifier: 'Leeftijd', Kind: 'Dimension' },
        ],
      },
      '85984NED_Dimensions.json',
    );
    assert.throws(
      () =>
        parseOdataV4({ ...base, dimensions: noGeo }, lookup, {
          tableId: '85984NED',
          indelingYear: 2024,
          period: '2024',
        }),
      (error: unknown) =>
        error instanceof ImportValidationError &&
        error.problems.some(
          (p) =>
            p.file === '85984NED_Dimensions.json' &&
            /kan de regio-dimensie van de tabel niet bepalen: geen dimensie is een GeoDimension \(dimensies: WijkenEnBuurten \(Dimension\), Leeftijd \(Dimension\)\)/.test(
              p.message,
            ),
        ),
    );
    const twoGeo = json({
      value: [
        { Identifier: 'WijkenEnBuurten', Kind: 'GeoDimension' },
        { Identifier: 'RegioS', Kind: 'GeoDimension' },
      ],
    });
    assert.throws(
      () =>
        parseOdataV4({ ...base, dimensions: twoGeo }, lookup, {
          tableId: '85984NED',
          indelingYear: 2024,
          period: '2024',
        }),
      /meer dan één regio-dimensie \(WijkenEnBuurten, RegioS\)/,
    );
    // KWB has no period dimension: without the period from the options it is refused.
    assert.throws(
      () => parseOdataV4(base, lookup, { tableId: '85984NED', indelingYear: 2024 }),
      /de tabel heeft geen periode-dimensie \(dimensies: WijkenEnBuurten\): geef de periode op/,
    );
  });
});
