// The one-stop papers as PDF and printable HTML, their list in the API, and a unit's tracking book (A3, A5).
import type { FastifyInstance } from 'fastify';
import type { ApplicationRouteDeps } from '../route-deps.ts';

export async function paperRoutes(_app: FastifyInstance, _deps: ApplicationRouteDeps): Promise<void> {}
