// The national payment platform's protocol (PayGov style), all of it in this module. The
// platform's merchant specification is not public, so dvctt assumes (docs/integration.md):
// - every message carries `checksum` = hex HMAC-SHA256, under the merchant's shared secret, of
//   its canonical form: the other non-empty fields sorted by name, each `name=value` with the value
//   percent-encoded (encodeURIComponent), joined with "&";
// - the payer is sent to GET {url}/pay with the order (version 1.0, merchant_code, order_id,
//   amount in whole đồng, currency VND, description, return_url, locale, created_at, expires_at);
// - the platform tells the merchant the result server to server as a JSON POST of version,
//   merchant_code, order_id, amount, transaction_id, status (SUCCESS | FAILED | CANCELLED),
//   paid_at (yyyyMMddHHmmss, Vietnam time), bank_code and checksum, answered { code, message }
//   (00 ok, 01 unknown order, 02 already confirmed, 04 wrong amount, 97 bad checksum, 99 other);
//   the browser comes back to return_url with the same fields in the query;
// - GET {url}/api/transactions?merchant_code&date=YYYY-MM-DD&request_time&checksum lists a day's
//   transactions; POST {url}/api/refunds (JSON: merchant_code, order_id, transaction_id, amount,
//   reason, request_id, request_time, checksum) refunds one, idempotent on request_id; both answer
//   JSON whose raw body is signed in the X-Checksum header.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaygovSettings } from '../../config-payment.ts';
import type { CallbackReading, PaymentGateway, PaymentOrder } from './gateway.ts';
import { IPN_ANSWERS, parseVnpDate, vnpDate } from './vnpay.ts';

export type PaygovParams = Record<string, string>;

export const PAYGOV_VERSION = '1.0';
export const PAYGOV_PATHS = { pay: '/pay', transactions: '/api/transactions', refunds: '/api/refunds' } as const;
export const CALLBACK_PATH = '/api/v1/payments/paygov/callback';
export const PAYGOV_RETURN_PATH = '/thanh-toan/paygov/ket-qua';

/** The answers to the platform's callback: VNPAY's codes under the same keys, so one settlement serves both; two are worded differently. */
const PAYGOV_WORDING: Partial<Record<keyof typeof IPN_ANSWERS, string>> = { ok: 'Success', badSignature: 'Invalid checksum' };
export const PAYGOV_ANSWERS = Object.fromEntries(
  Object.entries(IPN_ANSWERS).map(([key, a]) => [key, { code: a.RspCode, message: PAYGOV_WORDING[key as keyof typeof IPN_ANSWERS] ?? a.Message }]),
) as Record<keyof typeof IPN_ANSWERS, { code: string; message: string }>;

