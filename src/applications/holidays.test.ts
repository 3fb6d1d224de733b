import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dueDate } from './calendar.ts';
import { publicHolidays, vietnamCalendar } from './holidays.ts';
import { lunarToSolar } from './lunar.ts';

describe('lunar holidays computed, not typed (A4)', () => {
  test('Tết falls on the known days', () => {
    assert.equal(lunarToSolar(1, 1, 2024), '2024-02-10');
    assert.equal(lunarToSolar(1, 1, 2025), '2025-01-29');
    assert.equal(lunarToSolar(1, 1, 2026), '2026-02-17');
    assert.equal(lunarToSolar(1, 1, 2023), '2023-01-22');
  });

  test('Giỗ Tổ Hùng Vương (10/3 lunar) falls on the known days, also after a leap month', () => {
    assert.equal(lunarToSolar(10, 3, 2025), '2025-04-07');
    assert.equal(lunarToSolar(10, 3, 2024), '2024-04-18');
    assert.equal(lunarToSolar(10, 3, 2023), '2023-04-29'); // 2023 had a leap second month
  });

  test('2026: five Tết days, Giỗ Tổ on a Sunday gives Monday off, and Quốc khánh takes an adjacent day', () => {
    const days = publicHolidays(2026);
    const tet = days.filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.day);
    assert.deepEqual(tet, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    assert.ok(days.some((h) => h.day === '2026-04-26' && h.name === 'Giỗ Tổ Hùng Vương'));
    assert.ok(days.some((h) => h.day === '2026-04-27' && h.name === 'Nghỉ bù Giỗ Tổ Hùng Vương'));
    assert.ok(days.some((h) => h.day === '2026-09-01') && days.some((h) => h.day === '2026-09-02'));
  });

  test('a due date across Tết skips the whole holiday', () => {
    const cal = vietnamCalendar([2026]);
    // Received Friday 13/2/2026 in the morning; 3 working days → Mon 23, Tue 24, Wed 25.
    assert.equal(dueDate(new Date('2026-02-13T09:00:00+07:00'), 3, cal), '2026-02-25');
  });

  test('the yearly decision’s swapped days are configuration', () => {
    const cal = vietnamCalendar([2026], { daysOff: ['2026-02-23'], workingWeekends: ['2026-02-28'] });
    assert.equal(dueDate(new Date('2026-02-13T09:00:00+07:00'), 3, cal), '2026-02-26');
  });
});
