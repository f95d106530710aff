/** The API feature: route definitions of /api/ and the OpenAPI document built from them. */
export { focusAreaApi } from './focus-area.api-doc.ts';
export { customAreaApi, focusAreaProfileApi } from './profile.api-doc.ts';
export { indicatorApi, indicatorParams } from './indicator.api-doc.ts';
export { openApiDocumentRoute } from './openapi-document.api-doc.ts';
export { apiRoute, type ApiRoute, type JsonSchema } from './openapi.ts';
