// The counter intake pages (A3, V3): first who and what (CCCD, procedure, receiving unit, channel),
// then the dossier: the applicant, the e-form typed from the paper form, and each paper scanned
// with its form, copies and check against the original. Works without JavaScript.
import type { Service } from '../../../catalog/index.ts';
import { FormFields, type FormDefinition } from '../../../forms/index.ts';
import { formatBytes } from '../../../storage/index.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, FileField, Radios, Select, type FieldErrors } from '../../../web/components/form.tsx';
import { Facts } from '../../../web/components/facts.tsx';
import { Layout } from '../../../web/components/layout.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import { dayVi } from '../../../web/format.ts';
import { attachmentRule, kindLabel } from '../../model.ts';
import { CHANNEL_NAMES, MAX_COPIES, PAPER_FORM_NAMES, type CounterChannel } from '../model.ts';

type DossierComponent = Service['components'][number];

const TITLE = 'Tiếp nhận hồ sơ trực tiếp';
const CHANNEL_OPTIONS = Object.entries(CHANNEL_NAMES).map(([value, label]) => ({ value, label }));
const FORM_OPTIONS = Object.entries(PAPER_FORM_NAMES).map(([value, label]) => ({ value, label }));

export interface IntakeChoice {
  cccd: string;
  service: string;
  agency: string;
  channel: string;
}

