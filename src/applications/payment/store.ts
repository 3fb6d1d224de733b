// Fees and payments in PostgreSQL (A7). The gateway's server-to-server notice is the source of
// truth: it is checked, matched to one pending payment under a row lock, and pays it at most once
// — the fee settled, its electronic receipt numbered and the application back to processing in
// the same transaction.
import type { DB } from '../../db/index.ts';
import { transition } from '../transitions.ts';
import { Refusal, refusing, type ApplicationProblem } from '../problems.ts';
import type { Outcome } from '../../web/problem.ts';
import type { CallbackReading, PaymentGateway } from './gateway.ts';
import { formatVnd } from './model.ts';
import { issueReceipt } from './receipts.ts';
import type { IPN_ANSWERS } from './vnpay.ts';

export interface Fee {
  id: string;
  amount: number;
  catalogAmount: number;
  reason: string | null;
  state: 'open' | 'paid' | 'cancelled';
  requestedAt: Date;
  settledAt: Date | null;
}

export interface Payment {
  id: string;
  amount: number;
  gateway: string;
  txnRef: string;
  status: 'pending' | 'paid' | 'failed';
  gatewayTxnNo: string | null;
  responseCode: string | null;
  paidAt: Date | null;
  createdAt: Date;
  /** When an officer refunded it (payment_refund), else null. */
  refundedAt?: Date | null;
}

/** The fee an application is asked to pay now, or else the latest one. */
export async function currentFee(db: DB, applicationId: string): Promise<Fee | undefined> {
  const row = await db
    .selectFrom('application_fee')
    .select(['id', 'amount', 'catalog_amount', 'reason', 'state', 'requested_at', 'settled_at'])
    .where('application_id', '=', applicationId)
    .orderBy((eb) => eb.case().when('state', '=', 'open').then(0).else(1).end())
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, amount: Number(row.amount), catalogAmount: Number(row.catalog_amount), reason: row.reason, state: row.state, requestedAt: row.requested_at, settledAt: row.settled_at };
}

