import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { fieldError, formFields, postForm } from '../../../test/helpers/forms.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { findTarget, listTargets } from './target.repository.ts';

const HOME = 'GM0505';
const SLUG = 'dordt-west';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`workspace: target editing [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let cookie: string;

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'onderzoek@fixture.example', [
        { role: 'onderzoeker', municipalityCode: HOME },
      ]);
      cookie = (await login(t.app, 'onderzoek@fixture.example', undefined, '10.8.0.1')).cookie;
    });
    after(async () => {
      await t?.close();
    });

    describe('targets', () => {
      const LIST = `/werkruimte/${HOME}/doelen/${SLUG}`;
      const KEY = 'aantal-inwoners';
      const URL = `${LIST}/${KEY}`;

      it('lists the targets of the focus area per indicator', async () => {
        const res = await t.app.inject({ url: LIST, headers: { cookie } });
        assert.equal(res.statusCode, 200);
        const targets = await listTargets(t.handle.db, SLUG);
        for (const target of targets) {
          const row = new RegExp(
            `<tr[^>]*data-indicator="${target.indicatorKey}"[^>]*>([\\s\\S]*?)</tr>`,
          ).exec(res.body)?.[1];
          assert.ok(row, `no row for ${target.indicatorKey}`);
          assert.ok(row.includes(`${target.baselinePeriod} → ${target.targetYear}`));
        }
        assert.match(res.body, new RegExp(`data-indicator="${KEY}"[\\s\\S]*?geen doel`));
      });

      it('creates, validates and deletes a target, each change audited', async () => {
        const page = await t.app.inject({ url: URL, headers: { cookie } });
        assert.equal(page.statusCode, 200);
        const fields = formFields(page.body, URL);
        const bad = await postForm(t.app, URL, cookie, {
          ...fields,
          soort: 'gap',
          deel: '150',
          nulmeting: '2023',
          doeljaar: '2020',
        });
        assert.equal(bad.statusCode, 422);
        assert.match(fieldError(bad.body, 'deel') ?? '', /percentage/);
        assert.match(fieldError(bad.body, 'doeljaar') ?? '', /na de nulmeting/);
        assert.equal(await findTarget(t.handle.db, SLUG, KEY), undefined);

        const ok = await postForm(t.app, URL, cookie, {
          ...fields,
          soort: 'change',
          verandering: '-12,5',
          nulmeting: '2023',
          doeljaar: '2030',
          toelichting: 'Testdoel (fixture).',
        });
        assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
        const stored = await findTarget(t.handle.db, SLUG, KEY);
        assert.equal(stored?.kind, 'change');
        assert.equal(stored?.change, -12.5);
        assert.equal(stored?.targetYear, 2030);
        assert.equal(stored?.isExample, false);

        const edit = await t.app.inject({ url: URL, headers: { cookie } });
        assert.equal(formFields(edit.body, URL).verandering, '-12,5');
        const del = await postForm(t.app, `${URL}/verwijderen`, cookie, {
          _csrf: formFields(edit.body, `${URL}/verwijderen`)._csrf!,
        });
        assert.equal(del.statusCode, 303);
        assert.equal(await findTarget(t.handle.db, SLUG, KEY), undefined);
        const actions = (await listAudit(t.handle.db, { municipalityCode: HOME }))
          .filter((a) => a.entity === 'doel' && a.entityId === `${SLUG}/${KEY}`)
          .map((a) => a.action)
          .sort();
        assert.deepEqual(actions, ['doel.aangemaakt', 'doel.verwijderd']);
      });

      it('refuses a focus area of another municipality and a missing CSRF token', async () => {
        for (const url of [
          `/werkruimte/${HOME}/doelen/groningen-noord`,
          `/werkruimte/GM0014/doelen/groningen-noord`,
          `/werkruimte/${HOME}/doelen/groningen-noord/${KEY}`,
        ]) {
          const res = await t.app.inject({ url, headers: { cookie } });
          assert.equal(res.statusCode, 403, url);
        }
        const res = await postForm(t.app, URL, cookie, {
          soort: 'guard',
          nulmeting: '2023',
          doeljaar: '2030',
        });
        assert.equal(res.statusCode, 403);
        assert.equal(await findTarget(t.handle.db, SLUG, KEY), undefined);
      });
    });
  });
}
