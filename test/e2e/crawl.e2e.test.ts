import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { dialects, dialectUnavailable } from '../helpers/db.ts';

/** A crawl that finds more than this is looping (e.g. ever-growing query strings). */
const MAX_URLS = 5000;
const CONCURRENCY = 8;

/**
 * Pages and downloads that exist today and are linked from `/`: a crawler that finds fewer is
 * broken, so the "no 5xx" assertion below cannot pass vacuously.
 */
const MUST_FIND = [
  '/',
  '/bronnen',
  '/methode',
  '/gebieden/dordt-west',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=csv',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=csv-excel',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=json',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=geojson',
  // Issue 13: the national overview and a provisional area of another municipality.
  '/gebieden',
  '/gebieden?indicator=aantal-inwoners&formaat=csv',
  '/gebieden/schiedam-nieuwland-oost',
];
/** Counted on 2026-11-28 (14 HTML pages, 55 URLs); new pages only raise it. */
const MIN_HTML_PAGES = 14;
const MIN_URLS = 55;

interface Visit {
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** The page that first linked here ('' for the start page), so a failure says where to look. */
  from: string;
}

function decodeEntities(value: string): string {
  return value
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x27;', "'");
}

/** Internal links of a page: a[href] starting with one slash, without the #fragment. */
function internalLinks(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeEntities(match[1] ?? match[2] ?? '');
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    const withoutFragment = href.split('#')[0]!;
    if (withoutFragment !== '') out.push(withoutFragment);
  }
  return out;
}

/** Breadth-first over every internal link from `/`, following redirects, until nothing is new. */
async function crawl(app: FastifyInstance): Promise<Map<string, Visit>> {
  const visits = new Map<string, Visit>();
  const queued = new Set<string>(['/']);
  let level: { url: string; from: string }[] = [{ url: '/', from: '' }];
  while (level.length > 0) {
    const next: { url: string; from: string }[] = [];
    const enqueue = (url: string, from: string) => {
      if (queued.has(url)) return;
      queued.add(url);
      if (queued.size > MAX_URLS) throw new Error(`crawl vond meer dan ${MAX_URLS} adressen`);
      next.push({ url, from });
    };
    for (let i = 0; i < level.length; i += CONCURRENCY) {
      const batch = level.slice(i, i + CONCURRENCY);
      const responses = await Promise.all(
        batch.map(({ url }) => app.inject({ method: 'GET', url })),
      );
      batch.forEach(({ url, from }, j) => {
        const res = responses[j]!;
        const contentType = String(res.headers['content-type'] ?? '');
        visits.set(url, { url, status: res.statusCode, contentType, body: res.body, from });
        const location = res.headers.location;
        if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
          if (location.startsWith('/') && !location.startsWith('//')) enqueue(location, url);
        }
        if (contentType.startsWith('text/html')) {
          for (const link of internalLinks(res.body)) enqueue(link, url);
        }
      });
    }
    level = next;
  }
  return visits;
}

const isHtml = (v: Visit) => v.contentType.startsWith('text/html');

/**
 * The page type of a URL: path segments that name something (after a collection such as
 * /gebieden/ or /indicatoren/, or containing a digit like a CBS code) become placeholders, query
 * values too. The first URL of each type stands for all of them in the browser.
 */
