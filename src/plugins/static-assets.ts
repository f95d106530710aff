import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../config.ts';
import { CompressedBody } from '../shared/compressed-body.ts';

/** The NL Design System CSS, from node_modules: 600 KB together, 52 KB with gzip. */
const VENDOR: Record<string, string> = {
  'design-tokens.css': 'node_modules/@utrecht/design-tokens/dist/index.css',
  'component-library.css': 'node_modules/@utrecht/component-library-css/dist/index.css',
};

/**
 * Our own assets, and the NL Design System CSS under /assets/vendor. The vendor files are most
 * of what a first visit downloads, so they are read and compressed once at start-up and sent
 * with gzip to every client that takes it.
 */
export const staticAssets = fp(async (app: FastifyInstance) => {
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'assets'),
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: true,
  });
  const vendor = new Map(
    Object.entries(VENDOR).map(([name, file]) => [
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
});
