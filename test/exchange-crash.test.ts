// A3, P3, N2: the national portal exchange through kill -9. The real portal runs as its own
// process (`dvctt start`) on a test database, pushing to the national portal simulator on
// loopback. The simulator takes the first push and never answers; the portal is killed with
// SIGKILL while waiting, more changes are made, and the portal is started again: every push
// arrives exactly once at the national side (the repeat is recognised by its id) and in order.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { transition } from '../src/applications/transitions.ts';
import { ExchangeSimulator } from '../src/exchange/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { EXCHANGE_SECRET, nationalDossier } from './helpers/exchange.ts';
import { portalProcess, QUICK_TAKEOVER, type PortalProcess } from './helpers/process.ts';
import { leadAgency } from './helpers/submission.ts';

describeEachDatabase('a portal killed mid-push to the national portal', (get) => {
  let sim: ExchangeSimulator;
  let run: PortalProcess;

  before(async () => {
    run = await portalProcess(get().url, 'dvctt-exchange-crash-');
    sim = await new ExchangeSimulator({ secret: EXCHANGE_SECRET, dvcttUrl: run.origin }).start();
    Object.assign(run.env, QUICK_TAKEOVER, { DVCTT_EXCHANGE_URL: sim.url, DVCTT_EXCHANGE_SECRET: EXCHANGE_SECRET, DVCTT_WORKERS: '2' });
  });
  after(async () => {
    await run.close();
    await sim.stop();
  });

  test('SIGKILL while the national portal holds a push, start again: each push arrives once, in order', async () => {
    const { db } = get();
    const portal = await run.start();
    const officer = { id: await createAccount(db, { username: 'can.bo.lt', password: TEST_PASSWORD, fullName: 'Cán Bộ Liên Thông', role: 'officer', agencyCode: leadAgency('1.004616')! }), name: 'Cán Bộ Liên Thông' };
    sim.hold = true;
    const res = await sim.forward(nationalDossier('G22-251205-000900'));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const code = (res.body as { maHoSo: string }).maHoSo;
    // The national side has the first push; dvctt waits for its answer.
    await eventually('the first push held by the national portal', async () => sim.pushesOf('G22-251205-000900').length === 1);
    portal.child.kill('SIGKILL');
    await portal.exited;
    const first = sim.pushesOf('G22-251205-000900')[0]!;
    assert.equal(first.thuTu, 1);
    const [row] = await db.selectFrom('delivery').select(['id', 'status']).where('channel', '=', 'lien-thong').where('application_code', '=', code).execute();
    assert.deepEqual(row, { id: first.id.replace(/^DV/, ''), status: 'queued' }, 'not recorded as sent before the crash');

    // Changes while the portal is down: written with their pushes, queued behind the first.
    assert.ok((await transition(db, code, 2, 'officer', officer)).ok);
    assert.ok((await transition(db, code, 4, 'officer', officer)).ok);
    assert.ok((await transition(db, code, 5, 'officer', officer, 'Bổ sung giấy tờ.')).ok);
    sim.hold = false;
    await run.start();
    await eventually('every push recorded as delivered', async () => {
      const rows = await db.selectFrom('delivery').select('status').where('channel', '=', 'lien-thong').where('application_code', '=', code).execute();
      return rows.length === 4 && rows.every((r) => r.status === 'delivered');
    }, { ms: 60_000 });

    const pushes = sim.pushesOf('G22-251205-000900');
    assert.deepEqual(pushes.map((p) => [p.thuTu, p.trangThai]), [[1, 1], [2, 2], [3, 4], [4, 5]]);
    assert.equal(new Set(pushes.map((p) => p.id)).size, 4, 'each push taken exactly once');
    // The first was sent again after the restart, and recognised by its id.
    assert.equal(sim.attempts.filter((id) => id === first.id).length, 2);
    const ids = await db.selectFrom('delivery').select('id').where('channel', '=', 'lien-thong').where('application_code', '=', code).orderBy('id').execute();
    assert.deepEqual(pushes.map((p) => p.id), ids.map((r) => `DV${r.id}`));
  });
});
