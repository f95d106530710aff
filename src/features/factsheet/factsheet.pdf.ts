import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The same flags the browser tests use: headless, no sandbox (containers), no background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** An origin that never resolves: every request to it is answered by the app itself. */
const ORIGIN = 'http://wijkkompas.factsheet.invalid';

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Why no PDF can be made here, or undefined when Chromium is available. */
export function pdfUnavailable(): string | undefined {
  return fs.existsSync(chromiumPath())
    ? undefined
    : 'De PDF kan nu niet gemaakt worden: Chromium is niet geïnstalleerd op de server. Gebruik de afdrukversie (Afdrukken, Opslaan als PDF) of het Word-bestand.';
}

/**
 * Renders a page of the app to a tagged A4 PDF in Chromium. The browser reaches nothing outside:
 * the page and its CSS come from app.inject, any other request is refused, so the PDF shows
 * exactly the HTML the screen shows.
 */
export async function renderPdf(app: FastifyInstance, pathAndQuery: string): Promise<Buffer> {
  // Loaded on demand: playwright-core is only needed here, and a server without it still starts.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN || route.request().method() !== 'GET') return route.abort();
      const res = await app.inject({ method: 'GET', url: url.pathname + url.search });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined)
          headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return route.fulfill({ status: res.statusCode, headers, body: res.rawPayload });
    });
    const page = await context.newPage();
    const response = await page.goto(ORIGIN + pathAndQuery, { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      throw new Error(`factsheet-pagina gaf status ${response?.status() ?? 'geen antwoord'}`);
    }
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      preferCSSPageSize: true,
    });
  } finally {
    await browser.close();
  }
}
