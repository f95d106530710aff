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
import { brokenWords } from './print-check.ts';

const run = promisify(execFile);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The factsheet as printed. Measured on 4 December 2026 before this change, with the shipped
 * Dordt West data: the Chromium PDF had 13 pages (page 1 only the title, a page per theme, four
 * of them nearly empty), the LibreOffice conversion of the .docx 10 pages, and the Word tables
 * broke "Verandering" into "Veranderin g". Both must now take at most half of that.
 */
const PAGES_BEFORE = { pdf: 13, docx: 10 } as const;

/** A command-line tool; in CI its absence fails the test instead of skipping it. */
async function toolUnavailable(command: string, args: string[], pkg: string) {
  try {
    await run(command, args, { timeout: 60_000 });
    return undefined;
  } catch {
    if (inCi) throw new Error(`CI: ${command} (${pkg}) is verplicht, maar niet geïnstalleerd`);
    return `${command} (${pkg}) niet geïnstalleerd`;
  }
}

async function pageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = /^Pages:\s+(\d+)/m.exec(stdout)?.[1];
  assert.ok(pages, `pdfinfo gives no page count:\n${stdout}`);
  return Number(pages);
}

const pdfText = async (file: string): Promise<string> =>
  (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;

/** LibreOffice converts the .docx to `format`; a fresh profile per run, removed afterwards. */
async function soffice(file: string, format: string, outdir: string): Promise<void> {
  const profile = path.join(os.tmpdir(), `lo-${randomBytes(8).toString('hex')}`);
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        format,
        '--outdir',
        outdir,
        file,
      ],
      { timeout: 120_000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The text of the cells of the theme tables and the member table, one cell per line. */
function tableCellText(html: string): string {
  const tables = [...html.matchAll(/<table[^>]*>[\s\S]*?<\/table>/g)].map((m) => m[0]);
  assert.ok(tables.length >= 2, 'the factsheet has tables');
  return tables
    .flatMap((t) => [...t.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!))
    .map((cell) =>
      cell
        .replace(/<sup>[\s\S]*?<\/sup>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&'),
    )
    .join('\n');
}

describe('factsheet on paper [sqlite]', () => {
  // Rendering does not depend on the dialect; the figures on both are compared elsewhere.
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await buildTestApp('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-factsheet-print-'));
  });
  after(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PDF: at most half the pages of before, page 1 with key figures and boundary, no word broken', async (ctx) => {
    const skip =
      browserUnavailable() ?? (await toolUnavailable('pdfinfo', ['-v'], 'poppler-utils'));
    if (skip) {
      ctx.skip(skip);
      return;
    }
    const res = await t.app.inject('/gebieden/dordt-west/factsheet.pdf');
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const file = path.join(dir, 'factsheet.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const pages = await pageCount(file);
    assert.ok(
      pages <= PAGES_BEFORE.pdf / 2,
      `${pages} pages, before ${PAGES_BEFORE.pdf}: at most ${Math.floor(PAGES_BEFORE.pdf / 2)}`,
    );

    // Page 1 is no empty title page: the key figures and the boundary with its members.
    const first = (await run('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'])).stdout;
    for (const text of [
      'In het kort',
      'Inwoners',
      '28.970',
      'Afbakening',
      'Zuidendijk',
      'Uitgesloten',
    ]) {
      assert.ok(first.includes(text), `page 1 lacks "${text}":\n${first}`);
    }
    // Every word of the tables' cells is on paper as a whole word, as often as in the page.
    const html = (await t.app.inject('/gebieden/dordt-west/factsheet')).body;
    const broken = brokenWords(tableCellText(html), await pdfText(file));
    assert.deepEqual(broken, [], `broken or missing in the PDF: ${broken.join(', ')}`);
  });

  it('.docx via LibreOffice: at most half the pages of before, no word broken in any cell', async (ctx) => {
    const skip =
      (await toolUnavailable('soffice', ['--version'], 'libreoffice-writer')) ??
      (await toolUnavailable('pdfinfo', ['-v'], 'poppler-utils'));
    if (skip) {
      ctx.skip(skip);
      return;
    }
    const res = await t.app.inject('/gebieden/dordt-west/factsheet.docx');
    assert.equal(res.statusCode, 200);
    const file = path.join(dir, 'factsheet-word.docx');
    fs.writeFileSync(file, res.rawPayload);
    await soffice(file, 'pdf', dir);
    await soffice(file, 'txt:Text (encoded):UTF8', dir);
    const pdf = path.join(dir, 'factsheet-word.pdf');
    const pages = await pageCount(pdf);
    assert.ok(
      pages <= PAGES_BEFORE.docx / 2,
      `${pages} pages, before ${PAGES_BEFORE.docx}: at most ${PAGES_BEFORE.docx / 2}`,
    );
    // LibreOffice's own text of the document against the text of its PDF: a word that Writer
    // broke inside a cell ("Veranderin g") is missing from the PDF as a whole word.
    const documentText = fs.readFileSync(path.join(dir, 'factsheet-word.txt'), 'utf8');
    for (const word of ['Verandering', 'Rest', 'gemeente', 'Arbeidsongeschiktheid', 'Tabel']) {
      assert.ok(documentText.includes(word), `no "${word}" in the document`);
    }
    const broken = brokenWords(documentText, await pdfText(pdf));
    assert.deepEqual(broken, [], `broken in the PDF of the .docx: ${broken.join(', ')}`);

    // The boundary map: the PNG the browser draws of the PDF's map, on page 1 with its legend.
    if (!browserUnavailable()) {
      assert.ok(res.rawPayload.includes('word/media/image1.png'), 'no map image in the .docx');
      const { stdout: images } = await run('pdfimages', ['-list', '-f', '1', '-l', '1', pdf]);
      const rows = images.trim().split('\n').slice(2);
      assert.ok(
        rows.some((r) => /\bimage\b/.test(r) && Number(r.trim().split(/\s+/)[3]) >= 400),
        `no map on page 1 of the .docx:\n${images}`,
      );
      const first = (await run('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'])).stdout;
      for (const t of ['Legenda', 'Hoort bij het focusgebied', 'Zuidendijk', 'Uitgesloten']) {
        assert.ok(first.includes(t), `page 1 of the .docx lacks "${t}"`);
      }
    }
  });
});
