import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import { dialectUnavailable } from '../../test/helpers/db.ts';
import { DEFAULT_DESCRIPTION } from './layout.tsx';

/**
 * One of each public page type, with what its <title> and its meta description must name: the
 * area (and the indicator, where the page is about one).
 */
const PAGES: { url: string; title: string[]; description: string[] }[] = [
  { url: '/', title: ['Focusgebieden'], description: ['focusgebieden'] },
  {
    url: '/gebieden/dordt-west',
    title: ['Dordt West', 'Dordrecht'],
    description: ['Dordt West', 'Dordrecht'],
  },
  {
    url: '/gebieden/dordt-west/indicatoren/aantal-inwoners',
    title: ['Inwoners', 'Dordt West'],
    description: ['Inwoners', 'Dordt West'],
  },
  {
    url: '/buurten/BU05050300',
    title: ['Buurt', 'Dordrecht'],
    description: ['buurt', 'Dordrecht'],
  },
  {
    url: '/vergelijk?a=fg:dordt-west&b=bu:BU05050300',
    title: ['Dordt West', 'vergeleken'],
    description: ['Dordt West', 'naast elkaar'],
  },
  { url: '/vergelijk', title: ['vergelijken'], description: ['twee gebieden'] },
  {
    url: '/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603',
    title: ['Eigen gebied', 'Schiedam'],
    description: ['Schiedam', 'zelf'],
  },
  { url: '/eigen-gebied', title: ['Eigen gebied', 'Dordrecht'], description: ['Kies zelf'] },
  {
    url: '/gebieden/dordt-west/doe-mee',
    title: ['Doe mee', 'Dordt West'],
    description: ['Dordt West', 'praat u mee'],
  },
  {
    url: '/enquete/bewonersenquete-dordt-west',
    title: ['Bewonersenquête Dordt West'],
    description: ['Bewonersenquête Dordt West', 'anoniem'],
  },
  {
    url: '/enquete/bewonersenquete-dordt-west?taal=en',
    title: ['Dordt West'],
    description: ['Dordt West', 'anonymous'],
  },
  {
    url: '/enquete/professionals-dordt-west',
    title: ['professionals', 'Dordt West'],
    description: ['professionals', 'Dordt West'],
  },
  {
    url: '/enquete/bewonersenquete-dordt-west/papier',
    title: ['Papieren vragenlijst', 'Dordt West'],
    description: ['op papier', 'Dordt West'],
  },
  { url: '/inloggen', title: ['Inloggen'], description: ['werkruimte'] },
  {
    url: '/gebieden?indicator=bevolkingsdichtheid',
    title: ['Alle focusgebieden', 'Inwoners per km²'],
    description: ['Inwoners per km²', 'alle NPLV-focusgebieden'],
  },
  { url: '/gebieden/dordt-west/factsheet', title: ['Dordt West'], description: ['Dordt West'] },
  {
    url: '/gebieden/dordt-west/alliantie',
    title: ['Alliantie Dordt West'],
    description: ['Alliantie Dordt West', 'besloten'],
  },
  { url: '/bronnen', title: ['Bronnen'], description: ['CBS'] },
  { url: '/methode', title: ['Hoe wij rekenen'], description: ['samenvoegt'] },
];

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function head(html: string): { title: string; description: string | undefined } {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  assert.ok(title, 'no <title>');
  const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1];
  return { title: decode(title), description: description && decode(description) };
}

const skip = dialectUnavailable('sqlite');
describe('title and meta description per public page type', skip ? { skip } : {}, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('sqlite');
  });
  after(async () => {
    await t?.close();
  });

  const seen = new Map<string, string>();
  for (const page of PAGES) {
    it(`${page.url}: the title names ${page.title.join(', ') || 'the area'}, the description is its own`, async () => {
      const res = await t.app.inject({ method: 'GET', url: page.url });
      assert.equal(res.statusCode, 200);
      const { title, description } = head(res.body);
      assert.match(title, / · Wijkkompas$/);
      for (const part of page.title) {
        assert.ok(
          title.toLowerCase().includes(part.toLowerCase()),
          `title "${title}" lacks ${part}`,
        );
      }
      // The page's own h1 (an area name, for a custom area) is in the title.
      const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(res.body)?.[1]?.trim();
      if (h1 && page.title.length === 0) assert.ok(title.includes(decode(h1)), `${title} / ${h1}`);
      assert.ok(description, 'no meta description');
      assert.notEqual(description, DEFAULT_DESCRIPTION, 'the generic description');
      assert.ok(description.length >= 50 && description.length <= 200, description);
      for (const part of page.description) {
        assert.ok(
          description.toLowerCase().includes(part.toLowerCase()),
          `description "${description}" lacks ${part}`,
        );
      }
      for (const [url, other] of seen) {
        assert.notEqual(description, other, `same description as ${url}`);
      }
      seen.set(page.url, description);
    });
  }

  it('a page without its own description (an error page) gets the general one', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/deze-pagina-bestaat-niet' });
    assert.equal(res.statusCode, 404);
    assert.equal(head(res.body).description, DEFAULT_DESCRIPTION);
  });

  it('the breadcrumb of the page itself, and only that one, says aria-current="page"', async () => {
    const profile = (await t.app.inject({ method: 'GET', url: '/gebieden/dordt-west' })).body;
    const trail = /<nav aria-label="Kruimelpad"[\s\S]*?<\/nav>/.exec(profile)?.[0] ?? '';
    assert.equal(trail.match(/aria-current="page"/g)?.length, 1, trail);
    assert.match(trail, /<a[^>]*href="\/gebieden\/dordt-west"[^>]*aria-current="page"/);
    // The factsheet's trail ends at the profile, which is not this page.
    const sheet = (await t.app.inject({ method: 'GET', url: '/gebieden/dordt-west/factsheet' }))
      .body;
    const sheetTrail = /<nav aria-label="Kruimelpad"[\s\S]*?<\/nav>/.exec(sheet)?.[0] ?? '';
    assert.ok(sheetTrail.length > 0);
    assert.doesNotMatch(sheetTrail, /aria-current/);
  });
});
