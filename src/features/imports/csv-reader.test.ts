import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  fromText,
  problemsOf,
  expectProblem,
  shipped,
} from '../../../test/fixtures/imports/problems.fixture.ts';
import {
  areaCodeProblem,
  decodeCsv,
  detectDelimiter,
  MAX_PROBLEMS,
  parseCbsValue,
  ProblemList,
  readCsv,
  readCsvStream,
  type CsvHeader,
  type CsvRow,
} from './csv-reader.ts';
import type { ImportInput } from './import.types.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';

function readAll(input: ImportInput, minColumns = 2) {
  const rows: CsvRow[] = [];
  let header: CsvHeader | undefined;
  const result = readCsv(input, { minColumns }, new ProblemList(input.fileName), {
    header: (h) => (header = h),
    row: (r) => rows.push(r),
  });
  return { rows, header: header as CsvHeader, result };
}

describe('parseCbsValue', () => {
  it('reads Dutch notation in ; files and plain notation otherwise', () => {
    assert.deepEqual(parseCbsValue('2,1', true), { ok: true, value: 2.1, status: 'definitief' });
    assert.deepEqual(parseCbsValue('17.942.942', true), {
      ok: true,
      value: 17942942,
      status: 'definitief',
    });
    assert.deepEqual(parseCbsValue('-1.234,5', true), {
      ok: true,
      value: -1234.5,
      status: 'definitief',
    });
    assert.deepEqual(parseCbsValue('2.5', false), { ok: true, value: 2.5, status: 'definitief' });
    assert.equal(
      parseCbsValue('2.5', true).ok,
      false,
      'a point is only a thousands separator in ; files',
    );
    assert.equal(parseCbsValue('2,1', false).ok, false, 'a comma is no decimal mark in , files');
    assert.deepEqual(parseCbsValue('1.234', false), {
      ok: true,
      value: 1.234,
      status: 'definitief',
    });
    assert.equal(parseCbsValue('12a', true).ok, false);
  });

  it('turns CBS symbols for unpublished figures into null with status geheim', () => {
    for (const raw of ['', ' ', '.', '-99999999', 'x']) {
      assert.deepEqual(
        parseCbsValue(raw, true),
        { ok: true, value: null, status: 'geheim' },
        JSON.stringify(raw),
      );
    }
  });

  it('marks a trailing * as voorlopig', () => {
    assert.deepEqual(parseCbsValue('1.168*', true), { ok: true, value: 1168, status: 'voorlopig' });
    assert.deepEqual(parseCbsValue('10**', false), { ok: true, value: 10, status: 'voorlopig' });
  });
});

describe('decoding and delimiters', () => {
  it('strips a BOM and detects UTF-8', () => {
    const decoded = decodeCsv(
      shipped('test/fixtures/imports/kwb-2024-oud-krispijn-statline-bom.fixture.csv').bytes,
      'x.csv',
    );
    assert.equal(decoded.hadBom, true);
    assert.equal(decoded.encoding, 'utf-8');
    assert.ok(decoded.text.startsWith('"Wijken en buurten"'));
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    const decoded = decodeCsv(
      shipped('test/fixtures/imports/kwb-2023-zwijndrecht-windows1252.fixture.csv').bytes,
      'x.csv',
    );
    assert.equal(decoded.encoding, 'windows-1252');
    assert.match(decoded.text, /"Koloniënbuurt"/);
  });

  it('refuses UTF-8 bytes when Windows-1252 is forced, naming line and column', () => {
    const problems = problemsOf(() =>
      decodeCsv(Buffer.from('a;b\n1;Koloniënbuurt\n'), 'f.csv', 'windows-1252'),
    );
    expectProblem(problems, { file: 'f.csv', line: 2, column: 2, message: /verkeerde tekenset/ });
  });

  it('picks the delimiter outside quotes', () => {
    assert.deepEqual(detectDelimiter('"a,b";"c"'), { delimiter: ';', columns: 2 });
    assert.deepEqual(detectDelimiter('a,b,c'), { delimiter: ',', columns: 3 });
    assert.deepEqual(detectDelimiter('a\tb'), { delimiter: '\t', columns: 2 });
  });
});

describe('readCsv', () => {
  it('reports the starting line of a record that spans lines', () => {
    const { rows } = readAll(fromText('m.csv', 'a;b\r\n1;"twee\nregels"\r\n3;4\r\n'));
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 4],
    );
    assert.equal(rows[0]?.fields[1], 'twee\nregels');
  });

  it('reports a row with the wrong number of columns in the middle of a file', () => {
    const problems = problemsOf(() => readAll(fromText('k.csv', 'a;b;c\n1;2;3\n1;2\n4;5;6\n')));
    expectProblem(problems, {
      file: 'k.csv',
      line: 3,
      column: 3,
      message: /regel heeft 2 kolommen, de kopregel heeft er 3/,
    });
  });

  it(`stops at ${MAX_PROBLEMS} problems`, () => {
    const text = `a;b;c\n${'1;2\n'.repeat(80)}`;
    const problems = problemsOf(() => readAll(fromText('veel.csv', text)));
    assert.equal(problems.length, MAX_PROBLEMS);
  });

  it('streams the same records as the in-memory reader, in small chunks', async () => {
    const input = shipped('datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv');
    const expected = readAll(input);
    const rows: CsvRow[] = [];
    const chunks = [];
    for (let i = 0; i < input.bytes.length; i += 97) chunks.push(input.bytes.subarray(i, i + 97));
    const result = await readCsvStream(
      Readable.from(chunks),
      input.fileName,
      { minColumns: 2 },
      new ProblemList(input.fileName),
      {
        header: () => undefined,
        row: (r) => rows.push(r),
      },
    );
    assert.equal(result.rowCount, 132);
    assert.deepEqual(rows, expected.rows);
    assert.deepEqual(result.header.fields, expected.header.fields);
  });

  it('streams a truncated file to the same refusal', async () => {
    const stream = Readable.from([Buffer.from('a;b\n1;2\n"x;3')]);
    await assert.rejects(
      readCsvStream(stream, 'kort.csv', { minColumns: 2 }, new ProblemList('kort.csv'), {
        header: () => undefined,
        row: () => undefined,
      }),
      /kort\.csv, regel 3: bestand lijkt afgebroken/,
    );
  });
});

describe('areaCodeProblem', () => {
  const lookup = dordrechtLookup2023();
  it('accepts a code of the indeling year', () => {
    assert.equal(areaCodeProblem(lookup, 2023, 'BU05050300'), null);
  });
  it('says when a code exists in another indeling year only', () => {
    assert.equal(
      areaCodeProblem(lookup, 2025, 'BU05050300'),
      'verkeerd indelingsjaar: BU05050300 bestaat niet in indeling 2025; wel in 2023',
    );
  });
  it('refuses what is not a CBS code', () => {
    assert.match(areaCodeProblem(lookup, 2023, 'Dordrecht') ?? '', /geen CBS-gebiedscode/);
  });
});
