/**
 * Issue 11.5 (ADR 0017): the shared catalogue belongs to the national role. Before, a Rotterdam
 * researcher changed the definition and decimals on Dordrecht's public indicator page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { isAllowed } from '../accounts/permissions.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { activeCatalogue, listCatalogueVersions } from './catalogue.store.ts';
import { formFields, postForm } from '../../../test/helpers/forms.ts';

const KEY = 'ervaren-gezondheid-goed';
const EDIT = `/werkruimte/catalogus/${KEY}`;
const PUBLIC = `/gebieden/dordt-west/indicatoren/${KEY}`;
const LIST = '/werkruimte/catalogus/voorstellen';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`the shared catalogue and the national role [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let rotterdam: { cookie: string; token: string };
    let national: { cookie: string; token: string };

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'onderzoeker@rotterdam.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0599' },
      ]);
      await makeUser(t.handle, 'bzk@fixture.example', [
        { role: 'landelijk_beheerder', municipalityCode: 'NL00' },
      ]);
      rotterdam = await login(t.app, 'onderzoeker@rotterdam.example', undefined, '10.12.0.1');
      national = await login(t.app, 'bzk@fixture.example', undefined, '10.12.0.2');
    });
    after(async () => t?.close());

    const get = (url: string, cookie?: string) =>
      t.app.inject({ url, headers: cookie ? { cookie } : {} });

    async function proposalForm(definition: string, note: string) {
      const page = await get(EDIT, rotterdam.cookie);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Wijziging voorstellen/);
      const fields = formFields(page.body, `${EDIT}/voorstel`);
      return { ...fields, definitie: definition, decimalen: '2', notitie: note };
    }

    it('refuses a direct edit by a municipality; Dordrecht’s public page is unchanged', async () => {
      const before = await get(PUBLIC);
      assert.equal(before.statusCode, 200);
      const versions = (await listCatalogueVersions(t.handle.db)).length;
      const page = await get(EDIT, rotterdam.cookie);
      const fields = {
        ...formFields(page.body, `${EDIT}/voorstel`),
        definitie: 'Rotterdam schrijft dit (aanval, fixture).',
        decimalen: '3',
        notitie: 'aanval',
      };
      const res = await postForm(t.app, EDIT, rotterdam.cookie, fields);
      assert.equal(res.statusCode, 403);
      assert.equal((await listCatalogueVersions(t.handle.db)).length, versions);
      const after = await get(PUBLIC);
      assert.doesNotMatch(after.body, /Rotterdam schrijft dit/);
      const strip = (html: string) => html.replace(/nonce="[^"]*"/g, '');
      assert.equal(strip(after.body), strip(before.body));
    });

    it('stores a proposal without changing the catalogue, audited in the municipality', async () => {
      const versions = (await listCatalogueVersions(t.handle.db)).length;
      const fields = await proposalForm(
        'Voorstel van Rotterdam: deel dat zich gezond voelt (fixture).',
        'Kortere definitie (fixture).',
      );
      const res = await postForm(t.app, `${EDIT}/voorstel`, rotterdam.cookie, fields);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, `${EDIT}?voorgesteld=ja`);
      assert.equal((await listCatalogueVersions(t.handle.db)).length, versions);
      assert.doesNotMatch((await get(PUBLIC)).body, /Voorstel van Rotterdam/);
      const audit = await listAudit(t.handle.db, { municipalityCode: 'GM0599' });
      assert.ok(
        audit.some((a) => a.action === 'catalogusvoorstel.ingediend' && a.entityId === KEY),
      );
      // The municipality cannot see or decide the proposals.
      assert.equal((await get(LIST, rotterdam.cookie)).statusCode, 403);
    });

    it('the national role accepts it: a new version, shown on the public page, audited', async () => {
      const page = await get(LIST, national.cookie);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Voorstel van Rotterdam/);
      const id = /data-voorstel="([0-9a-f-]{36})" data-status="open"/.exec(page.body)?.[1];
      assert.ok(id);
      // A municipality cannot decide, not even with a valid form.
      const forged = await postForm(t.app, `${LIST}/${id}/besluit`, rotterdam.cookie, {
        _csrf: rotterdam.token,
        besluit: 'aannemen',
      });
      assert.equal(forged.statusCode, 403);

      const form = formFields(page.body, `${LIST}/${id}/besluit`);
      const res = await postForm(t.app, `${LIST}/${id}/besluit`, national.cookie, {
        ...form,
        besluit: 'aannemen',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const active = (await activeCatalogue(t.handle.db)).indicators.find((i) => i.key === KEY)!;
      assert.match(active.definition, /Voorstel van Rotterdam/);
      assert.equal(active.decimals, 2);
      assert.match((await get(PUBLIC)).body, /Voorstel van Rotterdam/);
      const rotterdamLog = await listAudit(t.handle.db, { municipalityCode: 'GM0599' });
      assert.ok(rotterdamLog.some((a) => a.action === 'catalogusvoorstel.aangenomen'));
      assert.ok(rotterdamLog.some((a) => a.action === 'indicator.gewijzigd' && a.entityId === KEY));
    });

    it('the national role rejects a proposal only with a reason, and nothing changes', async () => {
      const fields = await proposalForm(
        'Nog een voorstel (fixture).',
        'Tweede voorstel (fixture).',
      );
      await postForm(t.app, `${EDIT}/voorstel`, rotterdam.cookie, fields);
      const versions = (await listCatalogueVersions(t.handle.db)).length;
      const page = await get(LIST, national.cookie);
      const id = /data-voorstel="([0-9a-f-]{36})" data-status="open"/.exec(page.body)?.[1];
      assert.ok(id);
      const form = formFields(page.body, `${LIST}/${id}/besluit`);
      const bare = await postForm(t.app, `${LIST}/${id}/besluit`, national.cookie, {
        ...form,
        besluit: 'afwijzen',
      });
      assert.equal(bare.statusCode, 422);
      assert.match(bare.body, /waarom u het voorstel afwijst/);
      const res = await postForm(t.app, `${LIST}/${id}/besluit`, national.cookie, {
        ...form,
        [`toelichting-${id}`]: 'Past niet bij de landelijke definitie (fixture).',
        besluit: 'afwijzen',
      });
      assert.equal(res.statusCode, 303);
      assert.equal((await listCatalogueVersions(t.handle.db)).length, versions);
      assert.doesNotMatch((await get(PUBLIC)).body, /Nog een voorstel/);
      const log = await listAudit(t.handle.db, { municipalityCode: 'GM0599' });
      const entry = log.find((a) => a.action === 'catalogusvoorstel.afgewezen');
      assert.ok(entry);
      assert.match(entry.after ?? '', /Past niet bij de landelijke definitie/);
    });
  });
}

describe('national grants (ADR 0017)', () => {
  it('hold their permissions only for NL00, and a municipal role holds nothing there', () => {
    const national = [{ role: 'landelijk_beheerder' as const, municipalityCode: 'NL00' }];
    assert.ok(isAllowed(national, 'catalogue:edit'));
    assert.ok(!isAllowed(national, 'data:import', 'GM0505'));
    assert.ok(!isAllowed(national, 'catalogue:propose', 'GM0505'));
    const misplaced = [{ role: 'landelijk_beheerder' as const, municipalityCode: 'GM0505' }];
    assert.ok(!isAllowed(misplaced, 'catalogue:edit'));
    const municipalInNl = [{ role: 'beheerder' as const, municipalityCode: 'NL00' }];
    assert.ok(!isAllowed(municipalInNl, 'users:manage'));
    assert.ok(!isAllowed([{ role: 'onderzoeker', municipalityCode: 'GM0599' }], 'catalogue:edit'));
  });
});
