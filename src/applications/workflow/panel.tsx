// The workflow panel of the officer's application page: who holds the application, its hops,
// and the actions the person may take (assign, transfer and return, send for approval, approve).
import type { ComponentChildren } from 'preact';
import type { DB } from '../../db/index.ts';
import type { Actor } from '../../identity/index.ts';
import type { ApplicationRecord } from '../store.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { Field, Radios, Select, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { PostButton } from '../../web/components/post-button.tsx';
import { dayVi, timeVi } from '../../web/format.ts';
import { actionsFor, HOP_NAMES, returnTarget, stateToken, STEP_NAMES, type WorkflowAction } from './model.ts';
import { hopsOf, officersOf, type Hop, type UnitOfficer } from './records.ts';
import { handlingUnits } from './store.ts';
import { agencyNames } from '../../identity/index.ts';

const DECISIONS = [{ value: 'approve', label: 'Duyệt' }, { value: 'send-back', label: 'Trả lại cán bộ xử lý' }];

/** What the panel shows; loaded with the page's other extras. */
export interface WorkflowPanelData {
  step: ApplicationRecord['step'];
  unit: { code: string; name: string };
  assignee: string | null;
  hops: Hop[];
  /** Unit names of the hops, by code. */
  names: Record<string, string>;
  actions: WorkflowAction[];
  /** The state the page shows, posted back with each form. */
  seen: string;
  officers: UnitOfficer[];
  units: { code: string; name: string }[];
  returnTo: { code: string; name: string } | null;
  /** A refused form: its fields' errors and what was typed. */
  errors?: FieldErrors;
  values?: Record<string, string>;
}

export async function loadWorkflowPanel(db: DB, a: ApplicationRecord, actor: Actor): Promise<WorkflowPanelData | undefined> {
  const hops = await hopsOf(db, a.id);
  const back = returnTarget(hops, a.unit);
  const state = { status: a.status, step: a.step, agency: a.agency, unit: a.unit, assigneeId: a.assigneeId };
  const actions = [...actionsFor(actor, state, { returnTo: back })];
  const [officers, units] = await Promise.all([officersOf(db, a.unit), actions.includes('transfer') ? handlingUnits(db, a.service, a.agency) : []]);
  const codes = [a.unit, ...(back ? [back] : []), ...hops.flatMap((h) => [h.toUnit, h.fromUnit]).filter((c): c is string => !!c)];
  const names: Record<string, string> = Object.fromEntries((await agencyNames(db, new Set(codes))).map((n) => [n.code, n.name]));
  return {
    step: a.step,
    unit: { code: a.unit, name: names[a.unit] ?? a.unit },
    assignee: officers.find((o) => o.id === a.assigneeId)?.name ?? (a.assigneeId ? '(cán bộ khác)' : null),
    hops,
    names,
    actions,
    seen: stateToken(state),
    officers,
    units: units.filter((u) => u.code !== a.unit),
    returnTo: back ? { code: back, name: names[back] ?? back } : null,
  };
}

