// Pure rules of notice delivery: which events exist, their default templates per channel and
// language, the variables a template may use, rendering, the SMS text, and webhook signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Problem } from '../web/problem.ts';
import type { NotificationProblem } from './problems.ts';

/** 'lien-thong': a push to the national portal (src/exchange, docs/integration.md). */
export type Channel = 'email' | 'sms' | 'webhook' | 'lien-thong';
export type TemplateChannel = 'email' | 'sms';
export type Locale = 'vi' | 'en';
export const TEMPLATE_CHANNELS: readonly TemplateChannel[] = ['email', 'sms'];
export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** The events that concern an applicant (N3), one per status of the national list, and the rest. */
export const EVENTS = {
  submitted: { vi: 'Hồ sơ đã gửi (Thông tin của quý khách đã được tiếp nhận)', en: 'Application sent', status: 1 },
  received: { vi: 'Được tiếp nhận', en: 'Accepted', status: 2 },
  'not-received': { vi: 'Không được tiếp nhận', en: 'Not accepted', status: 3 },
  processing: { vi: 'Đang xử lý', en: 'In progress', status: 4 },
  'documents-requested': { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Documents requested', status: 5 },
  'payment-requested': { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested', status: 6 },
  'withdrawal-requested': { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested', status: 7 },
  stopped: { vi: 'Dừng xử lý', en: 'Processing stopped', status: 8 },
  'result-ready': { vi: 'Đã xử lý xong (có kết quả)', en: 'Result ready', status: 9 },
  'result-returned': { vi: 'Đã trả kết quả', en: 'Result returned', status: 10 },
  'due-date-changed': { vi: 'Thay đổi hạn giải quyết (thư xin lỗi)', en: 'Due date changed', status: null },
  notice: { vi: 'Thông báo khác', en: 'Other notice', status: null },
  'password-reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset', status: null },
} as const satisfies Record<string, { vi: string; en: string; status: number | null }>;
export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEvent(value: string): value is EventName {
  return Object.hasOwn(EVENTS, value);
}

/** The event of a status change; the status codes are the national portal's (A3). */
export function eventOfStatus(status: number): EventName {
  return EVENT_NAMES.find((e) => EVENTS[e].status === status) ?? 'notice';
}

/** Variables a template may use, with what they mean (shown to administrators). */
export const APPLICATION_VARIABLES: Record<string, string> = {
  ho_ten: 'Họ và tên người nhận',
  ma_ho_so: 'Mã hồ sơ',
  thu_tuc: 'Tên thủ tục hành chính',
  co_quan: 'Cơ quan giải quyết',
  trang_thai: 'Trạng thái mới của hồ sơ',
  thoi_gian: 'Thời điểm của sự kiện',
  han_xu_ly: 'Hạn giải quyết',
  ghi_chu: 'Ghi chú của cán bộ (có thể trống)',
  duong_dan: 'Đường dẫn đến hồ sơ trên cổng',
  tieu_de: 'Tiêu đề thông báo trên cổng',
  noi_dung: 'Nội dung thông báo trên cổng',
};
export const RESET_VARIABLES: Record<string, string> = {
  ho_ten: 'Họ và tên người nhận',
  duong_dan: 'Đường dẫn đặt lại mật khẩu (dùng một lần)',
  het_han: 'Thời điểm đường dẫn hết hạn',
};

export function variablesOf(event: EventName): Record<string, string> {
  return event === 'password-reset' ? RESET_VARIABLES : APPLICATION_VARIABLES;
}

export interface Template {
  subject: string | null;
  body: string;
}

const STATUS_LINE: Record<Locale, string> = {
  vi: '{co_quan} thông báo: hồ sơ {ma_ho_so} ("{thu_tuc}") chuyển sang trạng thái "{trang_thai}" lúc {thoi_gian}.',
  en: '{co_quan}: application {ma_ho_so} ("{thu_tuc}") is now "{trang_thai}" ({thoi_gian}).',
};
const EXTRA: Partial<Record<EventName, Record<Locale, string>>> = {
  'documents-requested': { vi: 'Giấy tờ cần bổ sung: {ghi_chu}', en: 'Documents needed: {ghi_chu}' },
  'payment-requested': { vi: 'Nghĩa vụ tài chính: {ghi_chu}', en: 'Payment: {ghi_chu}' },
  'not-received': { vi: 'Lý do: {ghi_chu}', en: 'Reason: {ghi_chu}' },
  stopped: { vi: 'Lý do: {ghi_chu}', en: 'Reason: {ghi_chu}' },
  'result-ready': { vi: 'Quý khách có thể nhận kết quả theo hướng dẫn trên cổng. {ghi_chu}', en: 'You can collect the result as shown on the portal. {ghi_chu}' },
  'due-date-changed': { vi: 'Hạn giải quyết mới: {han_xu_ly}. {ghi_chu}', en: 'New due date: {han_xu_ly}. {ghi_chu}' },
};

/** The templates the portal starts with; administrators may replace each (stored in the database). */
export function defaultTemplate(event: EventName, channel: TemplateChannel, locale: Locale): Template {
  const vi = locale === 'vi';
  if (event === 'password-reset') {
    return channel === 'email'
      ? {
          subject: vi ? 'Đặt lại mật khẩu tài khoản Cổng dịch vụ công' : 'Reset your public service portal password',
          body: vi
            ? 'Kính gửi {ho_ten},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản của quý khách. Mở đường dẫn sau để đặt mật khẩu mới (dùng được một lần, hết hạn lúc {het_han}):\n{duong_dan}\n\nNếu quý khách không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.'
            : 'Dear {ho_ten},\n\nA password reset was requested for your account. Open this link to choose a new password (single use, expires at {het_han}):\n{duong_dan}\n\nIf you did not ask for this, ignore this email; your password stays the same.',
        }
      : { subject: null, body: vi ? 'Ma dat lai mat khau da gui toi email cua quy khach.' : 'A password reset link was sent to your email.' };
  }
  if (event === 'notice') {
    return channel === 'email'
      ? { subject: '{tieu_de}', body: vi ? 'Kính gửi {ho_ten},\n\n{noi_dung}\n\nXem chi tiết: {duong_dan}' : 'Dear {ho_ten},\n\n{noi_dung}\n\nDetails: {duong_dan}' }
      : { subject: null, body: '{tieu_de}' };
  }
  if (event === 'submitted') {
    if (channel === 'sms') {
      return { subject: null, body: vi ? 'Thông tin của quý khách đã được tiếp nhận. Hồ sơ {ma_ho_so} gửi {co_quan} lúc {thoi_gian}. Hạn: {han_xu_ly}.' : 'Your application {ma_ho_so} was received by {co_quan} at {thoi_gian}. Due: {han_xu_ly}.' };
    }
    return {
      subject: vi ? 'Hồ sơ {ma_ho_so}: Thông tin của quý khách đã được tiếp nhận' : 'Application {ma_ho_so}: your information has been received',
      body: vi
        ? 'Kính gửi {ho_ten},\n\nThông tin của quý khách đã được tiếp nhận. Hồ sơ {ma_ho_so} ("{thu_tuc}") đã gửi đến {co_quan} lúc {thoi_gian}.\nHạn giải quyết dự kiến: {han_xu_ly}.\n\nTheo dõi hồ sơ: {duong_dan}'
        : 'Dear {ho_ten},\n\nYour information has been received. Application {ma_ho_so} ("{thu_tuc}") was sent to {co_quan} at {thoi_gian}.\nExpected due date: {han_xu_ly}.\n\nFollow it here: {duong_dan}',
    };
  }
  const extra = EXTRA[event]?.[locale];
  if (channel === 'sms') {
    return { subject: null, body: vi ? 'Hồ sơ {ma_ho_so}: {trang_thai} ({co_quan}, {thoi_gian}).' : 'Application {ma_ho_so}: {trang_thai} ({co_quan}, {thoi_gian}).' };
  }
  return {
    subject: vi ? 'Hồ sơ {ma_ho_so}: {trang_thai}' : 'Application {ma_ho_so}: {trang_thai}',
    body: [vi ? 'Kính gửi {ho_ten},' : 'Dear {ho_ten},', '', STATUS_LINE[locale], ...(extra ? [extra] : vi ? ['{ghi_chu}'] : ['{ghi_chu}']), '', vi ? 'Xem hồ sơ: {duong_dan}' : 'View the application: {duong_dan}'].join('\n'),
  };
}

const VARIABLE = /\{([^{}\s]*)\}/g;

/** Problems of a template text: every {name} must be a variable of its event, each named once. */
export function templateProblems(event: EventName, text: string): Problem<NotificationProblem>[] {
  const allowed = variablesOf(event);
  const list = Object.keys(allowed).map((v) => `{${v}}`).join(', ');
  const unknown = new Set<string>();
  for (const m of text.matchAll(VARIABLE)) if (!Object.hasOwn(allowed, m[1]!)) unknown.add(m[1]!);
  const problems: Problem<NotificationProblem>[] = [...unknown].map((name) => ({ code: 'TEMPLATE_VARIABLE_UNKNOWN', params: { name, allowed: list } }));
  const stray = text.replace(VARIABLE, '');
  if (/[{}]/.test(stray)) problems.push({ code: 'TEMPLATE_BRACES' });
  return problems;
}

/** Fills the variables; a line that only held empty variables disappears, paragraphs stay. */
export function render(text: string, vars: Record<string, string>): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out = line.replace(VARIABLE, (_, name: string) => vars[name] ?? '').replace(/[ \t]+$/, '');
      return out.trim() === '' && /\{[^{}\s]*\}/.test(line) ? [] : [out];
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ── SMS ─────────────────────────────────────────────────────────────────────────────────────────

/** Vietnamese without its marks: "Hồ sơ đã tiếp nhận" → "Ho so da tiep nhan". */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';

/** Length in GSM 03.38 septets, or undefined when a character is outside the alphabet. */
export function gsmLength(text: string): number | undefined {
  let n = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) n += 1;
    else if (GSM_EXTENDED.includes(ch)) n += 2;
    else return undefined;
  }
  return n;
}

