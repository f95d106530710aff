import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { z } from 'zod';
import { schemaOptions, type ZodSchemas } from '../../../shared/http.ts';
import { sendHtmlPage } from '../../../views/render.ts';
import { renderBuurtPage } from './buurt.page-builder.tsx';

/** A CBS buurt code (BU + gemeente + wijk + buurt); anything else names no buurt. */
const buurtParams = z.object({ code: z.string().regex(/^BU\d{8}$/) });

/** The public buurt page: every indicator of one buurt against its wijk, municipality and NL. */
export async function buurtRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  app.get(
    '/buurten/:code',
    schemaOptions({ params: buurtParams }, { notFound: 'Er is geen buurt met dit adres.' }),
    async (request, reply) =>
      sendHtmlPage(request, reply, await renderBuurtPage(opts.services, request.params.code)),
  );
}
