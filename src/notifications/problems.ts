// The sentences and HTTP statuses of the notifications module's problems, per locale (N1–N4, U5):
// the person's notices and channels, the delivery queue, templates, webhooks and the SMS
// operator's delivery reports. Rules return these codes; routes explain them.
import type { ProblemTable } from '../web/problem.ts';

export type NotificationProblem =
  | 'NONE_SELECTED'
  | 'DELIVERY_OUT_OF_SCOPE'
  | 'DELIVERY_NOT_FAILED'
  | 'TEMPLATE_SUBJECT_MISSING'
  | 'TEMPLATE_BODY_MISSING'
  | 'TEMPLATE_VARIABLE_UNKNOWN'
  | 'TEMPLATE_BRACES'
  | 'WEBHOOK_NAME_MISSING'
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_SCHEME'
  | 'WEBHOOK_URL_PRIVATE'
  | 'WEBHOOK_EVENT_UNKNOWN'
  | 'REPORT_KEY_WRONG'
  | 'REPORT_FIELDS'
  | 'REPORT_UNKNOWN';

export const NOTIFICATION_PROBLEMS: ProblemTable<NotificationProblem> = {
  status: {
    NONE_SELECTED: 400,
    DELIVERY_OUT_OF_SCOPE: 404,
    DELIVERY_NOT_FAILED: 409,
    TEMPLATE_SUBJECT_MISSING: 400,
    TEMPLATE_BODY_MISSING: 400,
    TEMPLATE_VARIABLE_UNKNOWN: 400,
    TEMPLATE_BRACES: 400,
    WEBHOOK_NAME_MISSING: 400,
    WEBHOOK_URL_INVALID: 400,
    WEBHOOK_URL_SCHEME: 400,
    WEBHOOK_URL_PRIVATE: 400,
    WEBHOOK_EVENT_UNKNOWN: 400,
    REPORT_KEY_WRONG: 401,
    REPORT_FIELDS: 400,
    REPORT_UNKNOWN: 404,
  },
  vi: {
    NONE_SELECTED: 'Không có thông báo nào được chọn để đánh dấu đã đọc. Hãy quay lại trang Thông báo và bấm nút bên cạnh thông báo.',
    DELIVERY_OUT_OF_SCOPE: 'Không có thông báo này trong phạm vi của bạn.',
    DELIVERY_NOT_FAILED: (p) => `DV${p.id} không ở trạng thái gửi không thành công; không cần gửi lại.`,
    TEMPLATE_SUBJECT_MISSING: 'Hãy nhập tiêu đề thư.',
    TEMPLATE_BODY_MISSING: 'Hãy nhập nội dung.',
    TEMPLATE_VARIABLE_UNKNOWN: (p) => `Biến {${p.name}} không tồn tại; dùng một trong: ${p.allowed}.`,
    TEMPLATE_BRACES: 'Dấu ngoặc { } không khép đúng; mỗi biến viết dạng {ten_bien}.',
    WEBHOOK_NAME_MISSING: 'Hãy nhập tên hệ thống nhận.',
    WEBHOOK_URL_INVALID: 'Địa chỉ không hợp lệ; ví dụ https://he-thong.tinh.gov.vn/dvctt/webhook.',
    WEBHOOK_URL_SCHEME: 'Địa chỉ phải bắt đầu bằng https:// (hoặc http:// khi thử nghiệm).',
    WEBHOOK_URL_PRIVATE: 'Không dùng địa chỉ nội bộ (mạng riêng, máy này hoặc link-local) cho webhook; hãy dùng địa chỉ công khai của hệ thống nhận.',
    WEBHOOK_EVENT_UNKNOWN: (p) => `Sự kiện không tồn tại: ${p.events}.`,
    REPORT_KEY_WRONG: 'Sai hoặc thiếu khóa API (X-Api-Key).',
    REPORT_FIELDS: 'Báo cáo cần message_id và status (delivered, failed, expired hoặc rejected).',
    REPORT_UNKNOWN: (p) => `Không có tin nhắn mã ${p.id}.`,
  },
  en: {
    NONE_SELECTED: 'No notice was chosen to mark as read. Go back to Notices and press the button beside a notice.',
    DELIVERY_OUT_OF_SCOPE: 'There is no such notice among yours.',
    DELIVERY_NOT_FAILED: (p) => `DV${p.id} has not failed to send; it need not be sent again.`,
    TEMPLATE_SUBJECT_MISSING: 'Enter the email subject.',
    TEMPLATE_BODY_MISSING: 'Enter the text.',
    TEMPLATE_VARIABLE_UNKNOWN: (p) => `There is no variable {${p.name}}; use one of: ${p.allowed}.`,
    TEMPLATE_BRACES: 'The braces { } are not closed properly; write each variable as {variable_name}.',
    WEBHOOK_NAME_MISSING: 'Enter the name of the receiving system.',
    WEBHOOK_URL_INVALID: 'The address is not valid; for example https://he-thong.tinh.gov.vn/dvctt/webhook.',
    WEBHOOK_URL_SCHEME: 'The address must begin with https:// (or http:// for testing).',
    WEBHOOK_URL_PRIVATE: 'Do not use an internal address (a private network, this machine or link-local) for a webhook; use the public address of the receiving system.',
    WEBHOOK_EVENT_UNKNOWN: (p) => `No such event: ${p.events}.`,
    REPORT_KEY_WRONG: 'The API key (X-Api-Key) is wrong or missing.',
    REPORT_FIELDS: 'A report needs message_id and status (delivered, failed, expired or rejected).',
    REPORT_UNKNOWN: (p) => `There is no text message with id ${p.id}.`,
  },
};
