import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices, type Services } from '../../../composition.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { isDenied, login, makeUser } from '../../../../test/security/security-app.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { fieldError, formFields, postForm } from '../../../../test/helpers/forms.ts';
import { listCountedResponses } from '../responses/response.repository.ts';
import { fixtureResidentSurvey as q } from '../test-fixtures.ts';

const BASE = `/werkruimte/GM0505/enquetes/${q.key}`;

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`keying, double entry and review pages [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let app: FastifyInstance;
    let services: Services;
    const cookies: Record<string, string> = {};
    before(async () => {
      handle = await createTestDb(dialect);
      await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
      services = createServices(handle, { datasetsDir, questionnaires: [q] });
      app = await buildApp({
        services,
        sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
      });
      await app.ready();
      const users = [
        ['invoer-a', 'invoerder'],
        ['invoer-b', 'invoerder'],
        ['bureau', 'programmabureau'],
      ] as const;
      for (const [i, [name, role]] of users.entries()) {
        await makeUser(
          handle,
          `${name}@fixture.example`,
          [{ role, municipalityCode: 'GM0505' }],
          name,
        );
        cookies[name] = (
          await login(app, `${name}@fixture.example`, undefined, `10.8.0.${i + 1}`)
        ).cookie;
      }
    });
    after(async () => {
      await app?.close();
      await handle?.drop();
    });

    /** A keyer's whole round: form number, then the codes; returns the final page. */
    async function key(who: string, formNumber: string, codes: Record<string, string>) {
      const start = await app.inject({ url: `${BASE}/invoer`, headers: { cookie: cookies[who]! } });
      assert.equal(start.statusCode, 200);
      const go = await postForm(app, `${BASE}/invoer`, cookies[who]!, {
        ...formFields(start.body, `${BASE}/invoer`),
        formulier: formNumber,
      });
      if (go.statusCode !== 303) return go;
      const page = await app.inject({
        url: go.headers.location as string,
        headers: { cookie: cookies[who]! },
      });
      assert.equal(page.statusCode, 200);
      const action = go.headers.location as string;
      return postForm(app, action, cookies[who]!, { ...formFields(page.body, action), ...codes });
    }

    it('keys a form by code, lands it for review, and approval makes it count', async () => {
      services.surveys.doubleEntryShare = 0;
      const wrong = await key('invoer-a', '101', { onveilig_buurt: '7' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(
        fieldError(wrong.body, 'onveilig_buurt'),
        'Vraag 1: typ één code van 1 tot en met 3.',
      );
      const saved = await key('invoer-a', '101', {
        onveilig_buurt: '1',
        rapportcijfer: '7',
        woonbuurt: 'BU05050301',
      });
      assert.equal(saved.statusCode, 303);
      assert.match(String(saved.headers.location), /opgeslagen=101&uitkomst=klaar/);
      const again = await key('invoer-b', '101', { onveilig_buurt: '1' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /Formulier 000101 is al ingevoerd/);

      const list = await app.inject({
        url: `${BASE}/controle`,
        headers: { cookie: cookies.bureau! },
      });
      assert.equal(list.statusCode, 200);
      const id = /controle\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
      assert.ok(id, 'the keyed form is on the review list');
      assert.doesNotMatch(list.body, /BU05050301/, 'the list shows no answers');
      const detail = await app.inject({
        url: `${BASE}/controle/${id}`,
        headers: { cookie: cookies.bureau! },
      });
      assert.match(detail.body, /BU05050301/);
      assert.equal((await listCountedResponses(handle.db, q.key)).length, 0);
      const approve = await postForm(app, `${BASE}/controle/${id}`, cookies.bureau!, {
        ...formFields(detail.body, `${BASE}/controle/${id}`),
      });
      assert.equal(approve.statusCode, 303);
      const counted = await listCountedResponses(handle.db, q.key);
      assert.equal(counted.length, 1);
      assert.deepEqual(counted[0]?.answers, {
        onveilig_buurt: 'ja',
        rapportcijfer: 7,
        woonbuurt: 'BU05050301',
      });
    });

    it('double entry: differences are listed and settled against the paper', async () => {
      services.surveys.doubleEntryShare = 1;
      const first = await key('invoer-a', '202', { onveilig_buurt: '2', rapportcijfer: '8' });
      assert.match(String(first.headers.location), /uitkomst=wacht/);
      const same = await key('invoer-a', '202', {});
      assert.equal(same.statusCode, 400);
      assert.match(same.body, /Iemand anders moet het nog een keer invoeren/);
      const second = await key('invoer-b', '202', { onveilig_buurt: '2', rapportcijfer: '6' });
      assert.match(String(second.headers.location), /uitkomst=verschillen/);
      const list = await app.inject({
        url: `${BASE}/verschillen`,
        headers: { cookie: cookies.bureau! },
      });
      assert.match(list.body, /Formulier 000202/);
      assert.match(list.body, /Eerste invoer: 8/);
      assert.match(list.body, /Tweede invoer: 6/);
      const action = `${BASE}/verschillen/202`;
      const settled = await postForm(app, action, cookies.bureau!, {
        ...formFields(list.body, action),
        rapportcijfer: 'eerste',
      });
      assert.equal(settled.statusCode, 303);
      const waiting = await handle.db
        .selectFrom('survey_responses')
        .select(['status', 'form_number'])
        .where('form_number', '=', 202)
        .executeTakeFirstOrThrow();
      assert.equal(waiting.status, 'te_controleren');
    });

    it('lets only keyers key and only reviewers review', async () => {
      assert.ok(
        isDenied(await app.inject({ url: `${BASE}/invoer`, headers: { cookie: cookies.bureau! } })),
      );
      assert.ok(
        isDenied(
          await app.inject({ url: `${BASE}/controle`, headers: { cookie: cookies['invoer-a']! } }),
        ),
      );
      assert.ok(isDenied(await app.inject({ url: `${BASE}/verschillen` })));
    });
  });
}
