// Applications (hồ sơ): the national status codes and the only transitions allowed between them
// (A3, A8), and the application code pattern (A1). Pure rules, unit-tested.

export type Status = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** The national portal's codes and names. */
export const STATUS_NAMES: Record<Status, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Statuses after which nothing more happens to an application. */
export const FINAL: ReadonlySet<Status> = new Set<Status>([3, 8, 10]);

export type Mover = 'officer' | 'applicant' | 'system';

interface Rule {
  to: Status;
  by: Mover;
  /** A note the person must give (a reason, the documents needed). */
  noteRequired?: boolean;
}

/**
 * Who may move an application from each status, and where to. Returning from 5 (documents
 * supplied) or 6 (fees paid) goes back to where the request was made; see `resumeAfter`.
 */
const RULES: Record<Status, Rule[]> = {
  1: [
    { to: 2, by: 'officer' },
    { to: 3, by: 'officer', noteRequired: true },
    { to: 5, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  2: [
    { to: 4, by: 'officer' },
    { to: 5, by: 'officer', noteRequired: true },
    { to: 6, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  3: [],
  4: [
    { to: 5, by: 'officer', noteRequired: true },
    { to: 6, by: 'officer', noteRequired: true },
    { to: 9, by: 'officer' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  5: [
    { to: 1, by: 'system' },
    { to: 4, by: 'system' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  6: [
    { to: 4, by: 'system' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  7: [{ to: 8, by: 'officer' }],
  8: [],
  9: [{ to: 10, by: 'officer' }],
  10: [],
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

export type TransitionProblem = { code: 'NOT_ALLOWED' | 'NOT_YOURS' | 'NOTE_REQUIRED'; message: string };

/** Whether `by` may move an application from `from` to `to`; the reason in Vietnamese if not. */
export function checkTransition(from: Status, to: Status, by: Mover, note = ''): TransitionProblem | undefined {
  const rule = RULES[from].find((r) => r.to === to);
  if (!rule) {
    return { code: 'NOT_ALLOWED', message: `Không thể chuyển hồ sơ từ "${STATUS_NAMES[from]}" sang "${STATUS_NAMES[to]}".` };
  }
  if (rule.by !== by) {
    const who = rule.by === 'officer' ? 'cán bộ tiếp nhận, xử lý' : rule.by === 'applicant' ? 'người nộp hồ sơ' : 'hệ thống';
    return { code: 'NOT_YOURS', message: `Chỉ ${who} được chuyển hồ sơ sang "${STATUS_NAMES[to]}".` };
  }
  if (rule.noteRequired && !note.trim()) {
    return { code: 'NOTE_REQUIRED', message: to === 5 ? 'Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung.' : 'Hãy ghi rõ lý do.' };
  }
  return undefined;
}

/** Where an application returns once the documents are supplied or the fees paid. */
export function resumeAfter(requestedFrom: Status): Status {
  return requestedFrom === 1 ? 1 : 4;
}

/** The statuses an application may be moved to by `by` from `from`. */
export function nextStatuses(from: Status, by: Mover): Status[] {
  return RULES[from].filter((r) => r.by === by).map((r) => r.to);
}

/**
 * Application code (mã hồ sơ) in the national pattern: the receiving agency's code, the date as
 * YYMMDD, and the day's sequence at that agency, e.g. 000.00.12.H34-261126-0001.
 */
export function applicationCode(agencyCode: string, day: string, sequence: number): string {
  const [y, m, d] = day.split('-');
  if (!y || !m || !d || sequence < 1 || sequence > 99_999) throw new RangeError('bad application code parts');
  return `${agencyCode}-${y.slice(2)}${m}${d}-${String(sequence).padStart(4, '0')}`;
}

export const APPLICATION_CODE = /^[0-9A-Za-z.]{3,40}-\d{6}-\d{4,5}$/;
