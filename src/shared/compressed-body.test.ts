import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { etagPlugin } from '../plugins/etag.ts';
import { acceptsGzip, CompressedBody } from './compressed-body.ts';

const TEXT = Buffer.from('<p>Wijkkompas – één pagina, vaak herhaald. </p>'.repeat(200), 'utf8');

async function appFor(body: CompressedBody) {
  const app = Fastify();
  await app.register(etagPlugin);
  app.get('/x', { config: { permission: 'public' } }, async (request, reply) =>
    body.send(request, reply.type('text/html; charset=utf-8')),
  );
  await app.ready();
  return app;
}

describe('acceptsGzip', () => {
  const cases: [string | undefined, boolean][] = [
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['identity', false],
    ['br', false],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['*;q=0', false],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(acceptsGzip(header), expected);
    });
  }
});

describe('CompressedBody', () => {
  it('compresses once and keeps a separate strong ETag for the gzip form', () => {
    const body = new CompressedBody(TEXT).compressNow();
    assert.ok(body.gzip);
    assert.ok(body.gzip.length < TEXT.length / 5, `${body.gzip.length} bytes`);
    assert.deepEqual(gunzipSync(body.gzip), TEXT);
    assert.match(body.etag, /^"[A-Za-z0-9_-]+"$/);
  });

  it('keeps no gzip form when compressing does not make it smaller', () => {
    const tiny = new CompressedBody(Buffer.from('a')).compressNow();
    assert.equal(tiny.gzip, undefined);
  });

  it('sends gzip only to clients that take it, with Vary and the right ETag and 304', async () => {
    const body = new CompressedBody(TEXT).compressNow();
    const app = await appFor(body);
    try {
      const plain = await app.inject({ url: '/x' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'accept-encoding');
      assert.deepEqual(plain.rawPayload, TEXT);
      assert.equal(plain.headers.etag, body.etag);

      const zipped = await app.inject({ url: '/x', headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.equal(zipped.headers.vary, 'accept-encoding');
      assert.deepEqual(gunzipSync(zipped.rawPayload), TEXT);
      assert.notEqual(zipped.headers.etag, plain.headers.etag);

      const again = await app.inject({
        url: '/x',
        headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      // The plain form's tag does not validate the gzip form (and the other way round).
      const crossed = await app.inject({
        url: '/x',
        headers: { 'accept-encoding': 'gzip', 'if-none-match': String(plain.headers.etag) },
      });
      assert.equal(crossed.statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it('sends gzip from the first request on, while compression runs in the background', async () => {
    const body = new CompressedBody(TEXT).compressInBackground();
    assert.equal(body.gzip, undefined, 'not compressed yet when the render returns');
    const app = await appFor(body);
    try {
      const first = await app.inject({ url: '/x', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(first.rawPayload), TEXT);
      const plain = await app.inject({ url: '/x' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.rawPayload, TEXT);
    } finally {
      await app.close();
    }
  });
});
