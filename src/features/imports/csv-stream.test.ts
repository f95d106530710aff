import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import {
  CsvStreamReader,
  importCsvStream,
  ProblemList,
  readCsv,
  type CsvEncoding,
  type CsvHeader,
  type CsvImporter,
  type CsvRow,
} from './csv-reader.ts';
import {
  bytesSource,
  fileSource,
  parseUpload,
  parseUploadStream,
  type UploadKind,
  type UploadOptions,
  type UploadSource,
} from './parse-upload.ts';

/**
 * The incremental reader against the whole-file reader (readCsv, unchanged): for every shipped
 * CSV and fixture, and for edge cases cut at every byte, both must give the same header, rows,
 * row count, or the same refusal (same problems, same lines and columns).
 */

type Outcome =
  | { ok: true; header: CsvHeader; rows: CsvRow[]; rowCount: number }
  | { ok: false; problems: ImportProblem[] };

interface ReadSettings {
  minColumns?: number;
  encoding?: CsvEncoding;
}

function collector(fileName: string, settings: ReadSettings): CsvImporter<Outcome> {
  const rows: CsvRow[] = [];
  let header: CsvHeader | undefined;
  return {
    problems: new ProblemList(fileName),
    readOptions: { minColumns: settings.minColumns ?? 2, encoding: settings.encoding },
    visitor: { header: (h) => (header = h), row: (r) => rows.push(r) },
    finish: ({ rowCount }) => ({ ok: true, header: header as CsvHeader, rows, rowCount }),
  };
}

function refusal(error: unknown): Outcome {
  if (error instanceof ImportValidationError) return { ok: false, problems: error.problems };
  throw error;
}

/** The whole-file reader, as the CLI has always read. */
function readWhole(bytes: Buffer, fileName: string, settings: ReadSettings = {}): Outcome {
  const importer = collector(fileName, settings);
  try {
    const { rowCount } = readCsv(
      { bytes, fileName },
      importer.readOptions,
      importer.problems,
      importer.visitor,
    );
    return importer.finish({ rowCount, fileHash: '' });
  } catch (error) {
    return refusal(error);
  }
}

function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

function everyN(bytes: Buffer, size: number): number[] {
  const cuts: number[] = [];
  for (let i = size; i < bytes.length; i += size) cuts.push(i);
  return cuts;
}

/** The incremental reader over the given chunks (via importCsvStream: encoding detection too). */
async function readStreamed(
  chunks: readonly Buffer[],
  fileName: string,
  settings: ReadSettings = {},
): Promise<Outcome> {
  try {
    return await importCsvStream(
      () =>
        (async function* () {
          for (const c of chunks) yield c;
        })(),
      () => collector(fileName, settings),
    );
  } catch (error) {
    return refusal(error);
  }
}

function csvFilesUnder(relative: string): string[] {
  const dir = path.join(projectRoot, relative);
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(relative, f))
    .sort();
}

const FIXTURE_FILES = [...csvFilesUnder('test/fixtures/imports'), ...csvFilesUnder('datasets')];

