// P1, P6, N2: the real portal process (`dvctt start` on its embedded PostgreSQL) under submission
// load while its database server is killed with kill -9. The process stays up and answers 503
// (never 500, never a hang), /healthz alive and /readyz not ready; it starts PostgreSQL again on
// the same port, crash recovery runs, and every application it acknowledged is still there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import { createPool, type Database } from '../src/db/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { alive, freePort, postmaster, startPortal, type Portal } from './helpers/process.ts';
import { startSubmissionLoad, type SubmissionLoad } from './helpers/outage.ts';

/** Holds a loopback port the moment the killed server lets go of it. */
async function grab(port: number): Promise<net.Server> {
  const end = Date.now() + 2000;
  for (;;) {
    // Another program: it accepts connections on that port and hangs up.
    const srv = net.createServer((socket) => socket.destroy());
    const ok = await new Promise<boolean>((resolve) => {
      srv.once('error', () => resolve(false));
      srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    });
    if (ok) return srv;
    if (Date.now() > end) throw new Error(`port ${port} never freed`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const count = (text: string, re: RegExp) => text.match(new RegExp(re, 'g'))?.length ?? 0;

describe('the portal on its embedded database when PostgreSQL is killed', () => {
  let dataDir: string;
  let portal: Portal;
  let origin: string;
  let db: Kysely<Database>;
  let pgPort: number;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-embedded-outage-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    portal = await startPortal({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: origin, DVCTT_LOG_LEVEL: 'info' });
    pgPort = postmaster(dataDir)!.port;
    const password = readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(`postgres://dvctt:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/dvctt`, 2) }) });
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn' });
  });
  after(async () => {
    if (portal.child.exitCode === null) {
      portal.child.kill('SIGKILL');
      await portal.exited;
    }
    await db.destroy();
    const left = postmaster(dataDir);
    if (left && alive(left.pid)) process.kill(left.pid, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function outage(load: SubmissionLoad, during?: () => Promise<void>) {
    const before = postmaster(dataDir)!;
    await load.acknowledged(3);
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    await during?.();
    // Alive, not ready, pages and submissions refused with 503 while it is down.
    const down = await load.watchUntilReady(killedAt, 30_000);
    assert.equal(portal.child.exitCode, null, `the portal process is still running:\n${portal.output().slice(-3000)}`);
    await load.acknowledged(load.acked.length + 3);
    const after = postmaster(dataDir)!;
    assert.equal(after.port, before.port, 'started again on the port the portal connects to');
    assert.notEqual(after.pid, before.pid);
    return { ...down, backAt: Date.now() - killedAt };
  }

  test('kill -9 of PostgreSQL under load: 503 while it is down, started again on the same port, no acknowledged application lost', { timeout: 60_000 }, async (t) => {
    const load = startSubmissionLoad(origin, { username: 'an.dan', password: TEST_PASSWORD }, 4);
    try {
      const times = await outage(load);
      t.diagnostic(`kill -9 → /readyz 503 after ${times.notReadyAt} ms, ready again after ${times.readyAt} ms, 3 more submissions acknowledged after ${times.backAt} ms`);
      assert.ok(times.readyAt < 30_000);
    } finally {
      await load.stop();
    }
    t.diagnostic(`${load.acked.length} submissions acknowledged, ${load.refused} refused with 503, ${load.unexpected.length} other answers`);
    assert.deepEqual(load.unexpected, [], 'every answer was 201 or 503, none without an answer');
    assert.ok(load.refused > 0, 'submissions during the outage were refused with 503');
    const saved = await db.selectFrom('application').select('code').where('code', 'in', load.acked).execute();
    assert.equal(saved.length, load.acked.length, `every acknowledged application is in the database (${load.acked.length})`);
    assert.match(portal.output(), /Cơ sở dữ liệu nhúng đã dừng bất thường; khởi động lại sau 0,5 giây/);
    assert.match(portal.output(), /Cơ sở dữ liệu nhúng đã sẵn sàng trở lại sau [\d,]+ giây/);
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    assert.match(metrics, /^dvctt_embedded_database_restarts_total 1$/m);
  });

  test('its port taken by another program while it is down: the portal says so, keeps trying, and comes back on that port once freed', { timeout: 60_000 }, async (t) => {
    const load = startSubmissionLoad(origin, { username: 'an.dan', password: TEST_PASSWORD }, 2);
    let squatter: net.Server | undefined;
    try {
      const times = await outage(load, async () => {
        squatter = await grab(pgPort);
        const end = Date.now() + 10_000;
        while (!/Cổng \d+ của cơ sở dữ liệu nhúng đang bị chương trình khác chiếm/.test(portal.output())) {
          assert.ok(Date.now() < end, 'the taken port is logged');
          assert.equal((await fetch(`${origin}/readyz`)).status, 503);
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal((await fetch(`${origin}/readyz`)).status, 503, 'not ready while the port is held');
        await new Promise<void>((r) => squatter!.close(() => r()));
      });
      t.diagnostic(`port held ~2 s: ready again ${times.readyAt} ms after kill -9`);
    } finally {
      squatter?.close();
      await load.stop();
    }
    assert.match(portal.output(), new RegExp(`Cổng ${pgPort} của cơ sở dữ liệu nhúng đang bị chương trình khác chiếm; .*thử lại sau 1 giây`));
    assert.deepEqual(load.unexpected, []);
    const saved = await db.selectFrom('application').select('code').where('code', 'in', load.acked).execute();
    assert.equal(saved.length, load.acked.length);
  });

  test('SIGTERM of the portal stops its database cleanly, and that is not taken for a crash', { timeout: 60_000 }, async () => {
    const pid = postmaster(dataDir)!.pid;
    const crashes = count(portal.output(), /dừng bất thường/);
    portal.child.kill('SIGTERM');
    assert.equal(await portal.exited, 0, portal.output().slice(-3000));
    assert.ok(!alive(pid), 'PostgreSQL stopped with the portal');
    assert.equal(postmaster(dataDir), undefined);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(postmaster(dataDir), undefined, 'nobody started it again');
    assert.equal(count(portal.output(), /dừng bất thường/), crashes);
  });
});
