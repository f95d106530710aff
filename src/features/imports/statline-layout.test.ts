import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
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
import { recogniseStatlineLayout } from './statline-layout.ts';

const dataProperties = parseDataProperties(
  fs.readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json')),
  '85984NED_DataProperties.json',
);
const lookup = dordrechtLookup2023();
const LABELS = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht.csv';
const LABELS_COMMA = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv';
const KEYED = 'datasets/cbs-kwb-2024/kwb2024_dordrecht.csv';
const KOPREGELS = 'test/fixtures/imports/kwb-2024-oud-krispijn-statline-kopregels.fixture.csv';

const base: StatlineCsvOptions = {
  tableId: '85984NED',
  dataProperties,
  indelingYear: 2023,
  period: '2024',
};

function parse(input: ImportInput, options: Partial<StatlineCsvOptions> = {}): ParsedImport {
  return parseStatlineCsv(input, lookup, { ...base, ...options });
}

function value(parsed: ParsedImport, area: string, variable: string): number | null {
  const found = parsed.observations.filter((o) => o.area_code === area && o.variable === variable);
  assert.equal(found.length, 1, `${area} ${variable}`);
  return found[0]!.value ?? null;
}

describe('StatLine CSV layouts are recognised by their content', () => {
  it('names the layout of each shipped file and of the table download, whatever the file is called', () => {
    const layout = (relative: string, as: string) =>
      recogniseStatlineLayout({ ...shipped(relative), fileName: as }, dataProperties).layout;
    assert.equal(layout(LABELS, 'kwb2024_dordrecht.csv'), 'labels');
    assert.equal(layout(LABELS_COMMA, 'x.csv'), 'labels');
    assert.equal(layout(KEYED, 'kwb-2024-dordrecht.csv'), 'sleutels');
    assert.equal(layout(KOPREGELS, 'download.csv'), 'kopregels');
  });

  it('labels: the shipped StatLine export (names matched within the municipality)', () => {
    const parsed = parse(shipped(LABELS), { municipalityCode: 'GM0505' });
    assert.equal(value(parsed, 'GM0505', 'AantalInwoners'), 122070);
    assert.equal(value(parsed, 'WK050503', 'AantalInwoners'), 11005);
  });

  it('sleutels: the shipped keyed file (code, naam, soort, CBS keys) that only the seed could read', () => {
    const parsed = parse(shipped(KEYED));
    assert.equal(parsed.rowCount, 14);
    assert.equal(parsed.observations.length, 14 * 8);
    assert.equal(value(parsed, 'GM0505', 'AantalInwoners'), 122070);
    assert.equal(value(parsed, 'GM0505', 'Bevolkingsdichtheid'), 1574);
    assert.equal(value(parsed, 'WK050501', 'OppervlakteLand'), 109);
    assert.deepEqual(parsed.variables.map((v) => v.stem).sort(), [
      'AantalInwoners',
      'Bevolkingsdichtheid',
      'Mannen',
      'OppervlakteLand',
      'OppervlakteTotaal',
      'OppervlakteWater',
      'Vrouwen',
      'Woningvoorraad',
    ]);
  });

  it('kopregels: title lines, topic rows, unit row and source line; thousands separators read', () => {
    const input = shipped(KOPREGELS);
    const parsed = parse(input, { municipalityCode: 'GM0505' });
    assert.equal(value(parsed, 'NL00', 'AantalInwoners'), 17942942);
    assert.equal(value(parsed, 'GM0505', 'AantalInwoners'), 122070);
    assert.equal(value(parsed, 'GM0505', 'Bevolkingsdichtheid'), 1574);
    assert.equal(value(parsed, 'WK050503', 'BuitenEuropa'), 3780);
    assert.equal(value(parsed, 'BU05050302', 'Nederland'), 735);
    assert.equal(parsed.rowCount, 6);
    // The dataset is the user's file: its own hash, and the layout it was read in.
    assert.equal(parsed.fileHash, sha256(input.bytes));
    assert.equal(parsed.options.indeling, 'kopregels');
  });

  it('kopregels: a problem names the line and column of the original file', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, KOPREGELS), 'utf8')
      .replace('"Erasmuslaan en omgeving";"855"', '"Erasmuslaan en omgeving";"8S5"');
    const problems = problemsOf(() =>
      parse(fromText('download.csv', text), { municipalityCode: 'GM0505' }),
    );
    expectProblem(problems, {
      file: 'download.csv',
      line: 14,
      column: 2,
      field: 'Bevolking/Aantal inwoners (aantal)',
      message: /geen getal: "8S5"/,
    });
  });

  it('--decimale-komma: a "," file that kept StatLine\'s "2,1" is read only when asked', () => {
    expectProblem(
      problemsOf(() => parse(shipped(LABELS_COMMA), { municipalityCode: 'GM0505' })),
      {
        file: 'kwb-2024-dordrecht-gemeente.csv',
        line: 2,
        column: 32,
        message: /geen getal: "2,1"; verwacht een getal zoals 1234 of 2.5/,
      },
    );
    const parsed = parse(shipped(LABELS_COMMA), {
      municipalityCode: 'GM0505',
      decimalComma: true,
    });
    assert.equal(value(parsed, 'GM0505', 'GemiddeldeHuishoudensgrootte'), 2.1);
  });

  it('an unrecognised layout is refused in Dutch, naming file, line, column and field', () => {
    const problems = problemsOf(() =>
      parse(fromText('woningen.csv', 'Buurt;Woningen\nBU05050300;120\n')),
    );
    assert.equal(problems.length, 1);
    expectProblem(problems, {
      file: 'woningen.csv',
      line: 1,
      column: 1,
      field: 'Buurt',
      message: /^onbekende indeling: dit is geen StatLine-download van tabel 85984NED/,
    });
  });

  it('a table download without a heading over the areas names the header line of the original', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, KOPREGELS), 'utf8')
      .replace('"Wijken en buurten";"Bevolking"', '"";"Bevolking"');
    const problems = problemsOf(() =>
      parse(fromText('zonder-kop.csv', text), { municipalityCode: 'GM0505' }),
    );
    expectProblem(problems, {
      file: 'zonder-kop.csv',
      line: 4,
      column: 1,
      message: /onbekende indeling: de eerste kolom heeft geen kop/,
    });
  });
});
