// The real application over a test database, for `app.inject` and for a real listening server.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import type { DB } from '../../src/db/index.ts';
import { createPeople } from './accounts.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DVCTT_LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dvctt-unused', ...env });
}

export async function testApp(db: DB, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = testConfig(env);
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return app;
}

/** The application over the demo catalogue (seedCatalogDemo) with these people (createPeople). */
export async function demoApp(db: DB, people: Parameters<typeof createPeople>[1], env: Record<string, string> = {}): Promise<FastifyInstance> {
  await seedCatalogDemo(db);
  await createPeople(db, people);
  return testApp(db, env);
}
