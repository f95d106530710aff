import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { browserUnavailable } from '../../../test/helpers/browser.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { DOCX_CONTENT_TYPE } from './factsheet.docx.ts';

const run = promisify(execFile);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** soffice on PATH; in CI its absence fails the test instead of skipping it. */
async function sofficeUnavailable(): Promise<string | undefined> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 });
    return undefined;
  } catch {
    if (inCi) throw new Error('CI: LibreOffice (soffice) is verplicht, maar niet geïnstalleerd');
    return 'LibreOffice (soffice) niet geïnstalleerd';
  }
}

/** The raw HTML inside one cell of one indicator row. */
function rawCell(html: string, key: string, cell: string): string {
  const row = new RegExp(`<tr[^>]*data-indicator="${key}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `no row for ${key}`);
  const m = new RegExp(`<td[^>]*data-cell="${cell}"[^>]*>([\\s\\S]*?)</td>`).exec(row[1]!);
  assert.ok(m, `no ${cell} cell for ${key}`);
  return m[1]!;
}

/** The cell as text, tags stripped, whitespace collapsed. */
const rowCell = (html: string, key: string, cell: string): string =>
  rawCell(html, key, cell)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The leading figure of a cell: the text before its first note. */
const figure = (html: string, key: string, cell: string): string =>
  rawCell(html, key, cell).split('<')[0]!.trim();

/** PDF text strings in hex UTF-16 (<FEFF…>) as JavaScript strings. */
function hexStrings(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/<FEFF([0-9A-F]+)>/gi)].map((m) =>
    Buffer.from(m[1]!, 'hex').swap16().toString('utf16le'),
  );
}

const skipPdf = browserUnavailable();

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`factsheet [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let themes: string[];
    let dir: string;
    before(async () => {
      t = await buildTestApp(dialect);
      const profile = await t.app.inject('/gebieden/dordt-west');
      // The themes of the profile that have a table of figures: only those get a section.
      themes = profile.body.split(/(?=<section[^>]*aria-labelledby="thema-)/).flatMap((part) => {
        const key = /^<section[^>]*aria-labelledby="thema-([^"]+)"/.exec(part)?.[1];
        return key && /data-indicator="/.test(part.split('</section>')[0]!) ? [key] : [];
      });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-factsheet-'));
    });
    after(async () => {
      await t?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('HTML: one section per theme with figures, the same figures as the profile page, print CSS', async () => {
      const res = await t.app.inject('/gebieden/dordt-west/factsheet');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      const html = res.body;
      assert.ok(themes.length >= 2, 'the profile shows themes');
      const sections = [...html.matchAll(/<section[^>]*data-theme="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(sections, themes);
      // Real CBS figure: 28,970 inhabitants in Dordt West on 1 January 2024.
      assert.match(rowCell(html, 'aantal-inwoners', 'laatste'), /^28\.970 2024/);
      const profile = (await t.app.inject('/gebieden/dordt-west')).body;
      const keys = [...html.matchAll(/<tr[^>]*data-indicator="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(keys.length > 3, `only ${keys.length} indicators`);
      for (const key of keys) {
        for (const cell of ['laatste', 'verandering', 'rest_gemeente', 'gemeente', 'nederland']) {
          assert.equal(figure(html, key, cell), figure(profile, key, cell), `${key} ${cell}`);
        }
      }
      // The stylesheet's address carries a fingerprint of its content (immutable caching).
      const cssUrl = /href="(\/assets\/v\/[\w-]{12}\/css\/factsheet\.css)"/.exec(html)?.[1];
      assert.ok(cssUrl, 'the page links the factsheet stylesheet by its fingerprinted address');
      assert.match(html, /href="\/gebieden\/dordt-west\/factsheet\.pdf"/);
      assert.match(html, /href="\/gebieden\/dordt-west\/factsheet\.docx"/);
      assert.match(html, /Bron: CBS [^<]*Licentie CC BY 4\.0\./);
      assert.match(html, /<dd>Dordrecht<\/dd>/);
      const css = await t.app.inject(cssUrl);
      assert.equal(css.statusCode, 200);
      // Rows are never split over two pages; a theme does not force a page of its own (the
      // page count itself is checked in factsheet.print.test.ts).
      assert.match(
        css.body,
        /@media print[\s\S]*\.wk-factsheet-table tr[^{]*\{[^}]*break-inside:\s*avoid/,
      );
      assert.doesNotMatch(css.body, /break-before:\s*page/);
      // The rest of the municipality is the municipality without the area: for a count the
      // three add up (CBS rounds buurt figures, so within a few per cent).
      const num = (cell: string) =>
        Number(figure(html, 'aantal-inwoners', cell).replaceAll('.', ''));
      const sum = num('laatste') + num('rest_gemeente');
      assert.ok(
        Math.abs(sum - num('gemeente')) / num('gemeente') < 0.01,
        `${num('laatste')} + ${num('rest_gemeente')} is not about ${num('gemeente')}`,
      );
      // A share the rest of the municipality sums from its buurten says which it left out
      // (CBS keeps small buurten secret), as the area's own figure does: never silently.
      const restCell = rawCell(html, 'eenpersoonshuishoudens', 'rest_gemeente');
      const ref = /href="#noot-(\d+)"/.exec(restCell)?.[1];
      assert.ok(ref, `no note on the rest of the municipality: ${restCell}`);
      const note = new RegExp(`<li[^>]*id="noot-${ref}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '';
      assert.match(note, /Niet meegeteld: \d+ buurten (geheim|zonder cijfer)/);
      // Indicators without figures: once, at the end, not in a theme section.
      const notLoaded = [...html.matchAll(/data-not-loaded="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(notLoaded.length > 0, 'no list of what is not loaded');
      assert.equal(new Set(notLoaded).size, notLoaded.length, 'an indicator listed twice');
      assert.ok(
        html.indexOf('data-not-loaded') > html.lastIndexOf('data-theme='),
        'the not-loaded list is not at the end',
      );
      // The boundary: every member of the delineation page with its status, and the map.
      assert.match(html, /<svg[^>]*class="wk-map"/);
      const delineation = (await t.app.inject('/api/gebieden/dordt-west')).json() as {
        leden: { naam: string; status: string }[];
      };
      const members = /<table[^>]*data-members[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
      const printed = new Map(
        [...members.matchAll(/<tr[^>]*data-status="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].flatMap(
          (row) =>
            [...row[2]!.matchAll(/data-member="([^"]+)"/g)].map((m) => [m[1]!, row[1]!] as const),
        ),
      );
      assert.ok(delineation.leden.length > 3, 'the API lists the members');
      assert.ok(
        delineation.leden.some((m) => m.status !== 'lid'),
        'a member that does not count',
      );
      for (const m of delineation.leden) {
        assert.equal(printed.get(m.naam), m.status, `member ${m.naam}`);
      }
    });

    it('unknown area and bad version: Dutch 404 and 400', async () => {
      for (const suffix of ['', '.pdf', '.docx']) {
        const res = await t.app.inject(`/gebieden/bestaat-niet/factsheet${suffix}`);
        assert.equal(res.statusCode, 404, suffix);
        assert.match(res.body, /focusgebied/i);
      }
      const bad = await t.app.inject('/gebieden/dordt-west/factsheet.docx?versie=nul');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /versie/);
    });

    it('PDF: rendered by Chromium, tagged, with the area name and the themes as outline', async (ctx) => {
      if (skipPdf) {
        const res = await t.app.inject('/gebieden/dordt-west/factsheet.pdf');
        assert.equal(res.statusCode, 503);
        assert.match(res.body, /Chromium is niet geïnstalleerd/);
        ctx.skip(skipPdf);
        return;
      }
      const res = await t.app.inject('/gebieden/dordt-west/factsheet.pdf');
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdf.toString('latin1');
      assert.match(text, /\/StructTreeRoot/, 'not a tagged PDF');
      // pdftotext is not installed everywhere; the document title and outline are plain strings.
      const strings = [
        ...hexStrings(pdf),
        ...[...text.matchAll(/\/Title \(([^)]*)\)/g)].map((m) => m[1]!),
      ];
      assert.ok(
        strings.some((s) => s.includes('Factsheet Dordt West')),
        `no area name in ${strings.join(' | ')}`,
      );
      const html = (await t.app.inject('/gebieden/dordt-west/factsheet')).body;
      const titles = [...html.matchAll(/<h2[^>]*id="factsheet-[^"]+"[^>]*>([^<]+)</g)].map(
        (m) => m[1]!,
      );
      for (const title of titles) {
        assert.ok(strings.includes(title), `theme "${title}" not in the outline`);
      }
      // No longer a page per theme (13 pages before): factsheet.print.test.ts counts them.
      const pages = text.match(/\/Type\s*\/Page\b/g) ?? [];
      assert.ok(pages.length >= 2 && pages.length <= 6, `${pages.length} pages`);
    });

    it('.docx: Word content type, title and nl-NL, and LibreOffice converts it', async (ctx) => {
      const res = await t.app.inject('/gebieden/dordt-west/factsheet.docx');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], DOCX_CONTENT_TYPE);
      const file = path.join(dir, 'factsheet-dordt-west.docx');
      fs.writeFileSync(file, res.rawPayload);
      assert.equal(res.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

      const unavailable = await sofficeUnavailable();
      if (unavailable) {
        ctx.skip(unavailable);
        return;
      }
      const profile = path.join(os.tmpdir(), `lo-${randomBytes(8).toString('hex')}`);
      try {
        await run(
          'soffice',
          [
            `-env:UserInstallation=file://${profile}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            file,
          ],
          { timeout: 120_000 },
        );
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
      const out = path.join(dir, 'factsheet-dordt-west.pdf');
      assert.ok(fs.existsSync(out), 'LibreOffice wrote no PDF');
      const pdf = fs.readFileSync(out);
      assert.ok(pdf.length > 1000, `PDF of ${pdf.length} bytes`);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      // LibreOffice carries the core properties over: the title and the language.
      const strings = hexStrings(pdf).concat(
        [...pdf.toString('latin1').matchAll(/\/(?:Title|Lang) ?\(([^)]*)\)/g)].map((m) => m[1]!),
      );
      assert.ok(
        strings.some((s) => s.includes('Factsheet Dordt West')),
        `no title in ${strings.join(' | ')}`,
      );
      assert.ok(
        strings.some((s) => /^nl-NL$/i.test(s)),
        `no nl-NL in ${strings.join(' | ')}`,
      );
    });
  });
}
