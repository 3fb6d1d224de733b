// Each test file gets its own fresh database, on every PostgreSQL the suite runs on: the embedded
// one (TEST_EMBEDDED_URL, started by `npm test`) and the server named by TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createPool, migrate, type DB } from '../../src/db/index.ts';
import { ensureEmbedded, withDatabase } from '../../src/db/embedded.ts';
import type { Database } from '../../src/db/schema.ts';
import { seedFormsDemo } from '../../src/forms/index.ts';

export interface DbTarget {
  name: 'embedded' | 'server';
  /** URL of the server's maintenance database, used to create and drop test databases. */
  adminUrl: string;
}

let embeddedFallback: Promise<string> | undefined;

/** Run alone (`node --import tsx --test file`), a test file starts a shared embedded server itself. */
async function embeddedAdminUrl(): Promise<string> {
  if (process.env.TEST_EMBEDDED_URL) return process.env.TEST_EMBEDDED_URL;
  embeddedFallback ??= ensureEmbedded(path.join(os.tmpdir(), 'dvctt-test-embedded')).then((e) => e.adminUrl);
  return embeddedFallback;
}

export function dbTargetNames(): DbTarget['name'][] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded'];
}

export async function dbTarget(name: DbTarget['name']): Promise<DbTarget> {
  if (name === 'server') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    return { name, adminUrl: url };
  }
  return { name, adminUrl: await embeddedAdminUrl() };
}

export interface TestDatabase {
  target: DbTarget;
  name: string;
  url: string;
  db: DB;
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated database on the target, with the demo's form definitions (F1); `drop()` removes it. */
export async function freshDatabase(target: DbTarget, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `dvctt_test_${randomBytes(5).toString('hex')}`;
  await admin(target.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(target.adminUrl, name);
  const pool = createPool(url, 5);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (options.migrate !== false) {
    await migrate(db);
    // The forms are data now: every test database starts with the demo's, as the demo seed loads them.
    await seedFormsDemo(db);
  }
  return {
    target,
    name,
    url,
    db,
    pool,
    async drop() {
      await db.destroy().catch(() => undefined);
      await admin(target.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Declares the same tests once per database target. `get()` returns the fresh database of the
 * target inside tests and hooks.
 */
export function describeEachDatabase(title: string, body: (get: () => TestDatabase) => void): void {
  for (const name of dbTargetNames()) {
    describe(`${title} [${name === 'embedded' ? 'PostgreSQL nhúng' : 'máy chủ PostgreSQL'}]`, () => {
      let current: TestDatabase | undefined;
      before(async () => {
        current = await freshDatabase(await dbTarget(name));
      });
      after(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('database not ready');
        return current;
      });
    });
  }
}
