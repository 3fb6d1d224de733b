// The VNPAY 2.1.0 payment URL and callback scheme: every vnp_ parameter, sorted by name,
// URL-encoded as application/x-www-form-urlencoded (space → "+"), joined with "&", and signed
// with HMAC-SHA512 under the merchant's secret (vnp_SecureHash). Pure functions, unit-tested.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { vietnamStamp } from '../../web/format.ts';

export type VnpParams = Record<string, string>;

/** Encodes like PHP's urlencode / the gateway's reference code: RFC 3986 with "+" for spaces. */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The string that is signed: the vnp_ parameters (without the hash fields) sorted and encoded. */
export function signData(params: VnpParams): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k]!)}`)
    .join('&');
}

export function secureHash(params: VnpParams, secret: string): string {
  return createHmac('sha512', secret).update(signData(params), 'utf8').digest('hex');
}

/** A query string carrying the parameters and their signature. */
export function signedQuery(params: VnpParams, secret: string): string {
  return `${signData(params)}&vnp_SecureHash=${secureHash(params, secret)}`;
}

/** Whether the parameters carry a valid vnp_SecureHash (compared in constant time). */
export function verifySignature(params: VnpParams, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(secureHash(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** Query parameters as one string each (a repeated parameter is a forgery attempt: keep none). */
export function vnpParamsOf(query: unknown): VnpParams {
  const out: VnpParams = {};
  if (!query || typeof query !== 'object') return out;
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** yyyyMMddHHmmss in Vietnam time (GMT+7), as the gateway writes dates. */
export function vnpDate(d: Date): string {
  return vietnamStamp(d);
}

/** The reverse of vnpDate; undefined when it is not such a date. */
export function parseVnpDate(s: string | undefined): Date | undefined {
  const m = s ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 7 * 3_600_000);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const answer = <const C extends string, const M extends string>(RspCode: C, Message: M) => ({ RspCode, Message });

/** Answers to the gateway's IPN call (RspCode), as its merchant integration guide lists them. */
export const IPN_ANSWERS = {
  ok: answer('00', 'Confirm Success'),
  notFound: answer('01', 'Order not found'),
  alreadyConfirmed: answer('02', 'Order already confirmed'),
  badAmount: answer('04', 'Invalid amount'),
  badSignature: answer('97', 'Invalid signature'),
  unknown: answer('99', 'Unknown error'),
};

export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];

/** What the gateway's response codes mean to the person paying. */
export function responseText(code: string | undefined): string {
  switch (code) {
    case '00':
      return 'Giao dịch thành công.';
    case '24':
      return 'Bạn đã hủy giao dịch.';
    case '11':
      return 'Hết thời gian chờ thanh toán; hãy thực hiện lại giao dịch.';
    case '51':
      return 'Tài khoản không đủ số dư để thanh toán.';
    default:
      return `Giao dịch không thành công (mã ${code ?? 'không rõ'}).`;
  }
}