function pageType(url: string): string {
  const [pathPart = '', query] = url.split('?', 2);
  const collections = new Set(['gebieden', 'indicatoren', 'buurten', 'wijken', 'gemeenten']);
  const segments = pathPart.split('/');
  const typed = segments.map((segment, i) =>
    i > 0 && (collections.has(segments[i - 1]!) || /\d/.test(segment)) ? ':x' : segment,
  );
  const params = query
    ? [...new URLSearchParams(query).keys()]
        .sort()
        .map((k) => `${k}=:x`)
        .join('&')
    : '';
  return typed.join('/') + (params ? `?${params}` : '');
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

const NOT_FOUND = [
  ['an unknown focus area', '/gebieden/bestaat-niet'],
  ['an unknown indicator', '/gebieden/dordt-west/indicatoren/bestaat-niet'],
  ['an unknown buurt', '/buurten/BU99999999'],
] as const;

const BAD_REQUESTS = [
  ['?versie=abc on the profile', '/gebieden/dordt-west?versie=abc', /versie/i],
  [
    '?versie=abc on an indicator',
    '/gebieden/dordt-west/indicatoren/aantal-inwoners?versie=abc',
    /versie/i,
  ],
  [
    '?formaat=xls on an indicator',
    '/gebieden/dordt-west/indicatoren/aantal-inwoners?formaat=xls',
    /formaat.*xls|xls.*formaat/i,
  ],
] as const;

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`crawl of every internal link from / [${dialect}]`, skip ? { skip } : {}, () => {
    let env: TestApp;
    let visits: Map<string, Visit>;

    before(async () => {
      env = await buildTestApp(dialect);
      visits = await crawl(env.app);
    });
    after(async () => {
      await env?.close();
    });

    it('finds at least the pages and downloads that exist today', () => {
      const missing = MUST_FIND.filter((u) => !visits.has(u));
      assert.deepEqual(missing, [], `niet gevonden: ${missing.join(', ')}`);
      const html = [...visits.values()].filter(isHtml);
      assert.ok(html.length >= MIN_HTML_PAGES, `${html.length} HTML-pagina's`);
      assert.ok(visits.size >= MIN_URLS, `${visits.size} adressen`);
    });

    it('gets no 5xx and no broken link anywhere', () => {
      const bad = [...visits.values()]
        .filter((v) => v.status >= 400)
        .map((v) => `${v.status} ${v.url} (link op ${v.from})`);
      assert.deepEqual(bad, []);
    });

    it('serves every HTML page in Dutch (or the language asked with ?taal=) with exactly one h1', () => {
      const problems: string[] = [];
      for (const v of visits.values()) {
        if (!isHtml(v) || v.status !== 200) continue;
        // A survey page asked for in another language (?taal=en) is in that language, and so is
        // a page under /en/ (the English feedback page "What we did with your input").
        const url = new URL(v.url, 'http://crawl.invalid');
        const lang =
          url.searchParams.get('taal') ?? (url.pathname.startsWith('/en/') ? 'en' : 'nl');
        if (
          !/^[a-z]{2}$/.test(lang) ||
          !new RegExp(`<html\\b[^>]*\\slang="${lang}"`, 'i').test(v.body)
        )
          problems.push(`${v.url}: geen lang="${lang}"`);
        const h1s = v.body.match(/<h1\b/gi)?.length ?? 0;
        if (h1s !== 1) problems.push(`${v.url}: ${h1s} h1-koppen`);
      }
      assert.deepEqual(problems, []);
    });

    it('serves pages the strict CSP allows whole: no inline script, style element or style attribute', () => {
      // The CSP allows scripts and styles from our own files only (no nonce, ADR 0012): anything
      // inline would be blocked in the browser, so it must not be there.
      const problems: string[] = [];
      for (const v of visits.values()) {
        if (!isHtml(v)) continue;
        for (const tag of v.body.match(/<script\b[^>]*>/gi) ?? []) {
          if (!/\ssrc="\/assets\/v\/[\w-]{12}\/js\/[^"]+"/.test(tag))
            problems.push(`${v.url}: ${tag}`);
        }
        if (/<style\b/i.test(v.body)) problems.push(`${v.url}: <style>`);
        if (/<[a-z][^>]*\sstyle="/i.test(v.body)) problems.push(`${v.url}: style="…"`);
        if (/\son[a-z]+="/i.test(v.body)) problems.push(`${v.url}: on…="…"`);
        if (/\snonce="/i.test(v.body)) problems.push(`${v.url}: nonce="…"`);
      }
      assert.deepEqual(problems, []);
    });

    it('serves every ?formaat= download as a non-empty file of its format', () => {
      const downloads = [...visits.values()].filter((v) => /[?&]formaat=/.test(v.url));
      assert.ok(downloads.length >= 4, `${downloads.length} downloads`);
      for (const v of downloads) {
        const format = new URLSearchParams(v.url.split('?')[1]).get('formaat');
        assert.ok(!isHtml(v), `${v.url} is HTML`);
        assert.ok(v.body.length > 0, `${v.url} is leeg`);
        if (format === 'json' || format === 'geojson') {
          assert.doesNotThrow(() => JSON.parse(v.body), `${v.url} is geen geldige JSON`);
        }
        if (format === 'geojson') {
          assert.equal((JSON.parse(v.body) as { type?: string }).type, 'FeatureCollection');
        }
      }
    });

    for (const [what, url] of NOT_FOUND) {
      it(`answers ${what} with a Dutch 404 page (${url})`, async () => {
        const res = await env.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.body, /<html\b[^>]*\slang="nl"/);
        assert.match(textOf(res.body), /bestaat niet/);
      });
    }

    for (const [what, url, says] of BAD_REQUESTS) {
      it(`answers ${what} with a 400 that says what is wrong`, async () => {
        const res = await env.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /<html\b[^>]*\slang="nl"/);
        assert.match(textOf(res.body), says);
      });
    }
  });
}

const skipBrowser = browserUnavailable();

describe(
  'every page type found by the crawl, in Chromium',
  skipBrowser ? { skip: skipBrowser } : {},
  () => {
    let env: BrowserApp;
    let samples: Map<string, string>;

    before(async () => {
      env = await startBrowserApp('sqlite');
      const visits = await crawl(env.testApp.app);
      samples = new Map();
      for (const v of visits.values()) {
        if (!isHtml(v) || v.status !== 200) continue;
        const type = pageType(v.url);
        if (!samples.has(type)) samples.set(type, v.url);
      }
      // The error pages are page types too.
      samples.set('404', NOT_FOUND[0][1]);
      samples.set('400', BAD_REQUESTS[0][1]);
    });
    after(async () => {
      await env?.close();
    });

    it('groups the crawl into the page types that exist today', () => {
      for (const type of [
        '/',
        '/bronnen',
        '/methode',
        '/gebieden/:x',
        '/gebieden/:x/indicatoren/:x',
      ]) {
        assert.ok(
          samples.has(type),
          `paginatype ${type} niet gevonden in ${[...samples.keys()].join(', ')}`,
        );
      }
    });

    it('finds no axe (WCAG 2.1 A/AA) violation on any page type', async () => {
      const failures: string[] = [];
      for (const [type, url] of samples) {
        const context = await env.browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(env.baseUrl + url);
          const violations = await axeViolations(page);
          if (violations.length > 0) {
            failures.push(`${type} (${url}):\n${describeViolations(violations)}`);
          }
        } finally {
          await context.close();
        }
      }
      assert.equal(failures.length, 0, failures.join('\n\n'));
      assert.ok(samples.size >= 7, `${samples.size} paginatypen`);
    });
  },
);
