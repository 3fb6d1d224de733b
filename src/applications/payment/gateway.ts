// A payment gateway behind one small interface (A7): where to send the payer, and how to read
// the gateway's signed answers. VNPAY's 2.1.0 scheme is one implementation;
// the national payment platform (PayGov style, paygov.ts) is another; the payer chooses.
import type { PaymentSettings } from '../../config-payment.ts';
import { IPN_ANSWERS, parseVnpDate, signedQuery, verifySignature, vnpDate, type IpnAnswer, type VnpParams } from './vnpay.ts';

export interface PaymentOrder {
  txnRef: string;
  /** Whole đồng. */
  amount: number;
  /** ASCII text the gateway shows the payer. */
  orderInfo: string;
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  locale?: 'vn' | 'en';
}

/** A callback (browser return or server-to-server notice) after its signature was checked. */
export type CallbackReading =
  | { valid: false }
  | {
      valid: true;
      txnRef: string;
      /** Whole đồng, or NaN when the gateway sent something else. */
      amount: number;
      success: boolean;
      responseCode: string;
      gatewayTxnNo: string | null;
      paidAt: Date | null;
      raw: Record<string, string>;
    };

export interface PaymentGateway {
  readonly id: string;
  /** The name people see ("VNPAY"). */
  readonly name: string;
  paymentUrl(order: PaymentOrder): string;
  readCallback(query: VnpParams): CallbackReading;
  /** The body the gateway expects as the answer to its notice. */
  answer(kind: keyof typeof IPN_ANSWERS): object;
  /** Where the payer's browser comes back, and the origin the payment form posts to (CSP). */
  readonly returnPath: string;
  readonly formOrigin: string;
}

export class VnpayGateway implements PaymentGateway {
  readonly id = 'vnpay';
  readonly name = 'VNPAY';
  readonly returnPath = '/thanh-toan/vnpay/ket-qua';
  constructor(private readonly settings: PaymentSettings) {}

  get formOrigin(): string {
    return new URL(this.settings.url).origin;
  }

  paymentUrl(o: PaymentOrder): string {
    const params: VnpParams = {
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: this.settings.tmnCode,
      // The gateway counts in hundredths of a đồng.
      vnp_Amount: String(o.amount * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: o.txnRef,
      vnp_OrderInfo: o.orderInfo,
      vnp_OrderType: 'other',
      vnp_Locale: o.locale ?? 'vn',
      vnp_ReturnUrl: o.returnUrl,
      vnp_IpAddr: o.ipAddr,
      vnp_CreateDate: vnpDate(o.createdAt),
      vnp_ExpireDate: vnpDate(new Date(o.createdAt.getTime() + 15 * 60_000)),
    };
    const base = this.settings.url;
    return `${base}${base.includes('?') ? '&' : '?'}${signedQuery(params, this.settings.secret)}`;
  }

  readCallback(q: VnpParams): CallbackReading {
    // A notice signed for another merchant is not ours, whatever it says.
    if (!verifySignature(q, this.settings.secret) || q.vnp_TmnCode !== this.settings.tmnCode) return { valid: false };
    const raw = Object.fromEntries(Object.entries(q).filter(([k]) => k.startsWith('vnp_')));
    const cents = /^\d{1,18}$/.test(q.vnp_Amount ?? '') ? Number(q.vnp_Amount) : NaN;
    return {
      valid: true,
      txnRef: q.vnp_TxnRef ?? '',
      amount: Number.isInteger(cents / 100) ? cents / 100 : NaN,
      success: q.vnp_ResponseCode === '00' && (q.vnp_TransactionStatus ?? '00') === '00',
      responseCode: q.vnp_ResponseCode ?? '',
      gatewayTxnNo: q.vnp_TransactionNo || null,
      paidAt: parseVnpDate(q.vnp_PayDate) ?? null,
      raw,
    };
  }

  answer(kind: keyof typeof IPN_ANSWERS): IpnAnswer {
    return IPN_ANSWERS[kind];
  }
}

export function gatewayFor(settings: PaymentSettings | undefined): PaymentGateway | undefined {
  return settings && new VnpayGateway(settings);
}

