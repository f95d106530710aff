import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { compressionPlugin, COMPRESS_FROM_BYTES } from './compression.ts';
import { etagPlugin } from './etag.ts';

const PAGE = `<!doctype html><p>${'Wijkkompas – één pagina per verzoek. '.repeat(100)}</p>`;
const SMALL = '<p>kort</p>';

async function testApp() {
  const app = Fastify();
  await app.register(etagPlugin);
  await app.register(compressionPlugin);
  const opts = { config: { permission: 'public' as const } };
  app.get('/page', opts, async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  app.get('/small', opts, async (_req, reply) => reply.type('text/html').send(SMALL));
  app.get('/png', opts, async (_req, reply) => reply.type('image/png').send(Buffer.alloc(4096, 7)));
  app.get('/csv', opts, async (_req, reply) =>
    reply.type('text/csv; charset=utf-8').send('buurt;waarde\n'.repeat(200)),
  );
  await app.ready();
  return app;
}

describe('compression of per-request responses', () => {
  it('sends an HTML page of 1 KB or more with gzip on its first request, and says it varies', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.match(String(res.headers.vary), /accept-encoding/);
      assert.equal(gunzipSync(res.rawPayload).toString('utf8'), PAGE);
      assert.ok(res.rawPayload.length < Buffer.byteLength(PAGE) / 4, 'at least 4× smaller');
      assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
    } finally {
      await app.close();
    }
  });

  it('sends the plain page to a client that does not take gzip', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({ url: '/page' });
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal(res.payload, PAGE);
      assert.match(String(res.headers.vary), /accept-encoding/);
    } finally {
      await app.close();
    }
  });

  it('leaves bodies under 1 KB and already compressed formats alone', async () => {
    assert.ok(Buffer.byteLength(SMALL) < COMPRESS_FROM_BYTES);
    const app = await testApp();
    try {
      const small = await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(small.headers['content-encoding'], undefined);
      assert.equal(small.payload, SMALL);
      const png = await app.inject({ url: '/png', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(png.headers['content-encoding'], undefined);
      const csv = await app.inject({ url: '/csv', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(csv.headers['content-encoding'], 'gzip');
    } finally {
      await app.close();
    }
  });

  it('gives the gzip form its own ETag, and answers If-None-Match with it by 304', async () => {
    const app = await testApp();
    try {
      const gz = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip' } });
      const plain = await app.inject({ url: '/page' });
      assert.notEqual(gz.headers.etag, plain.headers.etag);
      const again = await app.inject({
        url: '/page',
        headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.rawPayload.length, 0);
    } finally {
      await app.close();
    }
  });
});
