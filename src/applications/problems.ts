// The sentences and HTTP statuses of the applications module's problems, per locale (A1–A6, U5).
// Rules and stores return a code with the values its sentence names; routes explain it. A code
// the API answers with is the API's `error.code`, which integrators depend on: never rename one.
import { explain, type Outcome, type Problem, type ProblemTable } from '../web/problem.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../web/api-error.ts';
import type { PortalIdentity } from '../config.ts';
import { formatBytes } from '../storage/index.ts';
import { pageContext } from '../web/page-context.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { STATUS_NAMES, type Status } from './model.ts';
import { formatVnd, type FeeProblem } from './payment/model.ts';

export type ApplicationProblem =
  // A status change (A2, A7): the move, who may make it, its note.
  | 'NOT_FOUND'
  | 'NOT_ALLOWED'
  | 'NOT_YOURS'
  | 'NOTE_REQUIRED'
  | 'INVALID_STATUS'
  | 'ACTION_MISSING'
  // The apology and new date (A4).
  | 'REASON_REQUIRED'
  | 'ALREADY'
  | 'APOLOGY_CLOSED'
  | 'BAD_DATE'
  // The applicant's supplement (A4), the fee (A7) and the signed result (A6).
  | 'SUPPLY_CLOSED'
  | 'NOT_AWAITING_FEE'
  | FeeProblem
  | 'RESULT_SIGNED'
  | 'RESULT_NOT_PROCESSING'
  | 'RESULT_FILE_MISSING'
  | 'RESULT_NOT_PDF'
  | 'DECISION_REQUIRED'
  // The leader's approval before the result (A3, workflow).
  | 'APPROVAL_REQUIRED'
  // A submission (A1, F6, V2).
  | 'SERVICE_NOT_FOUND'
  | 'NOT_ONLINE'
  | 'NO_EFORM'
  | 'FORM_CHANGED'
  | 'FORBIDDEN'
  | 'INVALID_ANSWERS'
  | 'INVALID_FILES'
  | 'MISSING_COMPONENTS'
  | 'ALREADY_SUBMITTED'
  | 'BAD_REQUEST'
  // Where to apply (C1): which implementing agency.
  | 'AGENCY_REQUIRED'
  | 'AGENCY_NOT_IMPLEMENTING'
  | 'AGENCY_OFFLINE'
  // The public lookup (A3) and the national export (P3).
  | 'MISSING'
  | 'TOO_MANY'
  | 'INVALID_SINCE'
  | 'INVALID_CURSOR'
  // A multipart body refused before any file is named.
  | 'CSRF'
  | 'TOO_MANY_FILES'
  | 'TOO_LARGE'
  | 'BAD_BODY';

/** Why a move is not allowed (`rule` of NOT_ALLOWED): the rules' table, the return after a wait, a fee, a result. */
export type NotAllowedRule = 'move' | 'resume' | 'fee' | 'result';

const status = (n: string | number | undefined) => STATUS_NAMES[Number(n) as Status] ?? String(n);
const WHO_VI: Record<string, string> = { officer: 'cán bộ tiếp nhận, xử lý', applicant: 'người nộp hồ sơ', system: 'hệ thống' };
const WHO_EN: Record<string, string> = { officer: 'the receiving or processing officer', applicant: 'the applicant', system: 'the system' };
const bytes = (n: string | number | undefined) => formatBytes(Number(n));

