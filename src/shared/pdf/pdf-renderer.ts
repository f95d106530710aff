import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';

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
const ORIGIN = 'http://wijkkompas.pdf.invalid';

/** At most this many PDFs, and this many bytes of them, are kept per process. */
const MAX_CACHED = 32;
const MAX_CACHED_BYTES = 128 * 1024 * 1024;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** A page of the app as the browser receives it (the app answers through app.inject). */
export interface FetchedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
export type PageFetcher = (pathAndQuery: string) => Promise<FetchedPage>;

/** What turns a page of the app into a PDF; tests inject a counting fake. */
export interface PdfEngine {
  render(fetchPage: PageFetcher, pathAndQuery: string): Promise<Buffer>;
  /**
   * A PNG of the first element matching `selector` on the page, as printed (twice the pixels
   * for paper), e.g. a map for a Word document; null when the page has no such element.
   */
  image?(fetchPage: PageFetcher, pathAndQuery: string, selector: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

/**
 * One headless Chromium for the whole process, started at the first PDF and closed with the app.
 * Each render gets its own browser context (no cookies or cache shared between renders), without
 * JavaScript, and reaches nothing outside: the page and its CSS come from the app itself.
 */
export class ChromiumEngine implements PdfEngine {
  private browser: Promise<Browser> | undefined;

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const starting = (async () => {
        // Loaded on demand: playwright-core is only needed here, and a server without it starts.
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({
          executablePath: chromiumPath(),
          args: CHROMIUM_ARGS,
        });
        // A crashed browser is started again at the next render.
        browser.on('disconnected', () => {
          if (this.browser === starting) this.browser = undefined;
        });
        return browser;
      })();
      starting.catch(() => {
        if (this.browser === starting) this.browser = undefined;
      });
      this.browser = starting;
    }
    return this.browser;
  }

  async render(fetchPage: PageFetcher, pathAndQuery: string): Promise<Buffer> {
    return this.onPage(fetchPage, pathAndQuery, {}, (page) =>
      page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        preferCSSPageSize: true,
      }),
    );
  }

  async image(
    fetchPage: PageFetcher,
    pathAndQuery: string,
    selector: string,
  ): Promise<Buffer | null> {
    return this.onPage(fetchPage, pathAndQuery, { deviceScaleFactor: 2 }, async (page) => {
      const element = await page.$(selector);
      return element ? element.screenshot({ type: 'png' }) : null;
    });
  }

  private async onPage<T>(
    fetchPage: PageFetcher,
    pathAndQuery: string,
    options: { deviceScaleFactor?: number },
    use: (page: Page) => Promise<T>,
  ): Promise<T> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, ...options });
    try {
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== ORIGIN || route.request().method() !== 'GET') return route.abort();
        const res = await fetchPage(url.pathname + url.search);
        return route.fulfill({ status: res.status, headers: res.headers, body: res.body });
      });
      const page = await context.newPage();
      const response = await page.goto(ORIGIN + pathAndQuery, { waitUntil: 'load' });
      if (!response || response.status() !== 200) {
        throw new Error(`pagina voor de PDF gaf status ${response?.status() ?? 'geen antwoord'}`);
      }
      await page.emulateMedia({ media: 'print' });
      return await use(page);
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
}

/**
 * PDFs of app pages: one render at a time per process (a queue), and every result kept under a
 * key that names what it shows (the data version of a factsheet, the form range of paper forms).
 * Requests for a key that is being rendered wait for that same render.
 */
export class PdfRenderer {
  /** Renders started by this renderer (tests count them). */
  renders = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();

  constructor(private readonly engine: PdfEngine = new ChromiumEngine()) {}

  /** Why no PDF can be made here, or undefined when it can (a fake engine always can). */
  unavailable(): string | undefined {
    if (!(this.engine instanceof ChromiumEngine) || fs.existsSync(chromiumPath())) return undefined;
    return 'De PDF kan nu niet gemaakt worden: Chromium is niet geïnstalleerd op de server. Gebruik de afdrukversie (Afdrukken, Opslaan als PDF) of het Word-bestand.';
  }

  render(key: string, fetchPage: PageFetcher, pathAndQuery: string): Promise<Buffer> {
    return this.cached(key, () => this.engine.render(fetchPage, pathAndQuery));
  }

  /**
   * A PNG of one element of an app page (see PdfEngine.image), in the same queue and cache as
   * the PDFs; null when the engine makes no images or the page lacks the element.
   */
  async image(
    key: string,
    fetchPage: PageFetcher,
    pathAndQuery: string,
    selector: string,
  ): Promise<Buffer | null> {
    const image = this.engine.image?.bind(this.engine);
    if (!image) return null;
    // An empty buffer stands for "no such element" in the cache.
    const png = await this.cached(
      key,
      async () => (await image(fetchPage, pathAndQuery, selector)) ?? Buffer.alloc(0),
    );
    return png.length > 0 ? png : null;
  }

  private cached(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used goes last, so the oldest is dropped first.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const job = this.queue.then(() => {
      this.renders += 1;
      return make();
    });
    this.queue = job.catch(() => undefined);
    this.cache.set(key, job);
    job.then(
      (pdf) => {
        if (this.cache.get(key) !== job) return;
        this.sizes.set(key, pdf.length);
        this.evict();
      },
      () => {
        // A failed render is not kept: the next request tries again.
        if (this.cache.get(key) === job) this.cache.delete(key);
      },
    );
    this.evict();
    return job;
  }

  private evict(): void {
    let bytes = [...this.sizes.values()].reduce((a, b) => a + b, 0);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= MAX_CACHED && bytes <= MAX_CACHED_BYTES) break;
      bytes -= this.sizes.get(key) ?? 0;
      this.cache.delete(key);
      this.sizes.delete(key);
    }
  }

  /** Closes the browser; a later render starts it again. */
  close(): Promise<void> {
    return this.engine.close();
  }
}
