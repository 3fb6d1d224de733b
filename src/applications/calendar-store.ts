// The working calendar in force (A4): the public holidays computed for each year, and each year's
// decision on extra days off and make-up working days, with the agencies' working hours. Every
// deadline (due dates, pauses, reception within 8 working hours, warnings, on-time statistics,
// the maintenance notice's lead time, petitions) asks here.
import type { DB } from '../db/index.ts';
import { DEFAULT_WORKING_HOURS, type WorkingCalendar, type WorkingHours } from './calendar.ts';
import { vietnamCalendar } from './holidays.ts';

export interface CalendarSource {
  /** The calendar of last year, this year and next year, with the decisions entered. */
  current(now?: Date): WorkingCalendar;
  /** An agency's working hours (its own, or the civil service's usual ones). */
  hoursOf(agencyCode: string): WorkingHours;
}

const sources = new WeakMap<DB, CalendarSource>();

/** The calendar source of a database (one per database, shared by the modules of an instance). */
export function calendarSource(db: DB): CalendarSource {
  let source = sources.get(db);
  if (!source) {
    let year = 0;
    let calendar: WorkingCalendar = vietnamCalendar([]);
    source = {
      current(now = new Date()) {
        const y = now.getUTCFullYear();
        if (y !== year) {
          calendar = vietnamCalendar([y - 1, y, y + 1]);
          year = y;
        }
        return calendar;
      },
      hoursOf: () => DEFAULT_WORKING_HOURS,
    };
    sources.set(db, source);
  }
  return source;
}
