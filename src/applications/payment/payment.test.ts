// The gateway's signature scheme, the VietQR payload and the fee rules (A7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QRPay } from 'vietnam-qr-pay';
import { VnpayGateway } from './gateway.ts';
import { amountVi, catalogFee, checkFeeRequest, parseAmount } from './model.ts';
import { APPLICATION_PROBLEMS, type ApplicationProblem } from '../problems.ts';
import { explain, type Problem } from '../../web/problem.ts';
import { transferMessage, vietQrPayload } from './vietqr.ts';
import { parseVnpDate, secureHash, signData, signedQuery, verifySignature, vnpDate } from './vnpay.ts';

const SECRET = 'KHOABIMATTHUNGHIEM2026';
const REQUEST = {
  vnp_Version: '2.1.0',
  vnp_Command: 'pay',
  vnp_TmnCode: 'DVCTT001',
  vnp_Amount: '50000000',
  vnp_CurrCode: 'VND',
  vnp_TxnRef: '261126ABCDEF012345',
  vnp_OrderInfo: 'Thanh toan phi le phi ho so 000.00.12.H34-261126-0001',
  vnp_OrderType: 'other',
  vnp_Locale: 'vn',
  vnp_ReturnUrl: 'http://localhost:3000/thanh-toan/vnpay/ket-qua',
  vnp_IpAddr: '127.0.0.1',
  vnp_CreateDate: '20261126103000',
};

test('the signed data is the vnp_ parameters sorted by name and form-encoded, spaces as "+"', () => {
  assert.equal(
    signData({ ...REQUEST, vnp_SecureHash: 'x', other: 'ignored' }),
    'vnp_Amount=50000000&vnp_Command=pay&vnp_CreateDate=20261126103000&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+phi+le+phi+ho+so+000.00.12.H34-261126-0001&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fthanh-toan%2Fvnpay%2Fket-qua&vnp_TmnCode=DVCTT001&vnp_TxnRef=261126ABCDEF012345&vnp_Version=2.1.0',
  );
});

test('vnp_SecureHash is HMAC-SHA512 of that data under the secret (vector computed with openssl dgst -sha512 -hmac)', () => {
  const expected = '30ae292a8f61aa2c81889982c23d970a4edff1203da721d2f4a46e795dbb44fdfa697dfebe49afff0f26eacfc4acd050435d2cc326edf20c90b51651bdf221da';
  assert.equal(secureHash(REQUEST, SECRET), expected);
  assert.ok(verifySignature({ ...REQUEST, vnp_SecureHash: expected.toUpperCase(), vnp_SecureHashType: 'HmacSHA512' }, SECRET));
});

test('a changed amount, another secret or a missing hash fails verification', () => {
  const hash = secureHash(REQUEST, SECRET);
  assert.equal(verifySignature({ ...REQUEST, vnp_Amount: '5000000', vnp_SecureHash: hash }, SECRET), false);
  assert.equal(verifySignature({ ...REQUEST, vnp_SecureHash: hash }, 'KHOAKHAC-KHOAKHAC'), false);
  assert.equal(verifySignature({ ...REQUEST }, SECRET), false);
  assert.equal(verifySignature({ ...REQUEST, vnp_SecureHash: 'abc' }, SECRET), false);
});

test('the payment URL carries the parameters and a hash the gateway can check', () => {
  const gw = new VnpayGateway({ url: 'https://sandbox.example.vn/paymentv2/vpcpay.html', tmnCode: 'DVCTT001', secret: SECRET });
  const url = new URL(gw.paymentUrl({ txnRef: 'T1', amount: 500_000, orderInfo: 'Thanh toan', returnUrl: 'http://localhost/r', ipAddr: '::1', createdAt: new Date('2026-11-26T03:30:00Z') }));
  const q = Object.fromEntries(url.searchParams);
  assert.equal(q.vnp_Amount, '50000000');
  assert.equal(q.vnp_CreateDate, '20261126103000');
  assert.ok(verifySignature(q, SECRET));
  const back = gw.readCallback(Object.fromEntries(new URLSearchParams(signedQuery({ vnp_TmnCode: 'DVCTT001', vnp_Amount: '50000000', vnp_TxnRef: 'T1', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: '42', vnp_PayDate: '20261126103500' }, SECRET))));
  assert.ok(back.valid);
  assert.deepEqual([back.amount, back.success, back.gatewayTxnNo, back.paidAt?.toISOString()], [500_000, true, '42', '2026-11-26T03:35:00.000Z']);
  const otherMerchant = gw.readCallback(Object.fromEntries(new URLSearchParams(signedQuery({ vnp_TmnCode: 'KHAC', vnp_Amount: '100', vnp_TxnRef: 'T1', vnp_ResponseCode: '00' }, SECRET))));
  assert.equal(otherMerchant.valid, false);
});

