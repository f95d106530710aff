import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';

/** The real Dordrecht buurten these cases use (CBS indeling, shipped data). */
const OUD_KRISPIJN_BUT_ZUIDENDIJK = [
  'BU05050301',
  'BU05050302',
  'BU05050303',
  'BU05050304',
  'BU05050305',
  'BU05050306',
  'BU05050307',
];
/** Nieuw-Krispijn; BU05050406 "Nieuweweg en omgeving" is small and has secret CBS figures. */
const NIEUW_KRISPIJN = [
  'BU05050400',
  'BU05050401',
  'BU05050402',
  'BU05050403',
  'BU05050404',
  'BU05050405',
  'BU05050406',
];
const NIEUWEWEG = 'BU05050406';
const ZUIDENDIJK = 'BU05050300';
const BLOEMENBUURT = 'BU05050404';

const url = (codes: readonly string[], extra = '') =>
  `/eigen-gebied?${codes.map((c) => `buurt=${c}`).join('&')}${extra}`;

/** The visible text, entities decoded, from <main> only (short failure messages). */
const text = (html: string) =>
  (/<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .slice(0, 3000);

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`custom areas (eigen gebied) [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    /** Inhabitants per buurt, newest period, straight from the observations table. */
    async function inhabitants(codes: readonly string[]): Promise<Map<string, number>> {
      const rows = await t.handle.db
        .selectFrom('observations')
        .select(['area_code', 'period', 'value'])
        .where('variable', '=', 'AantalInwoners')
        .where('area_code', 'in', [...codes])
        .execute();
      const newest = new Map<string, { period: string; value: number }>();
      for (const r of rows) {
        const seen = newest.get(r.area_code);
        if (r.value !== null && (!seen || r.period > seen.period))
          newest.set(r.area_code, { period: r.period, value: Number(r.value) });
      }
      return new Map([...newest].map(([k, v]) => [k, v.value]));
    }

    it('without buurten: a plain GET form with a checkbox per Dordrecht buurt, by wijk', async () => {
      const res = await t.app.inject('/eigen-gebied');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<form[^>]*method="get"[^>]*action="\/eigen-gebied"/);
      assert.match(res.body, /<legend[^>]*>Wijk Oud Krispijn<\/legend>/);
      assert.match(res.body, /type="checkbox"[^>]*name="buurt"[^>]*value="BU05050301"/);
      assert.match(res.body, /<svg[^>]*class="wk-map"/);
      assert.match(
        res.body,
        /<script type="module" src="\/assets\/v\/[\w-]{12}\/js\/buurt-picker\.js"/,
      );
      assert.doesNotMatch(res.body, /data-indicator=/);
      // A starting point: the buurten of Dordt West in one link.
      assert.match(res.body, /href="\/eigen-gebied\?buurt=BU05050300&amp;buurt=BU05050301/);
    });

    it('shows the profile of an allowed set, with the inhabitants added up from CBS', async () => {
      const res = await t.app.inject(url(OUD_KRISPIJN_BUT_ZUIDENDIJK, '&naam=Mijn%20buurten'));
      assert.equal(res.statusCode, 200);
      const counts = await inhabitants(OUD_KRISPIJN_BUT_ZUIDENDIJK);
      assert.equal(counts.size, OUD_KRISPIJN_BUT_ZUIDENDIJK.length);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      assert.ok(total >= 1000);
      assert.match(
        text(res.body),
        new RegExp(
          `7 buurten, samen ${total.toLocaleString('nl-NL').replace('.', '\\.')} inwoners`,
        ),
      );
      assert.match(res.body, /<h1[^>]*>Mijn buurten<\/h1>/);
      // The same profile tables as a focus area, the inhabitants row with the same sum.
      const row = /<tr[^>]*data-indicator="aantal-inwoners"[^>]*>([\s\S]*?)<\/tr>/.exec(res.body);
      assert.ok(row, 'no aantal-inwoners row');
      assert.match(text(row[1]!), new RegExp(total.toLocaleString('nl-NL').replace('.', '\\.')));
      // Checked boxes stay checked; no link to indicator pages of a set that has none.
      assert.match(res.body, /value="BU05050301" checked/);
      assert.doesNotMatch(res.body, /href="\/gebieden\/[^"]*\/indicatoren/);
    });

    it('refuses a set below 1,000 inhabitants with a 400 that explains why', async () => {
      const counts = await inhabitants([ZUIDENDIJK, BLOEMENBUURT]);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      assert.ok(total < 1000, `fixture premise: ${total} inhabitants`);
      const res = await t.app.inject(url([ZUIDENDIJK, BLOEMENBUURT]));
      assert.equal(res.statusCode, 400);
      assert.match(text(res.body), /samen \d+ inwoners\. Een eigen gebied moet minstens 1\.000/);
      assert.match(res.body, /role="alert"/);
      assert.doesNotMatch(res.body, /data-indicator=/);
      assert.match(res.body, /value="BU05050300" checked/);
    });

    it('refuses a set that differs from a published wijk or buurt only by a secret buurt', async () => {
      // Premise from the data: CBS kept figures of Nieuweweg en omgeving secret.
      const secret = await t.handle.db
        .selectFrom('observations')
        .select('variable')
        .where('area_code', '=', NIEUWEWEG)
        .where('status', '=', 'geheim')
        .execute();
      assert.ok(secret.length > 0, 'Nieuweweg has no secret figure in the shipped data');

      const withoutIt = NIEUW_KRISPIJN.filter((c) => c !== NIEUWEWEG);
      const a = await t.app.inject(url(withoutIt));
      assert.equal(a.statusCode, 400);
      assert.match(text(a.body), /verschilt van wijk Nieuw-Krispijn alleen in buurt Nieuweweg/);
      assert.match(text(a.body), /van elkaar af te trekken/);
      assert.doesNotMatch(a.body, /data-indicator=/);

      // The other way round: a published buurt plus the secret one.
      const b = await t.app.inject(url(['BU05050400', NIEUWEWEG]));
      assert.equal(b.statusCode, 400);
      assert.match(text(b.body), /verschilt van buurt Pr\. Bernhardstraat en omgeving/);

      // The whole wijk is what CBS publishes itself: allowed.
      const whole = await t.app.inject(url(NIEUW_KRISPIJN));
      assert.equal(whole.statusCode, 200);
      assert.match(whole.body, /data-indicator="aantal-inwoners"/);
    });

    it('does not count a buurt without inhabitants as secret', async () => {
      // Dordt West without Laan der Verenigde Naties Noord: 0 inhabitants, figures secret.
      const blank = await t.handle.db
        .selectFrom('observations')
        .select('variable')
        .where('area_code', '=', 'BU05050706')
        .where('status', '=', 'geheim')
        .execute();
      assert.ok(blank.length > 0, 'premise: BU05050706 has secret figures in the shipped data');
      const members = await t.handle.db
        .selectFrom('focus_area_members')
        .select('buurt_code')
        .where('status', '=', 'lid')
        .where('focus_area_slug', '=', 'dordt-west')
        .execute();
      const codes = [...new Set(members.map((m) => m.buurt_code))].filter(
        (c) => c !== 'BU05050706',
      );
      assert.ok(codes.length > 10);
      const res = await t.app.inject(url(codes));
      assert.equal(res.statusCode, 200, text(res.body).slice(0, 400));
    });

    it('calls a set of wijken (a municipality without buurten loaded) wijken, not buurten', async () => {
      const res = await t.app.inject('/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603');
      assert.equal(res.statusCode, 200, text(res.body).slice(0, 400));
      assert.match(res.body, /<title>Eigen gebied \(2 wijken\) in Schiedam/);
      assert.match(text(res.body), /Eigen gebied \(2 wijken\)/);
      assert.doesNotMatch(text(res.body), /\d buurten/);
    });

    it('answers a wrong or unknown buurt code with a 400 naming it', async () => {
      const bad = await t.app.inject('/eigen-gebied?buurt=Krispijn');
      assert.equal(bad.statusCode, 400);
      assert.match(text(bad.body), /Parameter buurt \("Krispijn"\) is geen buurtcode/);
      const unknown = await t.app.inject(url([...OUD_KRISPIJN_BUT_ZUIDENDIJK, 'BU99999999']));
      assert.equal(unknown.statusCode, 400);
      assert.match(text(unknown.body), /Buurt BU99999999 ligt niet in Dordrecht/);
    });

    it('serves the set as CSV, Dutch-Excel CSV and JSON with the page’s figures', async () => {
      const csv = await t.app.inject(url(OUD_KRISPIJN_BUT_ZUIDENDIJK, '&formaat=csv'));
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const rows = parse(csv.body.replace(/^\uFEFF/, ''), {
        columns: true,
        skip_empty_lines: true,
        comment: '#',
      }) as Record<string, string>[];
      const own = rows.find((r) => r.indicator === 'aantal-inwoners' && r.soort === 'selectie');
      assert.ok(own, 'no own row for aantal-inwoners');
      const total = [...(await inhabitants(OUD_KRISPIJN_BUT_ZUIDENDIJK)).values()].reduce(
        (a, b) => a + b,
        0,
      );
      assert.equal(Number(own.waarde), total);
      assert.ok('status' in own, 'rows carry the status flags');
      assert.ok(rows.some((r) => r.soort === 'nederland'));

      const excel = await t.app.inject(url(OUD_KRISPIJN_BUT_ZUIDENDIJK, '&formaat=csv-excel'));
      assert.equal(excel.statusCode, 200);
      assert.match(excel.body, /;/);

      const json = await t.app.inject(url(OUD_KRISPIJN_BUT_ZUIDENDIJK, '&formaat=json'));
      assert.equal(json.statusCode, 200);
      assert.ok(json.headers.etag);

      const refused = await t.app.inject(url([ZUIDENDIJK, BLOEMENBUURT], '&formaat=csv'));
      assert.equal(refused.statusCode, 400);
    });

    it('serves the focus-area profile table as downloads, with "nog niet geladen" rows', async () => {
      const page = await t.app.inject('/gebieden/dordt-west');
      assert.match(page.body, /href="\/gebieden\/dordt-west\?formaat=csv"/);
      const res = await t.app.inject('/gebieden/dordt-west?formaat=csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /dordt-west-profiel\.csv/);
      const rows = parse(res.body.replace(/^\uFEFF/, ''), {
        columns: true,
        skip_empty_lines: true,
        comment: '#',
      }) as Record<string, string>[];
      const own = rows.find((r) => r.indicator === 'aantal-inwoners' && r.soort === 'focusgebied');
      assert.ok(own);
      // The page's figure for the same cell, thousands with a dot.
      const row = /<tr[^>]*data-indicator="aantal-inwoners"[^>]*>([\s\S]*?)<\/tr>/.exec(page.body);
      const shown = Number(Number(own.waarde).toFixed(0)).toLocaleString('nl-NL');
      assert.ok(row?.[1]?.includes(shown), `page does not show ${shown}`);
      assert.ok(rows.some((r) => r.toelichting === 'nog niet geladen' && r.waarde === ''));
      const bad = await t.app.inject('/gebieden/dordt-west?formaat=xls');
      assert.equal(bad.statusCode, 400);
    });

    it('answers the same tables under /api/ as JSON, refusals as a 400 with the reason', async () => {
      const ok = await t.app.inject(`/api${url(OUD_KRISPIJN_BUT_ZUIDENDIJK)}`);
      assert.equal(ok.statusCode, 200);
      const body = ok.json() as { rijen: { indicator: string; soort: string; waarde: number }[] };
      const own = body.rijen.find(
        (r) => r.indicator === 'aantal-inwoners' && r.soort === 'selectie',
      );
      const total = [...(await inhabitants(OUD_KRISPIJN_BUT_ZUIDENDIJK)).values()].reduce(
        (a, b) => a + b,
        0,
      );
      assert.equal(own?.waarde, total);
      const refused = await t.app.inject(`/api${url([ZUIDENDIJK, BLOEMENBUURT])}`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /minstens 1\.000 inwoners/);
      const profile = await t.app.inject('/api/gebieden/dordt-west/profiel');
      assert.equal(profile.statusCode, 200);
      assert.ok((profile.json() as { rijen: unknown[] }).rijen.length > 50);
      assert.equal((await t.app.inject('/api/gebieden/bestaat-niet/profiel')).statusCode, 404);
    });
  });
}
