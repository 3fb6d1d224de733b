// The working calendar's administration at /quan-tri/lich-lam-viec: each year's decision on days
// off and make-up working days, and the agencies' working hours (A4).
import type { FastifyInstance } from 'fastify';
import type { ApplicationRouteDeps } from './route-deps.ts';

export async function calendarRoutes(_app: FastifyInstance, _deps: ApplicationRouteDeps): Promise<void> {}
