// Pages of payment (A7): the officer's fee request, the applicant's payment page with the
// gateway and a VietQR code, and the outcome when the browser comes back from the gateway.
import { PostButton } from '../../web/components/post-button.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Notice, Radios, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';
import type { ApplicationRecord } from '../store.ts';
import { ApplicationFacts } from '../views/parts.tsx';
import { amountVi, formatVnd } from './model.ts';
import type { Fee, Payment } from './store.ts';
import type { Receipt } from './receipts.ts';
import { receiptHref } from './receipt-routes.ts';
import { amountInWords } from './words.ts';

const STATUS_TEXT: Record<Payment['status'], string> = { pending: 'Đang chờ kết quả', paid: 'Đã thanh toán', failed: 'Không thành công' };
const GATEWAY_TEXT: Record<string, string> = { vnpay: 'VNPAY', paygov: 'PayGov', transfer: 'Chuyển khoản' };

function Payments({ payments }: { payments: Payment[] }) {
  if (!payments.length) return null;
  return (
    <DataTable caption="Các lần thanh toán" cards rowHeader={false} rows={payments} rowKey={(p) => p.id} columns={[
      { header: 'Thời điểm', cell: (p) => timeVi(p.paidAt ?? p.createdAt) },
      { header: 'Hình thức', cell: (p) => GATEWAY_TEXT[p.gateway] ?? p.gateway },
      { header: 'Số tiền', cell: (p) => formatVnd(p.amount) },
      { header: 'Mã giao dịch', cell: (p) => p.gatewayTxnNo ?? p.txnRef },
      { header: 'Kết quả', cell: (p) => (p.refundedAt ? `Đã hoàn tiền (${timeVi(p.refundedAt)})` : STATUS_TEXT[p.status]) },
    ]} />
  );
}

/** Every paid payment was refunded (the fee is refunded). */
const refundedAll = (payments: Payment[]) => payments.some((p) => p.status === 'paid') && payments.every((p) => p.status !== 'paid' || p.refundedAt);

/** The application's electronic receipts, each a PDF to download; refunded ones say so. */
function Receipts({ receipts }: { receipts: Receipt[] }) {
  if (!receipts.length) return null;
  return (
    <DataTable caption="Biên lai điện tử" cards rows={receipts} rowKey={(r) => r.number} columns={[
      { header: 'Số biên lai', cell: (r) => <a href={receiptHref(r.applicationCode, r.number)}>{r.number} (PDF)</a> },
      { header: 'Số tiền', cell: (r) => `${formatVnd(r.amount)} (${amountInWords(r.amount)})` },
      { header: 'Thời điểm', cell: (r) => timeVi(r.paidAt) },
      { header: 'Mã tra cứu', cell: (r) => r.lookupCode },
      { header: 'Tình trạng', cell: (r) => (r.refundedAt ? `Đã hoàn tiền: ${r.refundReason ?? ''}` : 'Đã thu') },
    ]} />
  );
}

/** The officer's refund of each paid, not yet refunded payment: a reason, then the button. */
function RefundForms({ ctx, code, payments, errors }: { ctx: PageContext; code: string; payments: Payment[]; errors: FieldErrors }) {
  const refundable = payments.filter((p) => p.status === 'paid' && !p.refundedAt);
  if (!refundable.length) return null;
  return (
    <section aria-labelledby="refund-title">
      <h2 id="refund-title">Hoàn tiền</h2>
      {refundable.map((p) => (
        <PostButton
          key={p.id}
          action={`/can-bo/ho-so/${code}/thu-phi/hoan-tien`}
          csrfToken={ctx.csrfToken}
          hidden={{ payment: p.id }}
          variant="danger"
          narrow
          intro={
            <div class={`field${errors[`refund-${p.id}`] ? ' field-error' : ''}`}>
              <label for={`f-refund-${p.id}`}>
                Lý do hoàn {formatVnd(p.amount)} ({GATEWAY_TEXT[p.gateway] ?? p.gateway}, mã giao dịch {p.gatewayTxnNo ?? p.txnRef})
              </label>
              {errors[`refund-${p.id}`] && (
                <p class="error-message" id={`f-refund-${p.id}-error`}>
                  {errors[`refund-${p.id}`]}
                </p>
              )}
              <textarea id={`f-refund-${p.id}`} name="reason" rows={3} maxLength={2000} aria-describedby={errors[`refund-${p.id}`] ? `f-refund-${p.id}-error` : undefined} />
            </div>
          }
        >
          Hoàn {formatVnd(p.amount)}
        </PostButton>
      ))}
    </section>
  );
}

function FeeFacts({ fee }: { fee: Fee }) {
  return (
    <Facts
      class="service-facts"
      items={[
        { term: 'Số tiền phải nộp', value: <strong>{formatVnd(fee.amount)}</strong> },
        fee.reason && { term: 'Ghi chú của cơ quan', value: fee.reason },
        { term: 'Yêu cầu lúc', value: timeVi(fee.requestedAt) },
      ]}
    />
  );
}

