// Deadlines that warn (A4; Decree 45/2020): an online application not received within 8 working
// hours, one due within 1 working day, one overdue. Pure rules here; the inbox filters and the
// daily digest ask the database the same questions with the window computed once (deadlines-store.ts).
import { nextWorkingDay, vietnamDay, type WorkingCalendar } from './calendar.ts';
import type { Status } from './model.ts';

export type Warning = 'reception-late' | 'due-soon' | 'overdue';
export const WARNINGS: readonly Warning[] = ['reception-late', 'due-soon', 'overdue'];

/** Open for the clock: waiting, received, processing, awaiting the fee (paused in 5/6 is not). */
export const CLOCK_STATUSES: readonly Status[] = [1, 2, 4, 7];

export const WARNING_NAMES: Record<Warning, string> = {
  'reception-late': 'Quá 8 giờ làm việc chưa tiếp nhận',
  'due-soon': 'Còn 1 ngày làm việc',
  overdue: 'Quá hạn',
};

/** The days a warning is judged against: today in Vietnam and the next working day. */
export interface DeadlineWindow {
  now: Date;
  /** Today in Vietnam (YYYY-MM-DD): due before it is overdue. */
  today: string;
  /** The last day that is "within 1 working day" of today. */
  soonUntil: string;
}

export function deadlineWindow(now: Date, cal: WorkingCalendar): DeadlineWindow {
  const today = vietnamDay(now).day;
  return { now, today, soonUntil: nextWorkingDay(today, cal) };
}

export interface Deadlines {
  status: Status;
  dueDate: string | null;
  receptionDueAt: Date | null;
}

/** The warnings an application carries now, in the order they are shown. */
export function warningsOf(a: Deadlines, w: DeadlineWindow): Warning[] {
  const out: Warning[] = [];
  if (a.status === 1 && a.receptionDueAt && a.receptionDueAt.getTime() <= w.now.getTime()) out.push('reception-late');
  if (CLOCK_STATUSES.includes(a.status) && a.dueDate) {
    if (a.dueDate < w.today) out.push('overdue');
    else if (a.dueDate <= w.soonUntil) out.push('due-soon');
  }
  return out;
}

export type WarningCounts = Record<Warning, number>;
export const noWarnings = (): WarningCounts => ({ 'reception-late': 0, 'due-soon': 0, overdue: 0 });

/** The digest's sentence: what is late or near in a person's queue, or nothing to say. */
export function digestText(c: WarningCounts): string | undefined {
  const parts = WARNINGS.filter((k) => c[k] > 0).map((k) => `${WARNING_NAMES[k]}: ${c[k].toLocaleString('vi-VN')} hồ sơ`);
  return parts.length ? `${parts.join('; ')}.` : undefined;
}
