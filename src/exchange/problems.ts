// The refusals of the national portal exchange (A3, P3): status and sentence per code, per locale.
// The code is the answer's `error.code`, which the national portal's side depends on.
import type { ProblemTable } from '../web/problem.ts';

export type ExchangeProblem = 'NOT_CONFIGURED' | 'MISSING_SIGNATURE' | 'BAD_SIGNATURE' | 'STALE_TIMESTAMP' | 'BAD_DOSSIER' | 'DOSSIER_CONFLICT' | 'APPLICANT_INVALID' | 'DOSSIER_REFUSED' | 'UNKNOWN_FORWARDED';

export const EXCHANGE_PROBLEMS: ProblemTable<ExchangeProblem> = {
  status: { NOT_CONFIGURED: 404, MISSING_SIGNATURE: 401, BAD_SIGNATURE: 401, STALE_TIMESTAMP: 401, BAD_DOSSIER: 400, DOSSIER_CONFLICT: 409, APPLICANT_INVALID: 422, DOSSIER_REFUSED: 422, UNKNOWN_FORWARDED: 404 },
  vi: {
    NOT_CONFIGURED: 'Hệ thống chưa được cấu hình liên thông với Cổng Dịch vụ công quốc gia.',
    MISSING_SIGNATURE: 'Thông điệp thiếu dấu thời gian hoặc chữ ký (X-DVCQG-Timestamp, X-DVCQG-Signature).',
    BAD_SIGNATURE: 'Chữ ký của thông điệp không đúng.',
    STALE_TIMESTAMP: 'Dấu thời gian của thông điệp lệch quá 5 phút so với đồng hồ của hệ thống.',
    BAD_DOSSIER: (p) => `Hồ sơ liên thông không hợp lệ: trường "${p.field}" thiếu hoặc sai định dạng.`,
    DOSSIER_CONFLICT: (p) => `Mã hồ sơ ${p.code} đã được nhận trước đó với nội dung khác (hồ sơ ${p.application}).`,
    APPLICANT_INVALID: (p) => `Thông tin người nộp không hợp lệ (${p.field}: ${p.reason}).`,
    DOSSIER_REFUSED: (p) => `Hồ sơ không được tiếp nhận (${p.reason}): ${p.detail}`,
    UNKNOWN_FORWARDED: (p) => `Không có hồ sơ nào mang mã ${p.code} do hệ thống chuyển đi.`,
  },
  en: {
    NOT_CONFIGURED: 'The exchange with the National Public Service Portal is not configured.',
    MISSING_SIGNATURE: 'The message has no timestamp or signature (X-DVCQG-Timestamp, X-DVCQG-Signature).',
    BAD_SIGNATURE: 'The message signature is wrong.',
    STALE_TIMESTAMP: "The message timestamp is more than 5 minutes from the system's clock.",
    BAD_DOSSIER: (p) => `The forwarded dossier is not valid: the field "${p.field}" is missing or malformed.`,
    DOSSIER_CONFLICT: (p) => `The dossier code ${p.code} was received before with different content (application ${p.application}).`,
    APPLICANT_INVALID: (p) => `The applicant's details are not valid (${p.field}: ${p.reason}).`,
    DOSSIER_REFUSED: (p) => `The dossier was not accepted (${p.reason}): ${p.detail}`,
    UNKNOWN_FORWARDED: (p) => `No dossier forwarded by this system has the code ${p.code}.`,
  },
};
