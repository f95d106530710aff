import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../config.ts';

/** Our own assets, and the NL Design System CSS from node_modules under /assets/vendor. */
export const staticAssets = fp(async (app: FastifyInstance) => {
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'assets'),
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: true,
  });
  const vendor: Record<string, string> = {
    'design-tokens.css': 'node_modules/@utrecht/design-tokens/dist/index.css',
    'component-library.css': 'node_modules/@utrecht/component-library-css/dist/index.css',
  };
  app.get<{ Params: { file: string } }>('/assets/vendor/:file', async (request, reply) => {
    const target = vendor[request.params.file];
    if (!target) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=86400');
    return reply.sendFile(path.basename(target), path.join(projectRoot, path.dirname(target)));
  });
});
