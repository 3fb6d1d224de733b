// "Kho dữ liệu của tôi" (V4): the documents, the data fields, the usage log; one document with its
// acceptances, its corrections and its deletion; the administrators' sharing switch (Art. 4.2a).
import type { ComponentChildren } from 'preact';
import { Breadcrumbs } from '../../web/components/breadcrumbs.tsx';
import { PostButton } from '../../web/components/post-button.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { dayVi, timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { formatBytes } from '../../storage/index.ts';
import { STATE_NAMES } from '../model.ts';
import type { VaultDocument } from '../store.ts';
import type { DataField, UsageEntry } from '../usage.ts';
import type { SharingGroup } from '../sharing.ts';

const STYLES = ['/assets/vault.css'];

export interface ProfileField {
  label: string;
  value: string;
}

function StateBadge({ d }: { d: VaultDocument }) {
  return <span class={`vault-state vault-state-${d.state}`}>{STATE_NAMES[d.state]}</span>;
}

function validity(d: Pick<VaultDocument, 'validUntil' | 'kindExpires' | 'validityFromUpload'>): string {
  if (!d.validUntil) return d.kindExpires ? 'chưa ghi ngày hết hạn' : 'không thời hạn';
  // V1: the usual validity counts from the issue date; without one, the upload day stands in — said so.
  return `đến hết ngày ${dayVi(d.validUntil)}${d.validityFromUpload ? ' (tính từ ngày tải lên vì chưa có ngày cấp)' : ''}`;
}

function acceptedBy(d: VaultDocument): string {
  return d.acceptances.length ? d.acceptances.map((a) => a.agencyName ?? a.agencyCode).join('; ') : '—';
}

