import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountInWords, numberInWords } from './words.ts';
import { canonical, signParams, verifyParams } from './paygov.ts';
import { receiptNumber, seriesOf } from './receipts.ts';

test('amounts in Vietnamese words, as receipts write them', () => {
  // Each amount (in đồng) and its words.
  const words = {
    100_000: 'Một trăm nghìn đồng',
    250_000: 'Hai trăm năm mươi nghìn đồng',
    1_005_000: 'Một triệu không trăm linh năm nghìn đồng',
    1_500_000: 'Một triệu năm trăm nghìn đồng',
    21: 'Hai mươi mốt đồng',
    15: 'Mười lăm đồng',
    45_000: 'Bốn mươi lăm nghìn đồng',
    105: 'Một trăm linh năm đồng',
    1001: 'Một nghìn không trăm linh một đồng',
    310_000: 'Ba trăm mười nghìn đồng',
    1_000_000_000: 'Một tỷ đồng',
  };
  assert.deepEqual(Object.fromEntries(Object.keys(words).map((n) => [n, amountInWords(Number(n))])), words);
  assert.equal(numberInWords(0), 'không');
  assert.throws(() => numberInWords(-1), RangeError);
  assert.throws(() => numberInWords(1.5), RangeError);
});

test('the platform’s checksum covers every non-empty field but itself, sorted and encoded; any change breaks it', () => {
  assert.equal(canonical({ b: 'x y', a: '1', c: '', checksum: 'z' }), 'a=1&b=x%20y');
  const signed = signParams({ order_id: 'A1', amount: '100000', description: 'Thanh toán' }, 'khoa-bi-mat-16-ky-tu');
  assert.match(signed.checksum!, /^[0-9a-f]{64}$/);
  assert.ok(verifyParams(signed, 'khoa-bi-mat-16-ky-tu'));
  assert.ok(!verifyParams({ ...signed, amount: '100001' }, 'khoa-bi-mat-16-ky-tu'));
  assert.ok(!verifyParams(signed, 'khoa-khac-16-ky-tu!!'));
  assert.ok(!verifyParams({ ...signed, checksum: 'xyz' }, 'khoa-bi-mat-16-ky-tu'));
});

test('receipt numbers: the agency’s series of the year, seven digits', () => {
  assert.equal(seriesOf('000.00.12.H34', 2026), 'BL-0000012H34-2026');
  assert.equal(receiptNumber('BL-0000012H34-2026', 12), 'BL-0000012H34-2026-0000012');
});
