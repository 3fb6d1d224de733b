// Phản ánh, kiến nghị (Decree 20/2008; Art. 11 of Circular 32): the public list, the form, the
// confirmation, tracking, and the officers' list and answer page.
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { dayVi, shorten, timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { DEFAULT_HANDLING_DAYS, MAX_CONTENT, MAX_HANDLING_DAYS } from '../model.ts';
import type { Petition, PetitionRow, PublishedPetition } from '../store.ts';

export type SendValues = Partial<Record<'subject' | 'content' | 'name' | 'email' | 'phone' | 'service' | 'application' | 'consent', string>>;

const LABELS: Record<string, string> = {
  subject: 'Tiêu đề',
  content: 'Nội dung',
  name: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  service: 'Mã thủ tục',
  application: 'Mã hồ sơ',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
  ma: 'Mã phản ánh',
  'lien-he': 'Thư điện tử hoặc số điện thoại',
  answer: 'Nội dung trả lời',
  days: 'Số ngày làm việc',
  agency: 'Cơ quan',
};

function Pagination({ q, page, pages }: { q: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const link = (p: number) => `/phan-anh-kien-nghi?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { trang: String(p) } : {}) }).toString()}`;
  const around = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="Phân trang phản ánh, kiến nghị">
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              ‹ Trang trước
            </a>
          </li>
        )}
        {around.map((p) => (
          <li key={p}>
            {p === page ? (
              <span aria-current="page">Trang {p}</span>
            ) : (
              <a href={link(p)} aria-label={`Trang ${p}`}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              Trang sau ›
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function PublicListPage({ ctx, q, page, pageSize, items, total }: { ctx: PageContext; q: string; page: number; pageSize: number; items: PublishedPetition[]; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout ctx={ctx} title="Phản ánh, kiến nghị" description="Phản ánh, kiến nghị của người dân, doanh nghiệp về thủ tục hành chính và câu trả lời của cơ quan nhà nước.">
      <h1>Phản ánh, kiến nghị</h1>
      <p>
        Người dân, doanh nghiệp phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính (Nghị định 20/2008/NĐ-CP). Cơ quan có thẩm quyền trả lời trong thời hạn quy định; câu trả lời hữu ích được công khai tại đây, không kèm thông tin của người gửi.
      </p>
      <p>
        <a class="button" href="/phan-anh-kien-nghi/gui">
          Gửi phản ánh, kiến nghị
        </a>{' '}
        <a href="/phan-anh-kien-nghi/tra-cuu">Tra cứu phản ánh đã gửi</a>
      </p>
      <form method="get" action="/phan-anh-kien-nghi" role="search" aria-label="Tìm phản ánh, kiến nghị đã trả lời" class="faq-search">
        <label for="pakn-q">Tìm trong phản ánh và câu trả lời (gõ có dấu hoặc không dấu)</label>
        <span class="search-row">
          <input id="pakn-q" name="q" type="search" value={q} maxLength={200} />
          <button type="submit">Tìm</button>
        </span>
      </form>
      <h2>{q ? `Kết quả cho "${q}" (${total})` : `Phản ánh, kiến nghị đã trả lời (${total})`}</h2>
      {items.length === 0 ? (
        <p>{q ? 'Không có phản ánh, kiến nghị nào phù hợp.' : 'Chưa có phản ánh, kiến nghị nào được công khai.'}</p>
      ) : (
        <ol class="faq-list">
          {items.map((p) => (
            <li key={p.code}>
              <a href={`/phan-anh-kien-nghi/${p.code}`}>{shorten(p.subject, 200)}</a>
              <p class="faq-meta">
                {p.agencyName} · trả lời ngày {dayVi(timeDay(p.answeredAt))}
              </p>
              <p>{shorten(p.answer, 300)}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination q={q} page={page} pages={pages} />
    </Layout>
  );
}

/** The day of an instant in Vietnam, YYYY-MM-DD. */
const timeDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export function PublishedPage({ ctx, p }: { ctx: PageContext; p: Petition }) {
  return (
    <Layout ctx={ctx} title={shorten(p.subject, 80)} description={`Phản ánh, kiến nghị và trả lời của ${p.agencyName}.`}>
      <p>
        <a href="/phan-anh-kien-nghi">‹ Phản ánh, kiến nghị</a>
      </p>
      <h1>{p.subject}</h1>
      <p class="faq-meta">
        Mã {p.code} · gửi ngày {dayVi(timeDay(p.receivedAt))}
        {p.serviceCode && (
          <>
            {' '}
            · về thủ tục <a href={`/dich-vu-cong/${p.serviceCode}`}>{p.serviceName ?? p.serviceCode}</a>
          </>
        )}
      </p>
      <h2>Nội dung phản ánh, kiến nghị</h2>
      <p class="faq-text">{p.content}</p>
      <h2>Trả lời của {p.agencyName}</h2>
      <p class="faq-text">{p.answer}</p>
      <p class="faq-meta">Trả lời lúc {p.answeredAt ? timeVi(p.answeredAt) : ''}</p>
    </Layout>
  );
}

export function SendPage({ ctx, values, errors = {}, senderName }: { ctx: PageContext; values: SendValues; errors?: FieldErrors; senderName?: string }) {
  return (
    <Layout ctx={ctx} title="Gửi phản ánh, kiến nghị" description="Gửi phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính.">
      <p>
        <a href="/phan-anh-kien-nghi">‹ Phản ánh, kiến nghị</a>
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Gửi phản ánh, kiến nghị</h1>
      <p>
        Phản ánh về hành vi chậm trễ, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định của cơ quan, cán bộ; kiến nghị về quy định hành chính. Cơ quan giải quyết thủ tục (hoặc cơ quan quản lý cổng) sẽ trả lời trong thời hạn, thường là {DEFAULT_HANDLING_DAYS} ngày làm việc.
      </p>
      <form method="post" action="/phan-anh-kien-nghi/gui" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="subject" label="Tiêu đề" value={values.subject} errors={errors} required maxLength={200} />
        <TextArea name="content" label="Nội dung" value={values.content} errors={errors} required maxLength={MAX_CONTENT} rows={8} hint={`Từ 10 đến ${MAX_CONTENT.toLocaleString('vi-VN')} ký tự: sự việc, thời gian, địa điểm, cơ quan hoặc cán bộ liên quan và đề nghị của bạn.`} />
        <h2>Người gửi</h2>
        {senderName ? (
          <p>
            Gửi với tài khoản <strong>{senderName}</strong>. Thông báo trả lời được gửi đến tài khoản của bạn; thư điện tử và số điện thoại dưới đây dùng để tra cứu.
          </p>
        ) : (
          <>
            <p>Ghi họ tên và ít nhất một trong thư điện tử, số điện thoại: cần để tra cứu và để cơ quan liên hệ khi cần. Bạn cũng có thể đăng nhập để nhận thông báo trên cổng.</p>
            <Field name="name" label="Họ và tên" value={values.name} errors={errors} required maxLength={100} autocomplete="name" />
          </>
        )}
        <Field name="email" label="Thư điện tử" type="email" value={values.email} errors={errors} maxLength={200} autocomplete="email" />
        <Field name="phone" label="Số điện thoại" type="tel" value={values.phone} errors={errors} maxLength={20} autocomplete="tel" inputMode="tel" hint="Số di động, ví dụ 0912345678." />
        <h2>Liên quan đến (không bắt buộc)</h2>
        <Field name="service" label="Mã thủ tục" value={values.service} errors={errors} maxLength={20} hint="Mã trên trang thủ tục, ví dụ 1.004616. Phản ánh được chuyển đến cơ quan giải quyết thủ tục." />
        <Field
          name="application"
          label="Mã hồ sơ"
          value={values.application}
          errors={errors}
          maxLength={60}
          hint={senderName ? 'Mã một hồ sơ của bạn, ví dụ 000.00.12.H34-261126-0001.' : 'Mã một hồ sơ của bạn, ví dụ 000.00.12.H34-261126-0001; thư điện tử hoặc số điện thoại ở trên phải là của người nộp hồ sơ.'}
        />
        <h2>Dữ liệu cá nhân</h2>
        <p>
          Họ tên, thư điện tử, số điện thoại và nội dung bạn gửi được dùng để tiếp nhận, chuyển cơ quan có thẩm quyền xử lý và trả lời phản ánh, kiến nghị (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân). Khi câu trả lời được công khai, thông tin của người gửi không được công khai.
        </p>
        <Checkbox name="consent" label="Tôi đồng ý để cơ quan nhà nước xử lý dữ liệu cá nhân nêu trên cho việc giải quyết phản ánh, kiến nghị này (bắt buộc)" checked={values.consent === 'true'} errors={errors} />
        <button type="submit" class="button">
          Gửi phản ánh, kiến nghị
        </button>
      </form>
    </Layout>
  );
}

export function SentPage({ ctx, code, agencyName, dueDate, signedIn }: { ctx: PageContext; code: string; agencyName: string; dueDate: string; signedIn: boolean }) {
  return (
    <Layout ctx={ctx} title="Đã gửi phản ánh, kiến nghị" description="Phản ánh, kiến nghị đã được tiếp nhận.">
      <h1>Đã gửi phản ánh, kiến nghị</h1>
      <Notice>
        <p>
          Mã phản ánh: <strong>{code}</strong>
        </p>
      </Notice>
      <p>
        Phản ánh đã được chuyển đến <strong>{agencyName}</strong>. Hạn trả lời: <strong>{dayVi(dueDate)}</strong>.
      </p>
      <p>
        Hãy ghi lại mã phản ánh. Để xem tình trạng và câu trả lời, <a href={`/phan-anh-kien-nghi/tra-cuu?ma=${code}`}>tra cứu</a> bằng mã này và thư điện tử hoặc số điện thoại bạn đã ghi.
        {signedIn && ' Khi có câu trả lời, cổng sẽ gửi thông báo đến tài khoản của bạn.'}
      </p>
      <p>
        <a href="/phan-anh-kien-nghi">Về trang phản ánh, kiến nghị</a>
      </p>
    </Layout>
  );
}

export interface TrackingView {
  code: string;
  subject: string;
  statusName: string;
  receivedAt: string;
  dueDate: string;
  agency: { code: string; name: string };
  answer: string | null;
  answeredAt: string | null;
  published: boolean;
}

export function TrackPage({ ctx, code = '', errors = {}, found }: { ctx: PageContext; code?: string; errors?: FieldErrors; found?: TrackingView }) {
  return (
    <Layout ctx={ctx} title="Tra cứu phản ánh, kiến nghị" description="Tra cứu tình trạng và câu trả lời của phản ánh, kiến nghị bằng mã phản ánh và thư điện tử hoặc số điện thoại đã ghi khi gửi.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={LABELS} />
        <h1>Tra cứu phản ánh, kiến nghị</h1>
        {found ? (
          <section aria-labelledby="pakn-found">
            <h2 id="pakn-found">Phản ánh {found.code}</h2>
            <dl class="profile-list">
              <div>
                <dt>Tiêu đề</dt>
                <dd>{found.subject}</dd>
              </div>
              <div>
                <dt>Tình trạng</dt>
                <dd>{found.statusName}</dd>
              </div>
              <div>
                <dt>Cơ quan trả lời</dt>
                <dd>{found.agency.name}</dd>
              </div>
              <div>
                <dt>Gửi lúc</dt>
                <dd>{timeVi(new Date(found.receivedAt))}</dd>
              </div>
              <div>
                <dt>Hạn trả lời</dt>
                <dd>{dayVi(found.dueDate)}</dd>
              </div>
            </dl>
            {found.answer && (
              <>
                <h3>Trả lời của {found.agency.name}</h3>
                <p class="faq-text">{found.answer}</p>
                <p class="faq-meta">Trả lời lúc {found.answeredAt ? timeVi(new Date(found.answeredAt)) : ''}</p>
              </>
            )}
          </section>
        ) : (
          <form method="get" action="/phan-anh-kien-nghi/tra-cuu" novalidate>
            <Field name="ma" label="Mã phản ánh" hint="Ví dụ PAKN-20261204-0001." value={code} errors={errors} required maxLength={40} />
            <Field name="lien-he" label="Thư điện tử hoặc số điện thoại đã ghi khi gửi" errors={errors} required maxLength={200} autocomplete="off" />
            <button type="submit" class="button">
              Tra cứu
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}

export function OfficerListPage({
  ctx,
  items,
  overdue,
  overdueHref,
  overdueOnly,
  handlingDays,
  deadlineAgencies,
  notice,
  errors = {},
  daysValue,
}: {
  ctx: PageContext;
  items: PetitionRow[];
  overdue: number;
  overdueHref: string;
  overdueOnly: boolean;
  handlingDays: number | undefined;
  deadlineAgencies: { code: string; name: string }[];
  notice?: string;
  errors?: FieldErrors;
  daysValue?: string;
}) {
  const waiting = items.filter((p) => !p.answeredAt).length;
  return (
    <Layout ctx={ctx} title="Phản ánh, kiến nghị của người dân" description="Trả lời phản ánh, kiến nghị gửi đến cơ quan.">
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Phản ánh, kiến nghị của người dân</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        {overdue > 0 ? (
          <a href={overdueHref}>
            <strong>{overdue} phản ánh quá hạn trả lời</strong>
          </a>
        ) : (
          'Không có phản ánh nào quá hạn trả lời.'
        )}{' '}
        {overdueOnly ? (
          <a href="/can-bo/phan-anh-kien-nghi">Xem mọi phản ánh</a>
        ) : (
          `${waiting} phản ánh đang chờ trả lời.`
        )}
      </p>
      {handlingDays !== undefined && <p>Thời hạn trả lời của cơ quan: {handlingDays} ngày làm việc kể từ ngày tiếp nhận.</p>}
      {items.length === 0 ? (
        <p>{overdueOnly ? 'Không có phản ánh quá hạn.' : 'Chưa có phản ánh, kiến nghị nào gửi đến cơ quan.'}</p>
      ) : (
        <table class="data-table cards">
          <caption>{overdueOnly ? `${items.length} phản ánh quá hạn, hạn sớm nhất trước` : 'Quá hạn trước, rồi theo hạn trả lời; đã trả lời ở cuối'}</caption>
          <thead>
            <tr>
              <th scope="col">Phản ánh</th>
              <th scope="col">Mã</th>
              <th scope="col">Gửi lúc</th>
              <th scope="col">Hạn trả lời</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.code}>
                <th scope="row">
                  <a href={`/can-bo/phan-anh-kien-nghi/${p.code}`}>{shorten(p.subject, 120)}</a>
                </th>
                <td data-label="Mã">{p.code}</td>
                <td data-label="Gửi lúc">{timeVi(p.receivedAt)}</td>
                <td data-label="Hạn trả lời">{dayVi(p.dueDate)}</td>
                <td data-label="Tình trạng">
                  {p.status === 'qua-han' ? <strong>{p.statusName}</strong> : p.statusName}
                  {p.published && ', đã công khai'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deadlineAgencies.length > 0 && (
        <section aria-labelledby="pakn-deadline">
          <h2 id="pakn-deadline">Thời hạn trả lời theo cơ quan</h2>
          <p>Áp dụng cho phản ánh gửi từ nay; mặc định {DEFAULT_HANDLING_DAYS} ngày làm việc.</p>
          <form method="post" action="/can-bo/phan-anh-kien-nghi/thoi-han" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <div class={`field${errors.agency ? ' field-error' : ''}`}>
              <label for="f-agency">Cơ quan</label>
              {errors.agency && (
                <p class="error-message" id="f-agency-error">
                  <span class="visually-hidden">Lỗi: </span>
                  {errors.agency}
                </p>
              )}
              <select id="f-agency" name="agency" aria-describedby={errors.agency ? 'f-agency-error' : undefined}>
                {deadlineAgencies.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <Field name="days" label="Số ngày làm việc" value={daysValue} errors={errors} required maxLength={3} inputMode="numeric" hint={`Từ 1 đến ${MAX_HANDLING_DAYS}.`} />
            <button type="submit" class="button button-secondary">
              Lưu thời hạn
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function AnswerPage({ ctx, p, statusName, value, published, errors = {} }: { ctx: PageContext; p: Petition; statusName: string; value?: string; published?: boolean; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={`Phản ánh ${p.code}`} description="Trả lời phản ánh, kiến nghị của người dân.">
      <p>
        <a href="/can-bo/phan-anh-kien-nghi">‹ Phản ánh, kiến nghị của người dân</a>
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Phản ánh {p.code}</h1>
      <dl class="profile-list">
        <div>
          <dt>Tình trạng</dt>
          <dd>{statusName}</dd>
        </div>
        <div>
          <dt>Gửi lúc</dt>
          <dd>{timeVi(p.receivedAt)}</dd>
        </div>
        <div>
          <dt>Hạn trả lời</dt>
          <dd>{dayVi(p.dueDate)}</dd>
        </div>
        <div>
          <dt>Cơ quan</dt>
          <dd>{p.agencyName}</dd>
        </div>
        <div>
          <dt>Người gửi</dt>
          <dd>
            {p.senderName}
            {p.senderId ? ' (tài khoản trên cổng)' : ''}
            {p.senderEmail && ` · ${p.senderEmail}`}
            {p.senderPhone && ` · ${p.senderPhone}`}
          </dd>
        </div>
        {p.serviceCode && (
          <div>
            <dt>Thủ tục</dt>
            <dd>
              <a href={`/dich-vu-cong/${p.serviceCode}`}>{p.serviceName ?? p.serviceCode}</a>
            </dd>
          </div>
        )}
        {p.applicationCode && (
          <div>
            <dt>Hồ sơ</dt>
            <dd>
              <a href={`/can-bo/ho-so/${p.applicationCode}`}>{p.applicationCode}</a>
            </dd>
          </div>
        )}
      </dl>
      <h2>{p.subject}</h2>
      <p class="faq-text">{p.content}</p>
      <form method="post" action={`/can-bo/phan-anh-kien-nghi/${p.code}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="answer" label="Nội dung trả lời" value={value ?? p.answer ?? ''} errors={errors} required maxLength={10_000} rows={8} />
        <Checkbox name="published" label="Công khai phản ánh và câu trả lời trên cổng (không kèm họ tên, thư điện tử, số điện thoại của người gửi)" checked={published ?? p.published} />
        <button type="submit" class="button">
          {p.answer ? 'Lưu câu trả lời' : 'Gửi câu trả lời'}
        </button>
      </form>
      {p.answeredAt && (
        <p class="faq-meta">
          Đã trả lời lúc {timeVi(p.answeredAt)}
          {p.answererName && ` (${p.answererName})`}.
        </p>
      )}
    </Layout>
  );
}