export function StorePage({ ctx, documents, profile, fields, usageCount, notice }: { ctx: PageContext; documents: VaultDocument[]; profile: ProfileField[]; fields: DataField[]; usageCount: number; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Kho dữ liệu của tôi" description="Giấy tờ và thông tin bạn đã cung cấp, được cơ quan chấp nhận và dùng lại khi làm thủ tục khác." styles={STYLES}>
      <Breadcrumbs items={[{ href: '/', label: 'Trang chủ' }, { label: 'Kho dữ liệu của tôi' }]} />
      <h1>Kho dữ liệu của tôi</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        Giấy tờ bạn nộp kèm hồ sơ được lưu ở đây. Khi cơ quan tiếp nhận hồ sơ, giấy tờ được coi là đã cung cấp thành công: lần sau làm thủ tục tại chính cơ quan đó — hoặc tại cơ quan khác cùng tỉnh, bộ khi tỉnh, bộ
        chia sẻ dữ liệu giữa các đơn vị — bạn không phải nộp lại nếu giấy tờ còn hạn.
      </p>
      <h2>Giấy tờ</h2>
      <DataTable caption={`${documents.length} giấy tờ, mới nhất trước`} cards rows={documents} rowKey={(d) => d.id} empty="Kho chưa có giấy tờ nào. Giấy tờ sẽ có ở đây sau khi bạn nộp hồ sơ kèm tệp, hoặc khi cơ quan trả kết quả điện tử." columns={[
        {
          header: 'Giấy tờ',
          cell: (d) => (
            <>
              <a href={`/kho-du-lieu/${d.id}`}>{d.title}</a>
              {d.number && <span class="vault-number"> — số {d.number}</span>}
            </>
          ),
        },
        { header: 'Loại', cell: (d) => d.kindName },
        { header: 'Trạng thái', cell: (d) => <StateBadge d={d} /> },
        { header: 'Cơ quan chấp nhận', cell: acceptedBy },
        { header: 'Hiệu lực', cell: validity },
      ]} />
      <h2>Thông tin cá nhân</h2>
      <p>
        Thông tin từ tài khoản của bạn; cổng đề nghị điền sẵn vào tờ khai, bạn quyết định có dùng hay không. <a href="/tai-khoan">Sửa thông tin tài khoản</a>.
      </p>
      <Facts class="service-facts" items={profile.map((f) => ({ term: f.label, value: f.value || '—' }))} />
      <h2 id="thong-tin-da-tiep-nhan">Thông tin từ hồ sơ đã được tiếp nhận</h2>
      {fields.length === 0 ? (
        <p>Chưa có. Khi cơ quan tiếp nhận hồ sơ của bạn, các thông tin như họ tên, số CCCD, địa chỉ, văn bằng bạn đã khai được lưu ở đây và được đề nghị điền sẵn vào tờ khai sau.</p>
      ) : (
        <>
          <p>Tờ khai sau đề nghị các thông tin này kèm nguồn của chúng; bạn quyết định có dùng hay không. Mỗi lần thông tin được dùng lại cho hồ sơ đều ghi vào nhật ký sử dụng.</p>
          <DataTable caption="Thông tin cơ quan đã tiếp nhận cùng hồ sơ" cards rows={fields} rowKey={(f) => f.key} columns={[
            { header: 'Thông tin', cell: (f) => f.label },
            { header: 'Giá trị', cell: (f) => f.value },
            {
              header: 'Nguồn',
              cell: (f) => (
                <>
                  {f.agencyName ?? 'Cơ quan'} tiếp nhận lúc {timeVi(f.updatedAt)}
                  {f.applicationCode && (
                    <>
                      , hồ sơ <a href={`/ho-so/${f.applicationCode}`}>{f.applicationCode}</a>
                    </>
                  )}
                </>
              ),
            },
            {
              header: 'Thao tác',
              label: false,
              cell: (f) => (
                <PostButton action={`/kho-du-lieu/thong-tin/${encodeURIComponent(f.key)}/xoa`} csrfToken={ctx.csrfToken} variant="secondary" inline>
                  Xóa<span class="visually-hidden"> thông tin “{f.label}”</span>
                </PostButton>
              ),
            },
          ]} />
        </>
      )}
      <h2>Nhật ký sử dụng</h2>
      <p>
        Mỗi lần giấy tờ, thông tin của bạn được dùng lại cho hồ sơ khác hoặc giấy tờ được cán bộ mở xem đều được ghi lại.{' '}
        <a href="/kho-du-lieu/nhat-ky">Xem nhật ký sử dụng ({usageCount} lần)</a>.
      </p>
      <h2>Tải về toàn bộ dữ liệu</h2>
      <p>
        <a href="/kho-du-lieu/tai-ve.zip" download>
          Tải về tất cả giấy tờ và thông tin (tệp ZIP)
        </a>
      </p>
    </Layout>
  );
}

export interface DocumentForm {
  title: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string;
}

export function formOf(d: VaultDocument): DocumentForm {
  return { title: d.title, number: d.number ?? '', issuer: d.issuer ?? '', issuedOn: d.issuedOn ? dayVi(d.issuedOn) : '', validUntil: d.validUntil ? dayVi(d.validUntil) : '' };
}

const LABELS: Record<string, string> = { title: 'Tên giấy tờ', number: 'Số hiệu', issuer: 'Cơ quan cấp', issuedOn: 'Ngày cấp', validUntil: 'Có giá trị đến ngày', form: 'Giấy tờ' };

