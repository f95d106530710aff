import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../config.ts';
import { shippedAssets, VENDOR_FILES } from '../shared/assets.ts';
import { CompressedBody } from '../shared/compressed-body.ts';

/** A fingerprinted file never changes under its address: caches may keep it for a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Pages link to fingerprinted addresses (/assets/v/<fingerprint>/…, src/shared/assets.ts): sent
 * with gzip and cached as immutable. The plain addresses (/assets/…, /assets/vendor/…) still
 * answer, with short caching, for links from outside and for older pages in a cache.
 */
export const staticAssets = fp(async (app: FastifyInstance) => {
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'assets'),
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: true,
  });
  const vendor = new Map(
    Object.entries(VENDOR_FILES).map(([name, file]) => [
      name,
      new CompressedBody(fs.readFileSync(path.join(projectRoot, file))).compressNow(),
    ]),
  );
  app.get<{ Params: { file: string } }>('/assets/vendor/:file', async (request, reply) => {
    const body = vendor.get(request.params.file);
    if (!body) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=86400').type('text/css; charset=utf-8');
    return body.send(request, reply);
  });
  const manifest = shippedAssets();
  app.get<{ Params: { fingerprint: string; folder: string; file: string } }>(
    '/assets/v/:fingerprint/:folder/:file',
    async (request, reply) => {
      const { fingerprint, folder, file } = request.params;
      const asset = manifest.lookup(fingerprint, `${folder}/${file}`);
      if (!asset) return reply.callNotFound();
      reply.header('cache-control', IMMUTABLE_CACHE_CONTROL).type(asset.type);
      return asset.body.send(request, reply);
    },
  );
});
