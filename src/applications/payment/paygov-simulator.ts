// The national payment platform on this machine (PayGov style, the protocol of paygov.ts), for
// the demo and the tests — someone else's system, faked over real HTTP: it checks the signed
// payment request, shows a page with "Thanh toán" and "Hủy giao dịch" that posts back, calls the
// merchant's callback server to server, sends the browser back signed; it lists a day's
// transactions for reconciliation and takes refunds. Switches: `badSignature` (the callback and
// the return carry a wrong checksum) and `alter()` (its own record of a transaction differs, for
// the reconciliation to find).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { page, payPage, readBody, remember, sendHtml, SimulatedServer } from './sim-http.ts';
import { vietnamDay } from '../../web/format.ts';
import { CALLBACK_PATH, hmac, PAYGOV_PATHS, PAYGOV_RETURN_PATH, paygovParamsOf, resultParams, signParams, verifyParams, type PaygovParams, type PlatformTransaction } from './paygov.ts';
import { vnpDate } from './vnpay.ts';

export interface PaygovSimulatorOptions {
  merchant: string;
  secret: string;
  /** The merchant's callback address (registered with the platform, not sent in the request). */
  callbackUrl?: string;
  port?: number;
  host?: string;
}

interface Txn extends PlatformTransaction {
  at: Date;
}

export class PaygovSimulator extends SimulatedServer<PaygovParams> {
  readonly callbacks: { status: number; body: string }[] = [];
  readonly refunds: { orderId: string; amount: number; reason: string; requestId: string }[] = [];
  readonly transactions = new Map<string, Txn>();
  callbackUrl: string | undefined;
  /** Send the callback and the return with a wrong checksum. */
  badSignature = false;
  private seq = 50_000_000;

  constructor(private readonly options: PaygovSimulatorOptions) {
    super(options);
    this.callbackUrl = options.callbackUrl;
  }

  /** What `dvctt paygov-simulator` prints: its address and the settings the portal needs. */
  startMessage(publicUrl: string): string {
    const { merchant, secret } = this.options;
    return (
      `Nền tảng thanh toán trực tuyến mô phỏng (PayGov) đang chạy tại ${this.base}\n` +
      `Người nộp được đưa về ${publicUrl}${PAYGOV_RETURN_PATH}; thông báo kết quả gửi đến ${this.callbackUrl ?? '(chưa đặt)'}\n` +
      `Chạy cổng dịch vụ công với:\n  PUBLIC_URL=${publicUrl} DVCTT_PAYGOV_URL=${this.base} DVCTT_PAYGOV_MERCHANT=${merchant} DVCTT_PAYGOV_SECRET=${secret} npm start\n`
    );
  }

  /** The signed result of a payment request (for the callback and the return). */
  result(request: PaygovParams, pay: boolean, now = new Date()): PaygovParams {
    this.seq += 1;
    const transactionId = `PG${this.seq}`;
    const amount = Number(request.amount);
    if (pay) this.transactions.set(request.order_id ?? '', { orderId: request.order_id ?? '', transactionId, amount, status: 'SUCCESS', paidAt: vnpDate(now), at: now });
    const params = signParams(resultParams({ merchant: this.options.merchant, orderId: request.order_id ?? '', amount, transactionId, status: pay ? 'SUCCESS' : 'CANCELLED', paidAt: now }), this.options.secret);
    return this.badSignature ? { ...params, checksum: hmac('forged', 'not-the-secret') } : params;
  }

  /** The merchant learns the result server to server first, then the browser goes back with it. */
  protected async settle(request: PaygovParams, pay: boolean): Promise<[string, string]> {
    const result = this.result(request, pay);
    if (this.callbackUrl) await this.notify(result).catch(() => undefined);
    return [request.return_url ?? '/', new URLSearchParams(result).toString()];
  }