export function DocumentPage({ ctx, d, usage, form, errors = {}, notice }: { ctx: PageContext; d: VaultDocument; usage: UsageEntry[]; form?: DocumentForm; errors?: FieldErrors; notice?: string }) {
  const values = form ?? formOf(d);
  return (
    <Layout ctx={ctx} title={d.title} description={`Giấy tờ "${d.title}" trong kho dữ liệu của bạn.`} styles={STYLES}>
      <Breadcrumbs items={[{ href: '/', label: 'Trang chủ' }, { href: '/kho-du-lieu', label: 'Kho dữ liệu của tôi' }, { label: d.title }]} />
      <h1>{d.title}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      {notice && <Notice>{notice}</Notice>}
      <Facts
        class="service-facts"
        items={[
          { term: 'Loại giấy tờ', value: d.kindName },
          { term: 'Số hiệu', value: d.number ?? '—' },
          { term: 'Cơ quan cấp', value: d.issuer ?? '—' },
          { term: 'Ngày cấp', value: dayVi(d.issuedOn) },
          { term: 'Hiệu lực', value: validity(d) },
          { term: 'Trạng thái', value: <StateBadge d={d} /> },
          {
            term: 'Nguồn',
            value: (
              <>
                {d.source === 'result' ? 'Kết quả giải quyết thủ tục (bản điện tử)' : 'Tệp bạn nộp kèm hồ sơ'}
                {d.applicationCode && (
                  <>
                    {' '}
                    <a href={`/ho-so/${d.applicationCode}`}>{d.applicationCode}</a>
                  </>
                )}
              </>
            ),
          },
          {
            term: 'Tệp',
            value: d.fileKey ? (
              <a href={`/kho-du-lieu/${d.id}/tep`} download={d.fileName ?? undefined}>
                Tải về {d.fileName}
                {d.size ? ` (${formatBytes(d.size)})` : ''}
              </a>
            ) : (
              'Không có tệp'
            ),
          },
        ]}
      />
      <h2>Cơ quan đã chấp nhận</h2>
      {d.acceptances.length ? (
        <ul>
          {d.acceptances.map((a) => (
            <li key={a.agencyCode}>
              {a.agencyName ?? a.agencyCode} — lúc {timeVi(a.at)}
              {a.applicationCode && `, cùng hồ sơ ${a.applicationCode}`}
            </li>
          ))}
        </ul>
      ) : (
        <p>Chưa cơ quan nào chấp nhận giấy tờ này.</p>
      )}
      <h2>Nhật ký sử dụng giấy tờ này</h2>
      <UsageTable usage={usage} caption="Các lần giấy tờ này được dùng lại hoặc được cán bộ mở xem" />
      <form method="post" action={`/kho-du-lieu/${d.id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Sửa thông tin giấy tờ</h2>
        {d.state === 'accepted' && (
          <p class="hint">
            Cơ quan đã chấp nhận giấy tờ với số hiệu, cơ quan cấp và các ngày như hiện có. Nếu sửa các thông tin này, giấy tờ sẽ chờ cơ quan tiếp nhận lại ở hồ sơ sau mới được dùng lại; sửa tên gọi thì không ảnh
            hưởng.
          </p>
        )}
        <Field name="title" label={LABELS.title!} value={values.title} errors={errors} required />
        <Field name="number" label={LABELS.number!} value={values.number} errors={errors} maxLength={60} />
        <Field name="issuer" label={LABELS.issuer!} value={values.issuer} errors={errors} />
        <Field name="issuedOn" label={LABELS.issuedOn!} hint="Ngày/tháng/năm, ví dụ 15/03/2020." value={values.issuedOn} errors={errors} maxLength={10} />
        <Field
          name="validUntil"
          label={LABELS.validUntil!}
          hint={d.kindExpires && d.validityMonths ? `Giấy tờ loại này thường có giá trị ${d.validityMonths} tháng kể từ ngày cấp: khi bạn ghi ngày cấp, ngày này được tính lại nếu bạn để trống hoặc giữ nguyên.` : 'Để trống nếu giấy tờ không có thời hạn.'}
          value={values.validUntil}
          errors={errors}
          maxLength={10}
        />
        <button type="submit" class="button">
          Lưu thông tin
        </button>
      </form>
      <PostButton
        action={`/kho-du-lieu/${d.id}/xoa`}
        csrfToken={ctx.csrfToken}
        variant="secondary"
        intro={
          <>
            <h2>Xóa giấy tờ</h2>
            <p>Giấy tờ đã xóa không còn trong kho và không được dùng lại. Hồ sơ đã kết thúc vẫn giữ bản cơ quan đã nhận.</p>
          </>
        }
      >
        Xóa giấy tờ này
      </PostButton>
    </Layout>
  );
}

function actionName(u: UsageEntry): string {
  return u.action === 'reuse' ? 'Dùng lại cho hồ sơ' : `Cán bộ mở xem${u.actorName ? ` (${u.actorName})` : ''}`;
}

export function UsageTable({ usage, caption, withDocument = false }: { usage: UsageEntry[]; caption: string; withDocument?: boolean }) {
  return (
    <DataTable caption={caption} cards rows={usage} rowKey={(_, i) => i} empty="Chưa có lần sử dụng nào." columns={[
      { header: 'Thời gian', cell: (u) => timeVi(u.at) },
      withDocument && {
        header: 'Giấy tờ',
        cell: (u) => (u.documentId ? <a href={`/kho-du-lieu/${u.documentId}`}>{u.documentTitle ?? 'Giấy tờ'}</a> : u.fieldKey ? `Thông tin: ${u.fieldLabel ?? `${u.fieldKey} (đã xóa khỏi kho)`}` : '—'),
      },
      { header: 'Việc', cell: actionName },
      { header: 'Hồ sơ', cell: (u) => u.applicationCode ?? '—' },
      { header: 'Cơ quan', cell: (u) => u.agencyName ?? u.agencyCode ?? '—' },
    ]} />
  );
}

/** `more`: other logs of the person's data shown below, such as the national databases' uses (Art. 15.3). */
export function UsagePage({ ctx, usage, more }: { ctx: PageContext; usage: UsageEntry[]; more?: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title="Nhật ký sử dụng dữ liệu" description="Mỗi lần dữ liệu của bạn được dùng lại hoặc được cán bộ mở xem." styles={STYLES}>
      <Breadcrumbs items={[{ href: '/', label: 'Trang chủ' }, { href: '/kho-du-lieu', label: 'Kho dữ liệu của tôi' }, { label: 'Nhật ký sử dụng' }]} />
      <h1>Nhật ký sử dụng dữ liệu</h1>
      <UsageTable usage={usage} caption="Mới nhất trước: hồ sơ nào, cơ quan nào, lúc nào" withDocument />
      {more}
    </Layout>
  );
}

export function SharingPage({ ctx, groups, notice }: { ctx: PageContext; groups: SharingGroup[]; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Chia sẻ dữ liệu giữa các đơn vị" description="Bật, tắt việc dùng chung giấy tờ đã được chấp nhận giữa các đơn vị của một tỉnh, một bộ." styles={STYLES}>
      <Breadcrumbs items={[{ href: '/', label: 'Trang chủ' }, { label: 'Chia sẻ dữ liệu giữa các đơn vị' }]} />
      <h1>Chia sẻ dữ liệu giữa các đơn vị</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        Khi bật, giấy tờ một đơn vị đã chấp nhận được mọi đơn vị khác của cùng tỉnh, bộ dùng lại: người dân không phải nộp lại (Điều 4 khoản 2 điểm a Thông tư 32/2017/TT-BTTTT). Khi tắt, chỉ chính cơ quan đã chấp
        nhận giấy tờ mới dùng lại được.
      </p>
      <DataTable caption="Tỉnh, bộ trong phạm vi quản trị của bạn" cards rows={groups} rowKey={(g) => g.code} empty="Không có tỉnh, bộ nào trong phạm vi quản trị của bạn." columns={[
        {
          header: 'Tỉnh, bộ',
          cell: (g) => (
            <>
              {g.name} <span class="vault-number">({g.code})</span>
            </>
          ),
        },
        { header: 'Số đơn vị trực thuộc', cell: (g) => g.units },
        { header: 'Chia sẻ dữ liệu', cell: (g) => (g.sharesData ? 'Đang bật' : 'Đang tắt') },
        {
          header: 'Thao tác',
          label: false,
          cell: (g) => (
            <PostButton action="/quan-tri/chia-se-du-lieu" csrfToken={ctx.csrfToken} hidden={{ agency: g.code, sharesData: g.sharesData ? 'false' : 'true' }} variant="secondary" inline>
              {g.sharesData ? `Tắt chia sẻ của ${g.name}` : `Bật chia sẻ của ${g.name}`}
            </PostButton>
          ),
        },
      ]} />
    </Layout>
  );
}
