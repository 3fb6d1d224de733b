// The embedded PostgreSQL is the app's responsibility: started, shared with commands, stopped, and
// recovered after a crash — all through the real `dvctt` command.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { alive, freePort, postmaster, runDvctt, startPortal } from './helpers/process.ts';

const postmasterPid = (dataDir: string) => postmaster(dataDir)?.pid;

describe('the embedded database through `dvctt start`', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-life-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('first start creates the database, serves IPv6 and IPv4, and a second start on the same data is refused', async () => {
    const port = await freePort();
    const portal = await startPortal({ DATA_DIR: dataDir, PORT: String(port) });
    try {
      for (const host of ['[::1]', '127.0.0.1']) {
        const res = await fetch(`http://${host}:${port}/`);
        assert.equal(res.status, 200, host);
        assert.match(await res.text(), /<a href="\/dich-vu-cong"[^>]*>Dịch vụ công<\/a>/);
      }
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
      assert.equal(statSync(path.join(dataDir, 'postgres.password')).mode & 0o777, 0o600, 'the generated password is private');

      const pid = postmasterPid(dataDir);
      assert.ok(pid && alive(pid));
      const conf = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      assert.ok(conf.includes('listen_addresses=127.0.0.1'), 'PostgreSQL listens on loopback only');

      const second = await runDvctt(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
      assert.notEqual(second.code, 0);
      assert.match(second.output, /Một cổng dvctt khác \(PID \d+\) đang chạy với DATA_DIR=/);

      const migrate = await runDvctt(['migrate'], { DATA_DIR: dataDir });
      assert.equal(migrate.code, 0, migrate.output);
      assert.match(migrate.output, /Lược đồ đã ở phiên bản mới nhất/);
      assert.equal(postmasterPid(dataDir), pid, 'the command used the running server and left it running');
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
    } finally {
      portal.child.kill('SIGTERM');
      assert.equal(await portal.exited, 0, portal.output());
    }
    assert.equal(postmasterPid(dataDir), undefined, 'SIGTERM stops the embedded PostgreSQL');
    assert.equal(existsSync(path.join(dataDir, 'dvctt.pid')), false);
  });

  test('after kill -9 of the portal, the next start adopts its database, and starts it again when that one is killed too', async () => {
    const port = await freePort();
    const first = await startPortal({ DATA_DIR: dataDir, PORT: String(port) });
    first.child.kill('SIGKILL');
    await first.exited;
    const orphan = postmasterPid(dataDir);
    assert.ok(orphan && alive(orphan), 'the database server outlived the killed portal');

    const again = await startPortal({ DATA_DIR: dataDir, PORT: String(port) });
    let restarted: number | undefined;
    try {
      assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 200);
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);

      // The adopted server is not this portal's child, yet its death is noticed and mended too.
      const before = postmaster(dataDir)!;
      process.kill(orphan, 'SIGKILL');
      const end = Date.now() + 30_000;
      for (;;) {
        const now = postmaster(dataDir);
        if (now && now.pid !== orphan && (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) {
          restarted = now.pid;
          assert.equal(now.port, before.port, 'on the same port');
          break;
        }
        assert.ok(Date.now() < end, `ready again within 30 s:\n${again.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(again.output(), /Cơ sở dữ liệu nhúng đã dừng bất thường/);
    } finally {
      again.child.kill('SIGINT');
      assert.equal(await again.exited, 0, again.output());
    }
    assert.ok(!alive(orphan), 'the adopted server is gone');
    assert.ok(restarted && !alive(restarted), 'the server started again was stopped with the portal');
  });

  test('a command with no portal running starts the database, does its work, and stops it again', async () => {
    const res = await runDvctt(['migrate'], { DATA_DIR: dataDir });
    assert.equal(res.code, 0, res.output);
    assert.equal(postmasterPid(dataDir), undefined);
  });

  test('every start of the database, by a portal, a restart or a command, listens on the same port while it is free', () => {
    const log = readFileSync(path.join(dataDir, 'postgres.log'), 'utf8');
    const ports = [...log.matchAll(/listening on IPv4 address "127\.0\.0\.1", port (\d+)/g)].map((m) => m[1]);
    assert.ok(ports.length >= 4, `starts seen: ${ports.length}`);
    assert.deepEqual(new Set(ports), new Set([ports[0]]));
    assert.equal(readFileSync(path.join(dataDir, 'postgres.port'), 'utf8').trim(), ports[0]);
  });

  test('a port already in use stops the start with a clear message and leaves no server behind', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const res = await runDvctt(['start'], { DATA_DIR: dataDir, PORT: String(port) });
      assert.notEqual(res.code, 0);
      assert.match(res.output, new RegExp(`Cổng ${port} \\(PORT\\) đang được một chương trình khác sử dụng`));
      assert.equal(postmasterPid(dataDir), undefined);
    } finally {
      blocker.close();
    }
  });
});

describe('a DATA_DIR the postgres system user cannot reach (a checkout under /root)', () => {
  test('keeps its database cluster under /var/lib/dvctt and says where', { skip: process.getuid?.() !== 0 && 'only as root' }, async () => {
    const hidden = mkdtempSync(path.join(os.tmpdir(), 'dvctt-private-')); // mode 700: postgres may not enter
    const dataDir = path.join(hidden, 'data');
    try {
      const res = await runDvctt(['migrate'], { DATA_DIR: dataDir });
      assert.equal(res.code, 0, res.output);
      const location = readFileSync(path.join(dataDir, 'postgres.location'), 'utf8').trim();
      assert.match(location, /^\/var\/lib\/dvctt\/[0-9a-f]{16}\/postgres$/);
      assert.ok(existsSync(path.join(location, 'PG_VERSION')));
      assert.equal(existsSync(path.join(location, 'postmaster.pid')), false, 'stopped after the command');
      rmSync(path.dirname(location), { recursive: true, force: true });
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});

describe('settings and data directory problems stop the start with one clear line', () => {
  test('PORT=abc', async () => {
    const res = await runDvctt(['start'], { PORT: 'abc' });
    assert.equal(res.code, 1);
    assert.equal(res.output.trim(), 'dvctt: Cấu hình không hợp lệ — PORT: "abc" không phải số cổng; cần một số nguyên từ 1 đến 65535.');
  });

  test('a DATA_DIR that cannot be a directory', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-file-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const res = await runDvctt(['start'], { DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()) });
    assert.equal(res.code, 1);
    assert.match(res.output, /Không dùng được thư mục dữ liệu DATA_DIR=/);
  });

  test('a DATABASE_URL whose server does not answer', async () => {
    const port = await freePort();
    const res = await runDvctt(['start'], { DATABASE_URL: `postgres://x:y@127.0.0.1:${port}/db`, PORT: String(await freePort()) });
    assert.equal(res.code, 1);
    assert.match(res.output, /Không kết nối được cơ sở dữ liệu DATABASE_URL/);
    assert.doesNotMatch(res.output, /:y@/, 'the password is not printed');
  });

  test('an unknown command and --help', async () => {
    const help = await runDvctt(['--help'], {});
    assert.equal(help.code, 0);
    for (const c of ['start', 'migrate', 'seed']) assert.match(help.output, new RegExp(`^  ${c}`, 'm'));
    const bad = await runDvctt(['xoa-het'], {});
    assert.equal(bad.code, 2);
    assert.match(bad.output, /Lệnh không tồn tại: "xoa-het"/);
  });
});
