// The administrators' page for scheduled maintenance (S6, Art. 11.2e): the windows not yet over
// and a form to announce another.
import { PostForm } from '../components/post-button.tsx';
import { actionColumn, DataTable } from '../components/data-table.tsx';
import { AdminPage } from '../components/admin-page.tsx';
import { ErrorMessage, TextArea, type FieldErrors } from '../components/form.tsx';
import { noticeTime } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import type { ScheduledWindow } from '../maintenance.ts';

export const MAINTENANCE_LABELS: Record<string, string> = {
  startsAt: 'Bắt đầu bảo trì',
  endsAt: 'Kết thúc bảo trì',
  shownFrom: 'Hiện thông báo từ',
  messageVi: 'Nội dung thông báo (tiếng Việt)',
  messageEn: 'Nội dung thông báo (tiếng Anh)',
};

function When({ name, value, hint, errors, required }: { name: string; value?: string; hint: string; errors: FieldErrors; required?: boolean }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {MAINTENANCE_LABELS[name]}
        {required && <span class="required"> (bắt buộc)</span>}
      </label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ErrorMessage id={id} error={error} />
      <input id={id} name={name} type="datetime-local" value={value} required={required} aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

export function MaintenancePage({ ctx, windows, values = {}, errors = {}, notice, latestHint }: { ctx: PageContext; windows: ScheduledWindow[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string; latestHint: string }) {
  return (
    <AdminPage ctx={ctx} title="Lịch bảo trì hệ thống" description="Thông báo trước cho người dùng về thời gian bảo trì cổng dịch vụ công." notice={notice} errors={errors} labels={MAINTENANCE_LABELS}>
      <p>
        Thông báo hiện ở đầu mọi trang từ thời điểm đã chọn đến khi bảo trì kết thúc, và phải hiện từ ít nhất một ngày làm việc trước khi bảo trì (Thông tư
        32/2017/TT-BTTTT, Điều 11 khoản 2 điểm e). Trong thời gian bảo trì, các trang ghi rõ cổng đang bảo trì đến lúc nào.
      </p>
      <h2>Các đợt bảo trì sắp tới</h2>
      <DataTable caption="Các đợt bảo trì chưa kết thúc" captionHidden rowHeader={false} rows={windows} rowKey={(w) => w.id} empty="Chưa có đợt bảo trì nào được lên lịch." columns={[
        { header: 'Thời gian bảo trì', cell: (w) => `${noticeTime(w.startsAt)} – ${noticeTime(w.endsAt)}` },
        { header: 'Hiện thông báo từ', cell: (w) => noticeTime(w.shownFrom) },
        {
          header: 'Nội dung',
          cell: (w) => (
            <>
              <p>{w.messageVi}</p>
              {w.messageEn && <p lang="en">{w.messageEn}</p>}
            </>
          ),
        },
        actionColumn<ScheduledWindow>(ctx.csrfToken, (w) => `/quan-tri/bao-tri/${w.id}/huy`, (w) => `bắt đầu ${noticeTime(w.startsAt)}`, 'Hủy đợt bảo trì'),
      ]} />
      <h2>Lên lịch bảo trì</h2>
      <PostForm action="/quan-tri/bao-tri" csrfToken={ctx.csrfToken} submit="Lên lịch và thông báo">
        <When name="startsAt" value={values.startsAt} errors={errors} required hint="Giờ Việt Nam, ví dụ 05/12/2026 22:00." />
        <When name="endsAt" value={values.endsAt} errors={errors} required hint="Giờ Việt Nam, sau thời điểm bắt đầu." />
        <When name="shownFrom" value={values.shownFrom} errors={errors} hint={latestHint} />
        <TextArea name="messageVi" label={MAINTENANCE_LABELS.messageVi!} value={values.messageVi} errors={errors} required maxLength={500} rows={3} />
        <TextArea name="messageEn" label={MAINTENANCE_LABELS.messageEn!} value={values.messageEn} errors={errors} maxLength={500} rows={3} hint="Không bắt buộc; khi để trống, trang tiếng Anh hiện nội dung tiếng Việt." />
      </PostForm>
    </AdminPage>
  );
}
