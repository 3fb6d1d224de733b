import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { problemTableGaps } from '../web/problem.ts';
import { addWorkingHours, dueDate } from './calendar.ts';
import { CALENDAR_PROBLEMS, checkDecision, daysText, parseDays, parseWorkingHours, readDay } from './calendar-decision.ts';
import { vietnamCalendar } from './holidays.ts';

const input = (days: string, more: Partial<Record<'year' | 'reference' | 'title', string>> = {}) => ({ year: '2030', reference: 'Quyết định số 30/QĐ-TTg', title: 'Hoán đổi ngày làm việc', days, ...more });
const codes = (r: ReturnType<typeof checkDecision>) => (r.ok ? [] : r.problems.map((p) => p.code));

describe('the year’s calendar decision (A4)', () => {
  test('days are read as the portal reads a typed day (web/format.ts), with dots or dashes too', () => {
    assert.equal(readDay(' 2/1/2026 '), '2026-01-02');
    assert.equal(readDay('02.01.2026'), '2026-01-02');
    assert.equal(readDay('2-1/2026'), '2026-01-02');
    assert.equal(readDay('2026-01-02'), '2026-01-02');
    assert.equal(readDay('30.02.2026'), undefined);
  });

  test('each line is a day, its kind (with or without accents) and its name', () => {
    const { days, problems } = parseDays('05/03/2030; nghỉ; Nghỉ thêm\n\n16/03/2030 | lam bu | Làm bù, ngày 05/03\n09/03/2030, làm bù, Tên, có dấu phẩy');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      days.map((d) => [d.day, d.kind, d.name, d.line]),
      [
        ['2030-03-05', 'day-off', 'Nghỉ thêm', 1],
        ['2030-03-16', 'working-day', 'Làm bù, ngày 05/03', 3],
        ['2030-03-09', 'working-day', 'Tên, có dấu phẩy', 4],
      ],
    );
    assert.deepEqual(parseDays('05/03/2030; nghỉ').problems.map((p) => p.params?.line), [1]);
  });

  test('a valid decision: a day off on a working day, a make-up day on a Saturday; shown again as typed', () => {
    const r = checkDecision(input('05/03/2030; nghỉ; Nghỉ thêm\n16/03/2030; làm bù; Làm bù'), new Map());
    assert.ok(r.ok);
    assert.equal(daysText(r.decision.days), '05/03/2030; nghỉ; Nghỉ thêm\n16/03/2030; làm bù; Làm bù');
  });

  test('refused: a day twice, a day of another decision, a day off on a weekend or holiday, a make-up day on a weekday or holiday, a day of another year', () => {
    assert.deepEqual(codes(checkDecision(input('05/03/2030; nghỉ; A\n05/03/2030; làm bù; B'), new Map())), ['DAY_TWICE']);
    assert.deepEqual(codes(checkDecision(input('05/03/2030; nghỉ; A'), new Map([['2030-03-05', 'QĐ khác']]))), ['DAY_TAKEN']);
    assert.deepEqual(codes(checkDecision(input('09/03/2030; nghỉ; A'), new Map())), ['DAY_OFF_NOT_WORKING']);
    assert.deepEqual(codes(checkDecision(input('01/01/2030; nghỉ; A'), new Map())), ['DAY_OFF_NOT_WORKING']);
    assert.deepEqual(codes(checkDecision(input('12/03/2030; làm bù; A'), new Map())), ['WORKING_DAY_NOT_WEEKEND']);
    assert.deepEqual(codes(checkDecision(input('31/12/2029; nghỉ; A'), new Map())), ['DAY_OUTSIDE_YEAR']);
    assert.deepEqual(codes(checkDecision(input('', { year: '20x0', reference: '', title: ' ' }), new Map())), ['YEAR_INVALID', 'REFERENCE_MISSING', 'TITLE_MISSING', 'DAYS_MISSING']);
  });

  test('a decision used by the calendar: the day off and the make-up Saturday move a due date', () => {
    const plain = vietnamCalendar([2030]);
    const decided = vietnamCalendar([2030], { daysOff: ['2030-03-05'], workingWeekends: ['2030-03-16'] });
    const monday = new Date('2030-03-04T09:00:00+07:00');
    assert.equal(dueDate(monday, 2, plain), '2030-03-06');
    assert.equal(dueDate(monday, 2, decided), '2030-03-07');
    assert.equal(dueDate(new Date('2030-03-15T09:00:00+07:00'), 1, decided), '2030-03-16');
    // "Trong ngày" (0 days): due the day it arrives before 15:00, else the next working day (the 5th is off).
    assert.equal(dueDate(monday, 0, decided), '2030-03-04');
    assert.equal(dueDate(new Date('2030-03-04T15:30:00+07:00'), 0, decided), '2030-03-06');
    // 8 working hours from Monday 09:00: 2.5 h + 3.5 h on Monday, then Tuesday is off: Wednesday 09:30.
    assert.equal(addWorkingHours(monday, 8, decided).toISOString(), new Date('2030-03-06T09:30:00+07:00').toISOString());
  });

  test('working hours: spans in order, not overlapping; empty is the usual hours', () => {
    assert.deepEqual(parseWorkingHours('7:30-11:30, 13:30 – 17:00'), { ok: true, hours: [['07:30', '11:30'], ['13:30', '17:00']] });
    assert.deepEqual(parseWorkingHours(' '), { ok: true, hours: null });
    for (const bad of ['10:00-12:00, 11:00-15:00', '17:00-08:00', '08:00', '24:00-25:00', '13:00-14:00, 08:00-09:00', 'sáng']) assert.equal(parseWorkingHours(bad).ok, false, bad);
  });

  test('every refusal reads whole in Vietnamese and English', () => {
    assert.deepEqual(problemTableGaps(CALENDAR_PROBLEMS, { min: 2000, max: 2200, line: 2, text: 'x y z', day: '05/03/2030', year: 2030, reference: 'QĐ 1', why: 'thứ Bảy' }), []);
  });
});