export async function paymentsOf(db: DB, applicationId: string): Promise<Payment[]> {
  const rows = await db
    .selectFrom('payment')
    .leftJoin('payment_refund', 'payment_refund.payment_id', 'payment.id')
    .select(['payment.id', 'payment.amount', 'payment.gateway', 'payment.txn_ref', 'payment.status', 'payment.gateway_txn_no', 'payment.response_code', 'payment.paid_at', 'payment.created_at', 'payment_refund.created_at as refunded_at'])
    .where('payment.application_id', '=', applicationId)
    .orderBy('payment.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, amount: Number(r.amount), gateway: r.gateway, txnRef: r.txn_ref, status: r.status, gatewayTxnNo: r.gateway_txn_no, responseCode: r.response_code, paidAt: r.paid_at, createdAt: r.created_at, refundedAt: r.refunded_at }));
}

/** An officer asks for the fee (status 6): the amount is kept with the status change, or neither is. */
export async function requestFee(
  db: DB,
  code: string,
  officer: { id: string; name: string },
  fee: { amount: number; catalogAmount: number; reason: string },
): Promise<Outcome<void, ApplicationProblem>> {
  return refusing(() =>
    db.transaction().execute(async (trx) => {
      const app = await trx.selectFrom('application').select('id').where('code', '=', code).forUpdate().executeTakeFirst();
      if (!app) throw new Refusal({ code: 'NOT_FOUND', params: { code } });
      const now = new Date();
      await trx.updateTable('application_fee').set({ state: 'cancelled', settled_at: now }).where('application_id', '=', app.id).where('state', '=', 'open').execute();
      await trx
        .insertInto('application_fee')
        .values({ application_id: app.id, amount: fee.amount, catalog_amount: fee.catalogAmount, reason: fee.reason.trim() || null, requested_by: officer.id })
        .execute();
      const note = `Số tiền phải nộp: ${formatVnd(fee.amount)}.${fee.reason.trim() ? ` ${fee.reason.trim()}` : ''}`;
      const moved = await transition(trx, code, 6, 'officer', officer, note);
      if (!moved.ok) throw new Refusal(moved.problem);
    }),
  );
}

/** A new attempt to pay the open fee through a gateway; the merchant reference identifies it. */
export async function startPayment(db: DB, p: { applicationId: string; feeId: string; amount: number; gateway: string; txnRef: string }): Promise<void> {
  await db.insertInto('payment').values({ application_id: p.applicationId, fee_id: p.feeId, amount: p.amount, gateway: p.gateway, txn_ref: p.txnRef }).execute();
}

export async function paymentByRef(db: DB, txnRef: string): Promise<(Payment & { applicationCode: string }) | undefined> {
  const r = await db
    .selectFrom('payment')
    .innerJoin('application', 'application.id', 'payment.application_id')
    .select(['payment.id', 'payment.amount', 'payment.gateway', 'payment.txn_ref', 'payment.status', 'payment.gateway_txn_no', 'payment.response_code', 'payment.paid_at', 'payment.created_at', 'application.code'])
    .where('payment.txn_ref', '=', txnRef.slice(0, 100))
    .executeTakeFirst();
  return r && { id: r.id, amount: Number(r.amount), gateway: r.gateway, txnRef: r.txn_ref, status: r.status, gatewayTxnNo: r.gateway_txn_no, responseCode: r.response_code, paidAt: r.paid_at, createdAt: r.created_at, applicationCode: r.code };
}

/**
 * The gateway's notice (IPN). Bad signature: nothing changes. Unknown reference, other amount:
 * refused. Already settled: answered as such, nothing changes (a replay pays once).
 */
export async function settle(db: DB, gateway: PaymentGateway, reading: CallbackReading, now = new Date()): Promise<keyof typeof IPN_ANSWERS> {
  if (!reading.valid) return 'badSignature';
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('payment')
      .innerJoin('application_fee', 'application_fee.id', 'payment.fee_id')
      .innerJoin('application', 'application.id', 'payment.application_id')
      .select(['payment.id', 'payment.amount', 'payment.status', 'payment.fee_id', 'payment.gateway', 'application_fee.state as feeState', 'application.code', 'application.status as appStatus'])
      .where('payment.txn_ref', '=', reading.txnRef.slice(0, 100))
      .forUpdate()
      .executeTakeFirst();
    if (!p || p.gateway !== gateway.id) return 'notFound';
    if (Number(p.amount) !== reading.amount) return 'badAmount';
    if (p.status !== 'pending') return 'alreadyConfirmed';
    if (!reading.success) {
      await trx.updateTable('payment').set({ status: 'failed', response_code: reading.responseCode, gateway_txn_no: reading.gatewayTxnNo, raw_callback: JSON.stringify(reading.raw), updated_at: now }).where('id', '=', p.id).execute();
      return 'ok';
    }
    await trx
      .updateTable('payment')
      .set({ status: 'paid', response_code: reading.responseCode, gateway_txn_no: reading.gatewayTxnNo, paid_at: reading.paidAt ?? now, raw_callback: JSON.stringify(reading.raw), updated_at: now })
      .where('id', '=', p.id)
      .execute();
    await issueReceipt(trx, p.id, now);
    // A fee paid twice (two attempts both completed) is recorded; the application moves once.
    if (p.feeState === 'open') {
      await trx.updateTable('application_fee').set({ state: 'paid', settled_at: now }).where('id', '=', p.fee_id).execute();
      if (p.appStatus === 6) {
        const note = `Đã thanh toán ${formatVnd(Number(p.amount))} qua ${gateway.name} (mã giao dịch ${reading.gatewayTxnNo ?? reading.txnRef}).`;
        const moved = await transition(trx, p.code, 4, 'system', null, note);
        if (!moved.ok) throw new Error(`payment ${reading.txnRef}: ${new Refusal(moved.problem).message}`);
      }
    }
    return 'ok';
  });
}

/** An officer confirms that a bank transfer of the open fee has arrived. */
export async function confirmTransfer(db: DB, code: string, officer: { id: string; name: string }, reference: string, now = new Date()): Promise<Outcome<void, ApplicationProblem>> {
  return db.transaction().execute(async (trx): Promise<Outcome<void, ApplicationProblem>> => {
    const app = await trx.selectFrom('application').select(['id', 'status']).where('code', '=', code).forUpdate().executeTakeFirst();
    const fee = app && (await trx.selectFrom('application_fee').select(['id', 'amount']).where('application_id', '=', app.id).where('state', '=', 'open').executeTakeFirst());
    if (!app || app.status !== 6 || !fee) return { ok: false, problem: { code: 'NOT_AWAITING_FEE', field: 'reference' } };
    const payment = await trx
      .insertInto('payment')
      .values({ application_id: app.id, fee_id: fee.id, amount: fee.amount, gateway: 'transfer', txn_ref: `CK-${fee.id}`, status: 'paid', gateway_txn_no: reference.trim() || null, paid_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await issueReceipt(trx, payment.id, now);
    await trx.updateTable('application_fee').set({ state: 'paid', settled_at: now }).where('id', '=', fee.id).execute();
    const note = `Đã nhận chuyển khoản ${formatVnd(Number(fee.amount))}${reference.trim() ? ` (tham chiếu ${reference.trim()})` : ''}.`;
    const moved = await transition(trx, code, 4, 'system', officer, note);
    if (!moved.ok) throw new Refusal(moved.problem);
    return { ok: true, value: undefined };
  });
}
