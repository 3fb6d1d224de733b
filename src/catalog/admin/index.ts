// The catalog's administration pages (C1, C4, A5): procedures at /quan-tri/danh-muc, agencies at /quan-tri/co-quan.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../web/routes.ts';
import { agencyAdminRoutes } from './agency-routes.ts';
import { catalogAdminRoutes } from './routes.ts';

export async function catalogAdministration(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await catalogAdminRoutes(app, deps);
  await agencyAdminRoutes(app, deps);
}
