// The user's data store through the API and the pages "Kho dữ liệu của tôi" (V1–V4).
import type { FastifyInstance } from 'fastify';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import type { FileStore } from '../storage/index.ts';

export interface VaultDeps {
  db: DB;
  portal: PortalIdentity;
  files: FileStore;
}

export async function vaultRoutes(_app: FastifyInstance, _deps: VaultDeps): Promise<void> {}
