import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { fieldError, formFields, postForm } from '../../../test/helpers/forms.ts';
import {
  buildSecurityApp,
  csrfToken,
  form,
  isDenied,
  login,
  makeUser,
} from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';

/**
 * Correcting a budget line, a funding source and a booking in the browser's way: open the edit
 * form from the "Wijzigen" link, change a field, save. Refusals show the form again.
 */

const BASE = '/werkruimte/GM0505/begroting/dordt-west';
const OTHER = '/werkruimte/GM0014/begroting/elders';

async function setup(handle: TestDb) {
  for (const [slug, code] of [
    ['dordt-west', 'GM0505'],
    ['elders', 'GM0014'],
  ] as const)
    await upsertFocusArea(handle.db, {
      slug,
      name: slug === 'elders' ? 'Elders' : 'Dordt West',
      municipality_code: code,
      municipality_name: code,
      composition_status: 'bekend',
      source_note: '',
    });
  const app = await buildSecurityApp(handle);
  await makeUser(handle, 'pb@fixture.example', [
    { role: 'programmabureau', municipalityCode: 'GM0505' },
  ]);
  await makeUser(handle, 'lid@fixture.example', [
    { role: 'alliantielid', municipalityCode: 'GM0505' },
  ]);
  await makeUser(handle, 'ander@fixture.example', [
    { role: 'programmabureau', municipalityCode: 'GM0014' },
  ]);
  return app;
}

/** Sends the form on `page` (a URL) with `changes`, as a browser would after editing it. */
async function submit(
  app: FastifyInstance,
  cookie: string,
  page: string,
  action: string,
  changes: Record<string, string> = {},
) {
  const res = await app.inject({ url: page, headers: { cookie } });
  assert.equal(res.statusCode, 200, `${page}: ${res.body.slice(0, 300)}`);
  return postForm(app, action, cookie, { ...formFields(res.body, action), ...changes });
}

async function addLine(app: FastifyInstance, cookie: string, base: string, code: string) {
  const fields = {
    code,
    year: '2025',
    theme: 'wonen',
    project: 'Portiekaanpak',
    funding_source_id: `${base.split('/').pop()}-bzk`,
    description: 'Programmabureau 2025',
    planned: '€ 500.000,00',
    negative_reason: '',
  };
  if (base.endsWith('elders')) fields.funding_source_id = await firstSource(app, cookie, base);
  const res = await submit(app, cookie, base, `${base}/regels`, fields);
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const page = await app.inject({ url: base, headers: { cookie } });
  const id = new RegExp(`href="${base}/regels/([^"]+)">${code}<`).exec(page.body)?.[1];
  assert.ok(id, `line ${code} listed`);
  return id;
}

