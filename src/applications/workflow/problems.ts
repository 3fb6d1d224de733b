// The workflow's problems (A3): HTTP status and sentence per locale. A code is the API's
// `error.code`: never rename one.
import type { FastifyReply } from 'fastify';
import { apiError } from '../../web/api-error.ts';
import { explain, type Problem, type ProblemTable } from '../../web/problem.ts';

export type WorkflowProblem =
  | 'NOT_FOUND'
  | 'STALE'
  | 'WRONG_STEP'
  | 'NOT_HEAD'
  | 'NOT_HOLDER'
  | 'NOT_ASSIGNEE'
  | 'NOT_LEADER'
  | 'ALREADY_ASSIGNED'
  | 'ASSIGNEE_NOT_IN_UNIT'
  | 'UNIT_REQUIRED'
  | 'SAME_UNIT'
  | 'UNIT_NOT_HANDLING'
  | 'NO_TRANSFER'
  | 'BAD_DAYS'
  | 'REASON_REQUIRED'
  | 'DECISION_REQUIRED'
  | 'CONFIG_INVALID'
  | 'ASSIGNEES_REQUIRED'
  | 'DUTY_INVALID'
  | 'ACCOUNT_NOT_IN_UNIT';

const ACTIONS_VI: Record<string, string> = { assign: 'phân công', take: 'nhận xử lý', transfer: 'chuyển đơn vị', return: 'trả về đơn vị chuyển', 'request-approval': 'trình duyệt', decide: 'duyệt' };
const ACTIONS_EN: Record<string, string> = { assign: 'assign it', take: 'take it', transfer: 'transfer it', return: 'return it', 'request-approval': 'send it for approval', decide: 'approve it' };
const STEPS_VI: Record<string, string> = { reception: 'chờ tiếp nhận', assignment: 'chờ phân công', processing: 'đang xử lý', approval: 'chờ lãnh đạo duyệt', returning: 'chờ trả kết quả', closed: 'đã kết thúc' };

