import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { etagMatches, etagPlugin, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from './etag.ts';

/** A bare app with the plugin: a public route whose body the test changes, and a private one. */
async function buildApp() {
  const app = Fastify();
  await app.register(etagPlugin);
  const state = { body: 'eerste versie' };
  app.get('/publiek', { config: { permission: 'public' } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send(state.body),
  );
  app.get('/prive', { config: { permission: 'workspace:view' } }, async () => ({ geheim: 1 }));
  app.get('/eigen-etag', { config: { permission: 'public' } }, async (_req, reply) =>
    reply.header('etag', '"vast"').send('x'),
  );
  app.get('/koekje', { config: { permission: 'public' } }, async (_req, reply) =>
    reply.header('set-cookie', 'a=b').send('x'),
  );
  app.get('/fout', { config: { permission: 'public' } }, async (_req, reply) =>
    reply.code(404).send('weg'),
  );
  app.post('/post', { config: { permission: 'public' } }, async () => 'gedaan');
  await app.ready();
  return { app, state };
}

describe('etag plugin', () => {
  it('sends a strong ETag and answers 304 when If-None-Match matches', async () => {
    const { app } = await buildApp();
    try {
      const first = await app.inject({ method: 'GET', url: '/publiek' });
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag;
      assert.ok(typeof etag === 'string' && /^"[A-Za-z0-9_-]{27}"$/.test(etag), String(etag));
      assert.equal(first.headers['cache-control'], PUBLIC_CACHE_CONTROL);

      const again = await app.inject({
        method: 'GET',
        url: '/publiek',
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['content-type'], undefined);

      // In a list, or weak-prefixed by a proxy: still a match (weak comparison, RFC 9110).
      const listed = await app.inject({
        method: 'GET',
        url: '/publiek',
        headers: { 'if-none-match': `"iets-anders", W/${etag}` },
      });
      assert.equal(listed.statusCode, 304);

      const other = await app.inject({
        method: 'GET',
        url: '/publiek',
        headers: { 'if-none-match': '"iets-anders"' },
      });
      assert.equal(other.statusCode, 200);
      assert.equal(other.body, 'eerste versie');
    } finally {
      await app.close();
    }
  });

  it('gives a different body a different ETag, so the old one no longer gets a 304', async () => {
    const { app, state } = await buildApp();
    try {
      const first = await app.inject({ method: 'GET', url: '/publiek' });
      state.body = 'tweede versie';
      const second = await app.inject({
        method: 'GET',
        url: '/publiek',
        headers: { 'if-none-match': first.headers.etag },
      });
      assert.equal(second.statusCode, 200);
      assert.equal(second.body, 'tweede versie');
      assert.notEqual(second.headers.etag, first.headers.etag);
    } finally {
      await app.close();
    }
  });

  it('answers HEAD like GET', async () => {
    const { app } = await buildApp();
    try {
      const get = await app.inject({ method: 'GET', url: '/publiek' });
      const head = await app.inject({ method: 'HEAD', url: '/publiek' });
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers.etag, get.headers.etag);
      assert.equal(head.body, '');
      const head304 = await app.inject({
        method: 'HEAD',
        url: '/publiek',
        headers: { 'if-none-match': get.headers.etag },
      });
      assert.equal(head304.statusCode, 304);
    } finally {
      await app.close();
    }
  });

  it('keeps shared caches away from private, cookie-bound and session responses', async () => {
    const { app } = await buildApp();
    try {
      const prive = await app.inject({ method: 'GET', url: '/prive' });
      assert.equal(prive.headers['cache-control'], PRIVATE_CACHE_CONTROL);
      assert.ok(prive.headers.etag);
      const cookie = await app.inject({ method: 'GET', url: '/koekje' });
      assert.equal(cookie.headers['cache-control'], PRIVATE_CACHE_CONTROL);
      const withSession = await app.inject({
        method: 'GET',
        url: '/publiek',
        headers: { cookie: 'wk_sessie=abc' },
      });
      assert.equal(withSession.headers['cache-control'], PRIVATE_CACHE_CONTROL);
    } finally {
      await app.close();
    }
  });

  it('keeps an ETag the route set, and leaves errors and POST alone', async () => {
    const { app } = await buildApp();
    try {
      const own = await app.inject({ method: 'GET', url: '/eigen-etag' });
      assert.equal(own.headers.etag, '"vast"');
      const ownAgain = await app.inject({
        method: 'GET',
        url: '/eigen-etag',
        headers: { 'if-none-match': '"vast"' },
      });
      assert.equal(ownAgain.statusCode, 304);
      const missing = await app.inject({ method: 'GET', url: '/fout' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers.etag, undefined);
      const post = await app.inject({
        method: 'POST',
        url: '/post',
        headers: { 'if-none-match': '*' },
      });
      assert.equal(post.statusCode, 200);
      assert.equal(post.headers.etag, undefined);
    } finally {
      await app.close();
    }
  });

  it('compares If-None-Match as RFC 9110 says', () => {
    assert.equal(etagMatches(undefined, '"a"'), false);
    assert.equal(etagMatches('"a"', '"a"'), true);
    assert.equal(etagMatches('W/"a"', '"a"'), true);
    assert.equal(etagMatches('*', '"a"'), true);
    assert.equal(etagMatches('"b", "c"', '"a"'), false);
    assert.equal(etagMatches('"ab"', '"a"'), false);
  });
});