async function addSource(app: FastifyInstance, cookie: string, base: string) {
  const res = await submit(app, cookie, base, `${base}/bronnen`, {
    name: 'Bijdrage woningcorporatie',
    kind: 'partner',
    funder: 'Woonbron',
    annual: '25.000',
    from_year: '2025',
    note: '',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
}

async function firstSource(app: FastifyInstance, cookie: string, base: string) {
  const page = await app.inject({ url: base, headers: { cookie } });
  const id = new RegExp(`href="${base}/bronnen/([^"/]+)/wijzigen"`).exec(page.body)?.[1];
  if (id) return id;
  await addSource(app, cookie, base);
  return firstSource(app, cookie, base);
}

async function addEntry(app: FastifyInstance, cookie: string, lineId: string) {
  const res = await submit(app, cookie, BASE, `${BASE}/boekingen`, {
    budget_line_id: lineId,
    kind: 'uitgave',
    entry_date: '2025-03-31',
    amount: '1.234,56',
    description: 'Huur buurthuis',
    reference: 'F-001',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const page = await app.inject({ url: `${BASE}/regels/${lineId}`, headers: { cookie } });
  const id = new RegExp(`href="${BASE}/boekingen/([^"/]+)/wijzigen"`).exec(page.body)?.[1];
  assert.ok(id, 'the booking has a Wijzigen link');
  return id;
}

async function budgetAudit(handle: TestDb) {
  return (await listAudit(handle.db, { municipalityCode: 'GM0505' })).filter((a) =>
    a.action.endsWith('-gewijzigd'),
  );
}

describeEachDialect('correcting the budget', (getDb) => {
  it('corrects a budget line from its Wijzigen link, audited with before and after', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const id = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const linePage = await app.inject({
        url: `${BASE}/regels/${id}`,
        headers: { cookie: pb.cookie },
      });
      assert.match(linePage.body, new RegExp(`href="${BASE}/regels/${id}/wijzigen">Wijzigen`));
      const edit = await app.inject({
        url: `${BASE}/regels/${id}/wijzigen`,
        headers: { cookie: pb.cookie },
      });
      assert.equal(edit.statusCode, 200);
      const fields = formFields(edit.body, `${BASE}/regels/${id}/wijzigen`);
      assert.ok(fields._csrf, 'the form has its CSRF token');
      assert.equal(fields.code, 'PB-2025');
      assert.equal(fields.planned, '500000,00');
      assert.equal(fields.theme, 'wonen');
      assert.equal(fields.funding_source_id, 'dordt-west-bzk');
      assert.ok(fields.geladen, 'the version as loaded');

      const saved = await postForm(app, `${BASE}/regels/${id}/wijzigen`, pb.cookie, {
        ...fields,
        planned: '450.000,00',
        theme: 'onderwijs',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${BASE}/regels/${id}?klaar=regel-gewijzigd`);
      const after = await app.inject({
        url: saved.headers.location!,
        headers: { cookie: pb.cookie },
      });
      assert.match(after.body, /De wijziging van de begrotingsregel is opgeslagen/);
      assert.match(after.body, /€ 450\.000,00/);
      assert.match(after.body, /Onderwijs/);

      const [entry, ...more] = await budgetAudit(handle);
      assert.equal(more.length, 0);
      assert.equal(entry!.action, 'begroting.regel-gewijzigd');
      assert.equal(entry!.entityId, id);
      assert.deepEqual(JSON.parse(entry!.before!), { thema: 'Wonen', begroot: '€ 500.000,00' });
      assert.deepEqual(JSON.parse(entry!.after!), {
        thema: 'Onderwijs',
        begroot: '€ 450.000,00',
      });
    } finally {
      await app.close();
    }
  });

  it('refuses bad input with a Dutch error summary naming the field, and changes nothing', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const id = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const url = `${BASE}/regels/${id}/wijzigen`;
      const res = await submit(app, pb.cookie, url, url, {
        planned: '-500,00',
        negative_reason: '',
        description: 'Correctie getypt',
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Er is een probleem/);
      assert.match(res.body, /href="#veld-regel-negative_reason"/);
      assert.match(
        fieldError(res.body, 'regel-negative_reason') ?? '',
        /negatief begroot bedrag mag alleen met een reden/,
      );
      // The typed text stays in the form.
      assert.equal(formFields(res.body, url).description, 'Correctie getypt');
      const money = await submit(app, pb.cookie, url, url, { planned: '450000.00' });
      assert.equal(money.statusCode, 422);
      assert.match(fieldError(money.body, 'regel-planned') ?? '', /komma voor de centen/);
      const source = await submit(app, pb.cookie, url, url, { funding_source_id: 'elders-bzk' });
      assert.equal(source.statusCode, 422);
      assert.match(fieldError(source.body, 'regel-funding_source_id') ?? '', /financieringsbron/);

      const page = await app.inject({
        url: `${BASE}/regels/${id}`,
        headers: { cookie: pb.cookie },
      });
      assert.match(page.body, /€ 500\.000,00/);
      assert.doesNotMatch(page.body, /Correctie getypt/);
      assert.deepEqual(await budgetAudit(handle), []);
    } finally {
      await app.close();
    }
  });

  it('answers 404 for a line, source or booking of another municipality, and changes nothing', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const ander = await login(app, 'ander@fixture.example');
      const foreignSource = await firstSource(app, ander.cookie, OTHER);
      const foreignLine = await addLine(app, ander.cookie, OTHER, 'EL-1');
      const ownLine = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const ownEntry = await addEntry(app, pb.cookie, ownLine);
      const token = csrfToken(
        (await app.inject({ url: BASE, headers: { cookie: pb.cookie } })).body,
      );
      for (const path of [`regels/${foreignLine}/wijzigen`, `bronnen/${foreignSource}/wijzigen`]) {
        const get = await app.inject({ url: `${BASE}/${path}`, headers: { cookie: pb.cookie } });
        assert.equal(get.statusCode, 404, path);
        const post = await postForm(app, `${BASE}/${path}`, pb.cookie, {
          _csrf: token,
          code: 'GESTOLEN',
          name: 'Gestolen',
          planned: '1,00',
        });
        assert.equal(post.statusCode, 404, path);
      }
      // A booking may not move onto a line of another municipality.
      const url = `${BASE}/boekingen/${ownEntry}/wijzigen`;
      const moved = await submit(app, pb.cookie, url, url, { budget_line_id: foreignLine });
      assert.equal(moved.statusCode, 422);
      assert.match(
        fieldError(moved.body, 'boeking-budget_line_id') ?? '',
        /Kies de begrotingsregel/,
      );
      // And the other municipality cannot reach ours through its own address.
      const theirs = await app.inject({
        url: `${OTHER}/boekingen/${ownEntry}/wijzigen`,
        headers: { cookie: ander.cookie },
      });
      assert.equal(theirs.statusCode, 404);
      const foreignPage = await app.inject({
        url: `${OTHER}/regels/${foreignLine}`,
        headers: { cookie: ander.cookie },
      });
      assert.doesNotMatch(foreignPage.body, /GESTOLEN/);
      assert.match(foreignPage.body, /€ 500\.000,00/);
      assert.deepEqual(await budgetAudit(handle), []);
    } finally {
      await app.close();
    }
  });

  it('refuses a save without a valid CSRF token, and a reader', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const id = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const entry = await addEntry(app, pb.cookie, id);
      const source = await firstSource(app, pb.cookie, BASE);
      const lid = await login(app, 'lid@fixture.example');
      const readerPage = await app.inject({
        url: `${BASE}/regels/${id}`,
        headers: { cookie: lid.cookie },
      });
      assert.equal(readerPage.statusCode, 200);
      assert.doesNotMatch(readerPage.body, /wijzigen"/);
      for (const path of [
        `regels/${id}/wijzigen`,
        `bronnen/${source}/wijzigen`,
        `boekingen/${entry}/wijzigen`,
      ]) {
        const url = `${BASE}/${path}`;
        const fields = formFields(
          (await app.inject({ url, headers: { cookie: pb.cookie } })).body,
          url,
        );
        const withoutToken = await postForm(app, url, pb.cookie, {
          ...fields,
          _csrf: '',
          description: 'Zonder token',
          name: 'Zonder token',
        });
        assert.equal(withoutToken.statusCode, 403, path);
        const forged = await postForm(app, url, pb.cookie, { ...fields, _csrf: 'vervalst' });
        assert.equal(forged.statusCode, 403, path);
        // An Alliance member reads the budget but may not open or send a correction.
        assert.ok(isDenied(await app.inject({ url, headers: { cookie: lid.cookie } })), path);
        const body = form({ ...fields, _csrf: lid.token });
        const denied = await app.inject({
          method: 'POST',
          url,
          payload: body.payload,
          headers: { ...body.headers, cookie: lid.cookie },
        });
        assert.ok(isDenied(denied), `${path}: ${denied.statusCode}`);
      }
      assert.deepEqual(await budgetAudit(handle), []);
    } finally {
      await app.close();
    }
  });

  it('corrects a funding source and a booking; a second save over the first is a Dutch 409 keeping the typed text', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const budget = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      const bzk = `${BASE}/bronnen/dordt-west-bzk/wijzigen`;
      assert.match(budget.body, new RegExp(`href="${bzk}">Wijzigen`));
      const source = await submit(app, pb.cookie, bzk, bzk, { annual: '450.000,00' });
      assert.equal(source.statusCode, 303);
      assert.equal(source.headers.location, `${BASE}?klaar=bron-gewijzigd#bronnen`);
      const shown = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      assert.match(shown.body, /€ 450\.000,00 vanaf 2023/);

      const id = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const entry = await addEntry(app, pb.cookie, id);
      const url = `${BASE}/boekingen/${entry}/wijzigen`;
      // Anna and Bert open the same booking; Anna saves first.
      const anna = formFields(
        (await app.inject({ url, headers: { cookie: pb.cookie } })).body,
        url,
      );
      const bert = formFields(
        (await app.inject({ url, headers: { cookie: pb.cookie } })).body,
        url,
      );
      assert.equal(anna.amount, '1234,56');
      const first = await postForm(app, url, pb.cookie, { ...anna, amount: '1.243,56' });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `${BASE}/regels/${id}?klaar=boeking-gewijzigd`);
      const second = await postForm(app, url, pb.cookie, {
        ...bert,
        description: 'Huur buurthuis maart',
      });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /Iemand anders heeft deze boeking gewijzigd/);
      assert.match(second.body, /Zo staat het nu opgeslagen[\s\S]*€ 1\.243,56/);
      assert.equal(formFields(second.body, url).description, 'Huur buurthuis maart');
      const line = await app.inject({
        url: `${BASE}/regels/${id}`,
        headers: { cookie: pb.cookie },
      });
      assert.match(line.body, /€ 1\.243,56/);
      assert.doesNotMatch(line.body, /Huur buurthuis maart/);

      // The same for a line: a second save over the first is refused.
      const lineUrl = `${BASE}/regels/${id}/wijzigen`;
      const a = formFields(
        (await app.inject({ url: lineUrl, headers: { cookie: pb.cookie } })).body,
        lineUrl,
      );
      const b = formFields(
        (await app.inject({ url: lineUrl, headers: { cookie: pb.cookie } })).body,
        lineUrl,
      );
      assert.equal(
        (await postForm(app, lineUrl, pb.cookie, { ...a, year: '2026' })).statusCode,
        303,
      );
      const late = await postForm(app, lineUrl, pb.cookie, { ...b, project: 'Later getypt' });
      assert.equal(late.statusCode, 409);
      assert.equal(formFields(late.body, lineUrl).project, 'Later getypt');

      assert.deepEqual((await budgetAudit(handle)).map((e) => e.action).sort(), [
        'begroting.boeking-gewijzigd',
        'begroting.bron-gewijzigd',
        'begroting.regel-gewijzigd',
      ]);
    } finally {
      await app.close();
    }
  });

  it('two saves from the same form at the same moment: one is stored, the other is a 409', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const id = await addLine(app, pb.cookie, BASE, 'PB-2025');
      const entry = await addEntry(app, pb.cookie, id);
      for (const [url, field, values] of [
        [`${BASE}/regels/${id}/wijzigen`, 'planned', ['1,00', '2,00']],
        [`${BASE}/boekingen/${entry}/wijzigen`, 'amount', ['3,00', '4,00']],
        [`${BASE}/bronnen/dordt-west-bzk/wijzigen`, 'annual', ['5,00', '6,00']],
      ] as const) {
        const fields = formFields(
          (await app.inject({ url, headers: { cookie: pb.cookie } })).body,
          url,
        );
        const answers = await Promise.all(
          values.map((v) => postForm(app, url, pb.cookie, { ...fields, [field]: v })),
        );
        assert.deepEqual(
          answers.map((a) => a.statusCode).sort(),
          [303, 409],
          `${url}: ${answers.map((a) => a.body.slice(0, 200)).join(' | ')}`,
        );
      }
      // One correction each, audited once each.
      assert.equal((await budgetAudit(handle)).length, 3);
    } finally {
      await app.close();
    }
  });
});
