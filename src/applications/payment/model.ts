// Fees of an application (A7): what the catalog says is due, what an officer may change, and
// how amounts are read and written. Pure rules, unit-tested.
import { randomBytes } from 'node:crypto';

/** The catalog's fees of a service, added up (whole đồng). */
export function catalogFee(fees: readonly { amount: number }[] | undefined): number {
  return (fees ?? []).reduce((sum, f) => sum + (Number.isFinite(f.amount) && f.amount > 0 ? Math.round(f.amount) : 0), 0);
}

/** The largest fee the portal accepts: far above any administrative fee, well inside the gateway's field. */
export const MAX_FEE = 1_000_000_000;

/**
 * "500.000", "500000", "500 000", "500.000 đồng" → 500000; undefined when it is not a whole amount
 * of đồng written the Vietnamese way: thousands set apart by dots or spaces, in whole groups of
 * three. A comma is the decimal mark in Vietnamese, so "500,000" is refused rather than guessed.
 */
export function parseAmount(raw: string): number | undefined {
  const s = raw
    .normalize('NFC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim()
    .replace(/\s*(đồng|đ|vnđ|vnd)$/iu, '')
    .trim();
  const grouped = /^\d{1,3}(?:\.\d{3})+$/.test(s) || /^\d{1,3}(?: \d{3})+$/.test(s);
  if (!grouped && !/^\d+$/.test(s)) return undefined;
  const digits = s.replace(/[. ]/g, '').replace(/^0+(?=\d)/, '');
  return digits.length <= 10 ? Number(digits) : undefined;
}

/** 500000 → "500.000": the amount as the fee field shows it and takes it back. */
export function amountVi(amount: number): string {
  return String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export type FeeProblem = { field: 'amount' | 'reason'; message: string };

/** An officer's fee request: a positive amount; a reason whenever it differs from the catalog. */
export function checkFeeRequest(amountRaw: string, reason: string, catalogAmount: number): { amount: number } | FeeProblem {
  const amount = parseAmount(amountRaw);
  if (amount === undefined) return { field: 'amount', message: 'Số tiền phải là số nguyên đồng, chỉ gồm chữ số, có thể tách hàng nghìn bằng dấu chấm hoặc khoảng trắng, ví dụ 500.000 hoặc 500000.' };
  if (amount <= 0) return { field: 'amount', message: 'Số tiền phải lớn hơn 0; thủ tục không thu phí thì không yêu cầu thực hiện nghĩa vụ tài chính.' };
  if (amount > MAX_FEE) return { field: 'amount', message: `Số tiền vượt quá ${formatVnd(MAX_FEE)}.` };
  if (amount !== catalogAmount && !reason.trim()) {
    return { field: 'reason', message: `Số tiền khác mức trong danh mục thủ tục (${formatVnd(catalogAmount)}); hãy ghi rõ lý do.` };
  }
  return { amount };
}

/** 500000 → "500.000 đồng" */
export function formatVnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} đồng`;
}

/** A merchant reference the gateway has never seen: unique per attempt, letters and digits only. */
export function newTxnRef(now = new Date()): string {
  const day = now.toISOString().slice(2, 10).replaceAll('-', '');
  return `${day}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** What the gateway shows the payer: ASCII, no diacritics (the gateway's rule for vnp_OrderInfo). */
export function orderInfo(applicationCode: string): string {
  return `Thanh toan phi le phi ho so ${applicationCode}`;
}
