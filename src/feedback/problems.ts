// The sentences and HTTP statuses of the feedback module's problems, per locale (U5).
import type { ProblemTable } from '../web/problem.ts';
import { CHANGE_DAYS, type RatingProblem } from './model.ts';

const thousands = (n: string | number) => Number(n).toLocaleString('vi-VN');

export const RATING_PROBLEMS: ProblemTable<RatingProblem> = {
  status: { OVERALL_MISSING: 400, LEVEL_UNKNOWN: 400, COMMENT_NOT_TEXT: 400, COMMENT_TOO_LONG: 400, NOT_FOUND: 404, NOT_ENDED: 409, RATING_FINAL: 409 },
  vi: {
    OVERALL_MISSING: 'Hãy chọn mức độ hài lòng chung (bắt buộc).',
    LEVEL_UNKNOWN: (p) => `"${p.criterion}" phải là một trong: ${p.levels}.`,
    COMMENT_NOT_TEXT: 'Ý kiến phải là văn bản.',
    COMMENT_TOO_LONG: (p) => `Ý kiến dài tối đa ${thousands(p.max!)} ký tự.`,
    NOT_FOUND: (p) => `Không có hồ sơ mã "${p.code}".`,
    NOT_ENDED: 'Hồ sơ chưa kết thúc nên chưa thể đánh giá.',
    RATING_FINAL: `Đánh giá chỉ sửa được trong ${CHANGE_DAYS} ngày kể từ khi gửi.`,
  },
  en: {
    OVERALL_MISSING: 'Choose your overall satisfaction (required).',
    LEVEL_UNKNOWN: (p) => `"${p.criterion}" must be one of: ${p.levels}.`,
    COMMENT_NOT_TEXT: 'The comment must be text.',
    COMMENT_TOO_LONG: (p) => `The comment may be at most ${Number(p.max).toLocaleString('en-GB')} characters.`,
    NOT_FOUND: (p) => `There is no application with code "${p.code}".`,
    NOT_ENDED: 'The application has not ended yet, so it cannot be rated.',
    RATING_FINAL: `A rating can be changed only within ${CHANGE_DAYS} days of sending it.`,
  },
};
