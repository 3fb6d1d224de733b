// Payment through the national payment platform (PayGov style, A7) over real HTTP on loopback:
// the payer chooses the platform beside VNPAY, is sent there with a signed request, the platform's
// signed callback settles once and numbers an electronic receipt, the browser comes back signed;
// forged, unknown or wrong-amount callbacks change nothing; the receipt PDF reads back; the daily
// reconciliation finds a difference; an officer refunds, and the receipt says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CALLBACK_PATH, PaygovGateway, resultParams, signParams } from '../src/applications/payment/paygov.ts';
import { PaygovSimulator } from '../src/applications/payment/paygov-simulator.ts';
import { reconcile } from '../src/applications/payment/reconcile.ts';
import { reconcileCommand } from '../src/applications/payment/payment-cli.ts';
import { receiptNumber, seriesOf } from '../src/applications/payment/receipts.ts';
import { startPayment } from '../src/applications/payment/store.ts';
import { vietnamDay, vietnamYear } from '../src/web/format.ts';
import { buildApp } from '../src/app.ts';
import { createLogger } from '../src/server.ts';
import { testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { freePort } from './helpers/process.ts';
import { submitForm, type Jar } from './helpers/session.ts';
import { applicationInProcessing, FEE_AGENCY as AGENCY, seedFeePeople } from './helpers/fees.ts';

const PAYGOV = { merchant: 'SO-Y-TE-KH', secret: 'bi-mat-paygov-thu-nghiem-2026' };
const cookieHeader = (jar: Jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

describeEachDatabase('payment through the national payment platform and electronic receipts', (get) => {
  let app: FastifyInstance;
  let base = '';
  let code = '';
  let citizen: Jar;
  let officer: Jar;
  let citizenToken = '';
  let officerToken = '';
  let orderId = '';
  let request: Record<string, string> = {};
  const sim = new PaygovSimulator(PAYGOV);
  const logLines: string[] = [];
  const settings = () => ({ url: sim.base, ...PAYGOV });

  const state = async () => {
    const { db } = get();
    const a = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
    return {
      status: a.status,
      payments: await db.selectFrom('payment').select(['status', 'amount', 'gateway', 'txn_ref']).where('application_id', '=', a.id).orderBy('created_at').execute(),
      fees: await db.selectFrom('application_fee').select(['state', 'amount']).where('application_id', '=', a.id).execute(),
      receipts: await db.selectFrom('payment_receipt').select(['number', 'amount', 'refunded_at']).where('application_id', '=', a.id).execute(),
      refunds: (await db.selectFrom('payment_refund').select('id').execute()).length,
      events: (await db.selectFrom('application_event').select('id').where('application_id', '=', a.id).execute()).length,
      audits: (await db.selectFrom('audit_log').select('id').where('action', '=', 'payment-refund').execute()).length,
    };
  };
  const callback = async (body: Record<string, string>) => {
    const res = await fetch(`${base}${CALLBACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { code: string; message: string };
  };
  const signedResult = (o: Partial<{ orderId: string; amount: number }>) =>
    signParams(resultParams({ merchant: PAYGOV.merchant, orderId: o.orderId ?? orderId, amount: o.amount ?? 100_000, transactionId: 'PG-GIA', status: 'SUCCESS', paidAt: new Date() }), PAYGOV.secret);

  before(async () => {
    const { db } = get();
    await seedFeePeople(db);
    await sim.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    sim.callbackUrl = `${base}${CALLBACK_PATH}`;
    const config = testConfig({
      DVCTT_LOG_LEVEL: 'warn',
      PUBLIC_URL: base,
      DVCTT_PAYGOV_URL: sim.base,
      DVCTT_PAYGOV_MERCHANT: PAYGOV.merchant,
      DVCTT_PAYGOV_SECRET: PAYGOV.secret,
      DVCTT_PAYMENT_URL: 'http://127.0.0.1:9/paymentv2/vpcpay.html',
      DVCTT_PAYMENT_TMN_CODE: 'DVCTT001',
      DVCTT_PAYMENT_SECRET: 'bi-mat-thu-nghiem-2026',
    });
    app = await buildApp({ config, db, logger: createLogger(config, { write: (line) => logLines.push(line) }) });
    await app.listen({ port, host: '127.0.0.1' });
    ({ code, citizen, officer, citizenToken, officerToken } = await applicationInProcessing(app));
    const asked = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi`, { amount: '100.000', reason: 'Miễn giảm theo Nghị quyết của HĐND tỉnh' });
    assert.equal(asked.statusCode, 303);
  });
  after(async () => {
    await app.close();
    await sim.stop();
  });

  test('the payer chooses among the platform and VNPAY; no choice is refused; the platform gets a signed request', async () => {
    const page = await app.inject({ url: `/ho-so/${code}/thanh-toan`, cookies: citizen });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>Cổng thanh toán/);
    assert.match(page.body, /value="paygov"[^>]*>[\s\S]*Nền tảng thanh toán trực tuyến \(PayGov\)/);
    assert.match(page.body, /value="vnpay"/);
    assert.match(String(page.headers['content-security-policy']), new RegExp(`form-action 'self' ${sim.base.replaceAll('.', '\\.')} http://127\\.0\\.0\\.1:9`));
    const before = await state();
    const none = await submitForm(app, citizen, `/ho-so/${code}/thanh-toan`, `/ho-so/${code}/thanh-toan`, { gateway: 'momo' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Chưa chọn cổng thanh toán/);
    assert.deepEqual(await state(), before);
    const res = await submitForm(app, citizen, `/ho-so/${code}/thanh-toan`, `/ho-so/${code}/thanh-toan`, { gateway: 'paygov' });
    assert.equal(res.statusCode, 303);
    const url = new URL(String(res.headers.location));
    assert.equal(`${url.origin}${url.pathname}`, `${sim.base}/pay`);
    request = Object.fromEntries(url.searchParams);
    assert.equal(request.amount, '100000');
    assert.equal(request.merchant_code, PAYGOV.merchant);
    assert.equal(request.return_url, `${base}/thanh-toan/paygov/ket-qua`);
    assert.match(request.checksum ?? '', /^[0-9a-f]{64}$/);
    orderId = request.order_id!;
    assert.deepEqual((await state()).payments, [{ status: 'pending', amount: '100000', gateway: 'paygov', txn_ref: orderId }]);
  });

  test('a callback with a bad checksum, for an unknown order or with another amount is refused and changes nothing', async () => {
    const before = await state();
    const good = signedResult({});
    assert.equal((await callback({ ...good, checksum: 'ab'.repeat(32) })).code, '97');
    assert.equal((await callback({ ...good, amount: '1000' })).code, '97', 'a changed field breaks the checksum');
    assert.equal((await callback(signedResult({ amount: 1000 }))).code, '04');
    assert.equal((await callback(signedResult({ orderId: 'KHONGCO' }))).code, '01');
    assert.equal((await callback(signParams({ ...resultParams({ merchant: 'KHAC', orderId, amount: 100_000, transactionId: 'X', status: 'SUCCESS', paidAt: new Date() }) }, PAYGOV.secret))).code, '97', 'another merchant’s result');
    // The simulator's switch: its own callback signed wrongly.
    sim.badSignature = true;
    const forged = sim.result(request, true);
    sim.badSignature = false;
    sim.transactions.delete(orderId);
    assert.equal((await sim.notify(forged)).body, JSON.stringify({ code: '97', message: 'Invalid checksum' }));
    const back = await fetch(`${base}/thanh-toan/paygov/ket-qua?${new URLSearchParams(forged).toString()}`, { headers: { cookie: cookieHeader(citizen) } });
    assert.equal(back.status, 400);
    assert.match(await back.text(), /không có chữ ký hợp lệ/);
    assert.deepEqual(await state(), before);
    const refused = logLines.map((l) => JSON.parse(l) as { msg: string; answer?: string }).filter((l) => l.msg === 'payment platform callback refused');
    assert.deepEqual(refused.map((l) => l.answer), ['badSignature', 'badSignature', 'badAmount', 'notFound', 'badSignature', 'badSignature'], 'each refusal is logged with its reason');
  });

  let receipt = '';
  test('end to end over HTTP: the platform’s page posts back, its callback settles and numbers a receipt, the browser returns to a receipt link', async () => {
    const pay = await fetch(`${sim.base}/pay?${new URLSearchParams(request).toString()}`);
    assert.equal(pay.status, 200);
    const html = await pay.text();
    assert.match(html, /100\.000 VND/);
    const tokenValue = /name="token" value="([0-9a-f]+)"/.exec(html)![1]!;
    const confirmed = await fetch(`${sim.base}/pay/confirm`, { method: 'POST', body: new URLSearchParams({ token: tokenValue, action: 'pay' }), redirect: 'manual' });
    assert.equal(confirmed.status, 302);
    assert.deepEqual(sim.callbacks.at(-1), { status: 200, body: JSON.stringify({ code: '00', message: 'Success' }) });
    const location = String(confirmed.headers.get('location'));
    assert.ok(location.startsWith(`${base}/thanh-toan/paygov/ket-qua?`));
    const back = await fetch(location, { headers: { cookie: cookieHeader(citizen) } });
    assert.equal(back.status, 200);
    const body = await back.text();
    assert.match(body, /Thanh toán thành công/);
    receipt = receiptNumber(seriesOf(AGENCY, vietnamYear()), 1);
    assert.ok(body.includes(`href="/api/v1/applications/${code}/receipts/${receipt}.pdf"`), 'a link to the receipt');
    const s = await state();
    assert.equal(s.status, 4);
    assert.deepEqual(s.payments.map((p) => p.status), ['paid']);
    assert.deepEqual(s.fees.map((f) => f.state), ['paid']);
    assert.deepEqual(s.receipts, [{ number: receipt, amount: '100000', refunded_at: null }]);
  });

  test('the same callback again, and several at once, settle nothing more: one payment, one receipt', async () => {
    const before = await state();
    const t = sim.transactions.get(orderId)!;
    const again = signParams(resultParams({ merchant: PAYGOV.merchant, orderId, amount: 100_000, transactionId: t.transactionId, status: 'SUCCESS', paidAt: new Date() }), PAYGOV.secret);
    const answers = await Promise.all([callback(again), callback(again), sim.notify(again).then((c) => JSON.parse(c.body) as { code: string })]);
    assert.deepEqual(answers.map((a) => a.code), ['02', '02', '02']);
    assert.deepEqual(await state(), before);
  });

  test('the receipt is listed by the API and its PDF reads back: number, amount in figures and words, payer, agency, refunded or not', async () => {
    const list = await app.inject({ url: `/api/v1/applications/${code}/receipts`, headers: { authorization: `Bearer ${citizenToken}` } });
    assert.equal(list.statusCode, 200);
    const [r] = (list.json() as { receipts: { number: string; amountInWords: string; payer: string; refunded: boolean; href: string; lookupCode: string }[] }).receipts;
    assert.equal(r!.number, receipt);
    assert.equal(r!.amountInWords, 'Một trăm nghìn đồng');
    assert.equal(r!.payer, 'Nguyễn Văn An');
    assert.equal(r!.refunded, false);
    const stranger = await app.inject({ url: r!.href, headers: { authorization: `Bearer ${officerToken}x` } });
    assert.equal(stranger.statusCode, 401);
    const pdf = await fetch(`${base}${r!.href}`, { headers: { cookie: cookieHeader(citizen) } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    const agency = (await get().db.selectFrom('agency').select('name').where('code', '=', AGENCY).executeTakeFirstOrThrow()).name;
    for (const s of ['BIÊN LAI THU PHÍ, LỆ PHÍ', receipt, 'Một trăm nghìn đồng', '100.000 đồng', 'Nguyễn Văn An', agency.toLocaleUpperCase('vi'), r!.lookupCode, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']) assert.ok(text.includes(s), `the PDF says ${s}`);
    assert.ok(!text.includes('ĐÃ HOÀN TIỀN'));
    const page = await app.inject({ url: `/ho-so/${code}/thanh-toan`, cookies: citizen });
    assert.ok(page.body.includes(`href="${r!.href}"`), 'the application’s payment page links the receipt');
    const application = await app.inject({ url: `/ho-so/${code}`, cookies: citizen });
    assert.ok(application.body.includes(`<a href="${r!.href}">Biên lai số ${receipt}: 100.000 đồng (PDF)</a>`), 'the application’s page links the receipt');
  });

  test('reconciliation lists the difference the platform was told to make, and none otherwise', async () => {
    const day = vietnamDay();
    const gateway = new PaygovGateway(settings());
    assert.deepEqual((await reconcile(get().db, gateway, day)).differences, []);
    sim.alter(orderId, { amount: 90_000 });
    const r = await reconcile(get().db, gateway, day);
    assert.equal(r.differences.length, 1);
    assert.equal(r.differences[0]!.kind, 'amount');
    assert.match(r.differences[0]!.text, /cổng ghi 100\.000 đồng, nền tảng ghi 90\.000 đồng/);
    let out = '';
    const exit = await reconcileCommand(['--day', day], settings(), (work) => work(get().db), (s) => (out += s), (s) => (out += s));
    assert.equal(exit, 1);
    assert.match(out, /1 chênh lệch/);
    sim.alter(orderId, { amount: 100_000 });
    assert.equal(await reconcileCommand(['--day', 'hôm qua'], settings(), (work) => work(get().db), () => undefined, () => undefined), 2);
  });

  test('an officer refunds with a reason: the platform refunds, the receipt says so, audited; no reason or a second refund changes nothing', async () => {
    const page = await app.inject({ url: `/can-bo/ho-so/${code}/thu-phi`, cookies: officer });
    assert.match(page.body, /Hoàn 100\.000 đồng/);
    const paymentId = /name="payment" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const before = await state();
    const bare = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi/hoan-tien`, { payment: paymentId, reason: '  ' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, new RegExp(`<p class="error-message" id="f-refund-${paymentId}-error">Hãy ghi lý do hoàn tiền\\.</p>`), 'the reason is asked for beside its field');
    assert.ok(bare.body.includes(`href="#f-refund-${paymentId}"`), 'and in the error summary');
    assert.deepEqual(await state(), before);
    assert.equal(sim.refunds.length, 0);
    const ok = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi/hoan-tien`, { payment: paymentId, reason: 'Nộp nhầm hồ sơ, người nộp rút hồ sơ' });
    assert.equal(ok.statusCode, 303);
    assert.equal(sim.refunds.length, 1);
    assert.equal(sim.transactions.get(orderId)!.status, 'REFUNDED');
    const s = await state();
    assert.equal(s.refunds, before.refunds + 1);
    assert.equal(s.audits, before.audits + 1);
    assert.ok(s.receipts[0]!.refunded_at instanceof Date);
    assert.deepEqual(s.payments, before.payments);
    const twice = await submitForm(app, officer, `/can-bo/ho-so/${code}/thu-phi`, `/can-bo/ho-so/${code}/thu-phi/hoan-tien`, { payment: paymentId, reason: 'Lần nữa' });
    assert.equal(twice.statusCode, 409);
    assert.equal(sim.refunds.length, 1);
    assert.deepEqual(await state(), s);
    const pdf = await app.inject({ url: `/api/v1/applications/${code}/receipts/${receipt}.pdf`, cookies: citizen });
    const text = pdfText(pdf.rawPayload);
    assert.ok(text.includes('ĐÃ HOÀN TIỀN'));
    assert.ok(text.includes('Nộp nhầm hồ sơ'));
    const paymentPage = await app.inject({ url: `/ho-so/${code}/thanh-toan`, cookies: citizen });
    assert.match(paymentPage.body, /Khoản 100\.000 đồng đã được cơ quan hoàn trả/);
    assert.match(paymentPage.body, /Đã hoàn tiền: Nộp nhầm hồ sơ/);
    assert.deepEqual((await reconcile(get().db, new PaygovGateway(settings()), vietnamDay())).differences, [], 'refunded on both sides');
  });

  test('a transfer confirmed by an officer gets the next number of the agency’s series', async () => {
    const { code: second } = await applicationInProcessing(app, [{ status: 2 }, { status: 4 }, { status: 6, note: 'Nộp phí thẩm định' }]);
    const done = await submitForm(app, officer, `/can-bo/ho-so/${second}/thu-phi`, `/can-bo/ho-so/${second}/thu-phi/chuyen-khoan`, { reference: 'FT26339001' });
    assert.equal(done.statusCode, 303);
    const list = await app.inject({ url: `/api/v1/applications/${second}/receipts`, headers: { authorization: `Bearer ${officerToken}` } });
    const receipts = (list.json() as { receipts: { number: string; amount: number; gateway: string }[] }).receipts;
    assert.deepEqual(receipts.map((r) => [r.number, r.amount, r.gateway]), [[receiptNumber(seriesOf(AGENCY, vietnamYear()), 2), 500_000, 'transfer']]);
  });

  test('payments settled at the same moment take consecutive numbers of the series: no gap, none twice', async () => {
    const { db } = get();
    const refs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { code: c } = await applicationInProcessing(app, [{ status: 2 }, { status: 4 }, { status: 6, note: 'Nộp phí thẩm định' }]);
      const a = await db.selectFrom('application').innerJoin('application_fee', 'application_fee.application_id', 'application.id').select(['application.id', 'application_fee.id as feeId']).where('application.code', '=', c).executeTakeFirstOrThrow();
      const ref = `SONG-SONG-${i}`;
      await startPayment(db, { applicationId: a.id, feeId: a.feeId, amount: 500_000, gateway: 'paygov', txnRef: ref });
      refs.push(ref);
    }
    const answers = await Promise.all(refs.map((ref) => callback(signedResult({ orderId: ref, amount: 500_000 }))));
    assert.deepEqual(answers.map((a) => a.code), ['00', '00', '00', '00']);
    const seqs = (await db.selectFrom('payment_receipt').select('seq').where('agency_code', '=', AGENCY).orderBy('seq').execute()).map((r) => r.seq);
    assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6]);
    const series = await db.selectFrom('receipt_series').select(['last_number']).where('agency_code', '=', AGENCY).execute();
    assert.deepEqual(series, [{ last_number: 6 }]);
  });
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bien-lai-'));
  const file = path.join(dir, 'bien-lai.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
