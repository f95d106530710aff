/**
 * Issue 11.9 and 11.10 (ADR 0017): a local file for a CBS variable is refused unless it says it
 * replaces the CBS figure; then the pages and downloads that use it name the local source. The
 * preview warns in words for a change of more than 25 %.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { findObservations } from '../../src/features/datasets/dataset.repository.ts';
import { multipart } from '../../src/features/data-workspace/data-workspace.test-helpers.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { dialectUnavailable, dialects } from '../helpers/db.ts';
import { login, makeUser, type LoggedIn } from './security-app.ts';

const DORDRECHT = 'GM0505';
const BUURT = 'BU05050300';
const SOURCE = 'Gemeente Dordrecht, BRP (fixture)';
const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });

function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`local figures never pose as CBS figures [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let who: LoggedIn;
    let period: string;
    let previous: number;

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'onderzoeker@dordrecht.example', [
        { role: 'onderzoeker', municipalityCode: DORDRECHT },
      ]);
      who = await login(t.app, 'onderzoeker@dordrecht.example', undefined, '10.13.0.1');
      const rows = await findObservations(t.handle.db, {
        variables: ['AantalInwoners'],
        indelingYear: 2024,
        areaCodes: [BUURT],
      });
      const newest = rows
        .filter((r) => r.value !== null)
        .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
      assert.ok(newest, 'the seed has inhabitants for the buurt');
      period = newest.period;
      previous = Number(newest.value);
    });
    after(async () => t?.close());

    async function upload(fields: Record<string, string>) {
      const csv = `gebiedscode;periode;indicator;waarde\n${BUURT};${period};AantalInwoners;5\n`;
      const body = multipart(
        { _csrf: who.token, soort: 'lokaal', indeling: '2024', bron: SOURCE, ...fields },
        { bestand: { fileName: 'inwoners.csv', bytes: Buffer.from(csv) } },
      );
      const res = await t.app.inject({
        method: 'POST',
        // The upload form carries its CSRF token in its address (ADR 0018).
        url: `/werkruimte/${DORDRECHT}/data/voorbeeld?_csrf=${encodeURIComponent(who.token)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: who.cookie },
      });
      assert.equal(res.statusCode, 303, res.body);
      const preview = await t.app.inject({
        method: 'GET',
        url: location(res),
        headers: { cookie: who.cookie },
      });
      return { res, preview };
    }

    it('refuses a local AantalInwoners without the explicit choice', async () => {
      const { preview } = await upload({});
      assert.equal(preview.statusCode, 422);
      assert.match(preview.body, /AantalInwoners is een CBS-variabele/);
    });

    it('warns for the change in words, and after confirming every page names the local source', async () => {
      const profileBefore = await t.app.inject({ url: '/gebieden/dordt-west' });
      assert.doesNotMatch(profileBefore.body, /Gemeente Dordrecht, BRP/);

      const { res, preview } = await upload({ vervangt_cbs: 'ja' });
      assert.equal(preview.statusCode, 200, preview.body.slice(0, 500));
      assert.match(preview.body, /Let op: grote veranderingen/);
      const percent = Math.round(((5 - previous) / previous) * 100);
      const expected = `${nl.format(previous)} → 5: −${Math.abs(percent)}%`;
      assert.ok(preview.body.includes(expected), `preview says "${expected}"`);

      const confirm = await t.app.inject({
        method: 'POST',
        url: location(res).replace('/voorbeeld/', '/bevestig/'),
        payload: new URLSearchParams({ _csrf: who.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
      });
      assert.equal(confirm.statusCode, 303);

      const page = await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/aantal-inwoners' });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Gemeente Dordrecht, BRP \(fixture\) \(lokale cijfers, in plaats van CBS/,
      );
      const csv = await t.app.inject({
        url: '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=csv',
      });
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /Gemeente Dordrecht, BRP \(fixture\) \(lokale cijfers/);
      const profile = await t.app.inject({ url: '/gebieden/dordt-west' });
      assert.match(
        profile.body,
        /Lokale cijfers in plaats van CBS: Gemeente Dordrecht, BRP \(fixture\)/,
      );
      const profileCsv = await t.app.inject({ url: '/gebieden/dordt-west?formaat=csv' });
      assert.equal(profileCsv.statusCode, 200);
      assert.match(profileCsv.body, /Lokale cijfers in plaats van CBS: Gemeente Dordrecht, BRP/);
    });
  });
}