export function canonical(params: PaygovParams): string {
  return Object.keys(params)
    .filter((k) => k !== 'checksum' && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${k}=${encodeURIComponent(params[k]!)}`)
    .join('&');
}

export const hmac = (data: string, secret: string): string => createHmac('sha256', secret).update(data, 'utf8').digest('hex');

export function signParams(params: PaygovParams, secret: string): PaygovParams {
  return { ...params, checksum: hmac(canonical(params), secret) };
}

function sameHex(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

export const verifyParams = (params: PaygovParams, secret: string): boolean => sameHex(hmac(canonical(params), secret), params.checksum);
export const verifyBody = (body: string, secret: string, header: unknown): boolean => sameHex(hmac(body, secret), header);

/** Only string fields count (the JSON callback or the query): anything else is dropped, and the checksum then fails. */
export function paygovParamsOf(input: unknown): PaygovParams {
  const out: PaygovParams = {};
  if (!input || typeof input !== 'object') return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The result fields the platform signs (callback and return), built by the simulator. */
export function resultParams(o: { merchant: string; orderId: string; amount: number; transactionId: string; status: 'SUCCESS' | 'FAILED' | 'CANCELLED'; paidAt: Date }): PaygovParams {
  return { version: PAYGOV_VERSION, merchant_code: o.merchant, order_id: o.orderId, amount: String(o.amount), transaction_id: o.transactionId, status: o.status, paid_at: vnpDate(o.paidAt), bank_code: 'NAPAS' };
}

export interface PlatformTransaction {
  orderId: string;
  transactionId: string;
  amount: number;
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'REFUNDED';
  paidAt: string;
}

export class PaygovError extends Error {
  override name = 'PaygovError';
}

async function signedJson(res: Response, secret: string): Promise<unknown> {
  const body = await res.text();
  if (!verifyBody(body, secret, res.headers.get('x-checksum'))) throw new PaygovError(`câu trả lời của nền tảng thanh toán (HTTP ${res.status}) không có chữ ký hợp lệ`);
  return JSON.parse(body) as unknown;
}

export class PaygovGateway implements PaymentGateway {
  readonly id = 'paygov';
  readonly name = 'Nền tảng thanh toán trực tuyến (PayGov)';
  readonly returnPath = PAYGOV_RETURN_PATH;
  constructor(private readonly settings: PaygovSettings) {}

  get formOrigin(): string {
    return new URL(this.settings.url).origin;
  }

  paymentUrl(o: PaymentOrder): string {
    const params = signParams(
      {
        version: PAYGOV_VERSION,
        merchant_code: this.settings.merchant,
        order_id: o.txnRef,
        amount: String(o.amount),
        currency: 'VND',
        description: o.orderInfo,
        return_url: o.returnUrl,
        locale: o.locale === 'en' ? 'en' : 'vi',
        created_at: vnpDate(o.createdAt),
        expires_at: vnpDate(new Date(o.createdAt.getTime() + 15 * 60_000)),
      },
      this.settings.secret,
    );
    return `${this.settings.url}${PAYGOV_PATHS.pay}?${new URLSearchParams(params).toString()}`;
  }

  readCallback(q: PaygovParams): CallbackReading {
    if (!verifyParams(q, this.settings.secret) || q.merchant_code !== this.settings.merchant) return { valid: false };
    return {
      valid: true,
      txnRef: q.order_id ?? '',
      amount: /^\d{1,15}$/.test(q.amount ?? '') ? Number(q.amount) : NaN,
      success: q.status === 'SUCCESS',
      responseCode: q.status ?? '',
      gatewayTxnNo: q.transaction_id || null,
      paidAt: parseVnpDate(q.paid_at) ?? null,
      raw: { ...q },
    };
  }

  answer(kind: keyof typeof IPN_ANSWERS): { code: string; message: string } {
    return PAYGOV_ANSWERS[kind];
  }

  /** The platform's transactions of one day (YYYY-MM-DD, Vietnam time), for reconciliation. */
  async transactions(day: string, now = new Date()): Promise<PlatformTransaction[]> {
    const q = signParams({ merchant_code: this.settings.merchant, date: day, request_time: vnpDate(now) }, this.settings.secret);
    const res = await fetch(`${this.settings.url}${PAYGOV_PATHS.transactions}?${new URLSearchParams(q).toString()}`, { signal: AbortSignal.timeout(15_000) });
    const body = (await signedJson(res, this.settings.secret)) as { transactions?: Record<string, unknown>[] };
    if (!res.ok || !Array.isArray(body.transactions)) throw new PaygovError(`nền tảng thanh toán không trả danh sách giao dịch (HTTP ${res.status})`);
    return body.transactions.map((t) => ({ orderId: String(t.order_id ?? ''), transactionId: String(t.transaction_id ?? ''), amount: Number(t.amount), status: String(t.status) as PlatformTransaction['status'], paidAt: String(t.paid_at ?? '') }));
  }

  /** Asks the platform to refund a paid order in full; the same request id twice is one refund there. */
  async refund(r: { orderId: string; transactionId: string; amount: number; reason: string; requestId: string }, now = new Date()): Promise<{ refundId: string }> {
    const payload = signParams(
      { merchant_code: this.settings.merchant, order_id: r.orderId, transaction_id: r.transactionId, amount: String(r.amount), reason: r.reason, request_id: r.requestId, request_time: vnpDate(now) },
      this.settings.secret,
    );
    const res = await fetch(`${this.settings.url}${PAYGOV_PATHS.refunds}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(15_000) });
    const body = (await signedJson(res, this.settings.secret)) as { code?: string; message?: string; refund_id?: string };
    if (body.code !== '00' || typeof body.refund_id !== 'string') throw new PaygovError(`nền tảng thanh toán từ chối hoàn tiền: ${body.code ?? res.status} ${body.message ?? ''}`.trim());
    return { refundId: body.refund_id };
  }
}
