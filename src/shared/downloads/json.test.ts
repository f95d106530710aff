import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oudKrispijnFixtureTable } from '../../../test/fixtures/downloads/data-table.fixture.ts';
import { toJson } from './json.ts';

describe('toJson', () => {
  it('carries title, source, licence, data version, codebook and every row with its flags', () => {
    const table = oudKrispijnFixtureTable();
    const json = toJson(table);
    assert.equal(json.titel, table.title);
    assert.equal(json.bron, table.source);
    assert.equal(json.licentie, 'CC BY 4.0');
    assert.equal(json.dataVersie, table.dataVersion);
    assert.deepEqual(
      json.kolommen.map((k) => k.key),
      table.columns.map((c) => c.key),
    );
    assert.equal(json.kolommen[3]!.unit, '%');
    assert.equal(json.kolommen[0]!.unit, null);
    assert.equal(json.rijen.length, table.rows.length);
    for (const [i, row] of table.rows.entries()) {
      const out = json.rijen[i]!;
      assert.deepEqual(out.status, row.flags);
      assert.equal(out.buurtcode, row.cells.buurtcode);
      assert.equal(out.inwoners, row.cells.inwoners);
      const share = row.cells.aandeel_buiten_europa;
      if (share === null) assert.equal(out.aandeel_buiten_europa, null);
      else {
        // Rounded to the column's decimals, like the CSV, so the two files agree.
        assert.equal(out.aandeel_buiten_europa, Math.round(Number(share) * 10) / 10);
      }
      assert.deepEqual(Object.keys(out).at(-1), 'status');
    }
  });

  it('survives JSON.stringify and parse unchanged', () => {
    const json = toJson(oudKrispijnFixtureTable());
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });
});
