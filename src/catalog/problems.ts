// The sentences and HTTP statuses of the catalog's problems, per locale (U5).
import type { ProblemTable } from '../web/problem.ts';
import type { SynonymProblem } from './synonyms.ts';

export const SYNONYM_PROBLEMS: ProblemTable<SynonymProblem> = {
  status: { TERM_MISSING: 400, TERM_TOO_LONG: 400, EXPANSION_MISSING: 400, EXPANSION_TOO_LONG: 400, EXPANSION_SAME: 400, TERM_LISTED: 400, SYNONYM_NOT_FOUND: 404 },
  vi: {
    TERM_MISSING: 'Hãy nhập từ hoặc cụm từ người dân hay gõ (có ít nhất một chữ hoặc số).',
    TERM_TOO_LONG: (p) => `Từ người dân gõ dài quá ${p.max} ký tự.`,
    EXPANSION_MISSING: 'Hãy nhập cụm từ có trong tên thủ tục (có ít nhất một chữ hoặc số).',
    EXPANSION_TOO_LONG: (p) => `Cụm từ trong tên thủ tục dài quá ${p.max} ký tự.`,
    EXPANSION_SAME: 'Cụm từ trong tên thủ tục phải khác từ người dân gõ.',
    TERM_LISTED: (p) => `“${p.term}” đã có trong danh sách (nghĩa là “${p.expansion}”); hãy xóa mục cũ trước nếu muốn đổi.`,
    SYNONYM_NOT_FOUND: 'Không có từ đồng nghĩa này, hoặc đã bị xóa.',
  },
  en: {
    TERM_MISSING: 'Enter the word or phrase people type (with at least one letter or digit).',
    TERM_TOO_LONG: (p) => `The word people type may be at most ${p.max} characters.`,
    EXPANSION_MISSING: 'Enter a phrase found in procedure names (with at least one letter or digit).',
    EXPANSION_TOO_LONG: (p) => `The phrase in procedure names may be at most ${p.max} characters.`,
    EXPANSION_SAME: 'The phrase in procedure names must differ from the word people type.',
    TERM_LISTED: (p) => `“${p.term}” is already listed (meaning “${p.expansion}”); delete the old entry first to change it.`,
    SYNONYM_NOT_FOUND: 'This synonym does not exist or has already been deleted.',
  },
};
