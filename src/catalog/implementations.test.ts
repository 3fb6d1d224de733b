import assert from 'node:assert/strict';
import { test } from 'node:test';
import { communeOfAddress, implementationColumns, isOffline, orderForApplicant } from './implementations.ts';

const AGENCIES = [
  { code: 'P', name: 'Ủy ban nhân dân tỉnh Khánh Hòa', kind: 'province' },
  { code: 'NT', name: 'Ủy ban nhân dân phường Nha Trang', kind: 'commune' },
  { code: 'BNT', name: 'Ủy ban nhân dân phường Bắc Nha Trang', kind: 'commune' },
  { code: 'TNT', name: 'Ủy ban nhân dân phường Tây Nha Trang', kind: 'commune' },
  { code: 'DK', name: 'Ủy ban nhân dân xã Diên Khánh', kind: 'commune' },
  { code: 'NH', name: 'Ủy ban nhân dân phường Ninh Hòa', kind: 'commune' },
  { code: 'C', name: 'Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa', kind: 'centre' },
  { code: 'VH', name: 'Ủy ban nhân dân phường Vĩnh Hải', kind: 'commune', replacedBy: 'BNT' },
];

test('the commune of an address is found without accents, and a longer name is never taken for a shorter one', () => {
  assert.equal(communeOfAddress(AGENCIES, 'Số 12 đường 2 Tháng 4, phường Bắc Nha Trang, tỉnh Khánh Hòa')?.code, 'BNT');
  assert.equal(communeOfAddress(AGENCIES, '5 Trần Phú, Phuong Nha Trang, Khanh Hoa')?.code, 'NT');
  assert.equal(communeOfAddress(AGENCIES, 'thôn Phú Ân Nam, XA DIEN KHANH')?.code, 'DK');
  assert.equal(communeOfAddress(AGENCIES, '14 Lê Lợi, P. Tây Nha Trang')?.code, 'TNT');
  // The bare name when the kind is missing; the longest one wins.
  assert.equal(communeOfAddress(AGENCIES, '20 Hùng Vương, Bắc Nha Trang, Khánh Hòa')?.code, 'BNT');
  // An address from before the reform names a merged ward: its successor is the commune.
  assert.equal(communeOfAddress(AGENCIES, '7 Phạm Văn Đồng, phường Vĩnh Hải, TP Nha Trang')?.code, 'BNT');
});

test('an address naming no commune of the province, or no address, gives no commune; the province and the centre never match', () => {
  assert.equal(communeOfAddress(AGENCIES, '1 Lê Duẩn, phường Sài Gòn, TP Hồ Chí Minh'), undefined);
  assert.equal(communeOfAddress(AGENCIES, ''), undefined);
  assert.equal(communeOfAddress(AGENCIES, undefined), undefined);
  assert.equal(communeOfAddress(AGENCIES, 'Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa'), undefined);
  // "Ninh Hòa" is a word of the address only as a whole word.
  assert.equal(communeOfAddress(AGENCIES, 'xã Ninh Hòang'), undefined);
});

test('an implementation is offline when switched off, or inside its offline period, and online again after it', () => {
  const at = (s: string) => new Date(s);
  const period = { online: true, offlineFrom: at('2026-01-10T00:00:00Z'), offlineUntil: at('2026-01-12T00:00:00Z') };
  assert.equal(isOffline({ online: false, offlineFrom: null, offlineUntil: null }), true);
  assert.equal(isOffline({ online: true, offlineFrom: null, offlineUntil: null }), false);
  assert.equal(isOffline(period, at('2026-01-09T23:59:59Z')), false);
  assert.equal(isOffline(period, at('2026-01-10T00:00:00Z')), true);
  assert.equal(isOffline(period, at('2026-01-12T00:00:00Z')), false);
  assert.equal(isOffline({ online: true, offlineFrom: at('2026-01-10T00:00:00Z'), offlineUntil: null }, at('2030-01-01T00:00:00Z')), true, 'until further notice');
});

test('the applicant’s own commune comes first, then the others by name', () => {
  const list = ['Ủy ban nhân dân xã Diên Khánh', 'Ủy ban nhân dân phường Bắc Nha Trang', 'Ủy ban nhân dân phường Nha Trang'].map((name, i) => ({ agency: { code: String(i), name } }));
  assert.deepEqual(orderForApplicant(list, '2').map((i) => i.agency.code), ['2', '1', '0']);
  assert.deepEqual(orderForApplicant(list).map((i) => i.agency.code), ['1', '2', '0']);
});

test('only the fields an import names become columns; fees are stored as JSON and null clears an override', () => {
  assert.deepEqual(implementationColumns({ timeLimitDays: 3, fees: [{ description: 'Lệ phí', amount: 8000 }], openingHours: null }), {
    time_limit_days: 3,
    fees: '[{"description":"Lệ phí","amount":8000}]',
    opening_hours: null,
  });
});
