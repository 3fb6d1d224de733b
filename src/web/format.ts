// How the portal writes times and days for people: Vietnam's time zone, dd/mm/yyyy.
/** Vietnam's offset: UTC+7 all year (no daylight saving), so plain arithmetic is exact and cheap. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * A moment as people here read it, in Vietnam's time: "08:05 ngày 05/12/2026". The one form for
 * every time a person reads — pages, notices, emails, PDFs, CSV (the day after the time, named).
 */
export function timeVi(d: Date): string {
  const local = new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ngày ${dayVi(local.slice(0, 10))}`;
}

/** yyyyMMddHHmmss in Vietnam's time: the stamp the national portal and the payment gateway exchange. */
export function vietnamStamp(d: Date): string {
  return new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** The calendar day of a moment in Vietnam, as dd/mm/yyyy (a result's date of issue, a receipt's day). */
export function dateOfVi(d: Date): string {
  return dayVi(vietnamDay(d));
}

/** A calendar day 'YYYY-MM-DD' as dd/mm/yyyy; `empty` when there is none. */
export function dayVi(day: string | null | undefined, empty = '—'): string {
  return day ? day.split('-').reverse().join('/') : empty;
}

/** A day as people type it, dd/mm/yyyy (or d/m/yyyy) or yyyy-mm-dd, → 'YYYY-MM-DD' when it is a real day. */
export function readDayVi(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t) ?? (/^(\d{4})-(\d{2})-(\d{2})$/.exec(t) && [t, t.slice(8), t.slice(5, 7), t.slice(0, 4)]);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** A moment as "22:00 05/12/2026", in Vietnam's time: for notices people read at a glance. */
export function noticeTime(d: Date): string {
  const local = new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ${dayVi(local.slice(0, 10))}`;
}

/** Today in Vietnam as 'YYYY-MM-DD' (UTC+7, no daylight saving). */
export function vietnamDay(now = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** This year in Vietnam: the year of the footer's copyright and of "this year's" figures. */
export function vietnamYear(now = new Date()): number {
  return Number(vietnamDay(now).slice(0, 4));
}

/** A month 'YYYY-MM' (or a first day 'YYYY-MM-01') as mm/yyyy. */
export function monthVi(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/**
 * A name or label of at most `max` characters: cut after a whole word, with "…" when it is
 * longer (never mid-word, never without the mark). The one way the portal shortens text.
 */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const tidy = (s: string) => s.replace(/[\s,;:.\-–—(]+$/u, '');
  let head = '';
  for (let at = t.indexOf(' '); at !== -1 && at <= max; at = t.indexOf(' ', at + 1)) {
    const candidate = tidy(t.slice(0, at));
    if (candidate.length + 1 <= max) head = candidate;
  }
  // A single word longer than half the room is cut where it must be.
  if (head.length < max / 2) head = tidy(t.slice(0, max - 1));
  return `${head}…`;
}
