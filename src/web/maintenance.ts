// Scheduled maintenance notices (S6, Art. 11.2e): shown on every page from `shown_from` until the
// work ends. An administrator schedules a window; the notice must be up for at least one whole
// working day before the work starts, so a window announced too late is refused.
import type { DB } from '../db/index.ts';
import { vietnamDay } from './format.ts';
import type { Locale } from './i18n.ts';
import type { Notice } from './page-context.ts';

const VIETNAM_OFFSET_MS = 7 * 3_600_000; // UTC+7, no daylight saving

/** Whether a calendar day (YYYY-MM-DD) is a working day — the applications' calendar, given by app wiring. */
export type IsWorkingDay = (day: string) => boolean;

export async function activeNotices(db: DB, locale: Locale, now = new Date()): Promise<Notice[]> {
  const rows = await db
    .selectFrom('maintenance_notice')
    .select(['message_vi', 'message_en', 'starts_at', 'ends_at'])
    .where('shown_from', '<=', now)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    message: (locale === 'en' && r.message_en) || r.message_vi,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    underway: r.starts_at <= now,
  }));
}

// ── Rules (pure) ──────────────────────────────────────────────────────────────────────────────

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Midnight at the start of a day in Vietnam, as an instant. */
function vietnamMidnight(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - VIETNAM_OFFSET_MS);
}

/**
 * The latest moment a notice may start showing: the beginning of the last working day before the
 * day the work starts, so people see it for that whole working day.
 */
export function latestShownFrom(startsAt: Date, isWorkingDay: IsWorkingDay): Date {
  let day = addDays(vietnamDay(startsAt), -1);
  for (let i = 0; i < 60 && !isWorkingDay(day); i++) day = addDays(day, -1);
  return vietnamMidnight(day);
}

/**
 * A moment typed by a person, read in Vietnam's time: "2026-12-05T22:00" (the browser's
 * date-and-time picker) or "05/12/2026 22:00". Undefined when it is not one.
 */
export function parseVietnamTime(raw: string): Date | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(s);
  let parts: number[] | undefined;
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/.exec(s);
  if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4]), Number(m[5])];
  if (!parts) return undefined;
  const [y, mo, d, h, mi] = parts as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(utc);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return undefined; // 31/02 and the like
  return new Date(utc - VIETNAM_OFFSET_MS);
}

/** The value a date-and-time picker shows for an instant, in Vietnam's time. */
export function pickerValue(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

export interface MaintenanceInput {
  startsAt: string;
  endsAt: string;
  shownFrom: string;
  messageVi: string;
  messageEn: string;
}

export interface MaintenanceWindow {
  startsAt: Date;
  endsAt: Date;
  shownFrom: Date;
  messageVi: string;
  messageEn: string | null;
}

/** Checks a window an administrator asks for; field errors in Vietnamese, or the window to store. */
export function checkMaintenance(
  input: MaintenanceInput,
  now: Date,
  isWorkingDay: IsWorkingDay,
  format: (d: Date) => string,
): { errors: Record<string, string> } | { window: MaintenanceWindow } {
  const errors: Record<string, string> = {};
  const startsAt = parseVietnamTime(input.startsAt);
  const endsAt = parseVietnamTime(input.endsAt);
  const given = input.shownFrom.trim() ? parseVietnamTime(input.shownFrom) : undefined;
  const messageVi = input.messageVi.trim();
  const messageEn = input.messageEn.trim();
  if (!startsAt) errors.startsAt = 'Hãy nhập thời điểm bắt đầu bảo trì theo dạng ngày/tháng/năm giờ:phút, ví dụ 05/12/2026 22:00.';
  else if (startsAt <= now) errors.startsAt = 'Thời điểm bắt đầu bảo trì phải ở tương lai.';
  if (!endsAt) errors.endsAt = 'Hãy nhập thời điểm kết thúc bảo trì theo dạng ngày/tháng/năm giờ:phút, ví dụ 06/12/2026 02:00.';
  else if (startsAt && endsAt <= startsAt) errors.endsAt = 'Thời điểm kết thúc phải sau thời điểm bắt đầu.';
  if (input.shownFrom.trim() && !given) errors.shownFrom = 'Hãy nhập thời điểm bắt đầu hiện thông báo theo dạng ngày/tháng/năm giờ:phút, hoặc để trống.';
  if (!messageVi) errors.messageVi = 'Hãy nhập nội dung thông báo bằng tiếng Việt.';
  else if (messageVi.length > 500) errors.messageVi = 'Nội dung thông báo không quá 500 ký tự.';
  if (messageEn.length > 500) errors.messageEn = 'Nội dung tiếng Anh không quá 500 ký tự.';
  if (!startsAt || errors.startsAt || errors.shownFrom) return { errors: Object.keys(errors).length ? errors : { startsAt: 'Thời điểm không hợp lệ.' } };

  const latest = latestShownFrom(startsAt, isWorkingDay);
  // A notice cannot be shown in the past: it shows from now at the earliest.
  const shownFrom = given ?? latest;
  const effective = shownFrom < now ? now : shownFrom;
  if (effective > latest) {
    if (now > latest)
      errors.startsAt = `Quá muộn để báo trước: thông báo phải hiện từ ít nhất một ngày làm việc trước khi bảo trì, tức là chậm nhất từ ${format(latest)}. Hãy chọn thời điểm bắt đầu bảo trì muộn hơn.`;
    else errors.shownFrom = `Thông báo phải hiện từ ít nhất một ngày làm việc trước khi bảo trì: chậm nhất từ ${format(latest)}.`;
  }
  if (Object.keys(errors).length) return { errors };
  return { window: { startsAt, endsAt: endsAt!, shownFrom: effective, messageVi, messageEn: messageEn || null } };
}

// ── Store ─────────────────────────────────────────────────────────────────────────────────────

export interface ScheduledWindow extends MaintenanceWindow {
  id: number;
}

/** Windows not yet over, the soonest first. */
export async function upcomingWindows(db: DB, now = new Date()): Promise<ScheduledWindow[]> {
  const rows = await db
    .selectFrom('maintenance_notice')
    .select(['id', 'starts_at', 'ends_at', 'shown_from', 'message_vi', 'message_en'])
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, shownFrom: r.shown_from, messageVi: r.message_vi, messageEn: r.message_en }));
}

export async function scheduleWindow(db: DB, w: MaintenanceWindow): Promise<number> {
  const row = await db
    .insertInto('maintenance_notice')
    .values({ starts_at: w.startsAt, ends_at: w.endsAt, shown_from: w.shownFrom, message_vi: w.messageVi, message_en: w.messageEn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function cancelWindow(db: DB, id: number): Promise<boolean> {
  const r = await db.deleteFrom('maintenance_notice').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
