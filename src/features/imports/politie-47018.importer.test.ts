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
import { sha256 } from './import.service.ts';
import { crimeVariable, parsePolitie47018Csv } from './politie-47018.importer.ts';

const FILE = 'datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv';
const NAME = 'politie-47018ned-2023-dordrecht.csv';
const lookup = dordrechtLookup2023();
const lines = fs.readFileSync(path.join(projectRoot, FILE), 'utf8').trim().split('\r\n');
const withLines = (rows: string[]) => `${rows.join('\r\n')}\r\n`;

describe('parsePolitie47018Csv: the shipped Dordrecht file', () => {
  const parsed = parsePolitie47018Csv(shipped(FILE), lookup, { indelingYear: 2023 });

  it('reads all 132 buurten with the CBS total of 6475 crimes', () => {
    assert.equal(parsed.rowCount, 132);
    assert.equal(parsed.observations.length, 132);
    assert.equal(new Set(parsed.observations.map((o) => o.area_code)).size, 132);
    assert.ok(parsed.observations.every((o) => o.area_code.startsWith('BU05')));
    assert.equal(
      parsed.observations.reduce((sum, o) => sum + (o.value ?? 0), 0),
      6475,
    );
  });

  it('stores the total under GeregistreerdeMisdrijven for period 2023', () => {
    assert.ok(
      parsed.observations.every(
        (o) =>
          o.variable === 'GeregistreerdeMisdrijven' &&
          o.period === '2023' &&
          o.status === 'definitief',
      ),
    );
    const first = parsed.observations.find((o) => o.area_code === 'BU05050100');
    assert.equal(first?.value, 23);
    assert.deepEqual(
      parsed.variables.map((v) => [v.stem, v.table_id]),
      [['GeregistreerdeMisdrijven', '47018NED']],
    );
    assert.equal(parsed.fileHash, sha256(fs.readFileSync(path.join(projectRoot, FILE))));
    assert.match(parsed.attribution, /^Bron: CBS\/Politie/);
  });
});

describe('parsePolitie47018Csv: crime types and padding', () => {
  it('trims space-padded keys and names a crime type by its code', () => {
    const padded = lines[1]!.replace(',0.0.0,BU05050100,', ',0.0.0 ,BU05050100  ,');
    const subtype = lines[1]!.replace(',0.0.0,', ',1.1.1 ,');
    const parsed = parsePolitie47018Csv(
      fromText('soorten.csv', withLines([lines[0]!, padded, subtype])),
      lookup,
      { indelingYear: 2023 },
    );
    assert.deepEqual(
      parsed.observations.map((o) => [o.variable, o.area_code, o.period]),
      [
        ['GeregistreerdeMisdrijven', 'BU05050100', '2023'],
        ['GeregistreerdeMisdrijven.1.1.1', 'BU05050100', '2023'],
      ],
    );
    assert.equal(crimeVariable('2.6.10'), 'GeregistreerdeMisdrijven.2.6.10');
  });
});

describe('parsePolitie47018Csv: bad input names the place', () => {
  it('wrong indeling year: the 2023 codes do not exist in 2025', () => {
    const problems = problemsOf(() =>
      parsePolitie47018Csv(shipped(FILE), lookup, { indelingYear: 2025 }),
    );
    expectProblem(problems, {
      file: NAME,
      line: 2,
      column: 4,
      field: 'WijkenEnBuurten',
      message: /^verkeerd indelingsjaar: BU05050100 bestaat niet in indeling 2025; wel in 2023$/,
    });
    assert.equal(problems.length, 50, 'problems are capped so the message stays readable');
  });

  it('duplicate rows name both lines', () => {
    const problems = problemsOf(() =>
      parsePolitie47018Csv(fromText('dubbel.csv', withLines([...lines, lines[2]!])), lookup, {
        indelingYear: 2023,
      }),
    );
    expectProblem(problems, {
      file: 'dubbel.csv',
      line: 134,
      column: 4,
      message: /BU05050101, periode 2023 staat al op regel 3 \(en nu op regel 134\)/,
    });
  });

  it('missing column', () => {
    const text = withLines(
      lines.slice(0, 3).map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== 4)
          .join(','),
      ),
    );
    const problems = problemsOf(() =>
      parsePolitie47018Csv(fromText('zonder-periode.csv', text), lookup, { indelingYear: 2023 }),
    );
    expectProblem(problems, {
      file: 'zonder-periode.csv',
      line: 1,
      field: 'Perioden',
      message: /kolom Perioden ontbreekt/,
    });
  });

  it('non-numeric value and unknown area code, collected in one go', () => {
    const text = withLines([
      lines[0]!,
      lines[1]!.replace(',23,', ',23a,'),
      lines[2]!.replace('BU05050101', 'BU05059999'),
    ]);
    const problems = problemsOf(() =>
      parsePolitie47018Csv(fromText('fouten.csv', text), lookup, { indelingYear: 2023 }),
    );
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 2,
      column: 6,
      field: 'GeregistreerdeMisdrijven_1',
      message: /geen getal: "23a"/,
    });
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 3,
      column: 4,
      field: 'WijkenEnBuurten',
      message: /onbekende gebiedscode: BU05059999/,
    });
  });

  it('empty and header-only files', () => {
    expectProblem(
      problemsOf(() =>
        parsePolitie47018Csv({ bytes: Buffer.alloc(0), fileName: 'leeg.csv' }, lookup, {
          indelingYear: 2023,
        }),
      ),
      { file: 'leeg.csv', message: /leeg/ },
    );
    expectProblem(
      problemsOf(() =>
        parsePolitie47018Csv(fromText('kop.csv', withLines([lines[0]!])), lookup, {
          indelingYear: 2023,
        }),
      ),
      { file: 'kop.csv', line: 2, message: /alleen een kopregel/ },
    );
  });
});
