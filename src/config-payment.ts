// Settings of online payment of fees (A7), read by config.ts: a VNPAY-2.1-style gateway
// (DVCTT_PAYMENT_*) and the national payment platform (PayGov, DVCTT_PAYGOV_*); either, both
// (the payer chooses) or neither (bank transfer and the counter only). docs/integration.md.
type Env = Record<string, string | undefined>;
type Fail = (key: string, message: string) => never;

export interface PaymentSettings {
  /** The gateway's payment page (vnp_ parameters are added to it). */
  url: string;
  /** The merchant (terminal) code the gateway gave the portal. */
  tmnCode: string;
  /** The merchant's hash secret for HMAC-SHA512 signatures. */
  secret: string;
}

export interface PaygovSettings {
  /** The platform's base address: /pay, /api/transactions and /api/refunds are under it. */
  url: string;
  /** The merchant code the platform registered the portal (or the agency) under. */
  merchant: string;
  /** The shared secret of the HMAC-SHA256 checksums, both directions. */
  secret: string;
}

export const PAYMENT_SETTINGS = ['DVCTT_PAYMENT_URL', 'DVCTT_PAYMENT_TMN_CODE', 'DVCTT_PAYMENT_SECRET', 'DVCTT_PAYGOV_URL', 'DVCTT_PAYGOV_MERCHANT', 'DVCTT_PAYGOV_SECRET'] as const;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** An https address, or http to this machine only (a simulator); credentials never echoed. */
function checkUrl(key: string, raw: string, fail: Fail): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(key, `"${raw.replace(/\/\/[^@/]*@/, '//***@')}" không phải một địa chỉ URL.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return raw;
  return fail(key, `"${url.origin}" phải dùng https:// (http:// chỉ được phép với máy này — cổng thanh toán mô phỏng).`);
}

/** Settings that come together or not at all: undefined when none is set. */
function allOrNone(env: Env, keys: readonly string[], what: string, fail: Fail): string[] | undefined {
  const values = keys.map((k) => (k.endsWith('SECRET') ? (env[k] ?? '') : (env[k]?.trim() ?? '')));
  if (values.every((v) => !v)) return undefined;
  const missing = keys.filter((_, i) => !values[i]);
  if (missing.length) return fail(missing[0]!, `${what} cần đủ ${keys.join(', ')}; còn thiếu ${missing.join(', ')}.`);
  return values;
}

/** The VNPAY-style gateway's address, merchant code and secret. */
export function parsePayment(env: Env, fail: Fail): PaymentSettings | undefined {
  const v = allOrNone(env, PAYMENT_SETTINGS.slice(0, 3), 'thanh toán trực tuyến', fail);
  if (!v) return undefined;
  const [url, tmnCode, secret] = v as [string, string, string];
  checkUrl('DVCTT_PAYMENT_URL', url, fail);
  if (!/^[A-Za-z0-9]{1,20}$/.test(tmnCode)) fail('DVCTT_PAYMENT_TMN_CODE', `"${tmnCode}" không hợp lệ; mã website (vnp_TmnCode) gồm tối đa 20 chữ cái và số.`);
  if (secret.length < 16) fail('DVCTT_PAYMENT_SECRET', 'chuỗi bí mật tạo chữ ký quá ngắn (cần ít nhất 16 ký tự).');
  return { url, tmnCode, secret };
}

/** The national payment platform's address, the portal's merchant code there and the shared secret. */
export function parsePaygov(env: Env, fail: Fail): PaygovSettings | undefined {
  const v = allOrNone(env, PAYMENT_SETTINGS.slice(3), 'thanh toán qua Nền tảng thanh toán trực tuyến', fail);
  if (!v) return undefined;
  const [url, merchant, secret] = v as [string, string, string];
  checkUrl('DVCTT_PAYGOV_URL', url, fail);
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(merchant)) fail('DVCTT_PAYGOV_MERCHANT', `"${merchant}" không hợp lệ; mã đơn vị chấp nhận thanh toán gồm tối đa 40 chữ cái, chữ số, dấu chấm, gạch.`);
  if (secret.length < 16) fail('DVCTT_PAYGOV_SECRET', 'khóa bí mật tạo chữ ký quá ngắn (cần ít nhất 16 ký tự).');
  return { url: url.replace(/\/+$/, ''), merchant, secret };
}
