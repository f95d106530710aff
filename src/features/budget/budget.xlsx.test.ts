import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { ENTRY_SHEET, entryTemplate, readEntryWorkbook } from './budget.xlsx.ts';

async function fill(template: Buffer, rows: unknown[][], edit?: (s: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet(ENTRY_SHEET)!;
  for (const r of rows) sheet.addRow(r);
  edit?.(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the bookings XLSX template', () => {
  const codes = new Set(['PB-2025']);

  it('round-trips: the downloaded template, filled in, reads back in cents', async () => {
    const template = await entryTemplate([{ code: 'PB-2025', description: 'Programmabureau' }]);
    const file = await fill(template, [
      ['PB-2025', 'Uitgave', '31-03-2025', 0.1 + 0.2, 'Koffie', ''],
      [
        'PB-2025',
        'verplichting',
        new Date('2025-04-01T00:00:00Z'),
        '€ 1.234,56',
        'Training',
        'O-1',
      ],
    ]);
    const r = await readEntryWorkbook(file, codes);
    assert.ok(r.ok, r.ok ? '' : r.problems.join('\n'));
    assert.deepEqual(
      r.rows.map((x) => [x.row, x.kind, x.date, x.cents]),
      [
        [2, 'uitgave', '2025-03-31', 30],
        [3, 'verplichting', '2025-04-01', 123456],
      ],
    );
    const again = await readEntryWorkbook(file, codes);
    assert.deepEqual(
      again.ok && again.rows.map((x) => x.key),
      r.rows.map((x) => x.key),
      'same file, same keys',
    );
  });

  it('names the sheet, row and column of a wrong header, and a missing sheet', async () => {
    const template = await entryTemplate([]);
    const file = await fill(template, [['PB-2025', 'uitgave', '2025-01-01', 1, 'x', '']], (s) => {
      s.getCell('D1').value = 'Euro';
    });
    const r = await readEntryWorkbook(file, codes);
    assert.deepEqual(r.ok ? [] : r.problems, [
      'Blad "Boekingen", rij 1, kolom D (Bedrag): de kop moet "Bedrag" zijn, niet "Euro".',
    ]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Blad1');
    const none = await readEntryWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), codes);
    assert.match(none.ok ? '' : none.problems[0]!, /Het blad "Boekingen" ontbreekt/);
    const junk = await readEntryWorkbook(Buffer.from('geen excel'), codes);
    assert.match(junk.ok ? '' : junk.problems[0]!, /geen Excel-bestand/);
  });
});
