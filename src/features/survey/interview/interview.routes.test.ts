import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';
import { isDenied, login, makeUser } from '../../../../test/security/security-app.ts';
import { formFields, postForm } from '../../../../test/helpers/forms.ts';

const BASE = '/werkruimte/GM0505/enquetes/bewonersenquete-dordt-west/interview';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`interviewer mode [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    const cookie: Record<string, string> = {};
    before(async () => {
      t = await buildTestApp(dialect);
      for (const [i, name] of ['anna', 'bram'].entries()) {
        await makeUser(
          t.handle,
          `${name}@fixture.example`,
          [{ role: 'interviewer', municipalityCode: 'GM0505' }],
          name,
        );
        cookie[name] = (
          await login(t.app, `${name}@fixture.example`, undefined, `10.6.0.${i + 1}`)
        ).cookie;
      }
      await makeUser(t.handle, 'invoer@fixture.example', [
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ]);
      cookie.invoer = (await login(t.app, 'invoer@fixture.example', undefined, '10.6.0.9')).cookie;
    });
    after(async () => {
      await t?.close();
    });

    const page = (who: string, url: string) =>
      t.app.inject({ url, headers: { cookie: cookie[who]! } });
    async function post(who: string, url: string, fields: Record<string, string>) {
      const form = await page(who, url);
      assert.equal(form.statusCode, 200, url);
      return postForm(t.app, url, cookie[who]!, { ...formFields(form.body, url), ...fields });
    }

    it('takes one interview per respondent, logs every change, and lands it for review', async () => {
      const start = await page('anna', BASE);
      assert.equal(start.statusCode, 200);
      const begun = await postForm(
        t.app,
        `${BASE}/nieuw`,
        cookie.anna!,
        formFields(start.body, `${BASE}/nieuw`),
      );
      assert.equal(begun.statusCode, 303);
      assert.equal(begun.headers.location, `${BASE}/stap/1`);
      const one = await post('anna', `${BASE}/stap/1`, {
        woonbuurt: 'BU05050801',
        rapportcijfer_buurt: '6',
      });
      assert.equal(one.statusCode, 303);
      // The respondent corrects an answer: the change is logged with the interviewer.
      await post('anna', `${BASE}/stap/1`, { woonbuurt: 'BU05050801', rapportcijfer_buurt: '8' });
      const response = await t.handle.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('channel', '=', 'mondeling')
        .executeTakeFirstOrThrow();
      const log = await t.handle.db
        .selectFrom('survey_answer_log')
        .selectAll()
        .where('response_id', '=', response.id)
        .execute();
      const grade = log
        .filter((l) => l.variable === 'rapportcijfer_buurt')
        .map((l) => [l.old_value, l.new_value]);
      assert.deepEqual(grade, [
        [null, '6'],
        ['6', '8'],
      ]);
      assert.ok(log.every((l) => l.actor.includes('anna')));

      // Another interviewer cannot reach it: no session of theirs points at it.
      const other = await page('bram', `${BASE}/stap/1`);
      assert.equal(other.statusCode, 303);
      assert.equal(other.headers.location, BASE);

      let url = `${BASE}/stap/2`;
      while (url.includes('/stap/')) {
        const fields: Record<string, string> = url.endsWith('/stap/8')
          ? { leeftijdsgroep: '65_plus', geslacht: 'man' }
          : {};
        const res = await post('anna', url, fields);
        assert.equal(res.statusCode, 303, url);
        url = res.headers.location as string;
      }
      const sent = await post('anna', `${BASE}/versturen`, {});
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `${BASE}?klaar=ja`);
      const row = await t.handle.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('id', '=', response.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'te_controleren');
      assert.match(row.interviewer_id ?? '', /anna/);
      // Once sent, not even its own interviewer can open it again.
      const reopened = await page('anna', `${BASE}/stap/1`);
      assert.equal(reopened.statusCode, 303);
      assert.equal(reopened.headers.location, BASE);
    });

    it('is for interviewers only', async () => {
      assert.ok(isDenied(await page('invoer', BASE)));
      assert.ok(isDenied(await t.app.inject(BASE)));
    });
  });
}
