import type { FastifyInstance } from 'fastify';
import { buildOpenApi, registerApiOperation } from './openapi.ts';
import './focus-area.api-doc.ts';

registerApiOperation({
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'Deze beschrijving van de API',
  description: 'Het OpenAPI 3.1-document van alle routes onder /api/.',
  tags: ['API'],
  responseSchema: {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    properties: { openapi: { const: '3.1.0' } },
  },
});

/** GET /api/openapi.json: built from the registry, so it lists whatever routes documented. */
export async function apiRoutes(app: FastifyInstance) {
  app.get('/api/openapi.json', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(buildOpenApi()));
  });
}