export const APPLICATION_PROBLEMS: ProblemTable<ApplicationProblem> = {
  status: {
    NOT_FOUND: 404,
    NOT_ALLOWED: 409,
    NOT_YOURS: 409,
    NOTE_REQUIRED: 400,
    INVALID_STATUS: 400,
    ACTION_MISSING: 409,
    REASON_REQUIRED: 400,
    ALREADY: 409,
    APOLOGY_CLOSED: 409,
    BAD_DATE: 400,
    SUPPLY_CLOSED: 409,
    NOT_AWAITING_FEE: 409,
    AMOUNT_NOT_NUMBER: 400,
    AMOUNT_NOT_POSITIVE: 400,
    AMOUNT_TOO_HIGH: 400,
    AMOUNT_REASON_REQUIRED: 400,
    RESULT_SIGNED: 409,
    RESULT_NOT_PROCESSING: 409,
    RESULT_FILE_MISSING: 400,
    RESULT_NOT_PDF: 400,
    DECISION_REQUIRED: 400,
    APPROVAL_REQUIRED: 409,
    SERVICE_NOT_FOUND: 400,
    NOT_ONLINE: 400,
    NO_EFORM: 400,
    FORM_CHANGED: 409,
    FORBIDDEN: 403,
    INVALID_ANSWERS: 400,
    INVALID_FILES: 400,
    MISSING_COMPONENTS: 400,
    ALREADY_SUBMITTED: 400,
    BAD_REQUEST: 400,
    AGENCY_REQUIRED: 400,
    AGENCY_NOT_IMPLEMENTING: 400,
    AGENCY_OFFLINE: 409,
    MISSING: 400,
    TOO_MANY: 429,
    INVALID_SINCE: 400,
    INVALID_CURSOR: 400,
    CSRF: 403,
    TOO_MANY_FILES: 413,
    TOO_LARGE: 413,
    BAD_BODY: 400,
  },
  vi: {
    NOT_FOUND: (p) => (p.via === 'lookup' ? 'Không tìm thấy hồ sơ với mã và thông tin kiểm tra này.' : `Không có hồ sơ mã "${p.code}".`),
    NOT_ALLOWED: (p) =>
      p.rule === 'resume'
        ? `Hồ sơ phải trở lại trạng thái "${status(p.to)}".`
        : p.rule === 'fee'
          ? 'Thủ tục này không có phí, lệ phí trong danh mục; hãy ghi số tiền cần nộp ở trang "Yêu cầu thực hiện nghĩa vụ tài chính".'
          : p.rule === 'result'
            ? 'Chưa có văn bản kết quả: hãy tải lên tệp PDF kết quả hoặc tạo kết quả từ mẫu. Hồ sơ chỉ chuyển sang "Đã xử lý xong" khi có kết quả đã ký số.'
            : `Không thể chuyển hồ sơ từ "${status(p.from)}" sang "${status(p.to)}".`,
    NOT_YOURS: (p) => `Chỉ ${WHO_VI[p.who!] ?? p.who} được chuyển hồ sơ sang "${status(p.to)}".`,
    NOTE_REQUIRED: (p) => (Number(p.to) === 5 ? 'Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung.' : 'Hãy ghi rõ lý do.'),
    INVALID_STATUS: (p) => `Trạng thái ${p.status} không tồn tại; dùng mã 1–10.`,
    ACTION_MISSING: 'Hãy chọn một thao tác xử lý.',
    REASON_REQUIRED: 'Hãy ghi rõ lý do chậm trễ trong thư xin lỗi.',
    ALREADY: (p) => `Hồ sơ này đã có thư xin lỗi và hẹn lại ngày trả kết quả (${timeVi(new Date(p.at!))}); mỗi hồ sơ chỉ được hẹn lại một lần.`,
    APOLOGY_CLOSED: (p) => `Hồ sơ ở trạng thái "${status(p.status)}": không còn hẹn lại ngày trả kết quả.`,
    BAD_DATE: (p) => `Ngày hẹn mới phải sau ${dayVi(String(p.after))} (sau cả hạn giải quyết hiện tại và hôm nay).`,
    SUPPLY_CLOSED: 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ; không có gì được lưu.',
    NOT_AWAITING_FEE: 'Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính.',
    AMOUNT_NOT_NUMBER: 'Số tiền phải là số nguyên đồng, chỉ gồm chữ số, có thể tách hàng nghìn bằng dấu chấm hoặc khoảng trắng, ví dụ 500.000 hoặc 500000.',
    AMOUNT_NOT_POSITIVE: 'Số tiền phải lớn hơn 0; thủ tục không thu phí thì không yêu cầu thực hiện nghĩa vụ tài chính.',
    AMOUNT_TOO_HIGH: (p) => `Số tiền vượt quá ${formatVnd(Number(p.max))}.`,
    AMOUNT_REASON_REQUIRED: (p) => `Số tiền khác mức trong danh mục thủ tục (${formatVnd(Number(p.catalog))}); hãy ghi rõ lý do.`,
    RESULT_SIGNED: 'Hồ sơ đã có kết quả được ký; không thể ký lại.',
    RESULT_NOT_PROCESSING: (p) => `Hồ sơ đang ở trạng thái "${status(p.status)}"; chỉ hồ sơ đang xử lý mới được trả kết quả giải quyết.`,
    RESULT_FILE_MISSING: 'Hãy chọn tệp PDF kết quả giải quyết; không có tệp thì không trả kết quả được.',
    RESULT_NOT_PDF: 'Tệp kết quả phải là PDF (nội dung tệp không phải PDF).',
    DECISION_REQUIRED: 'Hãy ghi nội dung giải quyết để tạo văn bản kết quả.',
    APPROVAL_REQUIRED: (p) => `Kết quả của thủ tục này phải được lãnh đạo đơn vị ${p.unit ?? ''} duyệt trước: hãy trình duyệt, chờ lãnh đạo duyệt rồi mới chuyển "Đã xử lý xong". Không có gì thay đổi.`,
    SERVICE_NOT_FOUND: (p) => (p.code ? `Không có dịch vụ công mã "${p.code}".` : 'Hãy cho biết mã dịch vụ công (trường "service").'),
    NOT_ONLINE: (p) => `Thủ tục "${p.name}" ở mức độ ${p.level}: chưa nhận hồ sơ trực tuyến; hãy nộp trực tiếp hoặc qua bưu chính.`,
    NO_EFORM: 'Thủ tục này không nhận hồ sơ trực tuyến bằng tờ khai điện tử.',
    FORM_CHANGED: (p) => `Tờ khai đã gửi theo phiên bản "${p.named}", nhưng phiên bản hiện hành của thủ tục là "${p.current}". Hãy lấy lại tờ khai (GET /api/v1/services/{mã}/form) và gửi theo phiên bản đó; không có gì được lưu.`,
    FORBIDDEN: (p) => (p.agency ? `Tài khoản không có quyền với hồ sơ của cơ quan "${p.agency}".` : 'Chỉ tài khoản công dân, doanh nghiệp nộp được hồ sơ.'),
    INVALID_ANSWERS: (p) => `Tờ khai có ${p.count} lỗi; không có gì được lưu.`,
    INVALID_FILES: (p) => `Tệp đính kèm có ${p.count} lỗi; không có gì được lưu. ${p.details}`,
    MISSING_COMPONENTS: (p) => `Hồ sơ còn thiếu ${p.count} thành phần bắt buộc: ${p.labels}. Hãy tải lên tệp, hoặc dùng giấy tờ đã có trong kho dữ liệu; không có gì được lưu.`,
    ALREADY_SUBMITTED: (p) => `Hồ sơ này đã được gửi: mã hồ sơ ${p.code}. Không có hồ sơ thứ hai nào được tạo.`,
    BAD_REQUEST: (p) => (p.depth ? `Dữ liệu JSON lồng nhau quá sâu (quá ${p.depth} cấp); không có gì được lưu.` : 'Phần "data" phải là tờ khai dạng JSON (một đối tượng); không có gì được lưu.'),
    AGENCY_REQUIRED: (p) => `Thủ tục "${p.name}" do ${p.count} cơ quan tiếp nhận; hãy chọn nơi nộp (trường "agency": mã cơ quan, xem implementations của GET /api/v1/services/{mã}). Không có gì được lưu.`,
    AGENCY_NOT_IMPLEMENTING: (p) => `Cơ quan "${p.agency}" không tiếp nhận thủ tục "${p.name}"; hãy chọn một nơi nộp trong danh sách của thủ tục. Không có gì được lưu.`,
    AGENCY_OFFLINE: (p) => `${p.agency} tạm ngừng nhận hồ sơ trực tuyến thủ tục "${p.name}"${p.reason ? `. Lý do: ${p.reason}` : ''}. Hãy chọn nơi nộp khác hoặc nộp sau; không có gì được lưu.`,
    MISSING: 'Cần mã hồ sơ và 4 số cuối số điện thoại hoặc CCCD của người nộp.',
    TOO_MANY: (p) => (p.scope === 'code' ? 'Tra cứu quá nhiều lần cho mã hồ sơ này; vui lòng thử lại sau.' : 'Tra cứu quá nhiều lần; vui lòng thử lại sau một phút.'),
    INVALID_SINCE: (p) => `"${p.since}" không phải thời điểm hợp lệ (ví dụ 2026-11-26 hoặc 2026-11-26T08:00:00+07:00).`,
    INVALID_CURSOR: 'Con trỏ trang không hợp lệ; dùng đúng giá trị nextCursor đã nhận.',
    CSRF: 'Biểu mẫu này không còn hợp lệ; không có gì được lưu. Hãy mở lại trang và gửi lại.',
    TOO_MANY_FILES: (p) => `Gửi quá nhiều tệp: tối đa ${p.max} tệp một lần; không có gì được lưu.`,
    TOO_LARGE: (p) => `Nội dung gửi lên quá lớn: tối đa ${bytes(p.limit)} một lần, mỗi tệp không quá ${bytes(p.fileMax)}; không có gì được lưu.`,
    BAD_BODY: 'Nội dung gửi lên không đầy đủ hoặc không đúng định dạng; không có gì được lưu.',
  },
  en: {
    NOT_FOUND: (p) => (p.via === 'lookup' ? 'No application was found with this code and check.' : `There is no application with code "${p.code}".`),
    NOT_ALLOWED: (p) =>
      p.rule === 'resume'
        ? `The application must go back to "${status(p.to)}".`
        : p.rule === 'fee'
          ? 'This procedure has no fee in the catalog; enter the amount to pay on the page "Yêu cầu thực hiện nghĩa vụ tài chính".'
          : p.rule === 'result'
            ? 'There is no result document yet: upload the result as a PDF or create it from the template. The application moves to "Đã xử lý xong" only with a digitally signed result.'
            : `The application cannot move from "${status(p.from)}" to "${status(p.to)}".`,
    NOT_YOURS: (p) => `Only ${WHO_EN[p.who!] ?? p.who} may move the application to "${status(p.to)}".`,
    NOTE_REQUIRED: (p) => (Number(p.to) === 5 ? 'List every document to be supplemented, all at once.' : 'Give the reason.'),
    INVALID_STATUS: (p) => `Status ${p.status} does not exist; use a code from 1 to 10.`,
    ACTION_MISSING: 'Choose what to do with the application.',
    REASON_REQUIRED: 'Give the reason for the delay in the apology.',
    ALREADY: (p) => `This application already has an apology and a new date for the result (${timeVi(new Date(p.at!))}); the date can be changed only once.`,
    APOLOGY_CLOSED: (p) => `The application is "${status(p.status)}": its date for the result can no longer be changed.`,
    BAD_DATE: (p) => `The new date must be after ${dayVi(String(p.after))} (after both the current due date and today).`,
    SUPPLY_CLOSED: 'The application is not waiting for further documents; nothing was saved.',
    NOT_AWAITING_FEE: 'The application is not waiting for a fee to be paid.',
    AMOUNT_NOT_NUMBER: 'The amount must be a whole number of đồng, digits only, thousands may be separated by dots or spaces, e.g. 500.000 or 500000.',
    AMOUNT_NOT_POSITIVE: 'The amount must be more than 0; a procedure without a fee does not ask for payment.',
    AMOUNT_TOO_HIGH: (p) => `The amount is more than ${formatVnd(Number(p.max))}.`,
    AMOUNT_REASON_REQUIRED: (p) => `The amount differs from the catalog’s (${formatVnd(Number(p.catalog))}); give the reason.`,
    RESULT_SIGNED: 'The application already has a signed result; it cannot be signed again.',
    RESULT_NOT_PROCESSING: (p) => `The application is "${status(p.status)}"; only an application being processed can be given its result.`,
    RESULT_FILE_MISSING: 'Choose the PDF file of the result; without a file no result can be given.',
    RESULT_NOT_PDF: 'The result file must be a PDF (its content is not a PDF).',
    DECISION_REQUIRED: 'Write the decision to create the result document.',
    APPROVAL_REQUIRED: (p) => `A leader of the unit ${p.unit ?? ''} must approve the result of this procedure first: send it for approval and wait for the approval before moving it to "Đã xử lý xong". Nothing changed.`,
    SERVICE_NOT_FOUND: (p) => (p.code ? `There is no public service with code "${p.code}".` : 'Give the public service code (the "service" property).'),
    NOT_ONLINE: (p) => `The procedure "${p.name}" is at level ${p.level}: it does not take applications online yet; apply in person or by post.`,
    NO_EFORM: 'This procedure does not take applications online through an e-form.',
    FORM_CHANGED: (p) => `The answers were filled in form version "${p.named}", but the procedure's current version is "${p.current}". Fetch the form again (GET /api/v1/services/{code}/form) and send answers to that version; nothing was saved.`,
    FORBIDDEN: (p) => (p.agency ? `The account has no right to the applications of the agency "${p.agency}".` : 'Only citizen and business accounts can submit applications.'),
    INVALID_ANSWERS: (p) => `The form has ${p.count} error(s); nothing was saved.`,
    INVALID_FILES: (p) => `The attachments have ${p.count} error(s); nothing was saved. ${p.details}`,
    MISSING_COMPONENTS: (p) => `The application still lacks ${p.count} required document(s): ${p.labels}. Upload a file, or use a document already in your data store; nothing was saved.`,
    ALREADY_SUBMITTED: (p) => `This application has already been sent: application code ${p.code}. No second application was made.`,
    BAD_REQUEST: (p) => (p.depth ? `The JSON is nested too deeply (more than ${p.depth} levels); nothing was saved.` : 'The "data" part must be the form as JSON (an object); nothing was saved.'),
    AGENCY_REQUIRED: (p) => `"${p.name}" is received by ${p.count} agencies; choose where to apply (the "agency" property: an agency code, see implementations in GET /api/v1/services/{code}). Nothing was stored.`,
    AGENCY_NOT_IMPLEMENTING: (p) => `The agency "${p.agency}" does not receive "${p.name}"; choose a place from the procedure's list. Nothing was stored.`,
    AGENCY_OFFLINE: (p) => `${p.agency} has stopped taking online applications for "${p.name}" for now${p.reason ? `. Reason: ${p.reason}` : ''}. Choose another place or apply later; nothing was stored.`,
    MISSING: 'Give the application code and the last 4 digits of the applicant’s phone number or CCCD.',
    TOO_MANY: (p) => (p.scope === 'code' ? 'Too many lookups for this application code; please try again later.' : 'Too many lookups; please try again in a minute.'),
    INVALID_SINCE: (p) => `"${p.since}" is not a valid time (for example 2026-11-26 or 2026-11-26T08:00:00+07:00).`,
    INVALID_CURSOR: 'The page cursor is not valid; use the nextCursor value exactly as received.',
    CSRF: 'This form is no longer valid; nothing was saved. Open the page again and send it again.',
    TOO_MANY_FILES: (p) => `Too many files: at most ${p.max} files at once; nothing was saved.`,
    TOO_LARGE: (p) => `What was sent is too large: at most ${bytes(p.limit)} at once, each file at most ${bytes(p.fileMax)}; nothing was saved.`,
    BAD_BODY: 'What was sent is incomplete or not in the right format; nothing was saved.',
  },
};

/**
 * A problem thrown inside a transaction so that everything in it rolls back; the store catches it
 * and returns the problem. Uncaught (a move that cannot fail did), its message is the sentence.
 */
export class Refusal extends Error {
  constructor(readonly problem: Problem<ApplicationProblem>) {
    super(explain(APPLICATION_PROBLEMS, problem).message);
  }
}

/** Runs `work`; a `Refusal` thrown inside becomes the refused outcome. */
export async function refusing<T>(work: () => Promise<T>): Promise<Outcome<T, ApplicationProblem>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** An API refusal: the problem's status, its code as the API's `error.code`, its sentence in Vietnamese. */
export function sendProblem(reply: FastifyReply, problem: Problem<ApplicationProblem>) {
  const p = explain(APPLICATION_PROBLEMS, problem);
  return reply.code(p.status).send(apiError(p.code, p.message));
}

/** A problem explained for a page: its status and its sentence in the page's language. */
export function explainForPage(req: FastifyRequest, portal: PortalIdentity, problem: Problem<ApplicationProblem>) {
  return explain(APPLICATION_PROBLEMS, problem, pageContext(req, portal).locale);
}
