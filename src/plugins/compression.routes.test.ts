import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import { projectRoot } from '../config.ts';
import { shippedAssets, VENDOR_FILES } from '../shared/assets.ts';

/** On the real app: what a first visit downloads is compressed and cacheable from the first send. */
describe('first visit on the wire (sqlite)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('sqlite');
  });
  after(() => t.close());

  for (const url of ['/', '/gebieden/dordt-west', '/inloggen', '/methode']) {
    it(`${url}: the first request is already sent with gzip`, async () => {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(res.rawPayload).toString('utf8'), /^<!doctype html>/);
    });
  }

  it('every stylesheet, script and icon a page links to answers 200, immutable and compressed', async () => {
    const res = await t.app.inject('/gebieden/dordt-west');
    const linked = [...res.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(linked.length >= 4, linked.join(', '));
    for (const url of linked) {
      assert.match(url, /^\/assets\/v\/[\w-]{12}\//, `${url} carries a fingerprint`);
      const file = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(file.statusCode, 200, url);
      assert.match(String(file.headers['cache-control']), /max-age=31536000, immutable/, url);
      if (!url.endsWith('.svg')) assert.equal(file.headers['content-encoding'], 'gzip', url);
    }
  });

  it('the cut-down NL Design System CSS keeps every component class the pages use', async () => {
    const full = fs.readFileSync(
      path.join(projectRoot, VENDOR_FILES['component-library.css']!),
      'utf8',
    );
    const subset = shippedAssets()
      .lookupPath('vendor/component-library.css')
      .body.body.toString('utf8');
    assert.ok(subset.length < full.length / 3, `${subset.length} of ${full.length} bytes`);
    const seen = new Set<string>();
    for (const url of [
      '/',
      '/gebieden/dordt-west',
      '/gebieden/dordt-west/indicatoren/aantal-inwoners',
      '/buurten/BU05050300',
      '/vergelijk?a=fg:dordt-west&b=bu:BU05050300',
      '/inloggen',
      '/methode',
    ]) {
      const html = (await t.app.inject(url)).body;
      for (const m of html.matchAll(/class="([^"]*)"/g))
        for (const c of m[1]!.split(/\s+/)) if (c.startsWith('utrecht-')) seen.add(c);
    }
    assert.ok(seen.size > 20, `${seen.size} classes seen`);
    for (const c of seen) {
      const rule = new RegExp(`\\.${c}(?![\\w-])`);
      if (rule.test(full))
        assert.match(subset, rule, `${c} is styled in the full CSS but not kept`);
    }
  });
});