  /** Posts a signed result to the merchant's callback, as the platform does. */
  async notify(params: PaygovParams): Promise<{ status: number; body: string }> {
    if (!this.callbackUrl) throw new Error('the simulator has no callback address');
    const res = await fetch(this.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
    const call = { status: res.status, body: await res.text() };
    this.callbacks.push(call);
    return call;
  }

  /** Makes the platform's own record of an order differ (amount or status), for reconciliation tests and demos. */
  alter(orderId: string, change: Partial<Pick<PlatformTransaction, 'amount' | 'status'>>): void {
    const t = this.transactions.get(orderId);
    if (!t) throw new Error(`no transaction for order ${orderId}`);
    Object.assign(t, change);
  }

  private signedJson(res: ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-checksum': hmac(body, this.options.secret) }).end(body);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const html = (status: number, body: string) => sendHtml(res, status, body);
    const { merchant, secret } = this.options;
    if (req.method === 'GET' && url.pathname === PAYGOV_PATHS.pay) {
      const q = paygovParamsOf(Object.fromEntries(url.searchParams));
      if (q.merchant_code !== merchant) return html(400, page('Giao dịch không hợp lệ', '<p>Mã đơn vị chấp nhận thanh toán không tồn tại.</p>'));
      if (!verifyParams(q, secret)) return html(400, page('Giao dịch không hợp lệ', '<p>Sai chữ ký (checksum).</p>'));
      const facts = [['Đơn vị chấp nhận thanh toán', q.merchant_code ?? ''], ['Số tiền', `${Number(q.amount).toLocaleString('vi-VN')} VND`], ['Nội dung', q.description ?? ''], ['Mã đơn hàng', q.order_id ?? '']] as const;
      return html(200, payPage('Nền tảng thanh toán trực tuyến mô phỏng (PayGov)', 'nền tảng thanh toán', facts, '/pay/confirm', remember(this.pending, q)));
    }
    if (req.method === 'POST' && url.pathname === '/pay/confirm') return this.confirm(req, res);
    if (req.method === 'GET' && url.pathname === PAYGOV_PATHS.transactions) {
      const q = paygovParamsOf(Object.fromEntries(url.searchParams));
      if (q.merchant_code !== merchant || !verifyParams(q, secret)) return this.signedJson(res, 401, { code: '97', message: 'Invalid checksum' });
      const list = [...this.transactions.values()].filter((t) => vietnamDay(t.at) === q.date);
      return this.signedJson(res, 200, { merchant_code: merchant, date: q.date, transactions: list.map((t) => ({ order_id: t.orderId, transaction_id: t.transactionId, amount: t.amount, status: t.status, paid_at: t.paidAt })) });
    }
    if (req.method === 'POST' && url.pathname === PAYGOV_PATHS.refunds) {
      let body: PaygovParams;
      try {
        body = paygovParamsOf(JSON.parse(await readBody(req)));
      } catch {
        return this.signedJson(res, 400, { code: '99', message: 'Bad request' });
      }
      if (body.merchant_code !== merchant || !verifyParams(body, secret)) return this.signedJson(res, 401, { code: '97', message: 'Invalid checksum' });
      const t = this.transactions.get(body.order_id ?? '');
      if (!t || t.transactionId !== body.transaction_id || String(t.amount) !== body.amount) return this.signedJson(res, 404, { code: '01', message: 'Transaction not found' });
      const done = this.refunds.find((r) => r.requestId === body.request_id);
      if (!done) {
        if (t.status !== 'SUCCESS') return this.signedJson(res, 409, { code: '02', message: 'Transaction not refundable' });
        t.status = 'REFUNDED';
        this.refunds.push({ orderId: t.orderId, amount: t.amount, reason: body.reason ?? '', requestId: body.request_id ?? '' });
      }
      return this.signedJson(res, 200, { code: '00', message: 'Refunded', refund_id: `RF-${body.request_id}`, order_id: t.orderId, amount: String(t.amount) });
    }
    html(404, page('Không tìm thấy', '<p>Không có trang này.</p>'));
  }
}

/** The callback address the simulator calls: the portal's PUBLIC_URL and the fixed path. */
export const callbackUrlOf = (publicUrl: string) => `${publicUrl}${CALLBACK_PATH}`;
