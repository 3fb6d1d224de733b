// Electronic receipts (biên lai điện tử, A7): one per paid payment, written in the transaction
// that settles it. The number comes from the agency's series for the year: the series row is
// taken under its lock (INSERT … ON CONFLICT DO UPDATE), so concurrent payments queue on it and a
// rolled-back payment gives its number back — no gaps, no number twice.
import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/index.ts';
import { applicationsJoined } from '../../db/joins.ts';
import { vietnamYear } from '../../web/format.ts';

export interface Receipt {
  number: string;
  /** Ký hiệu: the agency's series of the year. */
  series: string;
  seq: number;
  lookupCode: string;
  payerName: string;
  amount: number;
  feeName: string;
  gateway: string;
  gatewayTxnNo: string | null;
  paidAt: Date;
  agencyCode: string;
  agencyName: string;
  applicationCode: string;
  refundedAt: Date | null;
  refundReason: string | null;
}

/** "BL-SYT-2026": the series; "BL-SYT-2026-0000001": the number (letters and digits of the agency code only). */
export function seriesOf(agencyCode: string, year: number): string {
  return `BL-${agencyCode.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 20)}-${year}`;
}
export const receiptNumber = (series: string, seq: number): string => `${series}-${String(seq).padStart(7, '0')}`;

/** 12 characters without 0/O/1/I, for looking the receipt up without an account. */
export function lookupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(12)].map((b) => alphabet[b % 32]).join('');
}

/** Issues the receipt of a paid payment inside the caller's transaction; a payment has one at most. */
export async function issueReceipt(trx: DB, paymentId: string, now = new Date()): Promise<string> {
  const p = await applicationsJoined(trx)
    .innerJoin('payment', 'payment.application_id', 'a.id')
    .innerJoin('application_fee', 'application_fee.id', 'payment.fee_id')
    .leftJoin('payment_receipt', 'payment_receipt.payment_id', 'payment.id')
    .select(['payment.id', 'payment.amount', 'payment.gateway', 'payment.gateway_txn_no', 'payment.paid_at', 'a.id as applicationId', 'a.agency_code', 's.name as serviceName', 'p.full_name', 'application_fee.reason', 'payment_receipt.number'])
    .where('payment.id', '=', paymentId)
    .executeTakeFirstOrThrow();
  if (p.number) return p.number;
  const paidAt = p.paid_at ?? now;
  const year = vietnamYear(paidAt);
  const { last_number: seq } = await trx
    .insertInto('receipt_series')
    .values({ agency_code: p.agency_code, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['agency_code', 'year']).doUpdateSet((eb) => ({ last_number: eb('receipt_series.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const number = receiptNumber(seriesOf(p.agency_code, year), seq);
  await trx
    .insertInto('payment_receipt')
    .values({
      payment_id: p.id,
      application_id: p.applicationId,
      agency_code: p.agency_code,
      year,
      seq,
      number,
      lookup_code: lookupCode(),
      payer_name: p.full_name,
      amount: p.amount,
      fee_name: `Phí, lệ phí thủ tục "${p.serviceName}"${p.reason ? ` (${p.reason})` : ''}`.slice(0, 1000),
      gateway: p.gateway,
      gateway_txn_no: p.gateway_txn_no,
      paid_at: paidAt,
    })
    .execute();
  return number;
}

function receiptQuery(db: DB) {
  return db
    .selectFrom('payment_receipt as r')
    .innerJoin('agency', 'agency.code', 'r.agency_code')
    .innerJoin('application', 'application.id', 'r.application_id')
    .select(['r.number', 'r.seq', 'r.year', 'r.lookup_code', 'r.payer_name', 'r.amount', 'r.fee_name', 'r.gateway', 'r.gateway_txn_no', 'r.paid_at', 'r.agency_code', 'agency.name as agencyName', 'application.code', 'r.refunded_at', 'r.refund_reason']);
}
type ReceiptRow = Awaited<ReturnType<ReturnType<typeof receiptQuery>['executeTakeFirstOrThrow']>>;
const toReceipt = (r: ReceiptRow): Receipt => ({
  number: r.number,
  series: seriesOf(r.agency_code, r.year),
  seq: r.seq,
  lookupCode: r.lookup_code,
  payerName: r.payer_name,
  amount: Number(r.amount),
  feeName: r.fee_name,
  gateway: r.gateway,
  gatewayTxnNo: r.gateway_txn_no,
  paidAt: r.paid_at,
  agencyCode: r.agency_code,
  agencyName: r.agencyName,
  applicationCode: r.code,
  refundedAt: r.refunded_at,
  refundReason: r.refund_reason,
});

export async function receiptsOf(db: DB, applicationId: string): Promise<Receipt[]> {
  return (await receiptQuery(db).where('r.application_id', '=', applicationId).orderBy('r.paid_at').orderBy('r.seq').execute()).map(toReceipt);
}

export async function receiptOf(db: DB, applicationId: string, number: string): Promise<Receipt | undefined> {
  const r = await receiptQuery(db).where('r.application_id', '=', applicationId).where('r.number', '=', number.slice(0, 60)).executeTakeFirst();
  return r && toReceipt(r);
}
