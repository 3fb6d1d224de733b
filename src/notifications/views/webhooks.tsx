import { PostButton } from '../../web/components/post-button.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { Checkboxes, CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { EVENT_NAMES, EVENTS, MESSAGE_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../model.ts';
import type { WebhookView } from '../store.ts';

const LABELS = { name: 'Tên hệ thống nhận', url: 'Địa chỉ nhận (URL)', events: 'Sự kiện' };

export function WebhooksPage({ ctx, hooks, values = {}, errors = {}, created }: { ctx: PageContext; hooks: WebhookView[]; values?: Record<string, string | string[]>; errors?: FieldErrors; created?: { id: number; secret: string } }) {
  return (
    <Layout ctx={ctx} title="Webhook cho hệ thống khác" description="Gửi sự kiện của hồ sơ đến hệ thống khác, có chữ ký HMAC-SHA256.">
      <ErrorSummary errors={errors} labels={LABELS} />
      {created && (
        <Notice>
          Đã thêm webhook số {created.id}. Khóa bí mật (chỉ hiện một lần, hãy trao cho hệ thống nhận): <code>{created.secret}</code>
        </Notice>
      )}
      <h1>Webhook cho hệ thống khác</h1>
      <p>
        Mỗi sự kiện được gửi bằng POST, nội dung JSON, kèm tiêu đề <code>{TIMESTAMP_HEADER}</code> (giây Unix), <code>{SIGNATURE_HEADER}</code> = <code>v1=</code> HMAC-SHA256(khóa bí mật, "thời điểm.nội dung") dạng hex, và <code>{MESSAGE_ID_HEADER}</code> không đổi giữa các lần gửi lại. Trả lời khác 2xx thì được gửi lại với thời gian chờ tăng dần.
      </p>
      {hooks.length > 0 && (
        <DataTable caption="Webhook đã đăng ký" rows={hooks} rowKey={(h) => h.id} columns={[
          { header: 'Số', cell: (h) => h.id },
          {
            header: 'Tên, địa chỉ',
            cell: (h) => (
              <>
                {h.name}
                <br />
                <small>{h.url}</small>
              </>
            ),
          },
          { header: 'Sự kiện', cell: (h) => (h.events.length ? h.events.map((e) => (e in EVENTS ? EVENTS[e as keyof typeof EVENTS].vi : e)).join('; ') : 'Tất cả') },
          {
            header: 'Trạng thái',
            cell: (h) => (
              <>
                {h.active ? 'Đang dùng' : 'Đã tắt'}
                <br />
                <small>từ {timeVi(h.createdAt)}</small>
              </>
            ),
          },
          {
            header: 'Thao tác',
            cell: (h) => (
              <PostButton action="/quan-tri/webhook/trang-thai" csrfToken={ctx.csrfToken} hidden={{ id: h.id, active: h.active ? 'false' : 'true' }} variant="secondary" inline>
                {h.active ? 'Tắt' : 'Bật lại'}
                <span class="visually-hidden"> webhook {h.id}</span>
              </PostButton>
            ),
          },
        ]} />
      )}
      <h2>Thêm webhook</h2>
      <form method="post" action="/quan-tri/webhook" novalidate class="form-narrow">
        <CsrfField token={ctx.csrfToken} />
        <Field name="name" label={LABELS.name} value={values.name as string} errors={errors} required maxLength={100} />
        <Field name="url" label={LABELS.url} hint="https://…; http:// chỉ dùng cho máy trong mạng nội bộ khi thử nghiệm." value={values.url as string} errors={errors} required maxLength={500} />
        <Checkboxes
          name="events"
          legend={LABELS.events}
          hint="Không chọn sự kiện nào: nhận tất cả."
          options={EVENT_NAMES.filter((e) => e !== 'password-reset').map((e) => ({ value: e, label: EVENTS[e].vi }))}
          values={(values.events as string[] | undefined) ?? []}
          errors={errors}
        />
        <button type="submit" class="button">
          Thêm webhook
        </button>
      </form>
    </Layout>
  );
}
