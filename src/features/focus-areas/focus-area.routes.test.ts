import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { datasetsDir, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import {
  insertVersion,
  listFocusAreas,
  listMembers,
  upsertFocusArea,
} from './focus-area.repository.ts';
import type { FocusAreaJson } from './views/focus-area.json.ts';

const nl = new Intl.NumberFormat('nl-NL');

/** The 2023 inhabitants of the 'ja' buurten in the shipped Dordt West list: an independent sum. */
function shippedCoreTotal(): number {
  const lines = fs
    .readFileSync(path.join(datasetsDir, 'dordt-west/dordt_west_buurten_2023.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0]!.split(',');
  const inDw = header.indexOf('in_dordt_west');
  const inhabitants = header.indexOf('aantal_inwoners_2023');
  return lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((cells) => cells[inDw] === 'ja')
    .reduce((sum, cells) => sum + Number(cells[inhabitants]), 0);
}

function rowsOf(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`<tr[^>]*${attr}[^>]*>([\\s\\S]*?)</tr>`, 'g'))].map(
    (m) => m[1]!,
  );
}

function memberRow(html: string, code: string): string {
  const row = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .find((r) => r.includes(`>${code}<`));
  assert.ok(row, `no table row for ${code}`);
  return row;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`focus-area pages [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let html: string;
    let json: FocusAreaJson;

    before(async () => {
      t = await buildTestApp(dialect);
      const page = await t.app.inject('/gebieden/dordt-west');
      assert.equal(page.statusCode, 200);
      html = page.body;
      const api = await t.app.inject('/api/gebieden/dordt-west');
      assert.equal(api.statusCode, 200);
      json = api.json<FocusAreaJson>();
    });
    after(async () => {
      await t?.close();
    });

    it('shows the delineation with 24 counted buurten and their total of 28.740 inhabitants', () => {
      const expected = shippedCoreTotal();
      assert.equal(expected, 28740, 'the shipped list itself says 28,740 (SOURCES.md §3)');
      const total = rowsOf(html, 'class="utrecht-table__row wk-total"');
      assert.equal(total.length, 1);
      assert.match(total[0]!, /Totaal 24 buurten/);
      assert.match(total[0]!, new RegExp(`data-total="2023">${nl.format(expected)}<`));
      assert.match(html, /<h1[^>]*>Dordt West<\/h1>/);
      assert.match(html, /<h2[^>]*>Afbakening<\/h2>/);
      assert.match(html, /met samen 28\.740 inwoners op 1 januari 2023/);
    });

    it('marks Zuidhoven as uitgesloten and five buurten as te bevestigen, each with a reason', () => {
      const excluded = rowsOf(html, 'data-status="uitgesloten"');
      assert.equal(excluded.length, 1);
      assert.match(excluded[0]!, /Zuidhoven/);
      assert.match(excluded[0]!, /Uitgesloten/);
      const toConfirm = rowsOf(html, 'data-status="te_bevestigen"');
      assert.equal(toConfirm.length, 5);
      for (const row of [...excluded, ...toConfirm]) {
        assert.doesNotMatch(row, /geen reden vastgelegd/);
      }
      assert.deepEqual(toConfirm.map((r) => /BU\d{8}/.exec(r)?.[0]).sort(), [
        'BU05050707',
        'BU05050708',
        'BU05050709',
        'BU05050710',
        'BU05050711',
      ]);
    });

    it('draws an accessible SVG map where status is shown by pattern, not colour alone', () => {
      const svg = /<svg[^>]*class="wk-map"[^>]*>[\s\S]*?<\/svg>/.exec(html)?.[0];
      assert.ok(svg, 'no map');
      const open = /<svg[^>]*>/.exec(svg)![0];
      assert.match(open, /role="img"/);
      const labelledBy = /aria-labelledby="([^"]+)"/.exec(open)?.[1];
      const describedBy = /aria-describedby="([^"]+)"/.exec(open)?.[1];
      assert.match(svg, new RegExp(`<title id="${labelledBy}">[^<]+</title>`));
      assert.match(svg, new RegExp(`<desc id="${describedBy}">[^<]*Zuidhoven[^<]*</desc>`));
      const paths = [...svg.matchAll(/<path([^>]*)>([\s\S]*?)<\/path>/g)];
      assert.ok(paths.length > 30, `only ${paths.length} paths`);
      for (const [, , inner] of paths) assert.match(inner!, /<title>[^<]+<\/title>/);
      const zuidhoven = paths.find(([, attrs]) => attrs!.includes('data-code="BU05050802"'));
      assert.ok(zuidhoven);
      assert.match(zuidhoven[1]!, /wk-map__buurt--uitgesloten/);
      assert.match(zuidhoven[1]!, /fill="url\(#[^)]+-cross\)"/);
      assert.match(zuidhoven[2]!, /<title>Zuidhoven: uitgesloten<\/title>/);
      const hatched = paths.filter(([, attrs]) => /fill="url\(#[^)]+-hatch\)"/.test(attrs!));
      assert.equal(hatched.length, 5);
      assert.match(html, /class="wk-map-legend"[\s\S]*Te bevestigen[\s\S]*Uitgesloten/);
      assert.match(
        html,
        /Bron: CBS \(Kerncijfers wijken en buurten 2023\), Kadaster\/CBS wijk- en buurtkaart via PDOK\. Licentie/,
      );
    });

    it('gives the same members and numbers as JSON', () => {
      assert.equal(json.slug, 'dordt-west');
      assert.equal(json.naam, 'Dordt West');
      assert.deepEqual(json.gemeente, { code: 'GM0505', naam: 'Dordrecht' });
      assert.equal(json.indelingsjaar, 2023);
      assert.equal(typeof json.versie, 'number');
      assert.ok((json.toelichting ?? '').length > 0);
      assert.match(json.bron, /CBS/);
      assert.equal(json.licentie, 'CC BY 4.0');
      const count = (s: string) => json.leden.filter((l) => l.status === s).length;
      assert.deepEqual([count('lid'), count('uitgesloten'), count('te_bevestigen')], [24, 1, 5]);
      const sum = json.leden
        .filter((l) => l.status === 'lid')
        .reduce((s, l) => s + (l.inwoners['2023'] ?? Number.NaN), 0);
      assert.equal(json.totaal_inwoners['2023'], sum);
      assert.equal(json.totaal_inwoners['2023'], shippedCoreTotal());
      for (const year of ['2023', '2024'] as const) {
        const values = json.leden.filter((l) => l.status === 'lid').map((l) => l.inwoners[year]);
        const expected = values.includes(null)
          ? null
          : values.reduce<number>((s, v) => s + (v ?? 0), 0);
        assert.equal(json.totaal_inwoners[year], expected, `total ${year}`);
        const cell = new RegExp(`data-total="${year}">([^<]*)<`).exec(html)?.[1];
        assert.ok(cell, `no total cell for ${year}`);
        if (expected !== null) assert.equal(cell, nl.format(expected));
        else assert.match(cell, /nog niet geladen/);
      }
      for (const lid of json.leden) {
        assert.deepEqual(Object.keys(lid).sort(), [
          'code',
          'inwoners',
          'naam',
          'reden',
          'status',
          'wijk',
        ]);
        assert.ok(lid.wijk, `${lid.code} has no wijk`);
        const row = memberRow(html, lid.code);
        assert.ok(row.includes(lid.naam.replace(/&/g, '&amp;')), `${lid.code} name differs`);
        const cells = [
          ...row.matchAll(/<td class="utrecht-table__cell wk-num[^"]*">([^<]*)<\/td>/g),
        ];
        const shown = cells.map((c) => c[1]);
        assert.deepEqual(
          shown,
          (['2023', '2024'] as const).map((y) => {
            const v = lid.inwoners[y];
            return v === null ? 'nog niet geladen' : nl.format(v);
          }),
          `numbers of ${lid.code} differ between page and JSON`,
        );
      }
    });

    it('shows an older version on ?versie=N and refuses a bad value in Dutch', async () => {
      // A later version made up for this test (fixture): Dordtse Hout confirmed as member.
      const { db } = t.handle;
      const latest = json.versie;
      assert.ok(latest !== null && json.indelingsjaar !== null);
      const members = await listMembers(db, 'dordt-west', latest);
      await insertVersion(
        db,
        {
          focus_area_slug: 'dordt-west',
          version: latest + 1,
          indeling_year: json.indelingsjaar,
          rationale: 'Versie voor de test (fixture): Dordtse Hout bevestigd.',
          created_at: new Date().toISOString(),
          created_by: 'test',
        },
        members.map((m) => ({
          ...m,
          version: latest + 1,
          ...(m.buurt_code === 'BU05050707' ? { status: 'lid' as const, reason: null } : {}),
        })),
      );
      const newest = await t.app.inject('/api/gebieden/dordt-west');
      assert.equal(newest.json<FocusAreaJson>().versie, latest + 1);
      assert.equal(newest.json<FocusAreaJson>().leden.filter((l) => l.status === 'lid').length, 25);

      const old = await t.app.inject(`/gebieden/dordt-west?versie=${latest}`);
      assert.equal(old.statusCode, 200);
      assert.match(old.body, /U bekijkt een oudere versie/);
      assert.match(old.body, /Totaal 24 buurten/);
      const oldApi = await t.app.inject(`/api/gebieden/dordt-west?versie=${latest}`);
      assert.deepEqual(oldApi.json<FocusAreaJson>().totaal_inwoners, json.totaal_inwoners);

      const bad = await t.app.inject('/gebieden/dordt-west?versie=abc');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /De versie in het adres klopt niet/);
      const badApi = await t.app.inject('/api/gebieden/dordt-west?versie=0');
      assert.equal(badApi.statusCode, 400);
      assert.match(badApi.json<{ fout: { melding: string } }>().fout.melding, /versie/);
      const missing = await t.app.inject('/gebieden/dordt-west?versie=999');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Dordt West[^<]*versie 999/i);
    });

    it('answers an unknown focus area with a Dutch 404, as page and as JSON', async () => {
      const page = await t.app.inject('/gebieden/bestaat-niet');
      assert.equal(page.statusCode, 404);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /<html lang="nl"/);
      assert.match(page.body, /Focusgebied &quot;bestaat-niet&quot; bestaat niet/);
      const api = await t.app.inject('/api/gebieden/bestaat-niet');
      assert.equal(api.statusCode, 404);
      const body = api.json<{ fout: { status: number; melding: string } }>();
      assert.equal(body.fout.status, 404);
      assert.match(body.fout.melding, /Focusgebied "bestaat-niet" bestaat niet/);
      const odd = await t.app.inject('/gebieden/Bestaat%20Niet');
      assert.equal(odd.statusCode, 404);
    });

    it('says so when the buurten of a focus area are not known yet', async () => {
      // Every shipped area has a (provisional) delineation now; a new area has none yet.
      await upsertFocusArea(t.handle.db, {
        slug: 'nieuw-gebied-fixture',
        name: 'Nieuw gebied (fixture)',
        municipality_code: 'GM0606',
        municipality_name: 'Schiedam',
        composition_status: 'onbekend',
        source_note: 'fixture',
      });
      const unknown = (await listFocusAreas(t.handle.db)).find(
        (a) => a.composition_status === 'onbekend',
      );
      assert.ok(unknown, 'the fixture area has no composition');
      const page = await t.app.inject(`/gebieden/${unknown.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /nog niet bekend welke buurten erbij horen/);
      const api = await t.app.inject(`/api/gebieden/${unknown.slug}`);
      const body = api.json<FocusAreaJson>();
      assert.equal(body.versie, null);
      assert.deepEqual(body.leden, []);
      assert.deepEqual(body.totaal_inwoners, { '2023': null, '2024': null });
    });

    it('sends a strict CSP without unsafe-inline scripts and stays under 300 KB', async () => {
      const page = await t.app.inject('/gebieden/dordt-west');
      const csp = page.headers['content-security-policy'];
      assert.equal(typeof csp, 'string');
      const scriptSrc = (csp as string).split(';').find((d) => d.trim().startsWith('script-src'));
      assert.ok(scriptSrc, 'no script-src');
      assert.doesNotMatch(scriptSrc, /unsafe-inline/);
      assert.doesNotMatch(page.body, /\sstyle="/, 'inline style attributes are blocked by the CSP');
      assert.ok(
        Buffer.byteLength(page.body) < 300_000,
        `${Buffer.byteLength(page.body)} bytes of HTML`,
      );
    });
  });
}
