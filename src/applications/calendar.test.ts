import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingHours, dueDate, isWorkingDay, startDay, vietnamDay, workingDaysBetween, type WorkingCalendar } from './calendar.ts';

// 2026: 30/4 (Thursday) and 1/5 (Friday) are public holidays; 2/9 (Wednesday) too.
const cal: WorkingCalendar = { holidays: new Set(['2026-04-30', '2026-05-01', '2026-09-02']), workingWeekends: new Set(['2026-05-09']) };
const at = (iso: string) => new Date(iso); // instants written with the +07:00 offset

describe('working-day calendar (A4)', () => {
  test('days are counted in Vietnam’s time zone', () => {
    assert.deepEqual(vietnamDay(at('2026-11-26T16:30:00Z')), { day: '2026-11-26', minutes: 23 * 60 + 30 });
    assert.equal(vietnamDay(at('2026-11-26T17:30:00Z')).day, '2026-11-27');
  });

  test('weekends and holidays are not working days; a make-up Saturday is', () => {
    assert.equal(isWorkingDay('2026-11-28', cal), false); // Saturday
    assert.equal(isWorkingDay('2026-04-30', cal), false);
    assert.equal(isWorkingDay('2026-05-09', cal), true);
    assert.equal(isWorkingDay('2026-11-26', cal), true);
  });

  test('an online application before 15:00 counts from that day, after 15:00 from the next working day', () => {
    assert.equal(startDay(at('2026-11-26T14:59:00+07:00'), cal), '2026-11-26');
    assert.equal(startDay(at('2026-11-26T15:00:00+07:00'), cal), '2026-11-27');
    assert.equal(startDay(at('2026-11-27T16:00:00+07:00'), cal), '2026-11-30'); // Friday afternoon → Monday
    assert.equal(startDay(at('2026-11-28T09:00:00+07:00'), cal), '2026-11-30'); // Saturday → Monday
  });

  test('the due date skips weekends and holidays', () => {
    assert.equal(dueDate(at('2026-11-26T10:00:00+07:00'), 3, cal), '2026-12-01'); // Thu + 3 → Tue
    assert.equal(dueDate(at('2026-04-29T10:00:00+07:00'), 2, cal), '2026-05-05'); // over 30/4, 1/5 and the weekend
    assert.equal(dueDate(at('2026-11-26T16:00:00+07:00'), 0, cal), '2026-11-27');
  });

  test('working days between two dates tell how late an application is', () => {
    assert.equal(workingDaysBetween('2026-11-26', '2026-12-01', cal), 3);
    assert.equal(workingDaysBetween('2026-12-01', '2026-11-26', cal), 0);
  });

  test('8 working hours run over lunch, the evening, the weekend and holidays, and on a make-up Saturday', () => {
    const iso = (d: Date) => d.toISOString();
    // Thursday 09:00 → 11:30 (2.5 h), 13:30–17:00 (3.5 h), Friday 07:30 + 2 h.
    assert.equal(iso(addWorkingHours(at('2026-11-26T09:00:00+07:00'), 8, cal)), iso(at('2026-11-27T09:30:00+07:00')));
    // Friday 16:00 → 1 h on Friday, 4 h Monday morning, 3 h Monday afternoon.
    assert.equal(iso(addWorkingHours(at('2026-11-27T16:00:00+07:00'), 8, cal)), iso(at('2026-11-30T16:30:00+07:00')));
    // Sent on a Sunday night: the clock starts Monday 07:30; a whole day is 7.5 h, so Tuesday 08:00.
    assert.equal(iso(addWorkingHours(at('2026-11-29T22:00:00+07:00'), 8, cal)), iso(at('2026-12-01T08:00:00+07:00')));
    // Wednesday 29/4 at 16:00: 30/4 and 1/5 are off; Saturday 9/5 is not reached, Monday 4/5 is.
    assert.equal(iso(addWorkingHours(at('2026-04-29T16:00:00+07:00'), 8, cal)), iso(at('2026-05-04T16:30:00+07:00')));
    // Friday 8/5 at 16:00: the make-up Saturday 9/5 counts.
    assert.equal(iso(addWorkingHours(at('2026-05-08T16:00:00+07:00'), 8, cal)), iso(at('2026-05-09T16:30:00+07:00')));
    // An agency's own hours.
    assert.equal(iso(addWorkingHours(at('2026-11-26T08:00:00+07:00'), 8, cal, [['08:00', '12:00'], ['13:00', '17:00']])), iso(at('2026-11-26T17:00:00+07:00')));
  });
});
