import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../../test/helpers/db.ts';
import {
  countKeyFormsByStatus,
  findKeyForm,
  insertKeyEntry,
  insertKeyForm,
  listFormNumbersWithDiscrepancies,
  listKeyEntries,
  updateKeyForm,
} from './keying.repository.ts';

const KEY = 'fixture-enquete';

const form = (n: number, status: 'wacht_op_tweede' | 'verschillen' | 'klaar', at: string) => ({
  questionnaire_key: KEY,
  form_number: n,
  version: 1,
  double_entry: 1,
  status,
  response_id: null,
  resolved_by: null,
  updated_at: at,
});

const entry = (n: number, pass: number, keyer: string) => ({
  questionnaire_key: KEY,
  form_number: n,
  pass,
  keyer_id: keyer,
  language: 'nl',
  answers: JSON.stringify({ vraag: `${keyer}-${pass}` }),
  keyed_at: '2027-03-01T10:00:00.000Z',
});

describeEachDialect('keying repository', (getDb) => {
  it('stores forms and entries, and finds them back by questionnaire and number', async () => {
    const { db } = getDb();
    assert.equal(await findKeyForm(db, KEY, 1), undefined);
    await insertKeyForm(db, form(1, 'wacht_op_tweede', '2027-03-01T10:00:00.000Z'));
    await insertKeyEntry(db, entry(1, 2, 'tweede'));
    await insertKeyEntry(db, entry(1, 1, 'eerste'));
    const found = await findKeyForm(db, KEY, 1);
    assert.equal(found?.status, 'wacht_op_tweede');
    assert.equal(await findKeyForm(db, 'andere-enquete', 1), undefined);
    const entries = await listKeyEntries(db, KEY, 1);
    assert.deepEqual(
      entries.map((e) => [Number(e.pass), e.keyer_id]),
      [
        [1, 'eerste'],
        [2, 'tweede'],
      ],
    );
  });

  it('refuses a second entry of the same pass (two keyers at once)', async () => {
    const { db } = getDb();
    await insertKeyEntry(db, entry(1, 1, 'eerste'));
    await assert.rejects(insertKeyEntry(db, entry(1, 1, 'ander')));
  });

  it('updates a form, lists the forms with differences oldest first and counts per status', async () => {
    const { db } = getDb();
    await insertKeyForm(db, form(3, 'verschillen', '2027-03-03T10:00:00.000Z'));
    await insertKeyForm(db, form(2, 'verschillen', '2027-03-02T10:00:00.000Z'));
    await insertKeyForm(db, form(1, 'wacht_op_tweede', '2027-03-01T10:00:00.000Z'));
    assert.deepEqual(await listFormNumbersWithDiscrepancies(db, KEY), [2, 3]);
    await updateKeyForm(db, KEY, 2, {
      status: 'klaar',
      resolved_by: 'controleur',
      updated_at: '2027-03-04T10:00:00.000Z',
    });
    assert.equal((await findKeyForm(db, KEY, 2))?.resolved_by, 'controleur');
    assert.deepEqual(await listFormNumbersWithDiscrepancies(db, KEY), [3]);
    assert.deepEqual(await countKeyFormsByStatus(db, KEY), {
      wacht_op_tweede: 1,
      verschillen: 1,
      klaar: 1,
    });
    assert.deepEqual(await countKeyFormsByStatus(db, 'andere-enquete'), {
      wacht_op_tweede: 0,
      verschillen: 0,
      klaar: 0,
    });
  });
});