export const WORKFLOW_PROBLEMS: ProblemTable<WorkflowProblem> = {
  status: {
    NOT_FOUND: 404,
    STALE: 409,
    WRONG_STEP: 409,
    NOT_HEAD: 403,
    NOT_HOLDER: 403,
    NOT_ASSIGNEE: 403,
    NOT_LEADER: 403,
    ALREADY_ASSIGNED: 409,
    ASSIGNEE_NOT_IN_UNIT: 400,
    UNIT_REQUIRED: 400,
    SAME_UNIT: 400,
    UNIT_NOT_HANDLING: 400,
    NO_TRANSFER: 409,
    BAD_DAYS: 400,
    REASON_REQUIRED: 400,
    DECISION_REQUIRED: 400,
    CONFIG_INVALID: 400,
    ASSIGNEES_REQUIRED: 400,
    DUTY_INVALID: 400,
    ACCOUNT_NOT_IN_UNIT: 400,
  },
  vi: {
    NOT_FOUND: (p) => `Không có hồ sơ mã "${p.code}" trong phạm vi của bạn.`,
    STALE: 'Hồ sơ vừa được người khác xử lý (phân công, chuyển hoặc duyệt) sau khi bạn mở trang; không có gì thay đổi. Hãy xem lại hồ sơ rồi thao tác lại.',
    WRONG_STEP: (p) => `Hồ sơ đang ở bước "${STEPS_VI[p.step!] ?? p.step}": không thể ${ACTIONS_VI[p.action!] ?? p.action} lúc này; không có gì thay đổi.`,
    NOT_HEAD: (p) => `Chỉ trưởng đơn vị đang giữ hồ sơ (${p.unit}) hoặc quản trị mới được phân công hồ sơ; không có gì thay đổi.`,
    NOT_HOLDER: (p) => `Chỉ cán bộ được phân công hoặc trưởng đơn vị đang giữ hồ sơ (${p.unit}) mới được làm việc này; không có gì thay đổi.`,
    NOT_ASSIGNEE: 'Chỉ cán bộ được phân công xử lý mới được trình lãnh đạo duyệt; không có gì thay đổi.',
    NOT_LEADER: (p) => `Chỉ lãnh đạo của đơn vị đang giữ hồ sơ (${p.unit}) mới được duyệt hoặc trả lại; không có gì thay đổi.`,
    ALREADY_ASSIGNED: 'Hồ sơ vừa được người khác xử lý: đã được phân công cho cán bộ khác; không có gì thay đổi. Trưởng đơn vị có thể phân công lại.',
    ASSIGNEE_NOT_IN_UNIT: 'Người được chọn không phải cán bộ của đơn vị đang giữ hồ sơ; hãy chọn trong danh sách. Không có gì thay đổi.',
    UNIT_REQUIRED: 'Hãy chọn đơn vị nhận hồ sơ.',
    SAME_UNIT: 'Hồ sơ đang ở chính đơn vị này; hãy chọn đơn vị khác.',
    UNIT_NOT_HANDLING: (p) => `Đơn vị "${p.unit}" không giải quyết thủ tục này (không phải cơ quan thực hiện thủ tục, cũng không thuộc cơ quan tiếp nhận); không có gì thay đổi.`,
    NO_TRANSFER: 'Hồ sơ không được chuyển đến đơn vị này từ đơn vị khác: không có nơi để trả về.',
    BAD_DAYS: (p) => `Số ngày làm việc phải là số nguyên từ 1 đến ${p.max}; để trống thì dùng thời gian còn lại của hồ sơ.`,
    REASON_REQUIRED: 'Hãy ghi rõ lý do trả lại để cán bộ xử lý biết cần sửa gì.',
    DECISION_REQUIRED: 'Hãy chọn duyệt hoặc trả lại.',
    CONFIG_INVALID: 'Giá trị đã chọn không có trong danh sách; hãy chọn lại.',
    ASSIGNEES_REQUIRED: 'Phân công tự động cần ít nhất một cán bộ để chọn.',
    DUTY_INVALID: 'Hãy chọn vai trò: trưởng đơn vị (phân công) hoặc lãnh đạo (duyệt).',
    ACCOUNT_NOT_IN_UNIT: 'Tài khoản được chọn không phải cán bộ của đơn vị này; không có gì được lưu.',
  },
  en: {
    NOT_FOUND: (p) => `There is no application "${p.code}" within your reach.`,
    STALE: 'Someone else has just acted on this application (assigned, transferred or approved it) after you opened the page; nothing changed. Look at it again and act again.',
    WRONG_STEP: (p) => `The application is at the step "${STEPS_VI[p.step!] ?? p.step}": you cannot ${ACTIONS_EN[p.action!] ?? p.action} now; nothing changed.`,
    NOT_HEAD: (p) => `Only a head of the unit holding the application (${p.unit}) or an administrator may assign it; nothing changed.`,
    NOT_HOLDER: (p) => `Only the assigned officer or a head of the unit holding the application (${p.unit}) may do this; nothing changed.`,
    NOT_ASSIGNEE: 'Only the assigned officer may send the application for approval; nothing changed.',
    NOT_LEADER: (p) => `Only a leader of the unit holding the application (${p.unit}) may approve it or send it back; nothing changed.`,
    ALREADY_ASSIGNED: 'Someone else has just acted on this application: it is assigned to another officer; nothing changed. A head of the unit may reassign it.',
    ASSIGNEE_NOT_IN_UNIT: 'The person chosen is not an officer of the unit holding the application; choose from the list. Nothing changed.',
    UNIT_REQUIRED: 'Choose the unit to send the application to.',
    SAME_UNIT: 'The application is already at this unit; choose another one.',
    UNIT_NOT_HANDLING: (p) => `The unit "${p.unit}" does not handle this procedure (it neither implements it nor belongs to the receiving agency); nothing changed.`,
    NO_TRANSFER: 'The application did not come to this unit by a transfer: there is nowhere to return it to.',
    BAD_DAYS: (p) => `The number of working days must be a whole number from 1 to ${p.max}; leave it empty for the application's remaining time.`,
    REASON_REQUIRED: 'Give the reason for sending it back, so that the officer knows what to change.',
    DECISION_REQUIRED: 'Choose to approve or to send back.',
    CONFIG_INVALID: 'The value chosen is not in the list; choose again.',
    ASSIGNEES_REQUIRED: 'Automatic assignment needs at least one officer to choose from.',
    DUTY_INVALID: 'Choose the duty: head of unit (assigns) or leader (approves).',
    ACCOUNT_NOT_IN_UNIT: 'The account chosen is not an officer of this unit; nothing was saved.',
  },
};

/** An API refusal: the problem's status, its code as `error.code`, its sentence in Vietnamese. */
export function sendWorkflowProblem(reply: FastifyReply, problem: Problem<WorkflowProblem>) {
  const p = explain(WORKFLOW_PROBLEMS, problem);
  return reply.code(p.status).send(apiError(p.code, p.message));
}
