import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { html } from '../../shared/http.ts';
import { requireUser } from '../../shared/route-helpers.ts';
import { WorkspaceHomePage } from './views/workspace-home.page.tsx';

/**
 * The workspace home: what the logged-in user may do, per municipality. The editing pages live
 * with what they edit (focus-areas/, indicators/, targets/, and the other features' own pages).
 */
export async function workspaceRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get('/werkruimte', { config: { permission: 'workspace:view' } }, async (request, reply) =>
    html(
      reply,
      <WorkspaceHomePage home={await opts.services.workspaceHome.forUser(requireUser(request))} />,
    ),
  );
}
