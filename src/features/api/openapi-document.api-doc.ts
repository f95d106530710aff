import { apiRoute } from './openapi.ts';

/** GET /api/openapi.json (api.routes.ts): this document itself. */
export const openApiDocumentRoute = apiRoute({
  method: 'GET',
  url: '/api/openapi.json',
  schema: {},
  summary: 'Deze beschrijving van de API',
  description: 'Het OpenAPI 3.1-document van alle routes onder /api/.',
  tags: ['API'],
  response: {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    properties: { openapi: { const: '3.1.0' } },
  },
});
