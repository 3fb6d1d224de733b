// Why a paper form could not be made into a draft definition, per locale (F1).
import type { ProblemTable } from '../../web/problem.ts';

export type PaperProblem = 'EMPTY' | 'TOO_LARGE' | 'NOT_WORD' | 'BROKEN' | 'DOC_NEEDS_OFFICE' | 'DOC_NOT_CONVERTED' | 'NO_FIELDS';

/** An official form is a few pages; 10 MB leaves room for pictures and logos. */
export const MAX_PAPER_BYTES = 10 * 1024 * 1024;

export const PAPER_PROBLEMS: ProblemTable<PaperProblem> = {
  status: { EMPTY: 400, TOO_LARGE: 413, NOT_WORD: 415, BROKEN: 422, DOC_NEEDS_OFFICE: 422, DOC_NOT_CONVERTED: 422, NO_FIELDS: 422 },
  vi: {
    EMPTY: 'Tệp trống: hãy chọn tệp mẫu đơn, tờ khai (.docx hoặc .doc).',
    TOO_LARGE: (p) => `Tệp lớn hơn ${p.max} MB: một mẫu đơn, tờ khai thường chỉ vài trăm KB.`,
    NOT_WORD: 'Tệp không phải văn bản Word (.docx hoặc .doc): hãy tải lên tệp mẫu đơn, tờ khai gốc, không phải bản PDF hay ảnh chụp.',
    BROKEN: 'Không đọc được tệp Word này: tệp bị hỏng, được bảo vệ bằng mật khẩu hoặc quá lớn khi giải nén.',
    DOC_NEEDS_OFFICE:
      'Tệp .doc (Word 97–2003) cần LibreOffice để đọc, nhưng máy chủ chưa cài (gói libreoffice-writer-nogui). Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi tải lên lại.',
    DOC_NOT_CONVERTED: 'LibreOffice không chuyển được tệp .doc này sang .docx: hãy mở tệp, lưu lại dạng .docx rồi tải lên lại.',
    NO_FIELDS: 'Không tìm thấy mục nào để khai trong mẫu: không có dòng chấm ("……"), ô đánh dấu (□) hay bảng có dòng trống. Hãy kiểm tra lại tệp, hoặc tạo biểu mẫu bằng tay.',
  },
  en: {
    EMPTY: 'The file is empty: choose the form as a .docx or .doc file.',
    TOO_LARGE: (p) => `The file is larger than ${p.max} MB: a form is usually a few hundred KB.`,
    NOT_WORD: 'The file is not a Word document (.docx or .doc): upload the original form, not a PDF or a photo.',
    BROKEN: 'This Word file cannot be read: it is damaged, password-protected or too large once unpacked.',
    DOC_NEEDS_OFFICE: 'A .doc file (Word 97–2003) needs LibreOffice, which is not installed on the server (package libreoffice-writer-nogui). Open the file in Word or LibreOffice, save it as .docx and upload it again.',
    DOC_NOT_CONVERTED: 'LibreOffice could not convert this .doc file to .docx: open it, save it as .docx and upload it again.',
    NO_FIELDS: 'No place to write was found in the form: no dotted lines ("……"), no boxes (□), no table with empty rows. Check the file, or build the form by hand.',
  },
};
