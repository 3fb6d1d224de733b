// The default e-form (F1–F3, A1; Art. 8, 13.1): every level-3/4 service takes applications online,
// also before its own form is written. Made from the catalog record alone — the applicant (offered
// from the account and the data store), the request in the service's words, one file per dossier
// component, the pledge — so what no form describes is never stored.
import type { ServiceRecord } from '../catalog/index.ts';
import type { AttachmentField, Field, FormDefinition } from './model.ts';

/** What of a catalog record the default form is made from. */
export type DefaultFormSource = Pick<ServiceRecord, 'code' | 'name' | 'components' | 'fees' | 'forms' | 'decidingAgency'> & { agencyName?: string };

/** The prefix of every default form's id: `mac-dinh-1-000656` for service 1.000656. */
export const DEFAULT_FORM_PREFIX = 'mac-dinh-';

/** A form id may not hold dots: the service code's dots become dashes. */
export const defaultFormId = (serviceCode: string) => `${DEFAULT_FORM_PREFIX}${serviceCode.replace(/\./g, '-')}`;

/** Whether a definition is a generated default form (by its id). */
export const isDefaultForm = (def: Pick<FormDefinition, 'id'>) => def.id.startsWith(DEFAULT_FORM_PREFIX);

/** Papers the applicant writes on the authority's template: the e-form stands in for the only one. */
const FORM_KINDS = new Set(['to-khai', 'don-de-nghi']);

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

/**
 * A component asked only in some cases — "(nếu có)", "(trường hợp ủy quyền thực hiện)", "(đối với
 * người khuyết tật)" — is offered, not required: the officer asks for it when the case applies.
 */
export function isConditionalComponent(name: string): boolean {
  const f = fold(name);
  if (/\bneu co\b/.test(f)) return true;
  return [...f.matchAll(/\(([^)]*)\)/g)].some((m) => /\b(neu|truong hop|doi voi)\b/.test(m[1]!));
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);
const two = (n: number) => String(n).padStart(2, '0');
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

/** "Số lượng: 01 bản chính và 01 bản sao." */
function counts(c: { original: number; copy: number }): string {
  const parts = [c.original > 0 && `${two(c.original)} bản chính`, c.copy > 0 && `${two(c.copy)} bản sao`].filter(Boolean);
  if (!parts.length) return '';
  const how = c.original > 0 ? ' Tải lên bản chụp hoặc bản quét rõ nét của bản chính' : ' Tải lên bản sao có chứng thực, bản sao điện tử hoặc bản chụp từ bản chính';
  return `Số lượng: ${parts.join(' và ')}.${how}.`;
}

