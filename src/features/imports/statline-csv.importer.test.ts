import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import {
  dordrechtLookup2023,
  drechtstedenAreas2023,
  lookupFromAreas,
} from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import {
  expectProblem,
  fromText,
  problemsOf,
  shipped,
} from '../../../test/fixtures/imports/problems.fixture.ts';
import { parseDataProperties } from './cbs-metadata.ts';
import { sha256 } from './import.service.ts';
import type { ImportInput, ParsedImport } from './import.types.ts';
import { parseStatlineCsv, type StatlineCsvOptions } from './statline-csv.importer.ts';

const dataProperties = parseDataProperties(
  fs.readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json')),
  '85984NED_DataProperties.json',
);
const lookup = dordrechtLookup2023();
const KWB = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht.csv';
const KWB_GEMEENTE = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv';
const BOM_FIXTURE = 'test/fixtures/imports/kwb-2024-oud-krispijn-statline-bom.fixture.csv';
const GEMEENTE_FIXTURE = 'test/fixtures/imports/kwb-2024-dordrecht-gemeente-statline.fixture.csv';
const CP1252_FIXTURE = 'test/fixtures/imports/kwb-2023-zwijndrecht-windows1252.fixture.csv';

const base: StatlineCsvOptions = {
  tableId: '85984NED',
  dataProperties,
  indelingYear: 2023,
  period: '2024',
  municipalityCode: 'GM0505',
};

function parse(input: ImportInput, options: Partial<StatlineCsvOptions> = {}): ParsedImport {
  return parseStatlineCsv(input, lookup, { ...base, ...options });
}

function value(parsed: ParsedImport, area: string, variable: string) {
  const found = parsed.observations.filter((o) => o.area_code === area && o.variable === variable);
  assert.equal(found.length, 1, `${area} ${variable}`);
  return found[0]!;
}

/** The shipped file's own region codes (column gwb_code_added), by line. */
function shippedCodes(): string[] {
  return fs
    .readFileSync(path.join(projectRoot, KWB), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[1] as string);
}

describe('parseStatlineCsv: the shipped KWB 2024 Dordrecht file, matched by name', () => {
  const parsed = parse(shipped(KWB));

  it('matches every row by name to the same code the file added (gwb_code_added is ignored)', () => {
    const areas = [...new Set(parsed.observations.map((o) => o.area_code))];
    assert.deepEqual(areas, shippedCodes());
    const kinds = (prefix: string) => areas.filter((a) => a.startsWith(prefix)).length;
    assert.deepEqual([kinds('BU'), kinds('WK'), kinds('GM'), kinds('NL')], [132, 13, 1, 1]);
    assert.equal(parsed.rowCount, 147);
    assert.equal(parsed.observations.length, 147 * 4);
  });

  it('keeps the real values and maps titles to stems', () => {
    assert.equal(value(parsed, 'NL00', 'AantalInwoners').value, 17942942);
    assert.equal(value(parsed, 'GM0505', 'AantalInwoners').value, 122070);
    assert.equal(value(parsed, 'GM0505', 'BuitenEuropa').value, 29471);
    assert.equal(value(parsed, 'WK050501', 'AantalInwoners').value, 10390);
    assert.equal(value(parsed, 'BU05050100', 'EuropaExclusiefNederland').value, 95);
    assert.deepEqual(
      parsed.variables.map((v) => v.stem),
      ['AantalInwoners', 'Nederland', 'EuropaExclusiefNederland', 'BuitenEuropa'],
    );
    assert.ok(
      parsed.observations.every(
        (o) => o.period === '2024' && o.indeling_year === 2023 && o.status === 'definitief',
      ),
    );
  });

  it('fills provenance for the dataset', () => {
    assert.equal(parsed.kind, 'cbs-statline-csv');
    assert.equal(parsed.fileHash, sha256(fs.readFileSync(path.join(projectRoot, KWB))));
    assert.match(parsed.attribution, /^Bron: CBS/);
    assert.equal(parsed.options.municipalityCode, 'GM0505');
    assert.equal(parsed.options.tableId, '85984NED');
  });

  it('uses gwb_code_added as code column when no municipality is given', () => {
    const byCode = parse(shipped(KWB), { municipalityCode: undefined });
    assert.deepEqual(
      byCode.observations.map((o) => `${o.area_code} ${o.variable} ${o.value}`),
      parsed.observations.map((o) => `${o.area_code} ${o.variable} ${o.value}`),
    );
    assert.notEqual(byCode.options.municipalityCode, 'GM0505');
  });
});

