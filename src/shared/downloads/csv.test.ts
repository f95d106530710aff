import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { oudKrispijnFixtureTable } from '../../../test/fixtures/downloads/data-table.fixture.ts';
import type { DataTable } from '../data-table.ts';
import { toCsv, type CsvDialect } from './csv.ts';

function parseCsv(text: string, dialect: CsvDialect): Record<string, string>[] {
  return parse(text, {
    delimiter: dialect === 'excel-nl' ? ';' : ',',
    bom: true,
    columns: true,
    record_delimiter: '\r\n',
  }) as Record<string, string>[];
}

/** Reads a written number back the way the dialect writes it. */
function readNumber(text: string, dialect: CsvDialect): number {
  return Number(dialect === 'excel-nl' ? text.replace(',', '.') : text);
}

function withTextRows(texts: string[]): DataTable {
  const table = oudKrispijnFixtureTable();
  return {
    ...table,
    rows: texts.map((text, i) => ({
      cells: { buurtcode: `X${i}`, buurt: text, inwoners: -i, aandeel_buiten_europa: null },
      flags: [],
    })),
  };
}

describe('toCsv', () => {
  for (const dialect of ['komma', 'excel-nl'] as const) {
    it(`round-trips every cell, the flags and the source (${dialect})`, () => {
      const table = oudKrispijnFixtureTable();
      const records = parseCsv(toCsv(table, dialect), dialect);
      assert.equal(records.length, table.rows.length);
      assert.deepEqual(Object.keys(records[0]!), [
        ...table.columns.map((c) => c.key),
        'status',
        'bron',
      ]);
      for (const [i, row] of table.rows.entries()) {
        const record = records[i]!;
        assert.equal(record.buurtcode, row.cells.buurtcode);
        assert.equal(record.buurt, row.cells.buurt);
        assert.equal(readNumber(record.inwoners!, dialect), row.cells.inwoners);
        const share = row.cells.aandeel_buiten_europa;
        if (share === null) assert.equal(record.aandeel_buiten_europa, '');
        else {
          assert.ok(typeof share === 'number');
          // Written with the column's one decimal: within half a unit of the last place.
          const read = readNumber(record.aandeel_buiten_europa!, dialect);
          assert.ok(Math.abs(read - share) <= 0.05 + 1e-9, `${read} vs ${share}`);
          assert.match(
            record.aandeel_buiten_europa!,
            dialect === 'excel-nl' ? /^\d+,\d$/ : /^\d+\.\d$/,
          );
        }
        assert.equal(record.status, row.flags.join('|'));
        assert.equal(record.bron, table.source);
      }
      assert.equal(records[1]!.status, 'voorlopig|herberekend');
    });
  }

  it('writes a byte order mark and CRLF only where Dutch Excel needs them', () => {
    const table = oudKrispijnFixtureTable();
    const excel = toCsv(table, 'excel-nl');
    const komma = toCsv(table, 'komma');
    assert.ok(excel.startsWith('\uFEFF'));
    assert.ok(!komma.startsWith('\uFEFF'));
    assert.ok(excel.startsWith('\uFEFFbuurtcode;buurt;'));
    assert.ok(komma.startsWith('buurtcode,buurt,'));
    // RFC 4180 ends every record, the last one too, with CRLF; no bare LF anywhere.
    for (const text of [excel, komma]) {
      assert.ok(text.endsWith('\r\n'));
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
      assert.equal(text.split('\r\n').length, table.rows.length + 2);
    }
  });

  it('defuses text that a spreadsheet would run as a formula, but not numbers', () => {
    const dangerous = ['=SUM(A1:A9)', '+31 78', '-2+3', '@cmd', '\tTAB', '\rCR'];
    const table = withTextRows([...dangerous, 'Gewone buurt']);
    for (const dialect of ['komma', 'excel-nl'] as const) {
      const records = parseCsv(toCsv(table, dialect), dialect);
      for (const [i, text] of dangerous.entries()) {
        assert.equal(records[i]!.buurt, `'${text}`, `${dialect}: ${JSON.stringify(text)}`);
      }
      assert.equal(records[dangerous.length]!.buurt, 'Gewone buurt');
      // Negative numbers are numbers: no apostrophe.
      assert.equal(records[2]!.inwoners, '-2');
    }
  });

  it('quotes separators, quotes and newlines so they survive a round trip', () => {
    const texts = ['Dijk; "Oost" en West', 'komma, hier', 'regel 1\r\nregel 2', 'a "b" c'];
    const table = withTextRows(texts);
    for (const dialect of ['komma', 'excel-nl'] as const) {
      const records = parseCsv(toCsv(table, dialect), dialect);
      assert.deepEqual(
        records.map((r) => r.buurt),
        texts,
      );
    }
    assert.ok(toCsv(table, 'excel-nl').includes('"Dijk; ""Oost"" en West"'));
  });

  it('refuses a column that would hide the status or source column', () => {
    const table = oudKrispijnFixtureTable();
    table.columns.push({ key: 'status', label: 'Status', type: 'text' });
    assert.throws(() => toCsv(table, 'komma'), /reserved/);
  });
});
