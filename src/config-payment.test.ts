import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, KNOWN_DVCTT_SETTINGS, loadConfig } from './config.ts';

const env = (extra: Record<string, string>) => ({ DATA_DIR: '/tmp/dvctt-unused', ...extra });
const PAYGOV = { DVCTT_PAYGOV_URL: 'https://thanhtoan.dichvucong.gov.vn', DVCTT_PAYGOV_MERCHANT: 'SYT-KH', DVCTT_PAYGOV_SECRET: 'khoa-bi-mat-thu-nghiem' };

function refusal(extra: Record<string, string>): string {
  try {
    loadConfig(env(extra));
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message;
  }
  throw new Error('expected a ConfigError');
}

test('the national payment platform: off without settings; all three together, https or this machine only, a long secret', () => {
  assert.equal(loadConfig(env({})).paygov, undefined);
  assert.deepEqual(loadConfig(env({ ...PAYGOV, DVCTT_PAYGOV_URL: 'https://thanhtoan.dichvucong.gov.vn/' })).paygov, { url: 'https://thanhtoan.dichvucong.gov.vn', merchant: 'SYT-KH', secret: 'khoa-bi-mat-thu-nghiem' });
  assert.equal(loadConfig(env({ ...PAYGOV, DVCTT_PAYGOV_URL: 'http://127.0.0.1:8096' })).paygov?.url, 'http://127.0.0.1:8096');
  assert.match(refusal({ DVCTT_PAYGOV_URL: PAYGOV.DVCTT_PAYGOV_URL }), /DVCTT_PAYGOV_MERCHANT: .*còn thiếu DVCTT_PAYGOV_MERCHANT, DVCTT_PAYGOV_SECRET/);
  assert.match(refusal({ ...PAYGOV, DVCTT_PAYGOV_URL: 'http://thanhtoan.gov.vn' }), /DVCTT_PAYGOV_URL: .*phải dùng https:\/\//);
  assert.match(refusal({ ...PAYGOV, DVCTT_PAYGOV_SECRET: 'ngan' }), /DVCTT_PAYGOV_SECRET: khóa bí mật tạo chữ ký quá ngắn/);
  assert.match(refusal({ ...PAYGOV, DVCTT_PAYGOV_MERCHANT: 'mã có dấu' }), /DVCTT_PAYGOV_MERCHANT: "mã có dấu" không hợp lệ/);
  assert.match(refusal({ DVCTT_PAYMENT_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html' }), /DVCTT_PAYMENT_TMN_CODE: thanh toán trực tuyến cần đủ/);
  for (const name of ['DVCTT_PAYGOV_URL', 'DVCTT_PAYGOV_MERCHANT', 'DVCTT_PAYGOV_SECRET']) assert.ok(KNOWN_DVCTT_SETTINGS.includes(name));
});
