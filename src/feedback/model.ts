// Satisfaction ratings (Q2, Art. 12): the three answers and the four criteria.
export const LEVELS = ['rat-hai-long', 'hai-long', 'chua-hai-long'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  'rat-hai-long': 'Rất hài lòng',
  'hai-long': 'Hài lòng',
  'chua-hai-long': 'Chưa hài lòng',
};

export const CRITERIA = ['overall', 'convenience', 'timeliness', 'attitude'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_NAMES: Record<Criterion, string> = {
  overall: 'Mức độ hài lòng chung',
  convenience: 'Sự thuận tiện',
  timeliness: 'Mức độ đúng hạn',
  attitude: 'Thái độ cán bộ',
};

/** An application may be rated once it has ended: refused, stopped, resolved or returned. */
export const RATEABLE_STATUSES: ReadonlySet<number> = new Set([3, 8, 9, 10]);

/** A rating may be changed for this long after it was first given. */
export const CHANGE_DAYS = 7;

export type RatingInput = Partial<Record<Criterion, unknown>> & { comment?: unknown };

/** Checks a rating; returns the clean values or the first problem in Vietnamese. */
export function checkRating(input: RatingInput): { ok: true; value: Record<Criterion, Level | null> & { comment: string | null } } | { ok: false; message: string } {
  const value = { overall: null, convenience: null, timeliness: null, attitude: null, comment: null } as Record<Criterion, Level | null> & { comment: string | null };
  for (const c of CRITERIA) {
    const v = input[c];
    if (v === undefined || v === null || v === '') {
      if (c === 'overall') return { ok: false, message: 'Hãy chọn mức độ hài lòng chung (bắt buộc).' };
      continue;
    }
    if (!(LEVELS as readonly unknown[]).includes(v)) return { ok: false, message: `"${CRITERION_NAMES[c]}" phải là một trong: ${LEVELS.join(', ')}.` };
    value[c] = v as Level;
  }
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') return { ok: false, message: 'Ý kiến phải là văn bản.' };
    if (input.comment.length > 2000) return { ok: false, message: 'Ý kiến dài tối đa 2.000 ký tự.' };
    value.comment = input.comment.trim() || null;
  }
  return { ok: true, value };
}
