import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { buildDataset } from './dataset.ts';
import { toDatasetXlsx } from './xlsx.ts';

describe('survey export XLSX', async () => {
  const dataset = buildDataset(fixtureQuestionnaires(), fixtureResponses());
  const workbook = new ExcelJS.Workbook();
  // exceljs types its own Buffer; a Node Buffer is what it reads.
  await workbook.xlsx.load((await toDatasetXlsx(dataset)) as unknown as ExcelJS.Buffer);
  const data = workbook.getWorksheet('Data')!;
  const header = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  const value = (responseId: string, variable: string) => {
    const column = header.indexOf(variable) + 1;
    assert.ok(column > 0, `column ${variable}`);
    for (let r = 2; r <= data.rowCount; r++) {
      if (data.getRow(r).getCell(1).value === responseId)
        return data.getRow(r).getCell(column).value;
    }
    assert.fail(`row ${responseId}`);
  };

  it('has a data sheet: variable names as header, one row per response', () => {
    assert.deepEqual(
      header,
      dataset.variables.map((v) => v.name),
    );
    assert.equal(data.rowCount, 1 + fixtureResponses().length);
  });

  it('keeps numbers as numbers and splits multiple choice into 0/1, empty when missing', () => {
    assert.equal(value('fixture-r1', 'verbeter_groen'), 1);
    assert.equal(value('fixture-r1', 'verbeter_verlichting'), 0);
    assert.equal(value('fixture-r1', 'verbeter_fietspad'), null);
    assert.equal(value('fixture-r2', 'verbeter_groen'), null);
    assert.equal(value('fixture-r3', 'verbeter_fietspad'), 1);
    assert.equal(value('fixture-r1', 'veilig_voelen'), 2);
    assert.equal(value('fixture-r4', 'gewicht'), 0.6);
    assert.equal(value('fixture-r2', 'eens_buurt'), 9);
  });

  it('writes dates as dates and text as text, never as a formula', () => {
    const date = value('fixture-r1', 'datum');
    assert.ok(date instanceof Date);
    assert.equal(date.toISOString().slice(0, 10), '2026-11-15');
    assert.equal(value('fixture-r4', 'opmerking'), '=SOM(A1:A2)');
    assert.equal(value('fixture-r2', 'opmerking'), 'Twee regels:\nhier de tweede');
  });

  it('has a codebook sheet with a row per variable', () => {
    const codebook = workbook.getWorksheet('Codeboek')!;
    assert.equal(codebook.rowCount, 1 + dataset.variables.length);
    const rows = codebook.getSheetValues().slice(2) as ExcelJS.CellValue[][];
    const safe = rows.find((r) => r[1] === 'veilig_voelen')!;
    assert.equal(safe[2], 'Voelt u zich weleens onveilig in de buurt?');
    assert.equal(safe[8], '1 = Vaak; 2 = Soms; 3 = Nooit; 4 = Weet ik niet; 5 = Altijd');
    assert.equal(safe[9], '4');
    assert.equal(safe[10], '1, 2');
  });
});
