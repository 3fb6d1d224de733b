// P1, P6, N2: the real portal process (`dvctt start`, delivery workers on) loses its database
// mid-delivery — every connection cut and new ones refused, through a TCP relay on loopback. The
// process stays up: /healthz alive, /readyz and pages 503, a submission refused with nothing
// saved. When the database returns it is ready again, takes submissions, and the delivery worker
// (which gave up during the outage) starts again and sends the queued receipts.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { freePort, startPortal, type Portal } from './helpers/process.ts';
import { apiSubmission } from './helpers/submission.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';

const SERVICE = '1.004616';

/** The database comes and goes: a look that fails is one more "not yet". */
const THROUGH_OUTAGE = { every: 100, retryErrors: true };

describeEachDatabase('the portal process through a database outage', (get) => {
  let dataDir: string;
  let mailbox: Mailbox;
  let proxy: TcpProxy;
  let portal: Portal | undefined;
  let origin: string;
  /** Messages received whose DATA the mail server has not answered yet. */
  const held: (() => void)[] = [];
  let holding = true;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-outage-'));
    mailbox = await startMailbox({ answer: (_mail, reply) => (holding ? (held.push(() => reply()), 'held') : undefined) });
    const url = new URL(get().url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    portal = await startPortal({
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: origin,
      SMTP_URL: mailbox.url,
      DVCTT_WORKERS: '2',
      DVCTT_LOG_LEVEL: 'error',
    });
  });
  after(async () => {
    for (const answer of held.splice(0)) answer();
    if (portal && portal.child.exitCode === null) {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    await proxy.close();
    await mailbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('alive and 503 during the cut; ready, taking submissions and delivering again after it', async () => {
    const { db } = get();
    const p = portal!;
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn' });
    const auth = (await (await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'an.dan', password: TEST_PASSWORD }) })).json()) as { token: string };
    const submit = async () => {
      const sent = apiSubmission({ authorization: `Bearer ${auth.token}` }, SERVICE, demoDefinition(SERVICE)!.example);
      return fetch(`${origin}${sent.url}`, { method: 'POST', headers: sent.headers, body: new Uint8Array(sent.payload) });
    };
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await submit();
      assert.equal(res.status, 201, await res.clone().text());
      codes.push(((await res.json()) as { code: string }).code);
    }
    // Both workers hold a receipt in the mail server's hands when the database goes away.
    await eventually('two receipts in flight', async () => held.length >= 2, THROUGH_OUTAGE);

    await proxy.cut();
    // The mail server now accepts them: the workers cannot record it, and give up.
    for (const answer of held.splice(0)) answer();
    const cutUntil = Date.now() + 4000;
    const applicationsBefore = await db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    while (Date.now() < cutUntil) {
      assert.equal(p.child.exitCode, null, `the process is still running:\n${p.output()}`);
      assert.equal((await fetch(`${origin}/healthz`)).status, 200, 'alive');
      assert.equal((await fetch(`${origin}/readyz`)).status, 503, 'not ready');
      const page = await fetch(`${origin}/`);
      assert.equal(page.status, 503);
      assert.match(await page.text(), /Hệ thống tạm thời gián đoạn/);
      await new Promise((r) => setTimeout(r, 500));
    }
    const refused = await submit();
    assert.equal(refused.status, 503, 'a submission during the outage is refused');
    const applicationsDuring = await db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(applicationsDuring.n, applicationsBefore.n, 'nothing saved during the outage');
    assert.equal(p.child.exitCode, null, `the process outlived the outage:\n${p.output()}`);

    holding = false;
    await proxy.restore();
    await eventually('ready again', async () => (await fetch(`${origin}/readyz`)).status === 200, THROUGH_OUTAGE);
    const after = await submit();
    assert.equal(after.status, 201, await after.clone().text());
    codes.push(((await after.json()) as { code: string }).code);

    // The queued receipts, those in flight when the database went away among them, are sent.
    await eventually('every receipt sent', async () => {
      const rows = await db.selectFrom('delivery').select('status').where('channel', '=', 'email').where('application_code', 'in', codes).execute();
      return rows.length === codes.length && rows.every((r) => r.status === 'sent');
    }, THROUGH_OUTAGE).catch(async (err: Error) => {
      const rows = await db.selectFrom('delivery').select(['id', 'status', 'attempts']).where('channel', '=', 'email').where('application_code', 'in', codes).execute().catch(() => []);
      throw new Error(`${err.message}: ${JSON.stringify(rows)}\n${p.output()}`);
    });
    assert.equal(p.child.exitCode, null);
    assert.match(p.output(), /delivery worker stopped; restarting/, 'the worker gave up during the outage and was started again');
    assert.doesNotMatch(p.output(), /unhandledRejection|uncaughtException/, 'the worker handles its own database errors');
  });
});