describe('parseStatlineCsv: StatLine-format fixtures', () => {
  it('reads a UTF-8 file with BOM, CRLF, quoted names and padded gemeentenaam', () => {
    const parsed = parse(shipped(BOM_FIXTURE));
    assert.equal(parsed.rowCount, 11);
    assert.equal(value(parsed, 'NL00', 'AantalInwoners').value, 17942942);
    assert.equal(value(parsed, 'WK050503', 'AantalInwoners').value, 11005);
    assert.equal(value(parsed, 'BU05050305', 'BuitenEuropa').value, 1175);
  });

  it('reads the full gemeente download: decimal comma, empty cells as geheim, repeated titles', () => {
    const parsed = parse(shipped(GEMEENTE_FIXTURE));
    assert.equal(value(parsed, 'GM0505', 'GemiddeldeHuishoudensgrootte').value, 2.1);
    assert.equal(value(parsed, 'GM0505', 'PersonenPerSoortUitkeringAOW').value, 21760);
    // "Nederland" appears under Herkomstland and under Geboren in Nederland: order decides.
    assert.equal(value(parsed, 'GM0505', 'BuitenEuropa').value, 29471);
    assert.equal(value(parsed, 'GM0505', 'BuitenEuropa_22').value, 14256);
    assert.equal(value(parsed, 'GM0505', 'BuitenEuropa_24').value, 15215);
    const secret = parsed.observations.filter((o) => o.status === 'geheim');
    assert.equal(secret.length, 16, 'three education-level and thirteen income columns are empty');
    assert.ok(secret.every((o) => o.value === null));
    assert.equal(parsed.observations.length, 55);
  });

  it('reads a Windows-1252 file and matches "Koloniënbuurt" by name', () => {
    const zwijndrecht = lookupFromAreas(drechtstedenAreas2023('GM0642'));
    const parsed = parseStatlineCsv(shipped(CP1252_FIXTURE), zwijndrecht, {
      ...base,
      municipalityCode: 'GM0642',
    });
    const kolonien = parsed.observations.filter((o) => o.area_code === 'BU06420504');
    assert.deepEqual(
      kolonien.map((o) => [o.variable, o.value]),
      [
        ['AantalInwoners', 510],
        ['Mannen', 250],
        ['Vrouwen', 265],
        ['GemiddeldeHuishoudensgrootte', 2.4],
      ],
    );
    const develstein = parsed.observations.find(
      (o) => o.area_code === 'BU06420502' && o.variable === 'GemiddeldeHuishoudensgrootte',
    );
    assert.deepEqual([develstein?.value, develstein?.status], [null, 'geheim']);
  });

  it('marks a provisional period as voorlopig', () => {
    const parsed = parse(shipped(BOM_FIXTURE), { period: '2024*' });
    assert.ok(parsed.observations.every((o) => o.period === '2024' && o.status === 'voorlopig'));
  });
});