describe('incremental CSV reader: same result as the whole-file reader', () => {
  it('finds the shipped files and fixtures', () => {
    assert.ok(FIXTURE_FILES.length >= 20, FIXTURE_FILES.join(', '));
  });

  for (const file of FIXTURE_FILES) {
    it(`reads ${file} the same in chunks of 1, 7, 97, 4 096 and 64 KB`, async () => {
      const bytes = fs.readFileSync(path.join(projectRoot, file));
      const name = path.basename(file);
      for (const settings of [{}, { minColumns: 3 }] as ReadSettings[]) {
        const expected = readWhole(bytes, name, settings);
        const sizes = bytes.length <= 20_000 ? [1, 7, 97, 4096, 65_536] : [7, 97, 4096, 65_536];
        for (const size of sizes) {
          const got = await readStreamed(chunked(bytes, everyN(bytes, size)), name, settings);
          assert.deepEqual(got, expected, `${file}, chunks of ${size}`);
        }
      }
    });
  }

  const edgeCases: { name: string; bytes: Buffer; settings?: ReadSettings }[] = [
    {
      name: 'quoted delimiter, doubled quotes and a newline inside quotes',
      bytes: Buffer.from('a;b;c\r\n"x;""y""\r\nz";2;"3"\r\n4;"";6\r\n', 'utf8'),
    },
    { name: 'CRLF line ends', bytes: Buffer.from('a;b\r\n1;2\r\n3;4\r\n', 'utf8') },
    { name: 'CR line ends', bytes: Buffer.from('a;b\r1;2\r3;4', 'utf8') },
    { name: 'a BOM', bytes: Buffer.from('\uFEFFa;b\n1;2\n', 'utf8') },
    { name: 'a BOM and nothing else', bytes: Buffer.from('\uFEFF', 'utf8') },
    { name: 'the start of a BOM only', bytes: Buffer.from([0xef, 0xbb]) },
    {
      name: 'UTF-8 letters split anywhere',
      bytes: Buffer.from('naam;code\nKoloniënbuurt;€1\n𝔘;ß\n', 'utf8'),
    },
    {
      name: 'Windows-1252 in the header line',
      bytes: Buffer.from([...Buffer.from('naam'), 0xeb, ...Buffer.from(';b\nx;1\n')]),
    },
    {
      name: 'Windows-1252 after ASCII rows',
      bytes: Buffer.from([...Buffer.from('a;b\nx;1\n'), 0xeb, ...Buffer.from(';2\n')]),
    },
    {
      name: 'Windows-1252 after UTF-8 letters (read again)',
      bytes: Buffer.from([...Buffer.from('a;b\në;1\n', 'utf8'), 0xeb, ...Buffer.from(';2\n')]),
    },
    {
      name: 'a ; file with a , in the header quotes',
      bytes: Buffer.from('"a,b";c\n1;2\n', 'utf8'),
    },
    { name: 'a comma file', bytes: Buffer.from('a,b,c\n1,2,3\n', 'utf8') },
    { name: 'a tab file', bytes: Buffer.from('a\tb\n1\t2\n', 'utf8') },
    { name: 'blank lines', bytes: Buffer.from('\na;b\n\n1;2\n\n', 'utf8') },
    { name: 'a header with a newline in quotes', bytes: Buffer.from('"a\nb";c\n1;2\n') },
    // Refusals: same problems, same places.
    { name: 'an empty file', bytes: Buffer.alloc(0) },
    { name: 'only whitespace', bytes: Buffer.from(' \r\n\t\n', 'utf8') },
    { name: 'only a header', bytes: Buffer.from('a;b\n', 'utf8') },
    { name: 'a wrong delimiter', bytes: Buffer.from('a|b\n1|2\n', 'utf8') },
    { name: 'a truncated quote', bytes: Buffer.from('a;b\n1;2\n"x;3', 'utf8') },
    { name: 'text after a closing quote', bytes: Buffer.from('a;b\n1;"2"x\n3;4\n', 'utf8') },
    { name: 'a short row and a truncated last row', bytes: Buffer.from('a;b;c\n1;2\n4;5;6\n7') },
    { name: 'a field over the length limit', bytes: Buffer.from(`a;b\n1;${'x'.repeat(10_001)}\n`) },
    { name: 'too many problems', bytes: Buffer.from(`a;b;c\n${'1;2\n'.repeat(80)}`) },
    {
      name: 'forced UTF-8 with a bad byte on line 3',
      bytes: Buffer.from([...Buffer.from('a;b\n1;2\n3;x'), 0xeb, ...Buffer.from('y\n')]),
      settings: { encoding: 'utf-8' },
    },
    {
      name: 'forced Windows-1252 with a BOM',
      bytes: Buffer.from('\uFEFFa;b\n1;2\n', 'utf8'),
      settings: { encoding: 'windows-1252' },
    },
    {
      name: 'forced Windows-1252 on a UTF-8 file',
      bytes: Buffer.from('a;b\n1;Koloniënbuurt\n', 'utf8'),
      settings: { encoding: 'windows-1252' },
    },
    {
      name: 'forced Windows-1252 with an undefined byte',
      bytes: Buffer.from([...Buffer.from('a;b\n1;x'), 0x81, ...Buffer.from('\n')]),
      settings: { encoding: 'windows-1252' },
    },
  ];

  for (const edge of edgeCases) {
    it(`${edge.name}: the same, cut at every byte`, async () => {
      const expected = readWhole(edge.bytes, 'rand.csv', edge.settings);
      const splits: number[][] = [everyN(edge.bytes, 1)];
      const limit = edge.bytes.length > 2_000 ? 0 : edge.bytes.length;
      for (let i = 1; i < limit; i++) splits.push([i]);
      for (const cuts of splits) {
        const got = await readStreamed(chunked(edge.bytes, cuts), 'rand.csv', edge.settings);
        assert.deepEqual(got, expected, `cut at ${cuts.length > 1 ? 'every byte' : cuts[0]}`);
      }
    });
  }

  it('a CRLF, a quote and a BOM split across chunks give the same rows (spot checks)', async () => {
    const bytes = Buffer.from('\uFEFFa;b\r\n"x\r\n""y""";2\r\n', 'utf8');
    const whole = readWhole(bytes, 'r.csv');
    assert.equal(whole.ok, true);
    if (!whole.ok) return;
    assert.deepEqual(whole.header.fields, ['a', 'b']);
    assert.deepEqual(
      whole.rows.map((r) => r.fields),
      [['x\r\n"y"', '2']],
    );
    // BOM cut after its first byte, CRLF cut between CR and LF, a quote pair cut in two.
    const cuts = [1, bytes.indexOf('\r\n') + 1, bytes.indexOf('""') + 1];
    assert.deepEqual(await readStreamed(chunked(bytes, cuts), 'r.csv'), whole);
  });
});

