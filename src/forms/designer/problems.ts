// The designer's refusals (F1, S7): one table of codes, statuses and sentences (Vietnamese first).
import type { ProblemTable } from '../../web/problem.ts';
import type { EditProblemCode } from './edit.ts';
import type { StepProblemCode } from './steps.ts';

export type DesignerProblemCode = EditProblemCode | StepProblemCode | 'BAD_JSON' | 'NO_SERVICE' | 'FORM_NOT_FOUND' | 'FORM_EXISTS' | 'NO_TITLE';

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
  },
};
