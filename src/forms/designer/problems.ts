// The designer's refusals (F1, S7): one table of codes, statuses and sentences (Vietnamese first).
import type { ProblemTable } from '../../web/problem.ts';
import type { EditProblemCode } from './edit.ts';
import type { StepProblemCode } from './steps.ts';

/** What the administrator typed on a designer page, refused at its input. */
export type InputProblemCode =
  | 'NO_LABEL'
  | 'UNKNOWN_TYPE'
  | 'NO_OPTIONS'
  | 'DUPLICATE_OPTION'
  | 'NO_COMPONENT'
  | 'NOT_A_NUMBER'
  | 'NOT_AN_INTEGER'
  | 'BAD_PATTERN'
  | 'BAD_DATE'
  | 'CONDITION_WITHOUT_FIELD'
  | 'NO_COMPARISON_OP'
  | 'UNKNOWN_PREFILL'
  | 'PREFILL_NOT_FOR_TYPE'
  | 'BAD_ID';

export type DesignerProblemCode = EditProblemCode | StepProblemCode | InputProblemCode | 'BAD_JSON' | 'NO_SERVICE' | 'FORM_NOT_FOUND' | 'FORM_EXISTS' | 'NO_TITLE' | 'UNKNOWN_OP';

export const DESIGNER_PROBLEMS: ProblemTable<DesignerProblemCode> = {
  status: {
    SECTION_NOT_FOUND: 404,
    FIELD_NOT_FOUND: 404,
    STEP_NOT_FOUND: 404,
    FORM_NOT_FOUND: 404,
    LAST_SECTION: 400,
    LAST_FIELD: 400,
    FIELD_IN_USE: 400,
    CANNOT_MOVE: 400,
    ID_TAKEN: 400,
    GROUP_IN_GROUP: 400,
    NOT_IN_GROUP: 400,
    STEP_STARTS_HERE: 400,
    BAD_JSON: 400,
    NO_SERVICE: 400,
    FORM_EXISTS: 409,
    NO_TITLE: 400,
    UNKNOWN_OP: 400,
    NO_LABEL: 400,
    UNKNOWN_TYPE: 400,
    NO_OPTIONS: 400,
    DUPLICATE_OPTION: 400,
    NO_COMPONENT: 400,
    NOT_A_NUMBER: 400,
    NOT_AN_INTEGER: 400,
    BAD_PATTERN: 400,
    BAD_DATE: 400,
    CONDITION_WITHOUT_FIELD: 400,
    NO_COMPARISON_OP: 400,
    UNKNOWN_PREFILL: 400,
    PREFILL_NOT_FOR_TYPE: 400,
    BAD_ID: 400,
  },
  vi: {
    SECTION_NOT_FOUND: (p) => `Biểu mẫu không có phần “${p.id}”; có thể người khác vừa xóa phần này.`,
    FIELD_NOT_FOUND: (p) => `Biểu mẫu không có trường “${p.ref}”; có thể người khác vừa xóa trường này.`,
    STEP_NOT_FOUND: (p) => `Biểu mẫu không có bước “${p.id}”.`,
    FORM_NOT_FOUND: (p) => `Không có biểu mẫu “${p.id}”.`,
    LAST_SECTION: (p) => `Không xóa được phần “${p.title}”: biểu mẫu cần ít nhất một phần.`,
    LAST_FIELD: (p) => `Không xóa được trường “${p.label}”: “${p.container}” cần ít nhất một trường. Hãy thêm trường khác trước, hoặc xóa cả phần.`,
    FIELD_IN_USE: (p) => `Không xóa được “${p.label}”: điều kiện hoặc quy tắc của ${p.users} dựa vào nó. Hãy sửa các trường đó trước.`,
    CANNOT_MOVE: (p) => `Không chuyển được “${p.label}” theo hướng đó.`,
    ID_TAKEN: (p) => `Mã “${p.id}” đã có trong biểu mẫu; hãy chọn mã khác.`,
    GROUP_IN_GROUP: 'Nhóm lặp lại không được đặt trong một nhóm lặp lại khác.',
    NOT_IN_GROUP: (p) => `Loại trường “${p.type}” không dùng trong nhóm lặp lại.`,
    STEP_STARTS_HERE: (p) => `Bước “${p.title}” đã bắt đầu ở phần này; hãy chọn phần khác để bắt đầu bước mới.`,
    BAD_JSON: (p) => `Nội dung không phải JSON hợp lệ: ${p.reason}`,
    NO_SERVICE: (p) => `Không có thủ tục mã “${p.code}” trong danh mục.`,
    FORM_EXISTS: (p) => `Đã có biểu mẫu “${p.id}”; hãy mở biểu mẫu đó để sửa.`,
    NO_TITLE: 'Hãy nhập tên.',
    UNKNOWN_OP: 'Thao tác không có trong trình thiết kế; không có gì thay đổi.',
    NO_LABEL: 'Hãy nhập nhãn của trường.',
    UNKNOWN_TYPE: 'Loại trường không có trong danh sách.',
    NO_OPTIONS: 'Hãy nhập ít nhất một lựa chọn, mỗi dòng một lựa chọn.',
    DUPLICATE_OPTION: (p) => `Lựa chọn “${p.value}” bị trùng.`,
    NO_COMPONENT: 'Hãy chọn thành phần hồ sơ mà trường này nhận tệp.',
    NOT_A_NUMBER: 'Ô này cần một số, ví dụ 10 hoặc 2,5.',
    NOT_AN_INTEGER: 'Ô này cần một số nguyên, ví dụ 10.',
    BAD_PATTERN: 'Biểu thức chính quy không hợp lệ.',
    BAD_DATE: 'Ngày viết dạng năm-tháng-ngày (ví dụ 2000-01-31) hoặc “today” (hôm nay).',
    CONDITION_WITHOUT_FIELD: 'Hãy chọn trường mà điều kiện dựa vào, hoặc xóa các giá trị.',
    NO_COMPARISON_OP: 'Hãy chọn cách so sánh.',
    UNKNOWN_PREFILL: 'Thông tin đã lưu không có trong danh sách.',
    PREFILL_NOT_FOR_TYPE: (p) => `Trường loại “${p.type}” không lấy được thông tin đã lưu.`,
    BAD_ID: 'Mã trường bắt đầu bằng một chữ cái, chỉ gồm chữ không dấu, số, gạch ngang, gạch dưới (tối đa 64 ký tự).',
  },
  en: {
    SECTION_NOT_FOUND: (p) => `The form has no section "${p.id}"; someone may just have removed it.`,
    FIELD_NOT_FOUND: (p) => `The form has no field "${p.ref}"; someone may just have removed it.`,
    STEP_NOT_FOUND: (p) => `The form has no step "${p.id}".`,
    FORM_NOT_FOUND: (p) => `There is no form "${p.id}".`,
    LAST_SECTION: (p) => `Section "${p.title}" cannot be removed: a form needs at least one section.`,
    LAST_FIELD: (p) => `Field "${p.label}" cannot be removed: "${p.container}" needs at least one field.`,
    FIELD_IN_USE: (p) => `"${p.label}" cannot be removed: conditions or rules of ${p.users} depend on it.`,
    CANNOT_MOVE: (p) => `"${p.label}" cannot move that way.`,
    ID_TAKEN: (p) => `The id "${p.id}" is already used in this form.`,
    GROUP_IN_GROUP: 'A repeating group cannot sit inside another repeating group.',
    NOT_IN_GROUP: (p) => `Fields of type "${p.type}" cannot be used in a repeating group.`,
    STEP_STARTS_HERE: (p) => `Step "${p.title}" already starts at this section.`,
    BAD_JSON: (p) => `Not valid JSON: ${p.reason}`,
    NO_SERVICE: (p) => `There is no procedure "${p.code}" in the catalog.`,
    FORM_EXISTS: (p) => `Form "${p.id}" already exists; open it to edit.`,
    NO_TITLE: 'Enter a title.',
    UNKNOWN_OP: 'The designer has no such operation; nothing changed.',
    NO_LABEL: 'Enter the field\'s label.',
    UNKNOWN_TYPE: 'That field type is not in the list.',
    NO_OPTIONS: 'Enter at least one option, one a line.',
    DUPLICATE_OPTION: (p) => `Option "${p.value}" is there twice.`,
    NO_COMPONENT: 'Choose the dossier component this field receives.',
    NOT_A_NUMBER: 'This box needs a number, e.g. 10 or 2.5.',
    NOT_AN_INTEGER: 'This box needs a whole number, e.g. 10.',
    BAD_PATTERN: 'The regular expression is not valid.',
    BAD_DATE: 'Write the date as year-month-day (e.g. 2000-01-31) or "today".',
    CONDITION_WITHOUT_FIELD: 'Choose the field the condition depends on, or clear the values.',
    NO_COMPARISON_OP: 'Choose how to compare.',
    UNKNOWN_PREFILL: 'That stored information is not in the list.',
    PREFILL_NOT_FOR_TYPE: (p) => `Fields of type "${p.type}" cannot offer stored information.`,
    BAD_ID: 'A field id starts with a letter and holds only letters without marks, digits, dashes and underscores (at most 64).',
  },
};
