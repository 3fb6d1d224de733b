// The daily reconciliation with the national payment platform (A7): the platform's list of a
// day's transactions against the payments dvctt recorded through it; every difference listed —
// paid there but not here, paid here but unknown there, another amount, refunded on one side only.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { formatVnd } from './model.ts';
import type { PaygovGateway, PlatformTransaction } from './paygov.ts';

export interface Difference {
  orderId: string;
  kind: 'missing-here' | 'missing-there' | 'amount' | 'status';
  text: string;
}

export interface Reconciliation {
  day: string;
  platformCount: number;
  ourCount: number;
  differences: Difference[];
}

interface Ours {
  txnRef: string;
  amount: number;
  status: string;
  refunded: boolean;
  code: string;
}

async function ourPayments(db: DB, day: string, refs: string[]): Promise<Ours[]> {
  // The day's paid payments (Vietnam time), and any payment the platform's list names.
  const rows = await db
    .selectFrom('payment')
    .innerJoin('application', 'application.id', 'payment.application_id')
    .leftJoin('payment_refund', 'payment_refund.payment_id', 'payment.id')
    .select(['payment.txn_ref', 'payment.amount', 'payment.status', 'payment_refund.id as refundId', 'application.code'])
    .where('payment.gateway', '=', 'paygov')
    .where((eb) =>
      eb.or([
        eb.and([eb('payment.status', '=', 'paid'), eb(sql<string>`to_char(payment.paid_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`, '=', day)]),
        ...(refs.length ? [eb('payment.txn_ref', 'in', refs)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ txnRef: r.txn_ref, amount: Number(r.amount), status: r.status, refunded: r.refundId !== null, code: r.code }));
}

/** Compares the two lists; pure, so every kind of difference is unit-testable. */
export function compare(day: string, platform: PlatformTransaction[], ours: Ours[], paidThatDay: (o: Ours) => boolean): Reconciliation {
  const differences: Difference[] = [];
  const byRef = new Map(ours.map((o) => [o.txnRef, o]));
  const seen = new Set<string>();
  for (const t of platform.filter((x) => x.status === 'SUCCESS' || x.status === 'REFUNDED')) {
    seen.add(t.orderId);
    const o = byRef.get(t.orderId);
    if (!o) differences.push({ orderId: t.orderId, kind: 'missing-here', text: `Nền tảng ghi nhận giao dịch ${t.transactionId} (${formatVnd(t.amount)}) cho đơn hàng ${t.orderId}, cổng không có đơn hàng này.` });
    else if (o.status !== 'paid') differences.push({ orderId: t.orderId, kind: 'missing-here', text: `Nền tảng đã thu ${formatVnd(t.amount)} (giao dịch ${t.transactionId}) cho hồ sơ ${o.code}, cổng chưa ghi nhận thanh toán (trạng thái ${o.status}).` });
    else if (o.amount !== t.amount) differences.push({ orderId: t.orderId, kind: 'amount', text: `Hồ sơ ${o.code}, đơn hàng ${t.orderId}: cổng ghi ${formatVnd(o.amount)}, nền tảng ghi ${formatVnd(t.amount)}.` });
    else if (o.refunded !== (t.status === 'REFUNDED')) differences.push({ orderId: t.orderId, kind: 'status', text: `Hồ sơ ${o.code}, đơn hàng ${t.orderId}: ${o.refunded ? 'cổng đã hoàn tiền, nền tảng chưa' : 'nền tảng đã hoàn tiền, cổng chưa ghi nhận'}.` });
  }
  for (const o of ours.filter(paidThatDay)) {
    if (!seen.has(o.txnRef)) differences.push({ orderId: o.txnRef, kind: 'missing-there', text: `Hồ sơ ${o.code}: cổng ghi nhận đã thanh toán ${formatVnd(o.amount)} (đơn hàng ${o.txnRef}), nền tảng không có giao dịch này trong ngày.` });
  }
  return { day, platformCount: platform.length, ourCount: ours.filter(paidThatDay).length, differences };
}

export async function reconcile(db: DB, gateway: PaygovGateway, day: string): Promise<Reconciliation> {
  const platform = await gateway.transactions(day);
  const ours = await ourPayments(db, day, platform.map((t) => t.orderId).slice(0, 10_000));
  const thatDay = new Set((await ourPayments(db, day, [])).map((o) => o.txnRef));
  return compare(day, platform, ours, (o) => thatDay.has(o.txnRef));
}

export function reconciliationText(r: Reconciliation): string {
  const head = `Đối soát với Nền tảng thanh toán trực tuyến ngày ${r.day.split('-').reverse().join('/')}: nền tảng ${r.platformCount} giao dịch, cổng ${r.ourCount} khoản đã thanh toán.\n`;
  if (!r.differences.length) return `${head}Không có chênh lệch.\n`;
  return `${head}${r.differences.length} chênh lệch:\n${r.differences.map((d) => `- [${d.kind}] ${d.text}`).join('\n')}\n`;
}
