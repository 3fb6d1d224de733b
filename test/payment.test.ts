// Level-4 payment (A7) through the routes: the officer asks for the fee, the applicant is sent
// to the gateway with a signed URL, and only a correctly signed notice with the right amount pays
// — once, however often it arrives.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { GatewaySimulator } from '../src/applications/index.ts';
import { clearSearchCache } from '../src/catalog/cache.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { testApp } from './helpers/app.ts';
import { applicationInProcessing, seedFeePeople } from './helpers/fees.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const GATEWAY = { DVCTT_PAYMENT_URL: 'http://127.0.0.1:9/paymentv2/vpcpay.html', DVCTT_PAYMENT_TMN_CODE: 'DVCTT001', DVCTT_PAYMENT_SECRET: 'bi-mat-thu-nghiem-2026' };

describeEachDatabase('payment of fees', (get) => {
  let app: FastifyInstance;
  let code = '';
  let citizen: Jar;
  let officer: Jar;
  let citizenToken = '';
  let officerToken = '';
  const gateway = new GatewaySimulator({ tmnCode: GATEWAY.DVCTT_PAYMENT_TMN_CODE, secret: GATEWAY.DVCTT_PAYMENT_SECRET });

  const state = async () => {
    const { db } = get();
    const a = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
    const payments = await db.selectFrom('payment').select(['status', 'amount', 'txn_ref']).where('application_id', '=', a.id).execute();
    const fees = await db.selectFrom('application_fee').select(['state', 'amount']).where('application_id', '=', a.id).execute();
    const events = await db.selectFrom('application_event').select(['status_from', 'status_to', 'note']).where('application_id', '=', a.id).orderBy('id').execute();
    return { status: a.status, payments, fees, events };
  };
  const ipn = async (query: string) => (await app.inject({ url: `/api/v1/payments/vnpay/ipn?${query}` })).json() as { RspCode: string; Message: string };

  before(async () => {
    const { db } = get();
    await seedFeePeople(db);
    app = await testApp(db, GATEWAY);
    ({ code, citizen, officer, citizenToken, officerToken } = await applicationInProcessing(app));
  });
  after(() => app.close());

  test('the fee field shows the catalog amount as 500.000; an amount not written as whole đồng is refused in Vietnamese and nothing is stored', async () => {
    const page = await app.inject({ url: `/can-bo/ho-so/${code}/thu-phi`, cookies: officer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="f-amount"[^>]*value="500\.000"/);
    for (const amount of ['500,000', '5.00.000', '1.5 triệu', '500.00']) {
      const bad = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi`, { amount, reason: 'Theo danh mục' });
      assert.equal(bad.statusCode, 400, amount);
      assert.match(bad.body, /Số tiền phải là số nguyên đồng, chỉ gồm chữ số, có thể tách hàng nghìn bằng dấu chấm hoặc khoảng trắng/);
      assert.ok(bad.body.includes(`value="${amount}"`), 'what was typed is shown again to correct');
      assert.deepEqual((await state()).fees, []);
      assert.equal((await state()).status, 4);
    }
  });

  test('an amount other than the catalog’s without a reason is refused and nothing changes; with a reason the application asks for payment', async () => {
    const page = await app.inject({ url: `/can-bo/ho-so/${code}/thu-phi`, cookies: officer });
    assert.equal(page.statusCode, 200);
    const bare = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi`, { amount: '250.000', reason: '' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /khác mức trong danh mục thủ tục \(500\.000 đồng\); hãy ghi rõ lý do/);
    assert.deepEqual((await state()).fees, []);
    assert.equal((await state()).status, 4);
    const ok = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi`, { amount: '250 000', reason: 'Giảm 50% theo Nghị quyết của HĐND tỉnh' });
    assert.equal(ok.statusCode, 303);
    const s = await state();
    assert.equal(s.status, 6);
    assert.deepEqual(s.fees, [{ state: 'open', amount: '250000' }]);
    assert.match(s.events.at(-1)!.note ?? '', /250\.000 đồng\. Giảm 50%/);
  });

  let txnRef = '';
  let request: Record<string, string> = {};
  test('the applicant sees the amount, a VietQR code with its text, and is sent to the gateway with a signed URL', async () => {
    const page = await app.inject({ url: `/ho-so/${code}/thanh-toan`, cookies: citizen });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Thanh toán 250\.000 đồng qua VNPAY/);
    assert.match(page.body, new RegExp(`<img src="data:image/svg\\+xml;base64,[^"]+"[^>]*alt="Mã VietQR: chuyển 250\\.000 đồng đến tài khoản 113000012345 tại VietinBank[^"]*nội dung ${code.replaceAll('.', '\\.')}"`));
    const res = await submitForm(app, citizen, `/ho-so/${code}/thanh-toan`, `/ho-so/${code}/thanh-toan`, {});
    assert.equal(res.statusCode, 303);
    const url = new URL(String(res.headers.location));
    assert.equal(`${url.origin}${url.pathname}`, GATEWAY.DVCTT_PAYMENT_URL);
    request = Object.fromEntries(url.searchParams);
    assert.equal(request.vnp_Amount, '25000000');
    assert.equal(request.vnp_TmnCode, 'DVCTT001');
    assert.match(request.vnp_SecureHash ?? '', /^[0-9a-f]{128}$/);
    txnRef = request.vnp_TxnRef!;
    assert.deepEqual((await state()).payments, [{ status: 'pending', amount: '250000', txn_ref: txnRef }]);
  });

  test('a forged notice (bad signature), a wrong amount or an unknown reference change nothing', async () => {
    const good = gateway.resultQuery(request, true);
    const forged = good.replace(/vnp_SecureHash=[0-9a-f]+/, `vnp_SecureHash=${'ab'.repeat(64)}`);
    assert.equal((await ipn(forged)).RspCode, '97');
    const tampered = good.replace('vnp_Amount=25000000', 'vnp_Amount=100');
    assert.equal((await ipn(tampered)).RspCode, '97');
    assert.equal((await ipn(gateway.resultQuery({ ...request, vnp_Amount: '100' }, true))).RspCode, '04');
    assert.equal((await ipn(gateway.resultQuery({ ...request, vnp_TxnRef: 'KHONGCO' }, true))).RspCode, '01');
    const s = await state();
    assert.equal(s.status, 6);
    assert.equal(s.payments[0]!.status, 'pending');
    assert.equal(s.fees[0]!.state, 'open');
  });

  test('a return with a bad signature says so and changes nothing', async () => {
    const forged = gateway.resultQuery(request, true).replace(/vnp_SecureHash=[0-9a-f]+/, `vnp_SecureHash=${'cd'.repeat(64)}`);
    const res = await app.inject({ url: `/thanh-toan/vnpay/ket-qua?${forged}`, cookies: citizen });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /không có chữ ký hợp lệ/);
    assert.equal((await state()).status, 6);
  });

  test('the signed notice pays once: duplicates at the same moment and a later replay are answered "already confirmed"', async () => {
    const notice = gateway.resultQuery(request, true);
    const answers = await Promise.all([ipn(notice), ipn(notice), ipn(notice)]);
    assert.deepEqual(answers.map((a) => a.RspCode).sort(), ['00', '02', '02']);
    assert.equal((await ipn(notice)).RspCode, '02');
    const s = await state();
    assert.equal(s.status, 4);
    assert.deepEqual(s.payments.map((p) => p.status), ['paid']);
    assert.deepEqual(s.fees.map((f) => f.state), ['paid']);
    assert.equal(s.events.filter((e) => e.status_from === 6 && e.status_to === 4).length, 1);
    assert.match(s.events.at(-1)!.note ?? '', /Đã thanh toán 250\.000 đồng qua VNPAY/);
    const back = await app.inject({ url: `/thanh-toan/vnpay/ket-qua?${notice}`, cookies: citizen });
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Thanh toán thành công/);
    assert.ok(back.body.includes(`href="/ho-so/${code}"`));
  });

  test('through the API, status 6 takes the catalog fee and leaving 6 cancels it; a service without fees cannot ask for payment', async () => {
    const officerApi = { authorization: `Bearer ${officerToken}` };
    const moved = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: officerApi, payload: { status: 6, note: 'Nộp phí thẩm định' } });
    assert.equal(moved.statusCode, 200);
    assert.deepEqual((await state()).fees.filter((f) => f.state === 'open'), [{ state: 'open', amount: '500000' }]);
    await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: officerApi, payload: { status: 8, note: 'Dừng xử lý' } });
    assert.deepEqual((await state()).fees.filter((f) => f.state === 'open'), []);

    const { db } = get();
    const details = (await db.selectFrom('service').select('details').where('code', '=', '1.004616').executeTakeFirstOrThrow()).details as object;
    await db.updateTable('service').set({ details: JSON.stringify({ ...details, fees: [] }) }).where('code', '=', '1.004616').execute();
    clearSearchCache();
    const other = ((await app.inject(apiSubmission({ authorization: `Bearer ${citizenToken}` }, '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string }).code;
    await app.inject({ method: 'POST', url: `/api/v1/applications/${other}/status`, headers: officerApi, payload: { status: 2 } });
    const refused = await app.inject({ method: 'POST', url: `/api/v1/applications/${other}/status`, headers: officerApi, payload: { status: 6, note: 'Nộp lệ phí' } });
    assert.equal(refused.statusCode, 409);
    assert.match((refused.json() as { error: { message: string } }).error.message, /không có phí, lệ phí trong danh mục/);
    const row = await db.selectFrom('application').select(['id', 'status']).where('code', '=', other).executeTakeFirstOrThrow();
    assert.equal(row.status, 2);
    assert.equal((await db.selectFrom('application_fee').select('id').where('application_id', '=', row.id).execute()).length, 0);
    await db.updateTable('service').set({ details: JSON.stringify(details) }).where('code', '=', '1.004616').execute();
    clearSearchCache();
  });
});
