// Refunds of paid fees (A7): an officer who may process the application refunds a payment in
// full with a reason. Through the payment platform the platform's refund call comes first (the
// payment's id is the request id, so a repeat is one refund there); a bank transfer is returned
// by the agency's accountant and only recorded here. Then, in one transaction, the refund row,
// the receipt marked refunded and the audit entry — or nothing.
import type { DB } from '../../db/index.ts';
import { audit } from '../../identity/index.ts';
import type { Outcome } from '../../web/problem.ts';
import type { PaymentGateway } from './gateway.ts';
import { PaygovError, PaygovGateway } from './paygov.ts';

export type RefundProblem = 'REFUND_REASON_REQUIRED' | 'REFUND_NOT_PAID' | 'REFUND_DONE' | 'REFUND_UNSUPPORTED' | 'REFUND_PLATFORM';

/** Status and sentences of refund problems (Vietnamese first). */
export const REFUND_PROBLEMS: Record<RefundProblem, { status: number; vi: string; en: string }> = {
  REFUND_REASON_REQUIRED: { status: 400, vi: 'Hãy ghi lý do hoàn tiền.', en: 'Give the reason for the refund.' },
  REFUND_NOT_PAID: { status: 409, vi: 'Khoản thanh toán này không ở trạng thái đã thanh toán; không có gì được thay đổi.', en: 'This payment is not paid; nothing was changed.' },
  REFUND_DONE: { status: 409, vi: 'Khoản thanh toán này đã được hoàn tiền trước đó.', en: 'This payment was already refunded.' },
  REFUND_UNSUPPORTED: { status: 409, vi: 'Cổng thanh toán này chưa kết nối chức năng hoàn tiền; hãy hoàn tiền qua cổng thanh toán rồi ghi nhận theo quy trình kế toán.', en: 'Refunds through this gateway are not connected.' },
  REFUND_PLATFORM: { status: 502, vi: 'Nền tảng thanh toán không thực hiện được việc hoàn tiền; không có gì được thay đổi, hãy thử lại sau.', en: 'The payment platform could not refund; nothing was changed.' },
};

export interface RefundRequest {
  applicationCode: string;
  paymentId: string;
  reason: string;
  officer: { id: string; username: string };
  ip?: string;
}

export async function refundPayment(db: DB, gateways: readonly PaymentGateway[], r: RefundRequest, log?: { warn: (o: object, m: string) => void }): Promise<Outcome<{ receipt: string | null }, RefundProblem>> {
  const fail = (code: RefundProblem): Outcome<{ receipt: string | null }, RefundProblem> => ({ ok: false, problem: { code, field: 'reason' } });
  const reason = r.reason.trim();
  if (!reason) return fail('REFUND_REASON_REQUIRED');
  const p = await db
    .selectFrom('payment')
    .innerJoin('application', 'application.id', 'payment.application_id')
    .leftJoin('payment_refund', 'payment_refund.payment_id', 'payment.id')
    .select(['payment.id', 'payment.amount', 'payment.gateway', 'payment.txn_ref', 'payment.gateway_txn_no', 'payment.status', 'application.agency_code', 'payment_refund.id as refundId'])
    .where('payment.id', '=', r.paymentId)
    .where('application.code', '=', r.applicationCode)
    .executeTakeFirst();
  if (!p || p.status !== 'paid') return fail('REFUND_NOT_PAID');
  if (p.refundId) return fail('REFUND_DONE');
  let gatewayRefundId: string | null = null;
  if (p.gateway !== 'transfer') {
    const g = gateways.find((x) => x.id === p.gateway);
    if (!(g instanceof PaygovGateway) || !p.gateway_txn_no) return fail('REFUND_UNSUPPORTED');
    try {
      gatewayRefundId = (await g.refund({ orderId: p.txn_ref, transactionId: p.gateway_txn_no, amount: Number(p.amount), reason: reason.slice(0, 255), requestId: p.id })).refundId;
    } catch (err) {
      if (!(err instanceof PaygovError) && !(err instanceof Error && (err.name === 'TimeoutError' || err.name === 'TypeError' || err.name === 'SyntaxError'))) throw err;
      log?.warn({ err, payment: p.id }, 'payment platform refused the refund');
      return fail('REFUND_PLATFORM');
    }
  }
  return db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('payment').select('id').where('id', '=', p.id).forUpdate().executeTakeFirstOrThrow();
    const done = await trx.selectFrom('payment_refund').select('id').where('payment_id', '=', locked.id).executeTakeFirst();
    if (done) return fail('REFUND_DONE');
    const now = new Date();
    await trx.insertInto('payment_refund').values({ payment_id: p.id, amount: p.amount, reason, officer_id: r.officer.id, gateway_refund_id: gatewayRefundId }).execute();
    const receipt = await trx.updateTable('payment_receipt').set({ refunded_at: now, refund_reason: reason }).where('payment_id', '=', p.id).returning('number').executeTakeFirst();
    await audit(trx, {
      actor: r.officer,
      action: 'payment-refund',
      targetType: 'application',
      targetId: r.applicationCode,
      agencyCode: p.agency_code,
      ip: r.ip,
      details: { payment: p.txn_ref, amount: Number(p.amount), gateway: p.gateway, receipt: receipt?.number ?? null, refund: gatewayRefundId, reason },
    });
    return { ok: true as const, value: { receipt: receipt?.number ?? null } };
  });
}

/** Which payments of an application were refunded (payment id → when and why). */
export async function refundsOf(db: DB, applicationId: string): Promise<Map<string, { at: Date; reason: string }>> {
  const rows = await db
    .selectFrom('payment_refund')
    .innerJoin('payment', 'payment.id', 'payment_refund.payment_id')
    .select(['payment_refund.payment_id', 'payment_refund.created_at', 'payment_refund.reason'])
    .where('payment.application_id', '=', applicationId)
    .execute();
  return new Map(rows.map((r) => [r.payment_id, { at: r.created_at, reason: r.reason }]));
}
