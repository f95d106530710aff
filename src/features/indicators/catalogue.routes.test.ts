import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { loadCatalogue } from './catalogue.ts';
import { activeCatalogue, listCatalogueVersions } from './catalogue.store.ts';
import { fieldError, formFields, postForm } from '../../../test/helpers/forms.ts';

const HOME = 'GM0505';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`workspace: catalogue editing [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let cookie: string;
    let memberCookie: string;
    /** The shared catalogue is edited by the national role (ADR 0017). */
    let nationalCookie: string;

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'onderzoek@fixture.example', [
        { role: 'onderzoeker', municipalityCode: HOME },
      ]);
      await makeUser(t.handle, 'alliantie@fixture.example', [
        { role: 'alliantielid', municipalityCode: HOME },
      ]);
      cookie = (await login(t.app, 'onderzoek@fixture.example', undefined, '10.8.0.1')).cookie;
      memberCookie = (await login(t.app, 'alliantie@fixture.example', undefined, '10.8.0.2'))
        .cookie;
      await makeUser(t.handle, 'landelijk@fixture.example', [
        { role: 'landelijk_beheerder', municipalityCode: 'NL00' },
      ]);
      nationalCookie = (await login(t.app, 'landelijk@fixture.example', undefined, '10.8.0.3'))
        .cookie;
    });
    after(async () => {
      await t?.close();
    });

    describe('catalogue', () => {
      const KEY = 'ervaren-gezondheid-goed';
      const URL = `/werkruimte/catalogus/${KEY}`;
      const editPage = async () => {
        const res = await t.app.inject({ url: URL, headers: { cookie: nationalCookie } });
        assert.equal(res.statusCode, 200);
        return res.body;
      };

      it('lists every indicator under its theme', async () => {
        const res = await t.app.inject({ url: '/werkruimte/catalogus', headers: { cookie } });
        assert.equal(res.statusCode, 200);
        const file = loadCatalogue();
        for (const theme of file.themes) {
          const at = res.body.indexOf(`id="thema-${theme.key}"`);
          assert.ok(at > 0, `no section for ${theme.key}`);
        }
        for (const ind of file.indicators) {
          assert.ok(res.body.includes(`href="/werkruimte/catalogus/${ind.key}"`), ind.key);
        }
        // Someone without catalogue:edit is refused.
        const denied = await t.app.inject({
          url: '/werkruimte/catalogus',
          headers: { cookie: memberCookie },
        });
        assert.equal(denied.statusCode, 403);
      });

      it('saves an edit as a new catalogue version with an audit entry', async () => {
        const original = loadCatalogue().indicators.find((i) => i.key === KEY)!;
        const fields = formFields(await editPage(), URL);
        assert.equal(fields.definitie, original.definition);
        assert.equal(fields.polariteit, original.polarity);
        assert.equal(fields.decimalen, String(original.decimals));
        fields.definitie =
          'Deel van de volwassenen dat zich gezond voelt (testdefinitie, fixture).';
        fields.decimalen = '1';
        fields.bron_variabele_0 = 'ErvarenGezondheidGoedFixture';
        fields.notitie = 'Definitie korter (fixture).';
        const res = await postForm(t.app, URL, nationalCookie, fields);
        assert.equal(res.statusCode, 303, res.body.slice(0, 300));
        assert.equal(res.headers.location, `${URL}?opgeslagen=1`);

        const active = (await activeCatalogue(t.handle.db)).indicators.find((i) => i.key === KEY)!;
        assert.match(active.definition, /testdefinitie/);
        assert.equal(active.decimals, 1);
        // A renamed stem is renamed in the rule as well, so the catalogue stays valid.
        assert.deepEqual(active.source.variables, ['ErvarenGezondheidGoedFixture']);
        assert.equal(
          active.measure.type === 'model_estimate' ? active.measure.variable : '',
          'ErvarenGezondheidGoedFixture',
        );
        assert.deepEqual(
          (await listCatalogueVersions(t.handle.db)).map((v) => v.note),
          ['Definitie korter (fixture).'],
        );
        const entry = (await listAudit(t.handle.db, { municipalityCode: HOME })).find(
          (a) => a.entity === 'indicatorcatalogus' && a.entityId === KEY,
        );
        assert.ok(entry);
        assert.equal(entry.action, 'indicator.gewijzigd');
        assert.equal(entry.municipalityCode, null);
        const b = JSON.parse(entry.before!) as { indicator: { definition: string } };
        const a = JSON.parse(entry.after!) as {
          catalogusversie: number;
          indicator: { decimals: number };
        };
        assert.equal(b.indicator.definition, original.definition);
        assert.equal(a.catalogusversie, 1);
        assert.equal(a.indicator.decimals, 1);
        const page = await t.app.inject({
          url: res.headers.location as string,
          headers: { cookie: nationalCookie },
        });
        assert.match(page.body, /Opgeslagen als catalogusversie 1/);
      });

      it('names each invalid field in Dutch and stores nothing', async () => {
        const before = (await listCatalogueVersions(t.handle.db)).length;
        const fields = formFields(await editPage(), URL);
        fields.decimalen = '9';
        fields.eenheid = '';
        fields.polariteit = 'omhoog';
        fields.bron_variabele_0 = 'AantalInwoners_5';
        fields.notitie = '';
        const res = await postForm(t.app, URL, nationalCookie, fields);
        assert.equal(res.statusCode, 422);
        assert.match(fieldError(res.body, 'decimalen') ?? '', /0, 1, 2 of 3/);
        assert.match(fieldError(res.body, 'eenheid') ?? '', /Vul dit veld in/);
        assert.match(fieldError(res.body, 'polariteit') ?? '', /uit de lijst/);
        assert.match(fieldError(res.body, 'bron_variabele_0') ?? '', /zonder jaargangnummer/);
        assert.match(fieldError(res.body, 'notitie') ?? '', /Schrijf kort op/);
        assert.equal(formFields(res.body, URL).decimalen, '9');
        assert.equal((await listCatalogueVersions(t.handle.db)).length, before);
      });

      it('escapes a script payload, refuses a missing CSRF token and a stale form', async () => {
        const stale = formFields(await editPage(), URL);
        const fields = { ...stale };
        fields.definitie = '<script>alert(1)</script> definitie (fixture)';
        fields.notitie = 'Script in de definitie (fixture).';
        const saved = await postForm(t.app, URL, nationalCookie, fields);
        assert.equal(saved.statusCode, 303);
        const page = await editPage();
        assert.doesNotMatch(page, /<script>alert/);
        assert.match(page, /&lt;script>alert\(1\)&lt;\/script> definitie/);

        const count = (await listCatalogueVersions(t.handle.db)).length;
        const noToken: Record<string, string> = {
          ...formFields(page, URL),
          notitie: 'zonder token',
          decimalen: '2',
        };
        delete noToken._csrf;
        assert.equal((await postForm(t.app, URL, nationalCookie, noToken)).statusCode, 403);
        // The form opened before the last save carries the older base version.
        const late = await postForm(t.app, URL, nationalCookie, {
          ...stale,
          decimalen: '2',
          notitie: 'Te laat (fixture).',
        });
        assert.equal(late.statusCode, 409);
        assert.match(late.body, /intussen gewijzigd/);
        assert.equal((await listCatalogueVersions(t.handle.db)).length, count);
      });
    });
  });
}
