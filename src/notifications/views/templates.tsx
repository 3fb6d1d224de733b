import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Field, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { CHANNEL_LABELS, EVENT_NAMES, EVENTS, LOCALES, TEMPLATE_CHANNELS, variablesOf, type EventName, type Locale, type TemplateChannel } from '../model.ts';

const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

export function templateHref(event: EventName, channel: TemplateChannel, locale: Locale): string {
  return `/quan-tri/mau-thong-bao/sua?su-kien=${event}&kenh=${channel}&ngon-ngu=${locale}`;
}

export function TemplatesPage({ ctx, custom }: { ctx: PageContext; custom: Set<string> }) {
  return (
    <Layout ctx={ctx} title="Mẫu thông báo" description="Mẫu thư điện tử và tin nhắn SMS theo từng sự kiện của hồ sơ.">
      <h1>Mẫu thông báo</h1>
      <p>Mỗi sự kiện có một mẫu thư điện tử và một mẫu tin nhắn SMS, bằng tiếng Việt và tiếng Anh. Mẫu chưa sửa dùng nội dung mặc định của cổng.</p>
      <DataTable caption="Các mẫu theo sự kiện, kênh và ngôn ngữ" captionHidden rows={EVENT_NAMES} rowKey={(e) => e} columns={[
        { header: 'Sự kiện', cell: (e) => EVENTS[e].vi },
        ...TEMPLATE_CHANNELS.map((c) => ({
          header: CHANNEL_LABELS[c],
          cell: (e: (typeof EVENT_NAMES)[number]) =>
            LOCALES.map((l, i) => (
              <>
                {i > 0 && ' · '}
                <a href={templateHref(e, c, l)}>
                  {LOCALE_NAMES[l]}
                  <span class="visually-hidden">
                    {' '}
                    — {EVENTS[e].vi}, {CHANNEL_LABELS[c]}
                  </span>
                </a>
                {custom.has(`${e}/${c}/${l}`) && ' (đã sửa)'}
              </>
            )),
        })),
      ]} />
    </Layout>
  );
}

export interface TemplatePreview {
  subject: string | null;
  text: string;
  sms?: { text: string; length: number; unicode: boolean };
}

export function TemplateEditPage({ ctx, event, channel, locale, values, errors = {}, preview, notice, custom }: { ctx: PageContext; event: EventName; channel: TemplateChannel; locale: Locale; values: { subject: string; body: string }; errors?: FieldErrors; preview?: TemplatePreview; notice?: string; custom: boolean }) {
  const vars = variablesOf(event);
  const action = templateHref(event, channel, locale);
  return (
    <Layout ctx={ctx} title={`Mẫu ${CHANNEL_LABELS[channel].toLowerCase()}: ${EVENTS[event].vi}`} description="Sửa mẫu thông báo và xem trước.">
      <ErrorSummary errors={errors} labels={{ subject: 'Tiêu đề', body: 'Nội dung' }} />
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href="/quan-tri/mau-thong-bao">Tất cả mẫu thông báo</a>
      </p>
      <h1>
        {EVENTS[event].vi} — {CHANNEL_LABELS[channel]} ({LOCALE_NAMES[locale]})
      </h1>
      <p>{custom ? 'Mẫu này đã được sửa.' : 'Mẫu này đang dùng nội dung mặc định.'}</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {channel === 'email' && <Field name="subject" label="Tiêu đề" value={values.subject} errors={errors} required maxLength={300} />}
        <TextArea name="body" label="Nội dung" value={values.body} errors={errors} required maxLength={5000} rows={channel === 'email' ? 12 : 4} hint="Viết biến trong dấu ngoặc nhọn, ví dụ {ma_ho_so}. Dòng chỉ chứa biến trống sẽ được bỏ." />
        <div class="button-group">
          <button type="submit" name="hanh-dong" value="xem-truoc" class="button button-secondary">
            Xem trước
          </button>
          <button type="submit" name="hanh-dong" value="luu" class="button">
            Lưu mẫu
          </button>
          {custom && (
            <button type="submit" name="hanh-dong" value="mac-dinh" class="button button-secondary">
              Dùng lại mẫu mặc định
            </button>
          )}
        </div>
      </form>
      {preview && (
        <section aria-labelledby="preview-title" class="template-preview">
          <h2 id="preview-title">Xem trước (dữ liệu mẫu)</h2>
          {preview.subject !== null && (
            <p>
              <strong>Tiêu đề:</strong> {preview.subject}
            </p>
          )}
          <pre class="preview-text">{preview.sms ? preview.sms.text : preview.text}</pre>
          {preview.sms && (
            <p>
              {preview.sms.length} ký tự {preview.sms.unicode ? '(có dấu, tối đa 70 ký tự một tin)' : '(không dấu, tối đa 160 ký tự một tin)'}.
            </p>
          )}
        </section>
      )}
      <h2>Các biến dùng được</h2>
      <Facts class="variables" items={Object.entries(vars).map(([k, v]) => ({ term: <code>{`{${k}}`}</code>, value: v }))} />
    </Layout>
  );
}
