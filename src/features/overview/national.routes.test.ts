import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { listAreas } from '../areas/area.repository.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { measureVariables } from '../indicators/catalogue.schema.ts';
import { commitImport } from '../imports/import.service.ts';
import type { ParsedObservation } from '../imports/import.types.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

function cell(html: string, key: string, name: string): string {
  const row = new RegExp(`<tr[^>]*data-indicator="${key}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `no row for ${key}`);
  const m = new RegExp(`<td[^>]*data-cell="${name}"[^>]*>([\\s\\S]*?)</td>`).exec(row[1]!);
  assert.ok(m, `no ${name} cell for ${key}`);
  // On the profile a cell links to its note, written once under the tables (issue 17 point 5):
  // what the cell says includes the note it refers to.
  const notes = [...m[1]!.matchAll(/href="#(noot-\d+)"/g)].map((ref) => {
    const note = new RegExp(`<li id="${ref[1]}"[^>]*>([\\s\\S]*?)</li>`).exec(html);
    assert.ok(note, `note ${ref[1]} of ${key}/${name} is on the page`);
    return text(note[1]!);
  });
  return [text(m[1]!), ...notes].join(' ');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);

  describe(`twenty focus areas and /gebieden [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('lists all 20 areas with their delineation on the start page, and links /gebieden', async () => {
      const html = (await t.app.inject('/')).body;
      assert.match(html, /href="\/gebieden"/);
      assert.equal((html.match(/voorlopig, betrouwbaarheid (hoog|midden|laag)/g) ?? []).length, 19);
      assert.match(html, /vastgesteld door de gemeente/);
      assert.doesNotMatch(html, /Buurten nog niet bekend/);
      for (const slug of ['schiedam-nieuwland-oost', 'breda-noord', 'dordt-west'])
        assert.match(html, new RegExp(`href="/gebieden/${slug}"`));
    });

    it('shows Schiedam’s provisional delineation with source, confidence and key figures against the municipality and NL', async () => {
      const res = await t.app.inject('/gebieden/schiedam-nieuwland-oost');
      assert.equal(res.statusCode, 200);
      const page = text(res.body);
      assert.match(page, /Voorlopige afbakening\./);
      assert.match(page, /Bron: schiedam24\.nl; schie\.nu; omgevingsweb \(2022-06-17\)/);
      assert.match(page, /Betrouwbaarheid: hoog/);
      assert.match(page, /WK060601 Oost/);
      assert.match(page, /WK060606 Nieuwland/);
      // Hand-computed from the KWB 2024 file: 11,490 + 14,760 inhabitants, 5,399 + 7,033
      // dwellings, 114 + 147 ha of land; density 26,250 / 2.61 km².
      const figures = /<table[^>]*data-kerncijfers[^>]*>([\s\S]*?)<\/table>/.exec(res.body);
      assert.ok(figures);
      const rows = text(figures[1]!);
      assert.match(rows, /Schiedam Nieuwland-Oost 26\.250 12\.432 2,6 10\.057/);
      assert.match(rows, /Gemeente Schiedam 81\.838 38\.360 17,8 4\.595/);
      assert.match(rows, /Nederland 17\.942\.942 8\.204\.049 33\.647,2 533/);
      const json = (await t.app.inject('/api/gebieden/schiedam-nieuwland-oost')).json();
      assert.deepEqual(json.voorlopig, {
        bron: 'schiedam24.nl; schie.nu; omgevingsweb',
        brondatum: '2022-06-17',
        betrouwbaarheid: 'hoog',
      });
      assert.equal((await t.app.inject('/api/gebieden/dordt-west')).json().voorlopig, null);
    });

    it('shows wijken that only partly belong, and counts none of them', async () => {
      const page = text((await t.app.inject('/gebieden/breda-noord')).body);
      assert.match(page, /Hoort er deels bij/);
      assert.match(page, /Uitgesloten, deels en nog te bevestigen/);
      assert.match(page, /0 wijken horen bij Breda Noord/);
    });

    it('/gebieden: all 20 areas sorted, NL, and no NPLV average of counts', async () => {
      const res = await t.app.inject('/gebieden?indicator=woningvoorraad');
      assert.equal(res.statusCode, 200);
      const rows = [...res.body.matchAll(/<tr[^>]*data-gebied="([a-z-]+)"/g)].map((m) => m[1]);
      assert.equal(
        rows.filter((r) => !['nplv', 'nplv-gewoon', 'nederland'].includes(r!)).length,
        20,
      );
      const body = /<tbody[\s\S]*?<\/tbody>/.exec(res.body)![0];
      const values = [...body.matchAll(/data-cell="waarde"[^>]*>([\d.]+)/g)].map((m) =>
        Number(m[1]!.replaceAll('.', '')),
      );
      assert.deepEqual(
        values,
        [...values].sort((a, b) => b - a),
      );
      assert.match(
        text(res.body),
        /Gemiddelde NPLV-focusgebieden \(Σ teller \/ Σ noemer\) – Niet van toepassing/,
      );
      assert.match(text(res.body), /Nederland 8\.204\.049/);
      assert.match(res.body, /<svg[^>]*class="wk-chart wk-chart--punten"[^>]*role="img"/);
      // Each row says how complete and how sure its delineation is.
      assert.match(
        text(res.body),
        /Schiedam Nieuwland-Oost Gemeente Schiedam 12\.432 38\.360 2 van 2 wijken tellen mee voorlopig, betrouwbaarheid hoog/,
      );
      assert.match(text(res.body), /0 van 5 wijken tellen mee \(geen cijfer te berekenen\)/);
    });

    it('/gebieden: the chart of a count leaves NL to the table; a ratio draws it, its label inside the chart', async () => {
      const svgOf = (html: string) => /<svg[\s\S]*?<\/svg>/.exec(html)![0];
      const count = await t.app.inject('/gebieden?indicator=aantal-inwoners');
      const countChart = svgOf(count.body).replace(/<desc[\s\S]*?<\/desc>/, '');
      assert.doesNotMatch(countChart, /Nederland:/);
      assert.match(text(count.body), /Nederland staat alleen in de tabel/);
      assert.match(text(count.body), /1 gebied zonder cijfer staat alleen in de tabel/);
      const ratio = svgOf((await t.app.inject('/gebieden?indicator=bevolkingsdichtheid')).body);
      const label = /<text x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>Nederland:/.exec(ratio);
      assert.ok(label, 'NL drawn for a ratio');
      // A label near the right edge grows leftwards, so none of it is cut off.
      if (Number(label[1]) > 720 - 24 - 120) assert.equal(label[2], 'end');
    });

    it('/gebieden: for a ratio, Σ teller / Σ noemer and the plain mean, both labelled, in the page and its downloads', async () => {
      const res = await t.app.inject('/gebieden?indicator=bevolkingsdichtheid');
      const page = text(res.body);
      assert.match(
        page,
        /Gemiddelde NPLV-focusgebieden \(Σ teller \/ Σ noemer\) [\d.]+ inwoners per km² land De tellers van 1\d focusgebieden/,
      );
      assert.match(page, /Gewoon gemiddelde van de focusgebieden [\d.]+ inwoners per km² land/);
      const density = (await t.app.inject('/gebieden?indicator=bevolkingsdichtheid&formaat=csv'))
        .body;
      assert.match(density, /\r\nnplv_teller_noemer,[^\r]*,2024,\d+/);
      assert.match(density, /\r\nnplv_gewoon_gemiddelde,[^\r]*,2024,\d+/);
      const csv = (await t.app.inject('/gebieden?indicator=herkomst-buiten-europa&formaat=csv'))
        .body;
      assert.match(
        csv,
        /^soort,gebied,gemeente,periode,waarde,gemeente_cbs,volledigheid,afbakening,toelichting,status,bron/,
      );
      assert.match(csv, /nplv_teller_noemer,.*niet geladen,"Bron/);
      // An area whose figure is not loaded says so in its flag, never a zero.
      assert.match(csv, /Breda Noord,Breda,2024,,.*niet geladen,"Bron/);
      const json = (await t.app.inject('/gebieden?indicator=aantal-inwoners&formaat=json')).json();
      const nplv = json.rijen.find((r: { soort: string }) => r.soort === 'nplv_teller_noemer');
      assert.equal(nplv.waarde, null);
      assert.deepEqual(nplv.status, ['niet van toepassing']);
      assert.equal((await t.app.inject('/gebieden?indicator=bestaat-niet')).statusCode, 404);
      for (const query of ['indicator=%3Cx%3E', 'indicator=a&indicator=b']) {
        const bad = await t.app.inject(`/gebieden?${query}`);
        assert.equal(bad.statusCode, 400, query);
        assert.match(bad.body, /De indicator in het adres klopt niet/, query);
      }
    });

    it('runs the public pages, compare and custom areas for Schiedam end to end', async () => {
      const profile = await t.app.inject('/gebieden/schiedam-nieuwland-oost');
      assert.match(cell(profile.body, 'aantal-inwoners', 'laatste'), /26\.250/);
      assert.match(cell(profile.body, 'aantal-inwoners', 'gemeente'), /81\.838/);
      assert.match(cell(profile.body, 'aantal-inwoners', 'rest_gemeente'), /55\.585/);
      assert.equal(
        (await t.app.inject('/gebieden/schiedam-nieuwland-oost/indicatoren/aantal-inwoners'))
          .statusCode,
        200,
      );
      const compare = await t.app.inject('/vergelijk?a=fg:schiedam-nieuwland-oost&b=wk:WK060603');
      assert.equal(compare.statusCode, 200);
      assert.match(compare.body, /<optgroup label="Wijken van Schiedam">/);
      assert.match(cell(compare.body, 'aantal-inwoners', 'a'), /26\.250/);
      assert.match(cell(compare.body, 'aantal-inwoners', 'b'), /13\.110/);
      const form = await t.app.inject('/eigen-gebied?gemeente=GM0606');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Kies zelf wijken in Schiedam/);
      assert.match(form.body, /value="WK060603"/);
      const own = await t.app.inject('/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603');
      assert.equal(own.statusCode, 200);
      assert.match(text(own.body), /2 wijken, samen 24\.600 inwoners/);
      assert.match(cell(own.body, 'aantal-inwoners', 'laatste'), /24\.600/);
      const small = await t.app.inject('/eigen-gebied?gemeente=GM0606&buurt=WK060602');
      assert.equal(small.statusCode, 400);
      const api = (await t.app.inject('/api/eigen-gebied?buurt=WK060601&buurt=WK060603')).json();
      const row = api.rijen.find(
        (r: { indicator: string; soort: string }) =>
          r.indicator === 'aantal-inwoners' && r.soort === 'selectie',
      );
      assert.equal(row.waarde, 24600);
    });

    it('puts no municipality code in shared monitor code', async () => {
      const fs = await import('node:fs');
      for (const file of [
        'src/features/monitor/comparison/compare.routes.tsx',
        'src/features/monitor/custom-areas/custom-area.routes.tsx',
        'src/features/monitor/custom-areas/custom-area.service.ts',
        'src/features/focus-areas/focus-area.service.ts',
        'src/features/overview/overview.service.ts',
      ]) {
        const source = fs.readFileSync(file, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '');
        assert.doesNotMatch(source, /['"`]GM\d{4}['"`]/, file);
      }
    });
  });

  describe(`the four states of a missing figure [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
      // Fixture (named as such): jeugdzorg 2024 with every Dordt West buurt kept secret while
      // others have a figure, and business counts whose column CBS left empty for every area.
      const db = t.handle.db;
      const buurten = await listAreas(db, {
        indelingYear: 2024,
        municipalityCode: 'GM0505',
        kind: 'buurt',
      });
      const dordtWest = new Set(
        (
          await db
            .selectFrom('focus_area_members')
            .select('buurt_code')
            .where('focus_area_slug', '=', 'dordt-west')
            .execute()
        ).map((r) => r.buurt_code),
      );
      const observations: ParsedObservation[] = [];
      const obs = (variable: string, code: string, value: number | null): ParsedObservation => ({
        variable,
        indeling_year: 2024,
        area_code: code,
        period: '2024',
        value,
        numerator: null,
        denominator: null,
        status: value === null ? 'geheim' : 'definitief',
      });
      for (const b of buurten) {
        observations.push(
          obs('JongerenMetJeugdzorgInNatura', b.code, dordtWest.has(b.code) ? null : 10),
        );
        observations.push(obs('BedrijfsvestigingenTotaal', b.code, null));
      }
      observations.push(obs('JongerenMetJeugdzorgInNatura', 'GM0505', null));
      observations.push(obs('BedrijfsvestigingenTotaal', 'GM0505', null));
      await commitImport(
        db,
        {
          kind: 'local-csv',
          source: 'Fixture (test)',
          tableId: null,
          edition: null,
          title: 'Fixture: vier toestanden van een ontbrekend cijfer',
          fileName: 'fixture-vier-toestanden.csv',
          fileHash: 'fixture-vier-toestanden',
          indelingYear: 2024,
          attribution: 'Fixture',
          options: {},
          rowCount: observations.length,
          areas: [],
          observations,
          variables: [],
        },
        { importedBy: 'test' },
      );
    });
    after(async () => {
      await t?.close();
    });

    const WORDS = {
      notLoaded: /Nog niet geladen/,
      unpublished: /\(Nog\) niet gepubliceerd door CBS/,
      secret: /Geheim \(CBS\)/,
      notApplicable: /Niet van toepassing/,
    };

    it('profile page: each state in its own words', async () => {
      const html = (await t.app.inject('/gebieden/dordt-west')).body;
      assert.match(cell(html, 'woningvoorraad', 'laatste'), WORDS.notLoaded);
      assert.match(cell(html, 'bijstand', 'nederland'), WORDS.notLoaded);
      assert.match(cell(html, 'inkomen-per-inwoner', 'gemeente'), WORDS.unpublished);
      assert.match(cell(html, 'bedrijfsvestigingen', 'laatste'), WORDS.unpublished);
      assert.match(cell(html, 'jongeren-met-jeugdzorg', 'laatste'), WORDS.secret);
      // The municipality's own figure is secret: the sum of its loaded buurten stands in, so named.
      assert.match(
        cell(html, 'jongeren-met-jeugdzorg', 'gemeente'),
        /Som van 102 geladen buurten, niet het cijfer van CBS voor de gemeente\. Dat is geheim \(CBS\)/,
      );
      assert.match(cell(html, 'aantal-inwoners', 'nplv'), WORDS.notApplicable);
      assert.doesNotMatch(html, /CBS publiceert dit cijfer niet/);
      assert.doesNotMatch(html, /nog niet in de buurtindeling van dit gebied/);
      // The download carries the state as its flag.
      const json = (await t.app.inject('/gebieden/dordt-west?formaat=json')).json();
      const flags = (indicator: string, soort: string) =>
        json.rijen.find(
          (r: { indicator: string; soort: string }) =>
            r.indicator === indicator && r.soort === soort,
        )?.status;
      assert.deepEqual(flags('bedrijfsvestigingen', 'focusgebied'), ['niet gepubliceerd']);
      assert.deepEqual(flags('jongeren-met-jeugdzorg', 'focusgebied'), ['geheim']);
      assert.deepEqual(flags('aantal-inwoners', 'nplv'), ['niet van toepassing']);
      assert.deepEqual(flags('woningvoorraad', 'focusgebied'), ['niet geladen']);
    });

    it('buurt page: each state in its own words', async () => {
      const member = (await t.app.inject('/buurten/BU05050300')).body;
      assert.match(cell(member, 'woningvoorraad', 'laatste'), WORDS.notLoaded);
      assert.match(cell(member, 'bedrijfsvestigingen', 'laatste'), WORDS.unpublished);
      assert.match(cell(member, 'jongeren-met-jeugdzorg', 'laatste'), WORDS.secret);
      // Nobody lives in 1e Merwedehaven: a share of its inhabitants does not exist.
      const empty = (await t.app.inject('/buurten/BU05050607')).body;
      assert.match(cell(empty, 'herkomst-buiten-europa', 'laatste'), WORDS.notApplicable);
    });

    it('compare page: each state in its own words', async () => {
      const html = (await t.app.inject('/vergelijk?a=bu:BU05050300&b=bu:BU05050607')).body;
      assert.match(cell(html, 'woningvoorraad', 'a'), WORDS.notLoaded);
      assert.match(cell(html, 'bedrijfsvestigingen', 'a'), WORDS.unpublished);
      assert.match(cell(html, 'jongeren-met-jeugdzorg', 'a'), WORDS.secret);
      assert.match(cell(html, 'herkomst-buiten-europa', 'b'), WORDS.notApplicable);
    });

    it('shows no variable code on a public page', async () => {
      // Codes as CBS writes them (CamelCase or with a dot); a code that is also a plain Dutch word
      // ("Overgewicht", "Koopwoningen") may appear as that word.
      const codes = loadCatalogue()
        .indicators.flatMap((i) => measureVariables(i.measure))
        .filter((c) => /[a-z][A-Z]|\./.test(c));
      for (const url of [
        '/gebieden/dordt-west',
        '/buurten/BU05050300',
        '/vergelijk?a=fg:dordt-west&b=bu:BU05050300',
        '/gebieden/schiedam-nieuwland-oost',
      ]) {
        const visible = text(
          (await t.app.inject(url)).body.replace(/<(script|style)[\s\S]*?<\/\1>/g, ''),
        );
        const found = codes.filter((c) =>
          new RegExp(`\\b${c.replace(/\./g, '\\.')}\\b`).test(visible),
        );
        assert.deepEqual(found, [], url);
      }
    });
  });
}