export const SMS_GSM_LIMIT = 160;
export const SMS_UCS2_LIMIT = 70;

/**
 * The text of one SMS carrying the message id. With diacritics when it fits 70 UCS-2 characters;
 * otherwise without them (GSM alphabet, 160 characters), shortened with "..." if it must be.
 */
export function smsText(text: string, messageId: string): string {
  const suffix = ` Ma tin: ${messageId}`;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if ([...(oneLine + suffix)].length <= SMS_UCS2_LIMIT && gsmLength(oneLine + suffix) === undefined) return oneLine + suffix;
  let plain = [...withoutDiacritics(oneLine)].map((ch) => (gsmLength(ch) === undefined ? '?' : ch)).join('');
  const room = SMS_GSM_LIMIT - (gsmLength(suffix) ?? suffix.length);
  if ((gsmLength(plain) ?? Infinity) > room) {
    while ((gsmLength(plain) ?? Infinity) > room - 3) plain = plain.slice(0, -1);
    plain = plain.trimEnd() + '...';
  }
  return plain + suffix;
}

/** Vietnamese mobile numbers as operators want them: 84 and nine digits. */
export function msisdn(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `84${m[1]}` : undefined;
}

// ── Webhooks ────────────────────────────────────────────────────────────────────────────────────

export const SIGNATURE_HEADER = 'x-dvctt-signature';
export const TIMESTAMP_HEADER = 'x-dvctt-timestamp';
export const MESSAGE_ID_HEADER = 'x-dvctt-message-id';

/** HMAC-SHA256 over "timestamp.body" with the subscription's secret; the timestamp defeats replays. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: same signature, and a timestamp within `toleranceSeconds` of now. */
export function verifyWebhook(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The stable id of a delivery, carried by its email headers and SMS text so duplicates show. */
export function messageId(deliveryId: string | number): string {
  return `DV${deliveryId}`;
}

/** graphile-worker's back-off: the n-th failure waits e^min(n, 10) seconds (3 s, 7 s, 20 s … 6 h). */
export function backoffSeconds(attempts: number): number {
  return Math.exp(Math.min(attempts, 10));
}

export const STATUS_LABELS: Record<'queued' | 'sent' | 'delivered' | 'failed', { vi: string; en: string }> = {
  queued: { vi: 'Đang chờ gửi', en: 'Queued' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  delivered: { vi: 'Đã đến người nhận', en: 'Delivered' },
  failed: { vi: 'Gửi không thành công', en: 'Failed' },
};
export const CHANNEL_LABELS: Record<Channel, string> = { email: 'Thư điện tử', sms: 'Tin nhắn SMS', webhook: 'Webhook', 'lien-thong': 'Liên thông Cổng DVC quốc gia' };
