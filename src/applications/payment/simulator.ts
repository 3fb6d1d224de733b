// A payment gateway on this machine that speaks the VNPAY 2.1.0 protocol, for the demo and the
// tests (someone else's system, faked over real HTTP): it checks the signed payment URL, shows a
// page with "Thanh toán" and "Hủy giao dịch", calls the merchant's IPN address server to server,
// then sends the browser back to the return URL — both signed with the merchant's secret.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { page, payPage, remember, sendHtml, SimulatedServer } from './sim-http.ts';
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


export class GatewaySimulator extends SimulatedServer<VnpParams> {
  readonly ipnCalls: IpnCall[] = [];
  ipnUrl: string | undefined;
  private txnNo = 14000000;

  constructor(private readonly options: SimulatorOptions) {
    super(options);
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

  /** As the gateway does: the merchant learns the result server to server first, then the browser goes back with it. */
  protected async settle(request: VnpParams, pay: boolean): Promise<[string, string]> {
    const query = this.resultQuery(request, pay);
    if (this.ipnUrl) await this.notify(query).catch(() => undefined);
    return [request.vnp_ReturnUrl ?? '/', query];
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

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const html = (status: number, body: string) => sendHtml(res, status, body);
    if (req.method === 'GET' && url.pathname === PATH) {
      const q = vnpParamsOf(Object.fromEntries(url.searchParams));
      if (q.vnp_TmnCode !== this.options.tmnCode) return html(400, page('Giao dịch không hợp lệ', '<p>Mã website (vnp_TmnCode) không tồn tại (mã lỗi 02).</p>'));
      if (!verifySignature(q, this.options.secret)) return html(400, page('Giao dịch không hợp lệ', '<p>Sai chữ ký (mã lỗi 70).</p>'));
      const amount = Number(q.vnp_Amount) / 100;
      const facts = [['Đơn vị chấp nhận thanh toán', q.vnp_TmnCode ?? ''], ['Số tiền', `${amount.toLocaleString('vi-VN')} VND`], ['Nội dung', q.vnp_OrderInfo ?? ''], ['Mã tham chiếu', q.vnp_TxnRef ?? '']] as const;
      return html(200, payPage('Cổng thanh toán mô phỏng (VNPAY 2.1.0)', 'cổng thanh toán', facts, '/paymentv2/confirm', remember(this.pending, q)));
    }
    if (req.method === 'POST' && url.pathname === '/paymentv2/confirm') return this.confirm(req, res);
    html(404, page('Không tìm thấy', '<p>Không có trang này.</p>'));
  }
}
