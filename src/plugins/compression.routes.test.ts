import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';

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
});
