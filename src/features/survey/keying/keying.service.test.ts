import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';
import {
  KeyingRefusedError,
  listDiscrepancies,
  nextPass,
  resolveForm,
  saveKeyedEntry,
  type KeyedResponse,
  type KeyingDeps,
} from './keying.service.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`keying paper forms [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let stored: KeyedResponse[];
    let failNext: boolean;
    const deps = (share: number): KeyingDeps => ({
      db: handle.db,
      secret: 'fixture-geheim',
      share,
      municipalityCode: 'GM0505',
      storeResponse: async (_trx, r) => {
        if (failNext) throw new Error('fixture: opslaan mislukt');
        stored.push(r);
        return `antwoord-${stored.length}`;
      },
    });
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(async () => {
      await handle?.drop();
    });
    beforeEach(async () => {
      stored = [];
      failNext = false;
      await handle.db.deleteFrom('survey_key_entries').execute();
      await handle.db.deleteFrom('survey_key_forms').execute();
    });

    const entry = (formNumber: number, keyerId: string, raw: Record<string, string>) => ({
      questionnaire: q,
      formNumber,
      keyerId,
      language: 'nl' as const,
      raw,
    });

    it('turns a single-entry form into one response and refuses it a second time', async () => {
      const out = await saveKeyedEntry(
        deps(0),
        entry(12, 'invoerder-a', { heeft_werk: '1', uren: '20' }),
      );
      assert.equal(out.kind, 'klaar');
      assert.equal(stored.length, 1);
      assert.deepEqual(stored[0]?.answers, { heeft_werk: 'ja', uren: 20 });
      assert.equal(stored[0]?.formNumber, 12);
      await assert.rejects(
        saveKeyedEntry(deps(0), entry(12, 'invoerder-b', { heeft_werk: '1' })),
        (e: unknown) =>
          e instanceof KeyingRefusedError && /Formulier 000012 is al ingevoerd/.test(e.message),
      );
      assert.equal(stored.length, 1);
      const audit = await handle.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'enquete.formulier_ingevoerd')
        .execute();
      assert.ok(audit.length >= 1);
      assert.ok(
        audit.every((a) => !String(a.after ?? '').includes('ja')),
        'no answers in the audit log',
      );
    });

    it('stores nothing when a code is wrong', async () => {
      const out = await saveKeyedEntry(deps(0), entry(13, 'invoerder-a', { heeft_werk: '7' }));
      assert.equal(out.kind, 'fouten');
      assert.equal(stored.length, 0);
      assert.equal(
        (await handle.db.selectFrom('survey_key_entries').selectAll().execute()).length,
        0,
      );
    });

    it('rolls the entry back when the response cannot be written', async () => {
      failNext = true;
      await assert.rejects(saveKeyedEntry(deps(0), entry(14, 'invoerder-a', { heeft_werk: '2' })));
      assert.equal(
        (await handle.db.selectFrom('survey_key_entries').selectAll().execute()).length,
        0,
      );
      assert.equal(
        (await handle.db.selectFrom('survey_key_forms').selectAll().execute()).length,
        0,
      );
      assert.equal(await nextPass(handle.db, q, 14, 'invoerder-a'), 1);
    });

    it('double entry: a second keyer, agreement makes one response', async () => {
      const first = await saveKeyedEntry(
        deps(1),
        entry(20, 'invoerder-a', { heeft_werk: '1', uren: '32' }),
      );
      assert.equal(first.kind, 'wacht_op_tweede');
      assert.equal(stored.length, 0);
      await assert.rejects(
        nextPass(handle.db, q, 20, 'invoerder-a'),
        /Iemand anders moet het nog een keer invoeren/,
      );
      assert.equal(await nextPass(handle.db, q, 20, 'invoerder-b'), 2);
      const second = await saveKeyedEntry(
        deps(1),
        entry(20, 'invoerder-b', { heeft_werk: '1', uren: '32' }),
      );
      assert.equal(second.kind, 'klaar');
      assert.equal(stored.length, 1);
    });

    it('double entry: differences go on the list and a reviewer settles them', async () => {
      await saveKeyedEntry(
        deps(1),
        entry(21, 'invoerder-a', { heeft_werk: '1', uren: '32', cijfer_buurt: '7' }),
      );
      const second = await saveKeyedEntry(
        deps(1),
        entry(21, 'invoerder-b', { heeft_werk: '1', uren: '23', cijfer_buurt: '8' }),
      );
      assert.equal(second.kind, 'verschillen');
      assert.equal(stored.length, 0);
      const list = await listDiscrepancies(handle.db, q);
      assert.deepEqual(
        list.map((f) => [f.formNumber, f.discrepancies.map((d) => [d.label, d.first, d.second])]),
        [
          [
            21,
            [
              ['Vraag 2', '32', '23'],
              ['Vraag 4', '7', '8'],
            ],
          ],
        ],
      );
      const missing = await resolveForm(deps(1), {
        questionnaire: q,
        formNumber: 21,
        reviewerId: 'controleur',
        choices: { uren: 'eerste' },
      });
      assert.equal(missing.kind, 'fouten');
      const done = await resolveForm(deps(1), {
        questionnaire: q,
        formNumber: 21,
        reviewerId: 'controleur',
        choices: { uren: 'eerste', cijfer_buurt: '9' },
      });
      assert.equal(done.kind, 'klaar');
      assert.deepEqual(stored[0]?.answers, { heeft_werk: 'ja', uren: 32, cijfer_buurt: 9 });
      assert.equal(stored[0]?.keyerId, 'invoerder-a');
      assert.deepEqual(await listDiscrepancies(handle.db, q), []);
      await assert.rejects(
        resolveForm(deps(1), {
          questionnaire: q,
          formNumber: 21,
          reviewerId: 'controleur',
          choices: {},
        }),
        KeyingRefusedError,
      );
    });
  });
}
