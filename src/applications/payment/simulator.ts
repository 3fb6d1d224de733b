// A payment gateway on this machine that speaks the VNPAY 2.1.0 protocol, for the demo and the
// tests (someone else's system, faked over real HTTP): it checks the signed payment URL, shows a
// page with "Thanh toán" and "Hủy giao dịch", calls the merchant's IPN address server to server,
// then sends the browser back to the return URL — both signed with the merchant's secret.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { close, esc, listen, page, readBody } from './sim-http.ts';
import { signedQuery, verifySignature, vnpDate, vnpParamsOf, type VnpParams } from './vnpay.ts';
import { RETURN_PATH } from './routes.ts';

export interface SimulatorOptions {
  tmnCode: string;
  secret: string;
  /** The merchant's IPN address (registered with the gateway, never sent in the payment URL). */
  ipnUrl?: string;
  port?: number;
  host?: string;
}

export interface IpnCall {
  url: string;
  status: number;
  body: string;
}

const PATH = '/paymentv2/vpcpay.html';




export class GatewaySimulator {
  readonly ipnCalls: IpnCall[] = [];
  ipnUrl: string | undefined;
  private server: Server | undefined;
  private readonly pending = new Map<string, VnpParams>();
  private txnNo = 14000000;
  base = '';

  constructor(private readonly options: SimulatorOptions) {
    this.ipnUrl = options.ipnUrl;
  }

  /** The payment page's address, for DVCTT_PAYMENT_URL. */
  get paymentUrl(): string {
    return `${this.base}${PATH}`;
  }

  /**
   * What `dvctt payment-simulator` prints: its own address, and the portal's PUBLIC_URL, where
   * the gateway sends people back and its IPN — the portal must run with that same PUBLIC_URL.
   */
  startMessage(publicUrl: string): string {
    const { tmnCode, secret } = this.options;
    return (
      `Cổng thanh toán mô phỏng đang chạy tại ${this.paymentUrl}\n` +
      `Sau khi thanh toán, người dùng được đưa về ${publicUrl}${RETURN_PATH}; IPN gửi đến ${this.ipnUrl ?? '(chưa đặt)'}\n` +
      `Chạy cổng dịch vụ công với:\n` +
      `  PUBLIC_URL=${publicUrl} DVCTT_PAYMENT_URL=${this.paymentUrl} DVCTT_PAYMENT_TMN_CODE=${tmnCode} DVCTT_PAYMENT_SECRET=${secret} npm start\n`
    );
  }

  async start(): Promise<this> {
    ({ server: this.server, base: this.base } = await listen((req, res) => this.handle(req, res), this.options.port, this.options.host));
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server);
  }

  /** The signed result the gateway sends for a payment request, as a query string. */
  resultQuery(request: VnpParams, pay: boolean, now = new Date()): string {
    this.txnNo += 1;
    const result: VnpParams = {
      vnp_TmnCode: request.vnp_TmnCode ?? '',
      vnp_Amount: request.vnp_Amount ?? '',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: pay ? `VNP${this.txnNo}` : '',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: request.vnp_OrderInfo ?? '',
      vnp_PayDate: vnpDate(now),
      vnp_ResponseCode: pay ? '00' : '24',
      vnp_TransactionNo: pay ? String(this.txnNo) : '0',
      vnp_TransactionStatus: pay ? '00' : '02',
      vnp_TxnRef: request.vnp_TxnRef ?? '',
    };
    return signedQuery(result, this.options.secret);
  }

  /** Calls the merchant's IPN address with a signed result, as the gateway does. */
  async notify(query: string): Promise<IpnCall> {
    if (!this.ipnUrl) throw new Error('the simulator has no IPN address');
    const url = `${this.ipnUrl}${this.ipnUrl.includes('?') ? '&' : '?'}${query}`;
    const res = await fetch(url);
    const call = { url, status: res.status, body: await res.text() };
    this.ipnCalls.push(call);
    return call;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const html = (status: number, body: string): void => void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (req.method === 'GET' && url.pathname === PATH) {
      const q = vnpParamsOf(Object.fromEntries(url.searchParams));
      if (q.vnp_TmnCode !== this.options.tmnCode) return html(400, page('Giao dịch không hợp lệ', '<p>Mã website (vnp_TmnCode) không tồn tại (mã lỗi 02).</p>'));
      if (!verifySignature(q, this.options.secret)) return html(400, page('Giao dịch không hợp lệ', '<p>Sai chữ ký (mã lỗi 70).</p>'));
      const amount = Number(q.vnp_Amount) / 100;
      const token = randomBytes(12).toString('hex');
      this.pending.set(token, q);
      return html(
        200,
        page(
          'Cổng thanh toán mô phỏng (VNPAY 2.1.0)',
          `<p>Đây là cổng thanh toán mô phỏng để thử nghiệm; không có tiền thật được chuyển.</p>
<dl><dt>Đơn vị chấp nhận thanh toán</dt><dd>${esc(q.vnp_TmnCode)}</dd><dt>Số tiền</dt><dd>${esc(amount.toLocaleString('vi-VN'))} VND</dd><dt>Nội dung</dt><dd>${esc(q.vnp_OrderInfo ?? '')}</dd><dt>Mã tham chiếu</dt><dd>${esc(q.vnp_TxnRef ?? '')}</dd></dl>
<form method="post" action="/paymentv2/confirm"><input type="hidden" name="token" value="${token}">
<button type="submit" name="action" value="pay">Thanh toán</button>
<button type="submit" name="action" value="cancel">Hủy giao dịch</button></form>`,
        ),
      );
    }
    if (req.method === 'POST' && url.pathname === '/paymentv2/confirm') {
      const form = new URLSearchParams(await readBody(req));
      const request = this.pending.get(form.get('token') ?? '');
      if (!request) return html(400, page('Giao dịch không hợp lệ', '<p>Phiên thanh toán đã hết hạn.</p>'));
      this.pending.delete(form.get('token') ?? '');
      const query = this.resultQuery(request, form.get('action') === 'pay');
      // As the gateway does: the merchant learns the result server to server first.
      if (this.ipnUrl) await this.notify(query).catch(() => undefined);
      const back = request.vnp_ReturnUrl ?? '/';
      res.writeHead(302, { location: `${back}${back.includes('?') ? '&' : '?'}${query}` }).end();
      return;
    }
    html(404, page('Không tìm thấy', '<p>Không có trang này.</p>'));
  }
}
