// Counter intake (tiếp nhận trực tiếp): an officer records a paper dossier brought to the one-stop
// counter or sent by post, digitising each paper (A1, A3, V3).
import type { FastifyInstance } from 'fastify';
import type { ApplicationRouteDeps } from '../route-deps.ts';

export async function counterRoutes(_app: FastifyInstance, _deps: ApplicationRouteDeps): Promise<void> {}
