// A database that goes away mid-run: readiness turns 503, pages answer a clear 503, the process
// keeps running, and everything recovers when the database returns.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import { createPool, type DB } from '../src/db/index.ts';
import type { Database } from '../src/db/schema.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';

describeEachDatabase('database outage', (get) => {
  let proxy: TcpProxy;
  let db: DB;
  let app: FastifyInstance;
  before(async () => {
    const url = new URL(get().url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(url.toString(), 4) }) });
    app = await testApp(db);
  });
  after(async () => {
    await app.close();
    await db.destroy();
    await proxy.close();
  });

  test('readiness and pages follow the database down and back up, and the process survives', async () => {
    assert.equal((await app.inject('/')).statusCode, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 200);

    await proxy.cut();
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 503);
    assert.equal((ready.json() as { status: string }).status, 'unavailable');
    assert.equal((await app.inject('/healthz')).statusCode, 200, 'the process itself is up');

    const page = await app.inject('/');
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /Hệ thống tạm thời gián đoạn/);
    assert.match(page.body, /Không có dữ liệu nào bị thay đổi/);
    assert.equal(page.headers['retry-after'], '30');

    await proxy.restore();
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = (await app.inject('/readyz')).statusCode === 200;
      if (!ok) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(ok, 'ready again once the database is back');
    assert.equal((await app.inject('/')).statusCode, 200);
  });
});