export function WorkflowPanel({ csrf, code, data }: { csrf: string; code: string; data: WorkflowPanelData }) {
  const can = (x: WorkflowAction) => data.actions.includes(x);
  const errors = data.errors ?? {};
  const v = data.values ?? {};
  const base = `/can-bo/ho-so/${code}`;
  const hidden = { seen: data.seen };
  const form = { base, csrf, hidden };
  const unitName = (c: string | null) => (c ? (data.names[c] ?? c) : '—');
  return (
    <section aria-labelledby="workflow-title" class="workflow-panel">
      <h2 id="workflow-title">Luân chuyển xử lý</h2>
      <Facts
        class="service-facts"
        items={[
          { term: 'Bước', value: STEP_NAMES[data.step] },
          { term: 'Đơn vị đang giữ', value: data.unit.name },
          { term: 'Cán bộ xử lý', value: data.assignee ?? 'Chưa phân công' },
        ]}
      />
      <DataTable caption="Các bước luân chuyển" rows={data.hops} rowKey={(h) => h.id} cards empty="Hồ sơ chưa được phân công hay luân chuyển." columns={[
        { header: 'Bước', cell: (h) => HOP_NAMES[h.kind] },
        { header: 'Đơn vị', cell: (h) => unitName(h.toUnit) },
        { header: 'Cán bộ', cell: (h) => h.toAccountName ?? '—' },
        { header: 'Người chuyển', cell: (h) => h.actorName ?? 'Hệ thống' },
        { header: 'Từ lúc', cell: (h) => timeVi(h.at) },
        { header: 'Hạn', cell: (h) => dayVi(h.dueDate) },
        { header: 'Hoàn thành', cell: (h) => (h.doneAt ? timeVi(h.doneAt) : 'Đang thực hiện') },
        { header: 'Ghi chú', cell: (h) => h.note ?? '' },
      ]} />
      {can('take') && (
        <PostButton action={`${base}/phan-cong`} csrfToken={csrf} hidden={hidden} narrow intro={<p>Hồ sơ chưa có cán bộ xử lý: bạn có thể nhận xử lý.</p>}>
          Nhận xử lý hồ sơ
        </PostButton>
      )}
      {can('assign') && (
        <ActionForm {...form} path="phan-cong" title="Phân công xử lý" submit="Phân công">
          <Select name="assignee" label="Cán bộ xử lý" options={data.officers.map((o) => ({ value: o.id, label: o.name }))} choose="— Chọn cán bộ —" value={v.assignee} errors={errors} />
          <TextArea name="assignNote" label="Ghi chú (không bắt buộc)" rows={2} value={v.assignNote} errors={errors} />
        </ActionForm>
      )}
      {can('transfer') && (
        <ActionForm {...form} path="chuyen" title="Chuyển đơn vị khác" submit="Chuyển hồ sơ">
          <Select name="unit" label="Đơn vị nhận" options={data.units.map((u) => ({ value: u.code, label: u.name }))} choose="— Chọn đơn vị —" value={v.unit} errors={errors} hint="Cơ quan thực hiện thủ tục hoặc đơn vị thuộc cơ quan tiếp nhận." />
          <Field name="days" label="Số ngày làm việc cho đơn vị nhận" inputMode="numeric" maxLength={2} value={v.days} errors={errors} hint="Để trống: thời gian còn lại của hồ sơ." />
          <TextArea name="transferNote" label="Nội dung chuyển" rows={2} value={v.transferNote} errors={errors} />
        </ActionForm>
      )}
      {can('return') && data.returnTo && (
        <ActionForm {...form} path="tra-ve" title={`Trả về ${data.returnTo.name}`} submit="Trả về đơn vị chuyển" variant="secondary">
          <TextArea name="returnNote" label="Kết quả, ý kiến của đơn vị" rows={2} value={v.returnNote} errors={errors} />
        </ActionForm>
      )}
      {can('request-approval') && (
        <ActionForm {...form} path="trinh-duyet" title="Trình lãnh đạo duyệt" submit="Trình duyệt">
          <TextArea name="requestNote" label="Nội dung trình (không bắt buộc)" rows={2} value={v.requestNote} errors={errors} />
        </ActionForm>
      )}
      {can('decide') && (
        <ActionForm {...form} path="duyet" title="Duyệt kết quả xử lý" submit="Gửi ý kiến">
          <Radios name="decision" legend="Ý kiến của lãnh đạo" options={DECISIONS} value={v.decision} errors={errors} />
          <TextArea name="decisionReason" label="Lý do (bắt buộc khi trả lại)" rows={2} value={v.decisionReason} errors={errors} />
        </ActionForm>
      )}
    </section>
  );
}

interface ActionFormProps {
  base: string;
  csrf: string;
  hidden: Record<string, string>;
  /** The action's path under the application's page. */
  path: string;
  title: string;
  submit: string;
  variant?: 'secondary';
  /** The action's fields. */
  children: ComponentChildren;
}

/** One workflow action: its heading and fields, posted with the state the page shows. */
function ActionForm({ base, csrf, hidden, path, title, submit, variant, children }: ActionFormProps) {
  return (
    <PostButton
      action={`${base}/${path}`}
      csrfToken={csrf}
      hidden={hidden}
      variant={variant}
      narrow
      intro={
        <>
          <h3>{title}</h3>
          {children}
        </>
      }
    >
      {submit}
    </PostButton>
  );
}
