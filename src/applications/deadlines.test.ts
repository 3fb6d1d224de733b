import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingHours, type WorkingCalendar } from './calendar.ts';
import { deadlineWindow, digestText, warningsOf } from './deadlines.ts';
import { digestDue } from './deadlines-store.ts';
import type { Status } from './model.ts';

const at = (iso: string) => new Date(iso); // instants written with the +07:00 offset
const plain: WorkingCalendar = { holidays: new Set(['2027-01-01']) };
// The year's decision makes Saturday 5/12/2026 a working day (a make-up day).
const makeUp: WorkingCalendar = { holidays: new Set(), workingWeekends: new Set(['2026-12-05']) };
const dossier = (status: Status, dueDate: string | null, receptionDueAt: Date | null = null) => ({ status, dueDate, receptionDueAt });

describe('deadlines that warn (A4, Decree 45/2020)', () => {
  test('8 working hours from Friday 15:00 end on Monday 15:30; the warning shows from that minute, not over the weekend', () => {
    const due = addWorkingHours(at('2026-12-04T15:00:00+07:00'), 8, plain);
    assert.equal(due.toISOString(), at('2026-12-07T15:30:00+07:00').toISOString());
    const late = (now: string) => warningsOf(dossier(1, null, due), deadlineWindow(at(now), plain));
    assert.deepEqual(late('2026-12-05T10:00:00+07:00'), []); // Saturday
    assert.deepEqual(late('2026-12-07T15:29:00+07:00'), []);
    assert.deepEqual(late('2026-12-07T15:30:00+07:00'), ['reception-late']);
    // Received in time: no warning, whatever the hour.
    assert.deepEqual(warningsOf(dossier(2, null, due), deadlineWindow(at('2026-12-09T09:00:00+07:00'), plain)), []);
  });

  test('a make-up Saturday counts: the same submission is late on Saturday 15:30', () => {
    const due = addWorkingHours(at('2026-12-04T15:00:00+07:00'), 8, makeUp);
    assert.equal(due.toISOString(), at('2026-12-05T15:30:00+07:00').toISOString());
    assert.deepEqual(warningsOf(dossier(1, null, due), deadlineWindow(at('2026-12-05T15:29:00+07:00'), makeUp)), []);
    assert.deepEqual(warningsOf(dossier(1, null, due), deadlineWindow(at('2026-12-05T15:30:00+07:00'), makeUp)), ['reception-late']);
  });

  test('due within 1 working day: today or the next working day (Friday reaches Monday; a holiday is skipped)', () => {
    const friday = deadlineWindow(at('2026-12-04T09:00:00+07:00'), plain);
    assert.deepEqual(friday, { now: at('2026-12-04T09:00:00+07:00'), today: '2026-12-04', soonUntil: '2026-12-07' });
    assert.deepEqual(warningsOf(dossier(4, '2026-12-04'), friday), ['due-soon']);
    assert.deepEqual(warningsOf(dossier(4, '2026-12-07'), friday), ['due-soon']);
    assert.deepEqual(warningsOf(dossier(4, '2026-12-08'), friday), []);
    assert.equal(deadlineWindow(at('2026-12-31T09:00:00+07:00'), plain).soonUntil, '2027-01-04'); // 1/1 holiday, then the weekend
    // With the make-up Saturday, Friday's next working day is Saturday: Monday is not within 1 working day.
    assert.deepEqual(warningsOf(dossier(4, '2026-12-07'), deadlineWindow(at('2026-12-04T09:00:00+07:00'), makeUp)), []);
  });

  test('overdue: open and due before today in Vietnam; closed, finished and paused applications do not warn', () => {
    const w = deadlineWindow(at('2026-12-07T23:30:00+07:00'), plain);
    assert.equal(w.today, '2026-12-07');
    assert.deepEqual(warningsOf(dossier(2, '2026-12-04'), w), ['overdue']);
    assert.deepEqual(warningsOf(dossier(7, '2026-12-04'), w), ['overdue']);
    for (const s of [3, 5, 6, 8, 9, 10] as Status[]) assert.deepEqual(warningsOf(dossier(s, '2026-12-01'), w), [], `status ${s}`);
    // Waiting for reception past both deadlines: both warnings.
    assert.deepEqual(warningsOf(dossier(1, '2026-12-04', at('2026-12-02T10:00:00+07:00')), w), ['reception-late', 'overdue']);
  });

  test('the server runs the digest once a Vietnam day, from 07:00', () => {
    assert.equal(digestDue(at('2026-12-07T06:59:00+07:00'), undefined), false);
    assert.equal(digestDue(at('2026-12-07T07:00:00+07:00'), undefined), true);
    assert.equal(digestDue(at('2026-12-07T16:00:00+07:00'), '2026-12-07'), false);
    assert.equal(digestDue(at('2026-12-08T00:30:00Z'), '2026-12-07'), true); // 07:30 on the 8th in Vietnam
  });

  test('the digest names what is late or near, and says nothing when nothing is', () => {
    assert.equal(digestText({ 'reception-late': 0, 'due-soon': 0, overdue: 0 }), undefined);
    assert.equal(digestText({ 'reception-late': 2, 'due-soon': 0, overdue: 1234 }), 'Quá 8 giờ làm việc chưa tiếp nhận: 2 hồ sơ; Quá hạn: 1.234 hồ sơ.');
  });
});
