// Câu hỏi thường gặp (Q1, Art. 11.1b, §5): published entries, search, asking, answering.
import { Checkbox, CsrfField, ErrorSummary, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';
import type { FaqEntry } from '../store.ts';

const scopeName = (e: Pick<FaqEntry, 'serviceName'>) => e.serviceName ?? 'Cổng dịch vụ công';

function Entries({ items }: { items: FaqEntry[] }) {
  return (
    <ol class="faq-list">
      {items.map((e) => (
        <li key={e.id}>
          <a href={`/hoi-dap/${e.id}`}>{e.question.length > 200 ? `${e.question.slice(0, 198)}…` : e.question}</a>
          <p class="faq-meta">
            {scopeName(e)} · {e.views} lượt xem
          </p>
        </li>
      ))}
    </ol>
  );
}

export function FaqListPage({ ctx, items, q, service, notice }: { ctx: PageContext; items: FaqEntry[]; q: string; service?: { code: string; name: string }; notice?: string }) {
  const title = service ? `Câu hỏi thường gặp: ${service.name}` : 'Câu hỏi thường gặp';
  return (
    <Layout ctx={ctx} title={title} description="Câu hỏi thường gặp về dịch vụ công trực tuyến và câu trả lời của cơ quan.">
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      <form method="get" action="/hoi-dap" role="search" aria-label="Tìm câu hỏi thường gặp" class="faq-search">
        {service && <input type="hidden" name="dich-vu" value={service.code} />}
        <label for="faq-q">Tìm trong câu hỏi và câu trả lời (gõ có dấu hoặc không dấu)</label>
        <span class="search-row">
          <input id="faq-q" name="q" type="search" value={q} maxLength={200} />
          <button type="submit">Tìm</button>
        </span>
      </form>
      <p>
        {service ? (
          <>
            <a href={`/dich-vu-cong/${service.code}`}>Xem thủ tục</a> · <a href="/hoi-dap">Mọi câu hỏi</a> ·{' '}
          </>
        ) : null}
        <a href={`/hoi-dap/dat-cau-hoi${service ? `?dich-vu=${service.code}` : ''}`}>Đặt câu hỏi</a> · <a href="/hoi-dap/cua-toi">Câu hỏi của tôi</a> · <a href="/huong-dan">Hướng dẫn thực hiện</a>
      </p>
      <h2>{q ? `Kết quả cho "${q}" (${items.length})` : 'Được xem nhiều nhất'}</h2>
      {items.length === 0 ? <p>Không có câu hỏi nào phù hợp. Quý khách có thể đặt câu hỏi để cơ quan trả lời.</p> : <Entries items={items} />}
    </Layout>
  );
}

export function FaqEntryPage({ ctx, e }: { ctx: PageContext; e: FaqEntry }) {
  return (
    <Layout ctx={ctx} title={e.question.slice(0, 80)} description={`Câu hỏi thường gặp — ${scopeName(e)}.`}>
      <p>
        <a href={e.serviceCode ? `/hoi-dap?dich-vu=${e.serviceCode}` : '/hoi-dap'}>‹ Câu hỏi thường gặp</a>
      </p>
      <h1>Câu hỏi thường gặp</h1>
      <p class="faq-meta">
        {e.serviceCode ? <a href={`/dich-vu-cong/${e.serviceCode}`}>{e.serviceName}</a> : scopeName(e)} · {e.views} lượt xem
      </p>
      <h2>Câu hỏi</h2>
      <p class="faq-text">{e.question}</p>
      <h2>Trả lời</h2>
      {e.answer ? (
        <>
          <p class="faq-text">{e.answer}</p>
          <p class="faq-meta">
            {e.answererName ?? 'Cơ quan'} trả lời lúc {e.answeredAt ? timeVi(e.answeredAt) : ''}
          </p>
        </>
      ) : (
        <p>Câu hỏi đang chờ cơ quan trả lời.</p>
      )}
    </Layout>
  );
}

export function AskPage({ ctx, service, value, errors = {} }: { ctx: PageContext; service?: { code: string; name: string }; value?: string; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Đặt câu hỏi" description="Gửi câu hỏi về dịch vụ công để cơ quan trả lời.">
      <p>
        <a href="/hoi-dap">‹ Câu hỏi thường gặp</a>
      </p>
      <h1>Đặt câu hỏi</h1>
      <ErrorSummary errors={errors} labels={{ question: 'Câu hỏi' }} />
      <p>
        {service ? (
          <>
            Câu hỏi về thủ tục <a href={`/dich-vu-cong/${service.code}`}>{service.name}</a> (mã {service.code}); cán bộ của cơ quan giải quyết thủ tục sẽ trả lời. Câu hỏi về cổng nói chung: <a href="/hoi-dap/dat-cau-hoi">hỏi tại đây</a>.
          </>
        ) : (
          <>
            Câu hỏi về cổng dịch vụ công nói chung; quản trị cổng sẽ trả lời. Để hỏi về một thủ tục, hãy chọn <strong>Đặt câu hỏi</strong> trên trang của thủ tục đó (<a href="/dich-vu-cong">tìm thủ tục</a>).
          </>
        )}{' '}
        Câu trả lời hữu ích có thể được đăng thành câu hỏi thường gặp, không kèm tên người hỏi.
      </p>
      <form method="post" action="/hoi-dap/dat-cau-hoi" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {service && <input type="hidden" name="service" value={service.code} />}
        <TextArea name="question" label="Câu hỏi" value={value} errors={errors} required maxLength={2000} rows={6} hint="Từ 10 đến 2.000 ký tự. Không ghi số CCCD, số điện thoại hay thông tin cá nhân khác." />
        <button type="submit" class="button">
          Gửi câu hỏi
        </button>
      </form>
    </Layout>
  );
}

const short = (q: string) => (q.length > 120 ? `${q.slice(0, 118)}…` : q);

function QuestionsTable({ items, caption, hrefOf }: { items: FaqEntry[]; caption: string; hrefOf: (e: FaqEntry) => string | null }) {
  return (
    <table class="data-table cards">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Câu hỏi</th>
          <th scope="col">Về</th>
          <th scope="col">Gửi lúc</th>
          <th scope="col">Trạng thái</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              {hrefOf(e) ? <a href={hrefOf(e)!}>{short(e.question)}</a> : short(e.question)}
            </th>
            <td data-label="Về">{scopeName(e)}</td>
            <td data-label="Gửi lúc">{timeVi(e.askedAt)}</td>
            <td data-label="Trạng thái">{e.answer ? (e.published ? 'Đã trả lời, đăng công khai' : 'Đã trả lời') : 'Chờ trả lời'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MyQuestionsPage({ ctx, items, notice }: { ctx: PageContext; items: FaqEntry[]; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Câu hỏi của tôi" description="Các câu hỏi bạn đã gửi và câu trả lời.">
      <h1>Câu hỏi của tôi</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href="/hoi-dap/dat-cau-hoi">Đặt câu hỏi mới</a>
      </p>
      {items.length === 0 ? <p>Bạn chưa gửi câu hỏi nào.</p> : <QuestionsTable items={items} caption={`${items.length} câu hỏi, mới nhất trước`} hrefOf={(e) => (e.answer ? `#cau-hoi-${e.id}` : null)} />}
      {items
        .filter((e) => e.answer)
        .map((e) => (
          <section key={e.id} id={`cau-hoi-${e.id}`} aria-label={`Trả lời câu hỏi gửi lúc ${timeVi(e.askedAt)}`} class="faq-answer">
            <p class="faq-text">
              <strong>Hỏi:</strong> {e.question}
            </p>
            <p class="faq-text">
              <strong>Đáp:</strong> {e.answer}
            </p>
          </section>
        ))}
    </Layout>
  );
}

export function OfficerQuestionsPage({ ctx, items, notice }: { ctx: PageContext; items: FaqEntry[]; notice?: string }) {
  const waiting = items.filter((e) => !e.answer).length;
  return (
    <Layout ctx={ctx} title="Câu hỏi của người dân" description="Trả lời câu hỏi về các thủ tục của cơ quan.">
      <h1>Câu hỏi của người dân</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>{waiting} câu hỏi chờ trả lời.</p>
      {items.length === 0 ? <p>Chưa có câu hỏi nào về các thủ tục của cơ quan.</p> : <QuestionsTable items={items} caption="Câu hỏi chờ trả lời trước, mới nhất trước" hrefOf={(e) => `/can-bo/hoi-dap/${e.id}`} />}
    </Layout>
  );
}

export function AnswerPage({ ctx, e, value, published, errors = {} }: { ctx: PageContext; e: FaqEntry; value?: string; published?: boolean; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Trả lời câu hỏi" description="Trả lời câu hỏi của người dân.">
      <p>
        <a href="/can-bo/hoi-dap">‹ Câu hỏi của người dân</a>
      </p>
      <h1>Trả lời câu hỏi</h1>
      <ErrorSummary errors={errors} labels={{ answer: 'Câu trả lời' }} />
      <p class="faq-meta">
        Về: {scopeName(e)} · gửi lúc {timeVi(e.askedAt)}
      </p>
      <h2>Câu hỏi</h2>
      <p class="faq-text">{e.question}</p>
      <form method="post" action={`/can-bo/hoi-dap/${e.id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="answer" label="Câu trả lời" value={value ?? e.answer ?? ''} errors={errors} required maxLength={10_000} rows={8} />
        <Checkbox name="published" label="Đăng thành câu hỏi thường gặp (công khai, không kèm tên người hỏi)" checked={published ?? e.published} />
        <button type="submit" class="button">
          Lưu câu trả lời
        </button>
      </form>
    </Layout>
  );
}
