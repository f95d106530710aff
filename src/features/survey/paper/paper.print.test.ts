import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  browserUnavailable,
  startBrowserApp,
  type BrowserApp,
} from '../../../../test/helpers/browser.ts';
import { createUser } from '../../accounts/account.service.ts';

/**
 * The printed paper form, as Chromium prints it (the same engine as the PDF download): every
 * page of every form carries that form's number, so a sheet that comes loose from its set can
 * still be keyed. Text per page comes from poppler's pdftotext (Debian poppler-utils).
 */

const inCi = process.env.CI === 'true' || process.env.CI === '1';

function pdftotextUnavailable(): string | undefined {
  if (spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined) return undefined;
  if (inCi)
    throw new Error('CI: pdftotext (Debian-pakket poppler-utils) is verplicht, maar ontbreekt');
  return 'pdftotext niet geïnstalleerd (Debian-pakket poppler-utils)';
}

/** The text of every page of a PDF, in order. */
function pagesOf(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-papier-'));
  try {
    const file = path.join(dir, 'papier.pdf');
    fs.writeFileSync(file, pdf);
    const run = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    // pdftotext ends every page with a form feed.
    return run.stdout.split('\f').slice(0, -1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const skip = browserUnavailable() ?? pdftotextUnavailable();

describe('the printed paper form', skip ? { skip } : {}, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp('sqlite');
    // Numbered forms are a print run: only the programmabureau and invoerders may print them.
    await createUser(
      b.testApp.handle.db,
      {
        email: 'invoer@fixture.example',
        name: 'Fixture Invoerder',
        password: 'fixture-wachtwoord-papier-e2e',
        grants: [{ role: 'invoerder', municipalityCode: 'GM0505' }],
      },
      'test',
    );
  });
  after(async () => {
    await b?.close();
  });

  async function print(query: string): Promise<string[]> {
    const context = await b.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      if (query !== '') {
        await page.goto(`${b.baseUrl}/inloggen`);
        await page.getByLabel('E-mailadres').fill('invoer@fixture.example');
        await page.getByLabel('Wachtwoord').fill('fixture-wachtwoord-papier-e2e');
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
      }
      const res = await page.goto(`${b.baseUrl}/enquete/bewonersenquete-dordt-west/papier${query}`);
      assert.equal(res?.status(), 200);
      await page.emulateMedia({ media: 'print' });
      return pagesOf(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    } finally {
      await context.close();
    }
  }

  it('carries the form number on every page of every form', async () => {
    const pages = await print('?van=41&tot=42');
    const numberOf = (text: string) => [
      ...new Set([...text.matchAll(/Formuliernummer:?\s+(\d{6})/g)].map((m) => m[1])),
    ];
    const perPage = pages.map(numberOf);
    const first = perPage.filter((n) => n.join() === '000041').length;
    const second = perPage.filter((n) => n.join() === '000042').length;
    assert.ok(first >= 3, `form 000041 has ${first} pages: a test of a multi-page form`);
    assert.deepEqual(
      perPage,
      [...Array(first).fill(['000041']), ...Array(second).fill(['000042'])],
      'every page names exactly its own form, and the second form starts on a new page',
    );
    assert.equal(first, second);
  });

  it('an unnumbered form has a place for the number on every page', async () => {
    const pages = await print('');
    assert.ok(pages.length >= 3);
    for (const [i, text] of pages.entries()) {
      assert.match(text, /Formuliernummer/, `page ${i + 1}`);
    }
  });
});
