import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { parsePostcodeBuurtCsv } from './postcode-buurt.importer.ts';
import { importPostcodeTable, placeOfPostcode } from './postcode-buurt.service.ts';

const FILE = path.join(projectRoot, 'test/fixtures/imports/postcode-buurt.fixture.csv');
const fixture = () => ({ bytes: fs.readFileSync(FILE), fileName: 'postcode-buurt.fixture.csv' });

function refused(text: string, year: number, pattern: RegExp) {
  assert.throws(
    () =>
      parsePostcodeBuurtCsv(
        { bytes: Buffer.from(text), fileName: 'pc.csv' },
        { indelingYear: year },
      ),
    (e: unknown) =>
      e instanceof ImportValidationError &&
      e.problems.some((p) => pattern.test(`${p.line}|${p.column}|${p.field}|${p.message}`)),
  );
}

describe('CBS postcode–buurt file (FIXTURE)', () => {
  it('counts addresses per postcode and buurt, with codes made whole', () => {
    const parsed = parsePostcodeBuurtCsv(fixture(), { indelingYear: 2024 });
    assert.equal(parsed.perAddress, true);
    assert.equal(parsed.rowCount, 11);
    assert.deepEqual(
      parsed.rows.map((r) => [r.postcode, r.buurt_code, r.wijk_code, r.gemeente_code, r.addresses]),
      [
        ['1012AB', 'BU0363AF09', 'WK0363AF', 'GM0363', 2],
        ['3314AA', 'BU05050301', 'WK050503', 'GM0505', 3],
        ['3314AB', 'BU05050301', 'WK050503', 'GM0505', 2],
        ['3314AB', 'BU05050302', 'WK050503', 'GM0505', 1],
        ['3317BA', 'BU05050800', 'WK050508', 'GM0505', 2],
        ['3317BB', 'BU05050802', 'WK050508', 'GM0505', 1],
      ],
    );
  });

  it('refuses a file of another indeling year, a bad postcode and a buurt outside its wijk, by place', () => {
    const text = fs.readFileSync(FILE, 'utf8');
    refused(text, 2023, /^1\|undefined\|Buurt2023\|.*"Buurt2024".*ander jaar dan 2023/);
    refused(text.replace('3317BA;10', '33170;10'), 2024, /^8\|1\|PC6\|"33170" is geen postcode/);
    refused(
      text.replace('3317BB;1;5050802', '3317BB;1;5050702'),
      2024,
      /^10\|3\|Buurt2024\|buurt BU05050702 hoort niet bij wijk WK050508/,
    );
    refused(
      'PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n',
      2024,
      /alleen een kopregel en geen gegevens/,
    );
  });
});

describeEachDialect('postcode table import and lookup', (getDb) => {
  it('imports once, says so the second time, and places postcodes', async () => {
    const { db } = getDb();
    const parsed = parsePostcodeBuurtCsv(fixture(), { indelingYear: 2024 });
    assert.deepEqual(await placeOfPostcode(db, '3314AA', 'GM0505', 2024), { kind: 'geen_tabel' });
    const first = await importPostcodeTable(db, parsed, { importedBy: 'test' });
    assert.equal(first.status, 'geimporteerd');
    assert.equal(first.status === 'geimporteerd' && first.postcodes, 5);
    const again = await importPostcodeTable(db, parsed, { importedBy: 'test' });
    assert.equal(again.status, 'ongewijzigd');
    const rows = await db.selectFrom('postcode_buurten').selectAll().execute();
    assert.equal(rows.length, 6);

    const at = (pc: string) => placeOfPostcode(db, pc, 'GM0505', 2024);
    assert.deepEqual(await at('3314AA'), { kind: 'buurt', buurtCode: 'BU05050301' });
    assert.deepEqual(await at('3317BB'), { kind: 'buurt', buurtCode: 'BU05050802' });
    assert.deepEqual(await at('3314AB'), { kind: 'meer_buurten' });
    assert.deepEqual(await at('3314'), { kind: 'meer_buurten' });
    assert.deepEqual(await at('1012AB'), { kind: 'buiten_gemeente', gemeenteCodes: ['GM0363'] });
    assert.deepEqual(await at('9999ZZ'), { kind: 'onbekend' });
    // Another indeling year has no table.
    assert.deepEqual(await placeOfPostcode(db, '3314AA', 'GM0505', 2023), { kind: 'geen_tabel' });
  });
});
