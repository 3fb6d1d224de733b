import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../web/problem.ts';
import { nameDifference, parseFees, readOfflineForm, readPlaceForm, readServiceForm, vietnamMidnight, type ServiceFields } from './model.ts';
import { CATALOG_ADMIN_PROBLEMS } from './problems.ts';

const current: ServiceFields = {
  name: 'Đăng ký khai sinh',
  timeLimitDays: 1,
  timeLimitText: 'Ngay trong ngày tiếp nhận hồ sơ',
  level: 4,
  steps: ['Bước 1: Nộp hồ sơ', 'Bước 2: Nhận kết quả'],
  fees: [{ description: 'Miễn lệ phí', amount: 0 }],
  components: [{ id: 'tk', name: 'Tờ khai', kind: 'to-khai', original: 1, copy: 0 }],
};
const form = (over: Record<string, unknown> = {}) => ({ name: current.name, timeLimitDays: '1', timeLimitText: current.timeLimitText, level: '4', steps: current.steps.join('\n'), fees: 'Miễn lệ phí | 0', componentName: ['Tờ khai'], componentOriginal: ['1'], componentCopy: ['0'], ...over });

test('the service form gives only what changed; a new number of days rewrites the untouched sentence', () => {
  assert.deepEqual(readServiceForm(form(), current), { change: {}, problems: {} });
  assert.deepEqual(readServiceForm(form({ timeLimitDays: '3' }), current).change, { timeLimitDays: 3, timeLimitText: '3 ngày làm việc' });
  assert.deepEqual(readServiceForm(form({ timeLimitDays: '3', timeLimitText: 'Ba ngày' }), current).change, { timeLimitDays: 3, timeLimitText: 'Ba ngày' });
  assert.deepEqual(readServiceForm(form({ componentCopy: ['2'] }), current).change, { components: [{ ...current.components[0]!, copy: 2 }] });
});

test('bad values are problems per field, and nothing is changed', () => {
  const { problems } = readServiceForm(form({ timeLimitDays: '-1', level: '5', steps: ' ', fees: 'Lệ phí | -5', componentOriginal: ['x'], name: '' }), current);
  assert.deepEqual(Object.keys(problems).sort(), ['componentOriginal0', 'fees', 'level', 'name', 'steps', 'timeLimitDays']);
  assert.equal(explain(CATALOG_ADMIN_PROBLEMS, problems.timeLimitDays!).message, 'Thời hạn phải là số ngày làm việc, từ 0 đến 3650 (không âm).');
  assert.equal(readPlaceForm({ timeLimitDays: '4000', level: '0' }).problems.level?.code, 'LEVEL_INVALID');
  assert.deepEqual(readPlaceForm({ timeLimitDays: '', level: '', online: 'no' }).change, { timeLimitDays: null, level: null, fees: null, receivingAddress: null, openingHours: null, formId: null, online: false });
});

test('fees read "description | amount" per line, with dots or a currency after the amount', () => {
  assert.deepEqual(parseFees('Lệ phí | 50.000 đồng\n\nPhí thẩm định|1200000'), { fees: [{ description: 'Lệ phí', amount: 50000 }, { description: 'Phí thẩm định', amount: 1200000 }] });
  assert.deepEqual(parseFees('Lệ phí 50000'), { badLine: 1 });
});

test('an offline period runs from a day at 00:00 in Vietnam to the end of another, with a reason', () => {
  assert.equal(vietnamMidnight('2026-12-10')?.toISOString(), '2026-12-09T17:00:00.000Z');
  assert.equal(vietnamMidnight('10/12/2026')?.toISOString(), '2026-12-09T17:00:00.000Z');
  assert.equal(vietnamMidnight('2026-02-31'), undefined);
  const now = new Date('2026-12-05T02:00:00Z');
  assert.deepEqual(readOfflineForm({ from: '2026-12-10', until: '2026-12-10', reason: ' Bảo trì ' }, now).period, { offlineFrom: new Date('2026-12-09T17:00:00Z'), offlineUntil: new Date('2026-12-10T17:00:00Z'), offlineReason: 'Bảo trì' });
  assert.deepEqual(readOfflineForm({ reason: 'Bảo trì' }, now).period, { offlineFrom: now, offlineUntil: null, offlineReason: 'Bảo trì' });
  assert.deepEqual(Object.keys(readOfflineForm({ from: '2026-12-10', until: '2026-12-09' }, now).problems).sort(), ['reason', 'until']);
});

test('the published name against the legal name: the words added and left out (Art. 6.3)', () => {
  assert.deepEqual(nameDifference('Đăng ký khai sinh', 'Đăng ký khai sinh'), { same: true, added: [], removed: [] });
  assert.deepEqual(nameDifference('Đăng ký khai sinh cho trẻ', 'Thủ tục đăng ký khai sinh'), { same: false, added: ['Đăng', 'cho', 'trẻ'], removed: ['Thủ', 'tục', 'đăng'] });
});
