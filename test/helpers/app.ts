// The real application over a test database, for `app.inject` and for a real listening server.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { DB } from '../../src/db/index.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DVCTT_LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dvctt-unused', ...env });
}

export async function testApp(db: DB, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = testConfig(env);
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return app;
}