/** Step 1: the applicant's CCCD, the procedure, the unit receiving it and how the dossier came. */
export function IntakeStartPage({ ctx, services, agencies, values, errors = {} }: { ctx: PageContext; services: { code: string; name: string }[]; agencies: { code: string; name: string }[]; values: Partial<IntakeChoice>; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? 'Lỗi: ' : ''}${TITLE}`} description="Ghi nhận hồ sơ giấy nộp tại bộ phận một cửa hoặc qua bưu chính.">
      <h1>{TITLE}</h1>
      <p>Ghi nhận hồ sơ giấy người dân nộp tại bộ phận một cửa hoặc gửi qua bưu chính: tìm người nộp theo số CCCD (chưa có tài khoản thì tạo ở bước sau), chọn thủ tục và nơi tiếp nhận, rồi nhập tờ khai và số hóa từng giấy tờ.</p>
      <ErrorSummary errors={errors} labels={{ cccd: 'Số CCCD', service: 'Thủ tục', agency: 'Nơi tiếp nhận', channel: 'Hình thức nộp' }} />
      <form method="get" action="/can-bo/tiep-nhan" novalidate>
        <Field name="cccd" label="Số CCCD của người nộp" hint="12 chữ số, ví dụ 056090001234" value={values.cccd ?? ''} errors={errors} maxLength={12} inputMode="numeric" required />
        <Select name="service" label="Thủ tục" choose="— Chọn thủ tục —" options={services.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={values.service} errors={errors} required />
        <Select name="agency" label="Nơi tiếp nhận" options={agencies.map((a) => ({ value: a.code, label: a.name }))} value={values.agency} errors={errors} required />
        <Radios name="channel" legend="Hình thức nộp" options={CHANNEL_OPTIONS} value={values.channel ?? 'truc-tiep'} errors={errors} required />
        <button type="submit" class="button">
          Tiếp tục
        </button>
      </form>
    </Layout>
  );
}

export interface FoundApplicant {
  fullName: string;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
}

export interface IntakeDossierProps {
  ctx: PageContext;
  choice: IntakeChoice & { channel: CounterChannel };
  serviceName: string;
  agencyName: string;
  def: FormDefinition;
  components: DossierComponent[];
  /** The account holding the CCCD; none: the applicant's details are asked for. */
  found?: FoundApplicant;
  /** What was typed (a refused intake shows it again; files must be chosen again). */
  raw?: Record<string, unknown>;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** One paper: its scan, its form (original, copy, certified copy), how many copies, and whether the scan matches the original. */
function PaperSlot({ c, values, errors }: { c: DossierComponent; values: Record<string, string>; errors: FieldErrors }) {
  const rule = attachmentRule(c.kind);
  const name = `component:${c.id}`;
  return (
    <fieldset class="paper-slot">
      <legend>{c.name}</legend>
      <FileField
        name={name}
        label="Bản quét"
        hint={`Nhận tệp ${rule.accept.map(kindLabel).join(', ')}; tối đa ${formatBytes(rule.maxBytes)}. Bỏ trống nếu người nộp không có giấy tờ này.`}
        errors={errors}
        accept="application/pdf,.pdf,image/jpeg,.jpg,image/png,.png"
      />
      <Select name={`paper.${c.id}.form`} label="Hình thức giấy tờ" options={FORM_OPTIONS} value={values[`paper.${c.id}.form`] ?? 'ban-sao'} errors={errors} />
      <Field name={`paper.${c.id}.copies`} label="Số bản" hint={`Từ 1 đến ${MAX_COPIES}`} value={values[`paper.${c.id}.copies`] ?? '1'} errors={errors} maxLength={2} inputMode="numeric" />
      <Checkbox name={`paper.${c.id}.matches`} label="Bản quét khớp với bản gốc" checked={values[`paper.${c.id}.matches`] === 'true'} errors={errors} />
    </fieldset>
  );
}

/** Step 2: the applicant, the e-form and the papers, sent as one multipart form. */
export function IntakeDossierPage({ ctx, choice, serviceName, agencyName, def, components, found, raw = {}, values = {}, errors = {} }: IntakeDossierProps) {
  const back = `/can-bo/tiep-nhan?${new URLSearchParams({ cccd: choice.cccd, service: choice.service, agency: choice.agency, channel: choice.channel })}`;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? 'Lỗi: ' : ''}${TITLE}: ${serviceName}`} description="Nhập tờ khai và số hóa giấy tờ của hồ sơ giấy.">
      <h1>{TITLE}</h1>
      <Facts
        class="service-facts"
        items={[
          { term: 'Thủ tục', value: serviceName },
          { term: 'Nơi tiếp nhận', value: agencyName },
          { term: 'Hình thức nộp', value: CHANNEL_NAMES[choice.channel] },
        ]}
      />
      <p>
        <a href={back}>Chọn lại thủ tục, nơi tiếp nhận hoặc người nộp</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/can-bo/tiep-nhan" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="service" value={choice.service} />
        <input type="hidden" name="agency" value={choice.agency} />
        <input type="hidden" name="channel" value={choice.channel} />
        <input type="hidden" name="applicant.idNumber" value={choice.cccd} />
        <h2>Người nộp hồ sơ</h2>
        {found ? (
          <>
            <p>Người nộp đã có tài khoản; hồ sơ được ghi vào tài khoản này.</p>
            <input type="hidden" name="applicant.fullName" value={found.fullName} />
            <Facts
              items={[
                { term: 'Họ và tên', value: found.fullName },
                { term: 'Số CCCD', value: choice.cccd },
                found.dateOfBirth && { term: 'Ngày sinh', value: dayVi(found.dateOfBirth) },
                found.phone && { term: 'Điện thoại', value: found.phone },
                found.email && { term: 'Thư điện tử', value: found.email },
              ]}
            />
          </>
        ) : (
          <>
            <p>
              Chưa có tài khoản với số CCCD {choice.cccd}. Một tài khoản chưa có mật khẩu được tạo cho người nộp; sau này họ đặt mật khẩu bằng “Quên mật khẩu” với số điện thoại hoặc thư điện tử ghi dưới đây, rồi xem hồ sơ và giấy tờ đã số hóa trong tài khoản.
            </p>
            <Field name="applicant.fullName" label="Họ và tên" value={values['applicant.fullName'] ?? ''} errors={errors} maxLength={100} required />
            <Field name="applicant.dateOfBirth" label="Ngày sinh" hint="ngày/tháng/năm, ví dụ 20/05/1990" value={values['applicant.dateOfBirth'] ?? ''} errors={errors} maxLength={10} />
            <Field name="applicant.phone" label="Số điện thoại di động" type="tel" value={values['applicant.phone'] ?? ''} errors={errors} maxLength={20} inputMode="tel" />
            <Field name="applicant.email" label="Thư điện tử" type="email" value={values['applicant.email'] ?? ''} errors={errors} maxLength={320} inputMode="email" />
            <Field name="applicant.address" label="Địa chỉ" value={values['applicant.address'] ?? ''} errors={errors} maxLength={300} />
          </>
        )}
        <h2>Tờ khai</h2>
        <p class="hint">Nhập theo tờ khai giấy người nộp mang đến ({def.title}).</p>
        <FormFields def={def} raw={raw} errors={errors} level={3} />
        <h2>Thành phần hồ sơ (số hóa)</h2>
        <p class="hint">Quét hoặc chụp từng giấy tờ, ghi hình thức, số bản và đối chiếu bản quét với bản gốc.</p>
        {components.map((c) => (
          <PaperSlot key={c.id} c={c} values={values} errors={errors} />
        ))}
        <button type="submit" class="button">
          Tiếp nhận hồ sơ
        </button>
      </form>
    </Layout>
  );
}

/** The notice on the application's page after an intake, with the receipt to print for the applicant. */
export function IntakeNotice({ code }: { code: string }) {
  return (
    <>
      Đã tiếp nhận hồ sơ giấy và số hóa các giấy tờ; hồ sơ ở trạng thái “Đã tiếp nhận”.{' '}
      <a href={`/can-bo/ho-so/${code}/giay-to/tiep-nhan.pdf`}>In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)</a> để giao cho người nộp.
    </>
  );
}
