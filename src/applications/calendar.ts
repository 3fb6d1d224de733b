// The working-day calendar (A4): due dates count working days in Vietnam's time zone, skipping
// weekends and public holidays; an online application arriving after 15:00 counts from the next
// working day.

const VIETNAM_OFFSET_MS = 7 * 3_600_000; // UTC+7, no daylight saving

/** Calendar day (YYYY-MM-DD) and minutes since midnight of an instant, in Vietnam. */
export function vietnamDay(at: Date): { day: string; minutes: number } {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return { day: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface WorkingCalendar {
  /** Public holidays and compensatory days off (YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
  /** Make-up working days that fall on a weekend (YYYY-MM-DD). */
  workingWeekends?: ReadonlySet<string>;
  /** Minutes after midnight from which an online arrival counts from the next working day. */
  cutoffMinutes?: number;
}

export function isWorkingDay(day: string, cal: WorkingCalendar): boolean {
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (weekday !== 0 && weekday !== 6) || !!cal.workingWeekends?.has(day);
}

export function nextWorkingDay(day: string, cal: WorkingCalendar): string {
  let d = addDays(day, 1);
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/** The working day an application's clock starts on. */
export function startDay(receivedAt: Date, cal: WorkingCalendar): string {
  const { day, minutes } = vietnamDay(receivedAt);
  const cutoff = cal.cutoffMinutes ?? 15 * 60;
  if (isWorkingDay(day, cal) && minutes < cutoff) return day;
  return nextWorkingDay(day, cal);
}

/** The due date: `workingDays` working days after the start day (the start day itself is day 0). */
export function dueDate(receivedAt: Date, workingDays: number, cal: WorkingCalendar): string {
  let d = startDay(receivedAt, cal);
  for (let i = 0; i < workingDays; i++) d = nextWorkingDay(d, cal);
  return d;
}

/** Working days from one day to another (0 when the same or earlier): how late or how much is left. */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  let n = 0;
  for (let d = from; d < to; ) {
    d = nextWorkingDay(d, cal);
    if (d <= to) n++;
  }
  return n;
}

/** The working day `n` working days after `day` (the due date moved on by a pause, A4). */
export function addWorkingDays(day: string, n: number, cal: WorkingCalendar): string {
  let d = day;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, cal);
  return d;
}

/**
 * Working days the clock stood still while the applicant was asked for documents: from the day
 * of the request to the day the dossier became complete (after 15:00 or on a day off, the next
 * working day), so the due date moves on by as many working days.
 */
export function pausedWorkingDays(requestedAt: Date, completedAt: Date, cal: WorkingCalendar): number {
  return workingDaysBetween(startDay(requestedAt, cal), startDay(completedAt, cal), cal);
}

// ── Working hours (Decree 45/2020: an online application is received within 8 working hours) ──

/** An agency's working hours as [from, to] pairs of "HH:MM" in Vietnam, in order. */
export type WorkingHours = readonly (readonly [string, string])[];

/** The civil service's usual hours; an agency may keep its own (agency.working_hours). */
export const DEFAULT_WORKING_HOURS: WorkingHours = [
  ['07:30', '11:30'],
  ['13:30', '17:00'],
];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const instantOf = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 - VIETNAM_OFFSET_MS);

/** The instant `hours` working hours after `start`, counting only the working hours of working days. */
export function addWorkingHours(start: Date, hours: number, cal: WorkingCalendar, workingHours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  let { day, minutes } = vietnamDay(start);
  let left = Math.round(hours * 60);
  const spans = workingHours.map(([a, b]) => [minutesOf(a), minutesOf(b)] as const);
  for (let guard = 0; guard < 3_660; guard++) {
    if (isWorkingDay(day, cal)) {
      for (const [a, b] of spans) {
        if (b <= minutes) continue;
        const from = Math.max(a, minutes);
        if (left <= b - from) return instantOf(day, from + left);
        left -= b - from;
      }
    }
    day = addDays(day, 1);
    minutes = 0;
  }
  throw new RangeError('no working hours in ten years');
}
