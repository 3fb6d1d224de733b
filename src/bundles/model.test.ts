import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combinedStatus, type PartState } from './model.ts';
import { bundlePlaces, loadBundles, partAgency, partAnswers, partPapers } from './definition.ts';
import type { Status } from '../applications/index.ts';

const part = (key: string, status: Status | null, reason: string | null = null): PartState => ({ key, serviceName: key, agencyName: 'UBND', route: 'dvctt', applicationCode: `H-${key}`, status, dueDate: null, reason });

test('the combined status counts the parts done, is done only when all are, and names a refused part', () => {
  assert.equal(combinedStatus([part('a', 1), part('b', 4), part('c', 2)]).label, 'Đang xử lý 0/3');
  assert.equal(combinedStatus([part('a', 10), part('b', 9), part('c', 4)]).label, 'Đang xử lý 2/3');
  const all = combinedStatus([part('a', 10), part('b', 9), part('c', 10)]);
  assert.deepEqual([all.kind, all.label], ['done', 'Đã hoàn thành 3/3']);
  const some = combinedStatus([part('a', 10), part('b', 3, 'Thiếu giấy tờ'), part('c', 4)]);
  assert.equal(some.kind, 'processing');
  assert.deepEqual(some.refused.map((p) => p.reason), ['Thiếu giấy tờ']);
  const ended = combinedStatus([part('a', 10), part('b', 3, 'Thiếu giấy tờ'), part('c', 9)]);
  assert.equal(ended.kind, 'ended');
});

test('the demo bundles load; each part has an agency in Nha Trang and none elsewhere unless the commune takes it', () => {
  const [birth, death] = ['khai-sinh-lien-thong', 'khai-tu-lien-thong'].map((s) => loadBundles().find((b) => b.slug === s)!);
  assert.ok(birth && death);
  assert.deepEqual(birth.parts.map((p) => partAgency(p, '000.33.01.H34')), ['000.33.01.H34', '000.22.01.H34', '000.40.01.H34']);
  assert.deepEqual(bundlePlaces(birth, ['000.33.01.H34', '000.34.01.H34']), ['000.33.01.H34']);
  assert.equal(partAgency(death.parts[1]!, '000.34.01.H34'), undefined);
});

test('a part gets its fields from the bundle answers it maps, the fixed ones, and the papers it takes', () => {
  const death = loadBundles().find((b) => b.slug === 'khai-tu-lien-thong')!;
  const xoa = death.parts.find((p) => p.key === 'xoa-thuong-tru')!;
  const form = { ...death.form, sections: [{ id: 's', title: 's', fields: [{ id: 'personName', type: 'text' as const, label: 'x' }, { id: 'requesterId', type: 'idNumber' as const, label: 'y' }, { id: 'reason', type: 'text' as const, label: 'z' }] }] };
  assert.deepEqual(partAnswers(xoa, form, { deceasedName: 'Nguyễn Văn Thành', requesterId: '056080004567', deathCause: 'x' }), { personName: 'Nguyễn Văn Thành', requesterId: '056080004567', reason: 'Người đã chết' });
  assert.deepEqual(partPapers(xoa, ['to-khai', 'giay-to-lien-quan'], ['giay-bao-tu', 'uy-quyen']), [['giay-bao-tu', 'giay-to-lien-quan']]);
});
