import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeProblem, type MergeSide } from './merge-model.ts';
import type { Actor } from './model.ts';

const admin = (agencies: string[]): Actor => ({ id: 'qt', username: 'qt', fullName: 'Quản trị', role: 'admin', agencyCode: agencies[0] ?? null, agencies: new Set(agencies) });
const side = (id: string, over: Partial<MergeSide> = {}): MergeSide => ({ id, role: 'citizen', kind: 'person', agencyCode: null, idNumber: null, merged: false, ...over });
const REASON = 'Đã đối chiếu CCCD bản gốc';

test('citizens’ accounts are merged only by an administrator of a ministry or province', () => {
  const a = admin(['P']);
  assert.equal(mergeProblem(a, true, side('s'), side('t'), REASON), undefined);
  assert.deepEqual(mergeProblem(a, false, side('s'), side('t'), REASON), { code: 'MERGE_ACCOUNT_MISSING', field: 'source' });
  assert.deepEqual(mergeProblem(a, true, undefined, side('t'), REASON), { code: 'MERGE_ACCOUNT_MISSING', field: 'source' });
  assert.deepEqual(mergeProblem(a, true, side('s'), undefined, REASON), { code: 'MERGE_ACCOUNT_MISSING', field: 'target' });
});

test('staff accounts are merged by an administrator of both accounts’ agencies', () => {
  const officer = (id: string, agencyCode: string) => side(id, { role: 'officer', agencyCode });
  assert.equal(mergeProblem(admin(['A', 'A1']), false, officer('s', 'A1'), officer('t', 'A'), REASON), undefined);
  assert.deepEqual(mergeProblem(admin(['A']), true, officer('s', 'B'), officer('t', 'A'), REASON), { code: 'MERGE_ACCOUNT_MISSING', field: 'source' });
});

test('one account, a merged one, other roles or kinds, and two different numbers are refused', () => {
  const a = admin(['P']);
  assert.equal(mergeProblem(a, true, side('s'), side('s'), REASON)?.code, 'MERGE_SAME');
  assert.equal(mergeProblem(a, true, side('s', { merged: true }), side('t'), REASON)?.code, 'MERGE_DISABLED');
  assert.equal(mergeProblem(a, true, side('s'), side('t', { merged: true }), REASON)?.code, 'MERGE_DISABLED');
  assert.equal(mergeProblem(a, true, side('s'), side('t', { kind: 'business' }), REASON)?.code, 'MERGE_ROLES');
  assert.equal(mergeProblem(a, true, side('s', { idNumber: '056090001234' }), side('t', { idNumber: '001190077777' }), REASON)?.code, 'MERGE_ID_NUMBERS_DIFFER');
});

test('a reason is needed unless both accounts carry the same number', () => {
  const a = admin(['P']);
  assert.deepEqual(mergeProblem(a, true, side('s', { idNumber: '056090001234' }), side('t'), 'cùng'), { code: 'MERGE_REASON_MISSING', field: 'reason' });
  assert.equal(mergeProblem(a, true, side('s', { idNumber: '056090001234' }), side('t'), REASON), undefined);
  assert.equal(mergeProblem(a, true, side('s', { idNumber: '056090001234' }), side('t', { idNumber: '056090001234' }), ''), undefined);
});