/** A source that counts what is actually read from it. */
function counting(source: UploadSource): { source: UploadSource; read: () => number } {
  let read = 0;
  return {
    read: () => read,
    source: {
      readAll: source.readAll,
      open: () =>
        (async function* () {
          for await (const chunk of source.open()) {
            read += chunk.length;
            yield chunk;
          }
        })(),
    },
  };
}

describe('streamed uploads', () => {
  const lookup = dordrechtLookup2023();
  const options: UploadOptions = { indelingYear: 2023, municipalityCode: 'GM0505' };
  let dir: string;
  let bigFile: string;
  let bigSize: number;
  const BIG_ROWS = 200_000;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-stream-test-'));
    bigFile = path.join(dir, 'groot.csv');
    // FIXTURE figures: made up, every (indicator, buurt, year) once.
    const codes = [
      'BU05050300',
      'BU05050301',
      'BU05050302',
      'BU05050303',
      'BU05050304',
      'BU05050305',
      'BU05050306',
      'BU05050307',
    ].filter((c) => lookup.has(2023, c));
    assert.ok(codes.length > 0);
    const out = fs.openSync(bigFile, 'w');
    fs.writeSync(out, 'gebiedscode;periode;indicator;waarde\n');
    let n = 0;
    let block: string[] = [];
    for (let v = 0; n < BIG_ROWS; v++) {
      for (let year = 1900; year < 2100 && n < BIG_ROWS; year++) {
        for (const code of codes) {
          if (n >= BIG_ROWS) break;
          block.push(`${code};${year};test_v${v};${(v * 31 + year) % 1000}\n`);
          n++;
        }
      }
      if (block.length > 10_000) {
        fs.writeSync(out, block.join(''));
        block = [];
      }
    }
    fs.writeSync(out, block.join(''));
    fs.closeSync(out);
    bigSize = fs.statSync(bigFile).size;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const kinds: { kind: UploadKind; file: string; options: UploadOptions; meta?: string }[] = [
    {
      kind: 'lokaal',
      file: 'test/fixtures/imports/lokaal-dordrecht-kengetallen.fixture.csv',
      options,
    },
    {
      kind: 'politie',
      file: 'datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv',
      options,
    },
    {
      kind: 'statline',
      file: 'test/fixtures/imports/kwb-2024-oud-krispijn-statline-bom.fixture.csv',
      options: { ...options, tableId: '85984NED', period: '2024' },
      meta: 'datasets/cbs-kwb-2024/85984NED_DataProperties.json',
    },
    {
      kind: 'statline',
      file: 'test/fixtures/imports/kwb-2023-zwijndrecht-windows1252.fixture.csv',
      options: { indelingYear: 2023, tableId: '85984NED', period: '2023' },
      meta: 'datasets/cbs-kwb-2024/85984NED_DataProperties.json',
    },
  ];

  for (const k of kinds) {
    it(`${k.kind}: ${path.basename(k.file)} gives the same import (or refusal) as parseUpload`, async () => {
      const bytes = fs.readFileSync(path.join(projectRoot, k.file));
      const meta = k.meta
        ? { bytes: fs.readFileSync(path.join(projectRoot, k.meta)), fileName: 'meta.json' }
        : undefined;
      let expected: unknown;
      try {
        expected = parseUpload(k.kind, bytes, 'f.csv', k.options, lookup, meta);
      } catch (error) {
        expected = refusal(error);
      }
      let got: unknown;
      try {
        got = await parseUploadStream(k.kind, bytesSource(bytes), 'f.csv', k.options, lookup, meta);
      } catch (error) {
        got = refusal(error);
      }
      assert.deepEqual(got, expected);
    });
  }

  it('reads a large file from disk to the same import as the whole-file parse', async () => {
    const bytes = fs.readFileSync(bigFile);
    const whole = parseUpload('lokaal', bytes, 'groot.csv', options, lookup);
    const read = counting(fileSource(bigFile));
    const streamed = await parseUploadStream('lokaal', read.source, 'groot.csv', options, lookup);
    assert.equal(streamed.rowCount, BIG_ROWS);
    assert.equal(streamed.fileHash, whole.fileHash);
    assert.deepEqual(streamed, whole);
    assert.equal(read.read(), bigSize);
  });

  it('stops reading at the row limit, with a Dutch problem naming file and line', async () => {
    const read = counting(fileSource(bigFile));
    const error = await parseUploadStream(
      'lokaal',
      read.source,
      'groot.csv',
      options,
      lookup,
      undefined,
      {
        maxRows: 1000,
      },
    ).then(
      () => assert.fail('expected the row limit to refuse the file'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ImportValidationError);
    assert.deepEqual(
      error.problems.map((p) => [p.file, p.line]),
      [['groot.csv', 1002]],
    );
    assert.match(error.problems[0]!.message, /meer dan 1\.000 regels met gegevens/);
    assert.match(error.message, /groot\.csv, regel 1002: het bestand heeft meer dan 1\.000 regels/);
    assert.ok(read.read() < bigSize / 20, `read ${read.read()} of ${bigSize} bytes`);
  });

  it('stops reading at the first fatal problem: a CSV error on line 5 of a large file', async () => {
    const bad = path.join(dir, 'fout.csv');
    const lines = fs.readFileSync(bigFile, 'utf8').split('\n');
    const cells = lines[4]!.split(';');
    cells[1] = `"${cells[1]}"x`;
    lines[4] = cells.join(';');
    fs.writeFileSync(bad, lines.join('\n'));
    const read = counting(fileSource(bad));
    const error = await parseUploadStream('lokaal', read.source, 'fout.csv', options, lookup).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ImportValidationError);
    assert.equal(error.problems.length, 1);
    assert.equal(error.problems[0]!.line, 5);
    assert.match(error.problems[0]!.message, /tekst na een sluitend aanhalingsteken/);
    assert.ok(read.read() < 1024 * 1024, `read ${read.read()} bytes`);
    const whole = refusal(
      (() => {
        try {
          return parseUpload('lokaal', fs.readFileSync(bad), 'fout.csv', options, lookup);
        } catch (e) {
          return e;
        }
      })(),
    );
    assert.deepEqual(whole, { ok: false, problems: error.problems });
  });

  it('stops reading when the header already refuses the file', async () => {
    const bad = path.join(dir, 'kop.csv');
    fs.writeFileSync(bad, fs.readFileSync(bigFile, 'utf8').replace('waarde', 'wáárde'));
    const read = counting(fileSource(bad));
    const error = await parseUploadStream('lokaal', read.source, 'kop.csv', options, lookup).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ImportValidationError);
    assert.ok(
      error.problems.some((p) => p.line === 1 && /kolom waarde ontbreekt/.test(p.message)),
      JSON.stringify(error.problems),
    );
    assert.ok(read.read() <= 64 * 1024, `read ${read.read()} bytes`);
  });

  it('places an encoding error in a later chunk on its line and column', () => {
    const bytes = Buffer.from([...Buffer.from('a;b;c\n1;2;3\n4;5;x'), 0xff, ...Buffer.from('\n')]);
    const reader = new CsvStreamReader(
      'k.csv',
      { minColumns: 2, encoding: 'utf-8' },
      new ProblemList('k.csv'),
      { header: () => undefined, row: () => undefined },
    );
    reader.write(bytes.subarray(0, 14));
    assert.throws(
      () => reader.write(bytes.subarray(14)),
      /k\.csv, regel 3, kolom 3: verkeerde tekenset: .*\(teken 6 van de regel\)/,
    );
    // The same place as the whole-file reader names.
    assert.deepEqual(readWhole(bytes, 'k.csv', { encoding: 'utf-8' }), {
      ok: false,
      problems: [
        {
          file: 'k.csv',
          line: 3,
          column: 3,
          message:
            'verkeerde tekenset: dit teken is geen geldige UTF-8; sla het bestand op als UTF-8 of kies Windows-1252 (teken 6 van de regel)',
        },
      ],
    });
  });
});