export function OfficerFeePage({
  ctx,
  a,
  catalogFees,
  catalogAmount,
  fee,
  payments,
  receipts = [],
  errors = {},
  values,
}: {
  ctx: PageContext;
  a: ApplicationRecord;
  catalogFees: { description: string; amount: number }[];
  catalogAmount: number;
  fee?: Fee;
  payments: Payment[];
  receipts?: Receipt[];
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const waiting = a.status === 6 && fee?.state === 'open';
  const canRequest = a.status === 2 || a.status === 4;
  return (
    <Layout ctx={ctx} title={`Phí, lệ phí — hồ sơ ${a.code}`} description={`Yêu cầu thực hiện nghĩa vụ tài chính của hồ sơ ${a.code}.`}>
      <ErrorSummary errors={errors} labels={{ amount: 'Số tiền', reason: 'Lý do', reference: 'Mã tham chiếu chuyển khoản' }} />
      <p>
        <a href={`/can-bo/ho-so/${a.code}`}>‹ Hồ sơ {a.code}</a>
      </p>
      <h1>Yêu cầu thực hiện nghĩa vụ tài chính</h1>
      <ApplicationFacts a={a} />
      <h2>Phí, lệ phí theo danh mục thủ tục</h2>
      <ul>
        {catalogFees.map((f, i) => (
          <li key={i}>
            {f.description}: {formatVnd(f.amount)}
          </li>
        ))}
      </ul>
      {waiting && fee && (
        <>
          <h2>Đang chờ người nộp thanh toán</h2>
          <FeeFacts fee={fee} />
          <form method="post" action={`/can-bo/ho-so/${a.code}/thu-phi/chuyen-khoan`} class="form-narrow">
            <CsrfField token={ctx.csrfToken} />
            <h3>Xác nhận đã nhận chuyển khoản</h3>
            <div class={`field${errors.reference ? ' field-error' : ''}`}>
              <label for="f-reference">Mã tham chiếu chuyển khoản (trên sao kê)</label>
              {errors.reference && (
                <p class="error-message" id="f-reference-error">
                  {errors.reference}
                </p>
              )}
              <input id="f-reference" name="reference" maxLength={100} aria-describedby={errors.reference ? 'f-reference-error' : undefined} />
            </div>
            <button type="submit" class="button">
              Xác nhận đã nhận {formatVnd(fee.amount)}
            </button>
          </form>
        </>
      )}
      {canRequest && (
        <form method="post" action={`/can-bo/ho-so/${a.code}/thu-phi`} class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2>Yêu cầu nộp phí, lệ phí</h2>
          <div class={`field${errors.amount ? ' field-error' : ''}`}>
            <label for="f-amount">Số tiền (đồng)</label>
            <p class="hint" id="f-amount-hint">
              Mặc định là tổng mức trong danh mục ({formatVnd(catalogAmount)}). Số nguyên đồng, tách hàng nghìn bằng dấu chấm, ví dụ 500.000. Số tiền khác cần ghi lý do.
            </p>
            {errors.amount && (
              <p class="error-message" id="f-amount-error">
                {errors.amount}
              </p>
            )}
            <input id="f-amount" name="amount" inputMode="numeric" maxLength={30} value={values?.amount ?? amountVi(catalogAmount)} aria-describedby={errors.amount ? 'f-amount-hint f-amount-error' : 'f-amount-hint'} />
          </div>
          <TextArea name="reason" label="Lý do, ghi chú" hint="Bắt buộc khi số tiền khác mức trong danh mục." value={values?.reason} errors={errors} maxLength={2000} />
          <button type="submit" class="button">
            Yêu cầu thực hiện nghĩa vụ tài chính
          </button>
        </form>
      )}
      <Payments payments={payments} />
      <Receipts receipts={receipts} />
      <RefundForms ctx={ctx} code={a.code} payments={payments} errors={errors} />
    </Layout>
  );
}

export function PaymentPage({
  ctx,
  a,
  fee,
  payments,
  receipts,
  gateways,
  transfer,
}: {
  ctx: PageContext;
  a: ApplicationRecord;
  fee?: Fee;
  payments: Payment[];
  receipts: Receipt[];
  gateways: { id: string; name: string }[];
  transfer?: { image: string; bank: string; account: string; accountName: string; message: string };
}) {
  const due = a.status === 6 && fee?.state === 'open';
  return (
    <Layout ctx={ctx} title={`Thanh toán phí, lệ phí — hồ sơ ${a.code}`} description={`Thanh toán phí, lệ phí của hồ sơ ${a.code}.`}>
      <p>
        <a href={`/ho-so/${a.code}`}>‹ Hồ sơ {a.code}</a>
      </p>
      <h1>Thanh toán phí, lệ phí</h1>
      <ApplicationFacts a={a} withAgency />
      {!due && (
        <Notice>
          {fee?.state !== 'paid'
            ? 'Hồ sơ này hiện không có khoản phí, lệ phí cần thanh toán.'
            : refundedAll(payments)
              ? `Khoản ${formatVnd(fee.amount)} đã được cơ quan hoàn trả; xem lý do trong biên lai điện tử.`
              : `Đã thanh toán ${formatVnd(fee.amount)}; hồ sơ tiếp tục được xử lý.`}
        </Notice>
      )}
      {due && fee && (
        <>
          <FeeFacts fee={fee} />
          {gateways.length === 1 && (
            <PostButton
              action={`/ho-so/${a.code}/thanh-toan`}
              csrfToken={ctx.csrfToken}
              hidden={{ gateway: gateways[0]!.id }}
              intro={
                <>
                  <h2>Thanh toán trực tuyến</h2>
                  <p>Bạn sẽ được chuyển sang cổng thanh toán {gateways[0]!.name} để thanh toán bằng thẻ ngân hàng hoặc ứng dụng; xong sẽ quay lại trang này.</p>
                </>
              }
            >
              Thanh toán {formatVnd(fee.amount)} qua {gateways[0]!.name}
            </PostButton>
          )}
          {gateways.length > 1 && (
            <PostButton
              action={`/ho-so/${a.code}/thanh-toan`}
              csrfToken={ctx.csrfToken}
              intro={
                <>
                  <h2>Thanh toán trực tuyến</h2>
                  <p>Chọn cổng thanh toán; bạn sẽ được chuyển sang đó để thanh toán bằng thẻ ngân hàng hoặc ứng dụng, xong sẽ quay lại trang này.</p>
                  <Radios name="gateway" legend="Cổng thanh toán" options={gateways.map((g) => ({ value: g.id, label: g.name }))} />
                </>
              }
            >
              Thanh toán {formatVnd(fee.amount)}
            </PostButton>
          )}
          {transfer && (
            <section aria-labelledby="transfer-title">
              <h2 id="transfer-title">Chuyển khoản bằng mã VietQR</h2>
              <p>Quét mã bằng ứng dụng ngân hàng; số tiền và nội dung đã điền sẵn. Cơ quan xác nhận khi nhận được tiền.</p>
              <img
                src={transfer.image}
                width={220}
                height={220}
                alt={`Mã VietQR: chuyển ${formatVnd(fee.amount)} đến tài khoản ${transfer.account} tại ${transfer.bank}, chủ tài khoản ${transfer.accountName}, nội dung ${transfer.message}`}
              />
              <Facts
                class="service-facts"
                items={[
                  { term: 'Ngân hàng', value: transfer.bank },
                  { term: 'Số tài khoản', value: transfer.account },
                  { term: 'Chủ tài khoản', value: transfer.accountName },
                  { term: 'Số tiền', value: formatVnd(fee.amount) },
                  { term: 'Nội dung chuyển khoản', value: transfer.message },
                ]}
              />
            </section>
          )}
          {!gateways.length && !transfer && <p>Hãy nộp phí, lệ phí tại bộ phận một cửa của cơ quan.</p>}
        </>
      )}
      <Payments payments={payments} />
      <Receipts receipts={receipts} />
    </Layout>
  );
}

export function PaymentReturnPage({ ctx, outcome, message, code, amount, txnRef, receipt }: { ctx: PageContext; outcome: 'paid' | 'failed' | 'pending' | 'invalid'; message: string; code?: string; amount?: number; txnRef?: string; receipt?: string }) {
  const title = outcome === 'paid' ? 'Thanh toán thành công' : outcome === 'pending' ? 'Đang chờ xác nhận thanh toán' : 'Thanh toán không thành công';
  return (
    <Layout ctx={ctx} title={title} description="Kết quả thanh toán phí, lệ phí.">
      <h1>{title}</h1>
      {outcome === 'paid' ? <Notice>{message}</Notice> : <p class={outcome === 'pending' ? undefined : 'error-message'}>{message}</p>}
      {amount !== undefined && (
        <Facts
          class="service-facts"
          items={[
            { term: 'Số tiền', value: formatVnd(amount) },
            txnRef && { term: 'Mã tham chiếu', value: txnRef },
          ]}
        />
      )}
      {code && receipt && (
        <p>
          <a href={receiptHref(code, receipt)}>Tải biên lai điện tử số {receipt} (PDF)</a>
        </p>
      )}
      <p>{code ? <a href={`/ho-so/${code}`}>Xem hồ sơ {code}</a> : <a href="/ho-so">Xem hồ sơ của tôi</a>}</p>
    </Layout>
  );
}
