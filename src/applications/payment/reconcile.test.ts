import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from './reconcile.ts';

const ours = (txnRef: string, over: Partial<{ amount: number; status: string; refunded: boolean }> = {}) => ({ txnRef, amount: 100_000, status: 'paid', refunded: false, code: `HS-${txnRef}`, ...over });
const theirs = (orderId: string, over: Partial<{ amount: number; status: 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'REFUNDED' }> = {}) => ({ orderId, transactionId: `PG-${orderId}`, amount: 100_000, status: 'SUCCESS' as const, paidAt: '20261205101500', ...over });

test('reconciliation names each kind of difference once, and none when the two sides agree', () => {
  const platform = [theirs('A'), theirs('B'), theirs('C', { amount: 90_000 }), theirs('D', { status: 'REFUNDED' }), theirs('E'), theirs('F', { status: 'CANCELLED' })];
  const mine = [ours('A'), ours('B', { status: 'pending' }), ours('C'), ours('D'), ours('G')];
  const r = compare('2026-12-05', platform, mine, (o) => o.status === 'paid');
  assert.deepEqual(
    r.differences.map((d) => [d.orderId, d.kind]),
    [
      ['B', 'missing-here'],
      ['C', 'amount'],
      ['D', 'status'],
      ['E', 'missing-here'],
      ['G', 'missing-there'],
    ],
  );
  assert.match(r.differences[0]!.text, /Nền tảng đã thu 100\.000 đồng \(giao dịch PG-B\) cho hồ sơ HS-B, cổng chưa ghi nhận thanh toán/);
  assert.match(r.differences[2]!.text, /nền tảng đã hoàn tiền, cổng chưa ghi nhận/);
  assert.equal(r.ourCount, 4);
  assert.deepEqual(compare('2026-12-05', [theirs('A'), theirs('D', { status: 'REFUNDED' })], [ours('A'), ours('D', { refunded: true })], () => true).differences, []);
});
