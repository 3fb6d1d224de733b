// The sentences and HTTP statuses of the bundles' problems, per locale (U5). A part refused by the
// submission use case answers PART_REFUSED with that part's own sentence and code.
import type { ProblemTable } from '../web/problem.ts';

export type BundleProblem = 'BUNDLE_NOT_FOUND' | 'FORBIDDEN' | 'PLACE_REQUIRED' | 'PLACE_NOT_OFFERED' | 'INVALID_ANSWERS' | 'PART_REFUSED' | 'BAD_REQUEST' | 'ALREADY_SUBMITTED';

export const BUNDLE_PROBLEMS: ProblemTable<BundleProblem> = {
  status: { BUNDLE_NOT_FOUND: 404, FORBIDDEN: 403, PLACE_REQUIRED: 400, PLACE_NOT_OFFERED: 400, INVALID_ANSWERS: 400, PART_REFUSED: 400, BAD_REQUEST: 400, ALREADY_SUBMITTED: 409 },
  vi: {
    BUNDLE_NOT_FOUND: (p) => `Không có hồ sơ liên thông hoặc nhóm thủ tục liên thông "${p.code}".`,
    FORBIDDEN: 'Tài khoản này không được nộp hồ sơ liên thông.',
    PLACE_REQUIRED: (p) => `Hãy chọn xã, phường nơi nộp hồ sơ liên thông (một trong: ${p.places}).`,
    PLACE_NOT_OFFERED: (p) => `Liên thông này chưa thực hiện tại "${p.place}"; hãy chọn một trong: ${p.places}. Không có gì được lưu.`,
    INVALID_ANSWERS: (p) => `Tờ khai liên thông có ${p.count} chỗ cần sửa; không có gì được lưu.`,
    PART_REFUSED: (p) => `Thủ tục "${p.part}" không nhận được hồ sơ: ${p.reason} Không thủ tục nào của hồ sơ liên thông được lưu.`,
    BAD_REQUEST: 'Dữ liệu gửi lên không đúng dạng: cần bundle, data (tờ khai dạng JSON) và agency.',
    ALREADY_SUBMITTED: (p) => `Hồ sơ liên thông này vừa được gửi (mã ${p.code}); lần gửi lại không tạo hồ sơ mới.`,
  },
  en: {
    BUNDLE_NOT_FOUND: (p) => `There is no bundled dossier or bundle "${p.code}".`,
    FORBIDDEN: 'This account may not file bundled dossiers.',
    PLACE_REQUIRED: (p) => `Choose the commune where the bundle is filed (one of: ${p.places}).`,
    PLACE_NOT_OFFERED: (p) => `This bundle is not offered at "${p.place}"; choose one of: ${p.places}. Nothing was stored.`,
    INVALID_ANSWERS: (p) => `The bundle form has ${p.count} answers to correct; nothing was stored.`,
    PART_REFUSED: (p) => `The procedure "${p.part}" refused the dossier: ${p.reason} No part of the bundle was stored.`,
    BAD_REQUEST: 'The request is not in the expected shape: it needs bundle, data (the answers as JSON) and agency.',
    ALREADY_SUBMITTED: (p) => `This bundle was just sent (code ${p.code}); sending it again made no new dossier.`,
  },
};