/** A field id from a component id: letters, digits, dashes, unique in the form. */
function attachmentId(componentId: string, taken: Set<string>): string {
  const base = `tp-${componentId.replace(/[^a-zA-Z0-9_-]/g, '-')}`.slice(0, 60);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The applicant, as on the portal's own forms: each item offered from the account or the data store (F3). */
const APPLICANT: Field[] = [
  { id: 'fullName', type: 'text', label: 'Họ và tên người nộp hồ sơ', help: 'Viết đầy đủ, có dấu, như trên thẻ Căn cước.', required: true, prefill: 'fullName', rules: { maxLength: 100 } },
  { id: 'dateOfBirth', type: 'date', label: 'Ngày, tháng, năm sinh', help: 'Theo dạng ngày/tháng/năm, ví dụ 20/05/1990.', required: true, prefill: 'dateOfBirth', rules: { minDate: '1900-01-01', maxDate: 'today' } },
  { id: 'idNumber', type: 'idNumber', label: 'Số định danh cá nhân', help: '12 chữ số trên thẻ Căn cước (là số định danh cá nhân).', required: true, prefill: 'idNumber' },
  { id: 'permanentAddress', type: 'address', label: 'Nơi cư trú', help: 'Nơi thường trú; nếu không có thì nơi tạm trú.', required: true, prefill: 'permanentAddress' },
  { id: 'phone', type: 'phone', label: 'Số điện thoại', help: 'Cơ quan gọi số này khi cần hỏi thêm về hồ sơ.', required: true, prefill: 'phone' },
  { id: 'email', type: 'email', label: 'Thư điện tử (email)', help: 'Không bắt buộc; để nhận thông báo về hồ sơ.', prefill: 'email' },
  { id: 'organization', type: 'text', label: 'Tên tổ chức, doanh nghiệp (nếu nộp thay mặt)', help: 'Để trống khi nộp cho chính mình.', rules: { maxLength: 300 } },
];

/**
 * The default e-form of a service: valid for `loadDefinition`, with a valid `example`. Pure — the
 * same record gives the same document — so a stored copy is found again by its content.
 */
export function defaultFormFor(service: DefaultFormSource): FormDefinition {
  const taken = new Set(['fullName', 'dateOfBirth', 'idNumber', 'permanentAddress', 'phone', 'email', 'organization', 'content', 'declaration']);
  const official = service.forms[0];
  // The e-form stands in for the one application paper "theo mẫu", as the file checks count it.
  const papers = service.components.filter((c) => FORM_KINDS.has(c.kind));
  const replaced = papers.length === 1 ? papers[0] : undefined;
  const attachments: AttachmentField[] = service.components
    .filter((c) => c !== replaced)
    .map((c) => ({
      id: attachmentId(c.id, taken),
      type: 'attachment',
      label: cut(c.name, 500),
      ...(counts(c) && { help: cut(counts(c), 1000) }),
      component: c.id,
      ...(!isConditionalComponent(c.name) && { required: true }),
    }));
  const items = official?.fields.length ? ` Ghi đủ các nội dung của ${official.name}: ${official.fields.join('; ')}.` : '';
  const paid = service.fees.filter((f) => f.amount > 0);
  const fees = paid.length ? `Phí, lệ phí: ${paid.map((f) => `${vnd(f.amount)} (${f.description})`).join('; ')}.` : service.fees.length ? `Phí, lệ phí: ${service.fees.map((f) => f.description).join('; ')}.` : '';
  const title = cut(`Đề nghị: ${service.name}`, 300);

  const def: FormDefinition = {
    format: 'dvctt-form/1',
    id: defaultFormId(service.code),
    version: 1,
    code: 'MacDinh',
    slug: `DeNghi-${service.code.replace(/\./g, '-')}`,
    title,
    addressee: cut(service.agencyName || service.decidingAgency || 'Cơ quan giải quyết thủ tục', 300),
    services: [service.code],
    sections: [
      { id: 'nguoi-nop', title: 'Thông tin người nộp hồ sơ', fields: APPLICANT },
      {
        id: 'de-nghi',
        title,
        ...(fees && { help: cut(fees, 1000) }),
        fields: [
          {
            id: 'content',
            type: 'textarea',
            label: 'Nội dung đề nghị',
            help: cut(`Ghi rõ điều bạn đề nghị cơ quan giải quyết và các thông tin cần cho việc giải quyết.${items}`, 1000),
            required: true,
            rules: { minLength: 10, maxLength: 5000 },
          },
        ],
      },
      ...(attachments.length ? [{ id: 'thanh-phan-ho-so', title: 'Thành phần hồ sơ', help: 'Mỗi giấy tờ một tệp. Giấy tờ đã có trong kho dữ liệu không cần nộp lại.', fields: attachments }] : []),
      {
        id: 'cam-doan',
        title: 'Cam đoan',
        fields: [
          {
            id: 'declaration',
            type: 'consent',
            label: 'Tôi cam đoan những thông tin khai trên đây và giấy tờ gửi kèm là đúng sự thật, đồng ý để cơ quan giải quyết dùng các thông tin này cho việc giải quyết thủ tục, và chịu trách nhiệm trước pháp luật về nội dung cam đoan của mình.',
            required: true,
          },
        ],
      },
    ],
    print: { signer: 'Người đề nghị', attachmentsLabel: 'Thành phần hồ sơ gửi kèm theo' },
    example: {
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '20/05/1990',
      idNumber: '056090001234',
      permanentAddress: { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '25 Lê Thánh Tôn' },
      phone: '0912345678',
      email: 'an.nguyen@example.vn',
      content: cut(`Đề nghị cơ quan giải quyết thủ tục "${service.name}" theo hồ sơ gửi kèm.`, 5000),
      declaration: true,
    },
  };
  return def;
}