test('gateway dates are GMT+7 yyyyMMddHHmmss both ways', () => {
  const d = new Date('2026-01-31T17:05:09Z');
  assert.equal(vnpDate(d), '20260201000509');
  assert.equal(parseVnpDate('20260201000509')?.toISOString(), d.toISOString());
  assert.equal(parseVnpDate('2026-02-01'), undefined);
});

/** CRC-16/CCITT-FALSE, written here independently of the library. */
function crc16(s: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(s, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

test('the VietQR payload ends with a correct CRC and carries the account, amount and application code', () => {
  // The published example of a static VietQR (NAPAS 247) checks with the same CRC.
  const published = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';
  assert.equal(crc16(published.slice(0, -4)), 'AE9F');
  const payload = vietQrPayload({ bankBin: '970415', account: '113000012345', accountName: 'KBNN' }, 500_000, transferMessage('000.00.12.H34-261126-0001'));
  assert.match(payload, /6304[0-9A-F]{4}$/);
  assert.equal(payload.slice(-4), crc16(payload.slice(0, -4)));
  const read = new QRPay(payload);
  assert.ok(read.isValid);
  assert.equal(read.amount, '500000');
  assert.equal(read.additionalData.purpose, '000.00.12.H34-261126-0001');
  assert.equal(read.consumer.bankNumber, '113000012345');
});

test('fees: the catalog amounts add up; an officer’s other amount needs a reason; amounts read as Vietnamese write them', () => {
  assert.equal(catalogFee([{ amount: 500_000 }, { amount: 15_000 }, { amount: 0 }]), 515_000);
  assert.equal(parseAmount('500.000'), 500_000);
  assert.equal(parseAmount('1 000 000 đ'), 1_000_000);
  assert.equal(parseAmount('12,5'), undefined);
  assert.equal(parseAmount('500000'), 500_000);
  assert.equal(parseAmount('500 000'), 500_000);
  assert.equal(parseAmount('500.000 đồng'), 500_000, 'the word đồng after the amount');
  for (const bad of ['500,000', '5000.000', '5.00.000', '500.00', '1.5', '500 000.000', '', 'năm trăm nghìn']) assert.equal(parseAmount(bad), undefined, bad);
  assert.equal(amountVi(500_000), '500.000');
  assert.equal(amountVi(1_234_567), '1.234.567');
  assert.equal(amountVi(999), '999');
  assert.equal(parseAmount(amountVi(1_234_567)), 1_234_567, 'what the field shows, it takes back');
  assert.deepEqual(checkFeeRequest('500.000', '', 500_000), { ok: true, value: 500_000 });
  assert.deepEqual(checkFeeRequest('250000', '', 500_000), { ok: false, problem: { code: 'AMOUNT_REASON_REQUIRED', field: 'reason', params: { catalog: 500_000 } } });
  assert.deepEqual(checkFeeRequest('250000', 'Miễn giảm 50% theo Nghị quyết HĐND', 500_000), { ok: true, value: 250_000 });
  assert.equal(explain(APPLICATION_PROBLEMS, (checkFeeRequest('0', 'x', 0) as { problem: Problem<ApplicationProblem> }).problem).field, 'amount');
  assert.match(explain(APPLICATION_PROBLEMS, (checkFeeRequest('abc', '', 1) as { problem: Problem<ApplicationProblem> }).problem).message, /^Số tiền phải là số nguyên đồng/);
});
