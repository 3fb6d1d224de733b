// P1, P6, N2: the real portal process on a PostgreSQL server (DATABASE_URL) under submission load
// while that server is stopped the hard way (`pg_ctl stop -m immediate`: no checkpoint, crash
// recovery at the next start) and started again. A private PostgreSQL 15 cluster on a free port,
// never the machine's own server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPool, type Database } from '../src/db/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { freePort, startPortal, type Portal } from './helpers/process.ts';
import { startSubmissionLoad } from './helpers/outage.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const missing = !existsSync(path.join(BIN, 'pg_ctl')) && `PostgreSQL 15 is not installed in ${BIN}`;

/** PostgreSQL refuses to run as root: as root, its tools run as the system user postgres. */
function asPostgres(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
}

describe('the portal on a PostgreSQL server stopped immediately under load and started again', { skip: missing }, () => {
  let dir: string;
  let pgdata: string;
  let pgPort: number;
  let portal: Portal | undefined;
  let origin: string;
  let db: Kysely<Database>;
  const who = asPostgres();
  const pgCtl = (...args: string[]) => execFileSync(path.join(BIN, 'pg_ctl'), ['-D', pgdata, ...args], { ...(who ?? {}), stdio: 'pipe', timeout: 60_000 });
  const start = () =>
    pgCtl('-w', '-l', path.join(dir, 'postgres.log'), '-o', `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`, 'start');

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-pg15-'));
    if (who) chownSync(dir, who.uid, who.gid);
    pgdata = path.join(dir, 'pgdata');
    pgPort = await freePort();
    execFileSync(path.join(BIN, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], { ...(who ?? {}), stdio: 'pipe' });
    start();
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE dvctt');
    await admin.end();
    const url = `postgres://postgres@127.0.0.1:${pgPort}/dvctt`;
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    portal = await startPortal({ DATABASE_URL: url, DATA_DIR: path.join(dir, 'data'), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: origin, DVCTT_LOG_LEVEL: 'error' });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(url, 2) }) });
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn' });
  });
  after(async () => {
    if (portal && portal.child.exitCode === null) {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    await db?.destroy();
    try {
      pgCtl('-m', 'fast', 'stop');
    } catch {
      /* not running */
    }
    await rm(dir, { recursive: true, force: true });
  });

  test('503 while it is down, ready again once it is back, no acknowledged application lost', { timeout: 60_000 }, async (t) => {
    const p = portal!;
    const load = startSubmissionLoad(origin, { username: 'an.dan', password: TEST_PASSWORD }, 4);
    let times;
    try {
      await load.acknowledged(3);
      const stoppedAt = Date.now();
      pgCtl('-m', 'immediate', 'stop');
      const watching = load.watchUntilReady(stoppedAt, 30_000);
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(p.child.exitCode, null, `the portal outlives its database:\n${p.output()}`);
      const refusedWhileDown = load.refused;
      const startingAt = Date.now() - stoppedAt;
      start(); // returns once crash recovery is done and it takes connections
      const startedAt = Date.now() - stoppedAt;
      times = await watching;
      await load.acknowledged(load.acked.length + 3);
      t.diagnostic(
        `pg_ctl stop -m immediate at 0 ms; /readyz 503 after ${times.notReadyAt} ms; pg_ctl start at ${startingAt} ms, ` +
          `PostgreSQL recovered at ${startedAt} ms; portal ready again at ${times.readyAt} ms (${times.readyAt - startedAt} ms later)`,
      );
      assert.ok(refusedWhileDown > 0, 'submissions while it was down were refused with 503');
    } finally {
      await load.stop();
    }
    t.diagnostic(`${load.acked.length} submissions acknowledged, ${load.refused} refused with 503, ${load.unexpected.length} other answers`);
    assert.deepEqual(load.unexpected, [], 'every answer was 201 or 503, none without an answer');
    assert.equal(p.child.exitCode, null);
    const saved = await db.selectFrom('application').select('code').where('code', 'in', load.acked).execute();
    assert.equal(saved.length, load.acked.length, `every acknowledged application is in the database (${load.acked.length})`);
  });
});
