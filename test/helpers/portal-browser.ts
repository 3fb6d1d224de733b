// A browser suite's fixture: the real app on a fresh embedded database, listening on loopback,
// and one Chromium for the suite.
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import type { DB } from '../../src/db/index.ts';
import { seedDemoAccounts } from '../../src/identity/index.ts';
import { testApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { dbTarget, freshDatabase, type TestDatabase } from './db.ts';

export interface PortalInBrowser {
  database: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:PORT */
  base: string;
}

/** The demo catalog and the demo accounts (congdan, canbo.syt, quantri, … with DEMO_PASSWORD): what most browser suites start from. */
export async function seedDemoCatalogAndAccounts(db: DB): Promise<void> {
  await seedCatalogDemo(db);
  await seedDemoAccounts(db);
}

export function portalInBrowser(options: { seed?: (db: DB) => Promise<void> } = {}): PortalInBrowser {
  const state = {} as PortalInBrowser;
  before(async () => {
    state.database = await freshDatabase(await dbTarget('embedded'));
    await options.seed?.(state.database.db);
    state.app = await testApp(state.database.db);
    await state.app.listen({ port: 0, host: '127.0.0.1' });
    state.base = `http://127.0.0.1:${(state.app.server.address() as AddressInfo).port}`;
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.app?.close();
    await state.database?.drop();
  });
  return state;
}
