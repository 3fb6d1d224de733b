// The workflow's pages and API: assignment, transfer and return, approval (A3).
import type { FastifyInstance } from 'fastify';
import type { ApplicationRouteDeps } from '../route-deps.ts';

export async function workflowRoutes(_app: FastifyInstance, _deps: ApplicationRouteDeps): Promise<void> {}
