// Fees of an application (A7): what the catalog says is due, what an officer may change, and
// how amounts are read and written. Pure rules, unit-tested.
import { randomBytes } from 'node:crypto';
import type { Outcome } from '../../web/problem.ts';

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

/** Why a fee request is refused (sentences and statuses: APPLICATION_PROBLEMS in ../problems.ts). */
export type FeeProblem = 'AMOUNT_NOT_NUMBER' | 'AMOUNT_NOT_POSITIVE' | 'AMOUNT_TOO_HIGH' | 'AMOUNT_REASON_REQUIRED';

/** An officer's fee request: a positive amount; a reason whenever it differs from the catalog. */
export function checkFeeRequest(amountRaw: string, reason: string, catalogAmount: number): Outcome<number, FeeProblem> {
  const amount = parseAmount(amountRaw);
  if (amount === undefined) return { ok: false, problem: { code: 'AMOUNT_NOT_NUMBER', field: 'amount' } };
  if (amount <= 0) return { ok: false, problem: { code: 'AMOUNT_NOT_POSITIVE', field: 'amount' } };
  if (amount > MAX_FEE) return { ok: false, problem: { code: 'AMOUNT_TOO_HIGH', field: 'amount', params: { max: MAX_FEE } } };
  if (amount !== catalogAmount && !reason.trim()) return { ok: false, problem: { code: 'AMOUNT_REASON_REQUIRED', field: 'reason', params: { catalog: catalogAmount } } };
  return { ok: true, value: amount };
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
