// Vietnam's public holidays for civil servants (Labour Code 2019, Art. 112), computed for a year:
// 1/1; Tết — the last day of the lunar year and the first four of the new one; Giỗ Tổ Hùng Vương
// (10/3 lunar); 30/4; 1/5; Quốc khánh 2/9 and an adjacent day. A holiday on a weekend gives the
// next working day off. Days swapped by the Prime Minister's yearly decision are configuration.
import type { WorkingCalendar } from './calendar.ts';
import { lunarToSolar } from './lunar.ts';

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;

export interface Holiday {
  day: string;
  name: string;
}

export function publicHolidays(year: number): Holiday[] {
  const tet = lunarToSolar(1, 1, year);
  const national = `${year}-09-02`;
  // The adjacent Quốc khánh day: after 2/9 when it is a Monday, before it otherwise.
  const adjacent = weekday(national) === 1 ? addDays(national, 1) : addDays(national, -1);
  const days: Holiday[] = [
    { day: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...[-1, 0, 1, 2, 3].map((n) => ({ day: addDays(tet, n), name: 'Tết Nguyên đán' })),
    { day: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương' },
    { day: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { day: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { day: national, name: 'Quốc khánh' },
    { day: adjacent, name: 'Quốc khánh' },
  ];
  const taken = new Set(days.map((h) => h.day));
  const compensatory: Holiday[] = [];
  for (const h of days) {
    if (!isWeekend(h.day)) continue;
    let d = addDays(h.day, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensatory.push({ day: d, name: `Nghỉ bù ${h.name}` });
  }
  return [...days, ...compensatory].sort((a, b) => a.day.localeCompare(b.day));
}

/** A working calendar for the given years, plus the yearly decision's extra days off and make-up days. */
export function vietnamCalendar(years: number[], extra: { daysOff?: string[]; workingWeekends?: string[] } = {}): WorkingCalendar {
  return {
    holidays: new Set([...years.flatMap((y) => publicHolidays(y).map((h) => h.day)), ...(extra.daysOff ?? [])]),
    workingWeekends: new Set(extra.workingWeekends ?? []),
  };
}
