// /quan-tri/quy-trinh (A3): per service implementation, how applications are assigned and who
// approves; the heads (assign) and leaders (approve) of each unit of the administrator's tree.
import { Layout } from '../../../web/components/layout.tsx';
import { DataTable } from '../../../web/components/data-table.tsx';
import { Checkboxes, ErrorSummary, Field, Notice, Radios, Select, type FieldErrors } from '../../../web/components/form.tsx';
import { PostButton } from '../../../web/components/post-button.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import type { ConfiguredImplementation, Duty } from '../admin-store.ts';
import type { UnitOfficer } from '../records.ts';
import type { WorkflowConfig } from '../model.ts';

export const DUTY_NAMES = { head: 'Trưởng đơn vị (phân công)', leader: 'Lãnh đạo (duyệt)' } as const;

const ASSIGNMENTS = [{ value: 'manual', label: 'Trưởng đơn vị phân công' }, { value: 'auto', label: 'Tự động: cán bộ đang có ít hồ sơ nhất' }];
const APPROVALS = [{ value: 'leader', label: 'Lãnh đạo đơn vị duyệt trước khi trả kết quả' }, { value: 'none', label: 'Không cần duyệt' }];

const summary = (c: WorkflowConfig) =>
  `${c.assignment === 'auto' ? `Tự động (${c.assignees.length} cán bộ)` : 'Trưởng đơn vị phân công'}; ${c.approval === 'leader' ? 'lãnh đạo đơn vị duyệt' : 'không cần duyệt'}${c.processingDays ? `; ${c.processingDays} ngày làm việc cho cán bộ xử lý` : ''}`;

export const configHref = (i: { service: string; agency: string }) => `/quan-tri/quy-trinh/${encodeURIComponent(i.service)}/${encodeURIComponent(i.agency)}`;

export function WorkflowAdminPage({ ctx, items, duties, units, errors = {}, values = {}, notice }: { ctx: PageContext; items: ConfiguredImplementation[]; duties: Duty[]; units: { code: string; name: string }[]; errors?: FieldErrors; values?: Record<string, string>; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Quy trình xử lý hồ sơ" description="Phân công, duyệt kết quả theo từng thủ tục; trưởng đơn vị và lãnh đạo của các đơn vị.">
      <ErrorSummary errors={errors} labels={{ username: 'Tài khoản', unit: 'Đơn vị', duty: 'Vai trò' }} />
      <p>
        <a href="/quan-tri">‹ Trang quản trị</a>
      </p>
      <h1>Quy trình xử lý hồ sơ</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>Mặc định: trưởng đơn vị phân công hồ sơ cho cán bộ; kết quả được lãnh đạo của đơn vị duyệt trước khi trả (khi đơn vị có lãnh đạo được chỉ định).</p>
      <h2>Trưởng đơn vị và lãnh đạo</h2>
      <DataTable caption="Người phân công và người duyệt của từng đơn vị" rows={duties} rowKey={(d) => `${d.accountId}/${d.unit}/${d.duty}`} cards empty="Chưa chỉ định trưởng đơn vị hay lãnh đạo nào." columns={[
        { header: 'Đơn vị', cell: (d) => d.unitName },
        { header: 'Cán bộ', cell: (d) => `${d.name} (${d.username})` },
        { header: 'Vai trò', cell: (d) => DUTY_NAMES[d.duty] },
        {
          header: 'Thao tác',
          cell: (d) => (
            <PostButton action="/quan-tri/quy-trinh/nhiem-vu/xoa" csrfToken={ctx.csrfToken} hidden={{ username: d.username, unit: d.unit, duty: d.duty }} variant="link" inline>
              Bỏ vai trò<span class="visually-hidden"> {DUTY_NAMES[d.duty]} của {d.name}</span>
            </PostButton>
          ),
        },
      ]} />
      <PostButton
        action="/quan-tri/quy-trinh/nhiem-vu"
        csrfToken={ctx.csrfToken}
        narrow
        intro={
          <>
            <h3>Chỉ định trưởng đơn vị hoặc lãnh đạo</h3>
            <Select name="unit" label="Đơn vị" options={units.map((u) => ({ value: u.code, label: u.name }))} choose="— Chọn đơn vị —" value={values.unit} errors={errors} />
            <Field name="username" label="Tên đăng nhập của cán bộ" value={values.username} errors={errors} hint="Cán bộ của đơn vị (hoặc đã được thêm vào đơn vị)." />
            <Radios name="duty" legend="Vai trò" options={Object.entries(DUTY_NAMES).map(([value, label]) => ({ value, label }))} value={values.duty} errors={errors} />
          </>
        }
      >
        Chỉ định
      </PostButton>
      <h2>Theo thủ tục</h2>
      <DataTable caption="Cách phân công và duyệt của từng thủ tục tại từng cơ quan" rows={items} rowKey={(i) => `${i.service}/${i.agency}`} cards empty="Không có thủ tục nào do các cơ quan của bạn thực hiện." columns={[
        { header: 'Thủ tục', cell: (i) => <a href={configHref(i)}>{i.service}</a> },
        { header: 'Tên thủ tục', cell: (i) => i.serviceName },
        { header: 'Cơ quan', cell: (i) => i.agencyName },
        { header: 'Quy trình', cell: (i) => summary(i.config) },
      ]} />
    </Layout>
  );
}

export function WorkflowConfigPage({ ctx, item, officers, errors = {}, values }: { ctx: PageContext; item: ConfiguredImplementation; officers: UnitOfficer[]; errors?: FieldErrors; values?: { assignment?: string; approval?: string; assignees?: string[]; processingDays?: string } }) {
  const v = values ?? { assignment: item.config.assignment, approval: item.config.approval, assignees: item.config.assignees, processingDays: item.config.processingDays ? String(item.config.processingDays) : '' };
  return (
    <Layout ctx={ctx} title={`Quy trình: ${item.service}`} description={`Phân công và duyệt thủ tục ${item.serviceName} tại ${item.agencyName}.`}>
      <ErrorSummary errors={errors} labels={{ assignment: 'Cách phân công', assignees: 'Cán bộ được phân công tự động', approval: 'Duyệt kết quả', processingDays: 'Số ngày làm việc' }} />
      <p>
        <a href="/quan-tri/quy-trinh">‹ Quy trình xử lý hồ sơ</a>
      </p>
      <h1>Quy trình: {item.service}</h1>
      <p>
        {item.serviceName} — {item.agencyName}
      </p>
      <PostButton
        action={configHref(item)}
        csrfToken={ctx.csrfToken}
        narrow
        intro={
          <>
            <Radios name="assignment" legend="Cách phân công" options={ASSIGNMENTS} value={v.assignment} errors={errors} />
            <Checkboxes name="assignees" legend="Cán bộ được phân công tự động" options={officers.map((o) => ({ value: o.id, label: `${o.name} (${o.username})` }))} values={v.assignees} errors={errors} hint="Chỉ dùng khi phân công tự động." />
            <Radios name="approval" legend="Duyệt kết quả" options={APPROVALS} value={v.approval} errors={errors} />
            <Field name="processingDays" label="Số ngày làm việc cho cán bộ xử lý" inputMode="numeric" maxLength={3} value={v.processingDays} errors={errors} hint="Để trống: đến hạn giải quyết của hồ sơ." />
          </>
        }
      >
        Lưu quy trình
      </PostButton>
    </Layout>
  );
}
