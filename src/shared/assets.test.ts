import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { IMMUTABLE_CACHE_CONTROL, staticAssets } from '../plugins/static-assets.ts';
import { AssetManifest, shippedAssets } from './assets.ts';

describe('fingerprinted static files', () => {
  it('gives a file an address that changes when, and only when, its content changes', () => {
    const a = new AssetManifest([['css/x.css', Buffer.from('body { color: red }')]]);
    const same = new AssetManifest([['css/x.css', Buffer.from('body { color: red }')]]);
    const changed = new AssetManifest([['css/x.css', Buffer.from('body { color: blue }')]]);
    assert.match(a.url('css/x.css'), /^\/assets\/v\/[\w-]{12}\/css\/x\.css$/);
    assert.equal(a.url('css/x.css'), same.url('css/x.css'));
    assert.notEqual(a.url('css/x.css'), changed.url('css/x.css'));
    assert.throws(() => a.url('css/y.css'), /Onbekend bestand in assets: css\/y\.css/);
  });

  it('covers every shipped CSS, JS and SVG file and the vendor CSS', () => {
    const manifest = shippedAssets();
    for (const file of [
      'css/wijkkompas.css',
      'css/paper.css',
      'css/factsheet.css',
      'js/buurt-picker.js',
      'img/favicon.svg',
      'vendor/design-tokens.css',
      'vendor/component-library.css',
    ])
      assert.match(manifest.url(file), /^\/assets\/v\//, file);
  });

  it('serves the current address with gzip and a year of immutable caching; an old one is 404', async () => {
    const app = Fastify();
    await app.register(staticAssets);
    await app.ready();
    try {
      const url = shippedAssets().url('vendor/component-library.css');
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], IMMUTABLE_CACHE_CONTROL);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.match(String(res.headers['content-type']), /^text\/css/);
      assert.match(gunzipSync(res.rawPayload).toString('utf8'), /utrecht-/);
      const js = await app.inject({ url: shippedAssets().url('js/buurt-picker.js') });
      assert.match(String(js.headers['content-type']), /^text\/javascript/);
      const stale = await app.inject({ url: url.replace(/\/v\/[^/]+\//, '/v/AAAAAAAAAAAA/') });
      assert.equal(stale.statusCode, 404);
      const outside = await app.inject({ url: '/assets/v/x/../../package.json' });
      assert.equal(outside.statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
