import { PostButton } from '../../web/components/post-button.tsx';
import { ReceiptLinks } from '../payment/receipt-links.tsx';
import type { Receipt } from '../payment/receipts.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import { Notice } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { RatingSection, type Rating } from '../../feedback/index.ts';
import { FINAL } from '../model.ts';
import type { ApplicationRecord } from '../store.ts';
import type { Apology } from '../transitions.ts';
import type { Attachment, SupplementRequest } from '../attachments.ts';
import type { ApplicationSummary } from '../lists.ts';
import { ApologyBox, AttachmentList, SupplementBox, STYLES } from './attachments.tsx';
import { ApplicationFacts, dateVi, dayVi, StatusBadge, Timeline } from './parts.tsx';
import { ApplicantPapers } from '../papers/panel.tsx';
import type { PaperEntry } from '../papers/model.ts';

export function MyApplicationsPage({ ctx, items }: { ctx: PageContext; items: ApplicationSummary[] }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ của tôi" description="Các hồ sơ bạn đã nộp, trạng thái và tiến độ xử lý.">
      <h1>Hồ sơ của tôi</h1>
      <p>
        <a href="/ho-so/ban-nhap">Tờ khai đang khai dở (bản nháp)</a>
        {' · '}
        <a href="/ho-so/lien-thong">Hồ sơ liên thông (nhiều thủ tục, một lần nộp)</a>
      </p>
      <DataTable
        caption={`${items.length} hồ sơ, mới nhất trước`}
        cards
        rows={items}
        rowKey={(a) => a.code}
        empty={
          <>
            Bạn chưa nộp hồ sơ nào. <a href="/dich-vu-cong?level=3&level=4">Tìm dịch vụ công trực tuyến</a>.
          </>
        }
        columns={[
          { header: 'Mã hồ sơ', cell: (a) => <a href={`/ho-so/${a.code}`}>{a.code}</a> },
          { header: 'Thủ tục', cell: (a) => a.serviceName },
          { header: 'Nộp lúc', cell: (a) => dateVi(a.submittedAt) },
          { header: 'Hạn giải quyết', cell: (a) => dayVi(a.dueDate) },
          { header: 'Trạng thái', cell: (a) => <StatusBadge status={a.status} name={a.statusName} /> },
        ]}
      />
    </Layout>
  );
}

export function MyApplicationPage({ ctx, a, notice, attachments, openRequest, apology, rating, papers = [], receipts = [] }: { ctx: PageContext; a: ApplicationRecord; notice?: string; attachments: Attachment[]; openRequest?: SupplementRequest; apology?: Apology; rating?: Rating; papers?: readonly PaperEntry[]; receipts?: readonly Receipt[] }) {
  const canWithdraw = !FINAL.has(a.status) && a.status !== 7 && a.status !== 9;
  return (
    <Layout ctx={ctx} title={`Hồ sơ ${a.code}`} description={`Trạng thái và tiến độ hồ sơ ${a.code}.`} styles={STYLES}>
      <p>
        <a href="/ho-so">‹ Hồ sơ của tôi</a>
      </p>
      <h1>Hồ sơ {a.code}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ApplicationFacts a={a} withAgency />
      <p>
        <a href={`/ho-so/${a.code}/phieu-tiep-nhan.pdf`}>Tải phiếu tiếp nhận hồ sơ (PDF)</a> · Tờ khai đã nộp theo mẫu giấy:{' '}
        <a href={`/ho-so/${a.code}/to-khai.pdf`}>PDF</a> · <a href={`/ho-so/${a.code}/to-khai.docx`}>.docx</a>
      </p>
      {a.status === 6 && (
        <p>
          <a class="button" href={`/ho-so/${a.code}/thanh-toan`}>
            Thanh toán phí, lệ phí
          </a>
        </p>
      )}
      {(a.status === 9 || a.status === 10) && (
        <p>
          <a class="button" href={`/ho-so/${a.code}/ket-qua`}>
            Nhận kết quả giải quyết
          </a>
        </p>
      )}
      <ReceiptLinks code={a.code} receipts={receipts} />
      {openRequest && a.status === 5 && <SupplementBox code={a.code} request={openRequest} forApplicant />}
      {apology && <ApologyBox apology={apology} />}
      <h2>Thành phần hồ sơ đã nộp</h2>
      <AttachmentList code={a.code} attachments={attachments} forApplicant />
      <ApplicantPapers code={a.code} papers={papers} />
      <h2>Tiến độ xử lý</h2>
      <Timeline history={a.history} />
      <RatingSection ctx={ctx} code={a.code} status={a.status} rating={rating} />
      {canWithdraw && (
        <PostButton
          action={`/ho-so/${a.code}/rut`}
          csrfToken={ctx.csrfToken}
          variant="secondary"
          intro={
            <>
              <h2>Rút hồ sơ</h2>
              <p>Hồ sơ chưa giải quyết xong có thể rút lại; cơ quan sẽ dừng xử lý.</p>
            </>
          }
        >
          Rút hồ sơ này
        </PostButton>
      )}
    </Layout>
  );
}