describe('parseStatlineCsv: bad input names the place', () => {
  it('wrong encoding: Windows-1252 bytes read as forced UTF-8', () => {
    const zwijndrecht = lookupFromAreas(drechtstedenAreas2023('GM0642'));
    const problems = problemsOf(() =>
      parseStatlineCsv(shipped(CP1252_FIXTURE), zwijndrecht, {
        ...base,
        municipalityCode: 'GM0642',
        encoding: 'utf-8',
      }),
    );
    expectProblem(problems, {
      file: 'kwb-2023-zwijndrecht-windows1252.fixture.csv',
      line: 5,
      column: 1,
      message: /verkeerde tekenset/,
    });
  });

  it('non-numeric value: the shipped comma file keeps "2,1", which is no number in a , file', () => {
    const problems = problemsOf(() => parse(shipped(KWB_GEMEENTE)));
    expectProblem(problems, {
      file: 'kwb-2024-dordrecht-gemeente.csv',
      line: 2,
      column: 32,
      field: 'Bevolking/Particuliere huishoudens/Gemiddelde huishoudensgrootte (aantal)',
      message: /geen getal: "2,1"/,
    });
    const parsed = parse(shipped(KWB_GEMEENTE), { decimalComma: true });
    assert.equal(value(parsed, 'GM0505', 'GemiddeldeHuishoudensgrootte').value, 2.1);
    assert.equal(parsed.options.decimalComma, 'true');
  });

  it('unmatched area name and unknown value column', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8')
      .replace('"Wijk 03 Oud Krispijn"', '"Wijk 03 Oud Krispijnn"')
      .replace('"Bevolking/Aantal inwoners (aantal)"', '"Bevolking/Aantal bewoners (aantal)"');
    const problems = problemsOf(() => parse(fromText('namen.csv', text)));
    expectProblem(problems, {
      file: 'namen.csv',
      line: 1,
      column: 3,
      field: 'Bevolking/Aantal bewoners (aantal)',
      message: /hoort niet bij tabel 85984NED/,
    });
    assert.equal(problems.length, 1, 'a bad header stops before the rows are read');
    const rowsOnly = fs
      .readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8')
      .replace('"Wijk 03 Oud Krispijn"', '"Wijk 03 Oud Krispijnn"');
    expectProblem(
      problemsOf(() => parse(fromText('namen.csv', rowsOnly))),
      {
        file: 'namen.csv',
        line: 4,
        column: 1,
        field: 'Wijken en buurten',
        message: /onbekende gebiedsnaam: "Wijk 03 Oud Krispijnn"/,
      },
    );
  });

  it('unknown area code in a code column', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, KWB), 'utf8')
      .replace(',BU05050100,', ',BU05050199,');
    const problems = problemsOf(() =>
      parse(fromText('codes.csv', text), { municipalityCode: undefined }),
    );
    expectProblem(problems, {
      file: 'codes.csv',
      line: 5,
      column: 2,
      field: 'gwb_code_added',
      message: /onbekende gebiedscode: BU05050199 bestaat niet in indeling 2023/,
    });
  });

  it('wrong indeling year: names the year the codes belong to', () => {
    const problems = problemsOf(() =>
      parse(shipped(KWB), { municipalityCode: undefined, indelingYear: 2025 }),
    );
    expectProblem(problems, {
      file: 'kwb-2024-dordrecht.csv',
      line: 2,
      column: 2,
      field: 'gwb_code_added',
      message: /^verkeerd indelingsjaar: NL00 bestaat niet in indeling 2025; wel in 2023$/,
    });
  });

  it('duplicate rows name both lines', () => {
    const lines = fs.readFileSync(path.join(projectRoot, KWB), 'utf8').trim().split('\r\n');
    const text = [...lines, lines[3]].join('\r\n');
    const problems = problemsOf(() => parse(fromText('dubbel.csv', text)));
    expectProblem(problems, {
      file: 'dubbel.csv',
      line: 149,
      field: 'Wijken en buurten',
      message: /WK050501, periode 2024 staat al op regel 4 \(en nu op regel 149\)/,
    });
  });

  it('truncated file: a cut in the middle of the last line', () => {
    const bytes = fs.readFileSync(path.join(projectRoot, BOM_FIXTURE));
    const cut = bytes.subarray(0, bytes.length - 12);
    const problems = problemsOf(() => parse({ bytes: cut, fileName: 'afgebroken.csv' }));
    expectProblem(problems, {
      file: 'afgebroken.csv',
      line: 12,
      column: 5,
      message: /bestand lijkt afgebroken: de laatste regel heeft 4 van de 6 kolommen/,
    });
  });

  it('truncated file: a cut inside a quoted name', () => {
    const text = fs.readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8');
    const cut = text.slice(0, text.lastIndexOf('"Rembrandtlaan') + 8);
    const problems = problemsOf(() => parse(fromText('afgebroken.csv', cut)));
    expectProblem(problems, {
      file: 'afgebroken.csv',
      line: 12,
      message: /bestand lijkt afgebroken: een aanhalingsteken/,
    });
  });

  it('empty and header-only files', () => {
    expectProblem(
      problemsOf(() => parse({ bytes: Buffer.alloc(0), fileName: 'leeg.csv' })),
      { file: 'leeg.csv', message: /het bestand is leeg/ },
    );
    expectProblem(
      problemsOf(() =>
        parse({ bytes: Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a]), fileName: 'bom.csv' }),
      ),
      { file: 'bom.csv', message: /het bestand is leeg/ },
    );
    const header = fs
      .readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8')
      .split('\r\n')[0] as string;
    expectProblem(
      problemsOf(() => parse(fromText('kop.csv', `${header}\r\n`))),
      { file: 'kop.csv', line: 2, message: /alleen een kopregel/ },
    );
  });

  it('oversized field', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8')
      .replace('"Zuidendijk"', `"${'Zuidendijk '.repeat(1000)}"`);
    const problems = problemsOf(() => parse(fromText('groot.csv', text)));
    expectProblem(problems, {
      file: 'groot.csv',
      line: 5,
      column: 1,
      field: 'Wijken en buurten',
      message: /veld is te lang \(11000 tekens, maximaal 10000\)/,
    });
  });

  it('wrong delimiter: a | separated file', () => {
    const text = fs.readFileSync(path.join(projectRoot, BOM_FIXTURE), 'utf8').replaceAll(';', '|');
    const problems = problemsOf(() => parse(fromText('pijp.csv', text)));
    expectProblem(problems, {
      file: 'pijp.csv',
      line: 1,
      message: /verkeerd scheidingsteken: de kopregel heeft maar 1 kolom/,
    });
  });

  it('no region column and no municipality to match names', () => {
    const problems = problemsOf(() => parse(shipped(BOM_FIXTURE), { municipalityCode: undefined }));
    expectProblem(problems, {
      file: 'kwb-2024-oud-krispijn-statline-bom.fixture.csv',
      line: 2,
      column: 1,
      field: 'Wijken en buurten',
      message: /geen CBS-gebiedscode; geef de gemeente op/,
    });
  });
});
