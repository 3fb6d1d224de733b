// Pages of electronic results (A7): the officer's finish-with-result form, the applicant's
// download and delivery choice, and the public verification page.
import { CsrfField, ErrorSummary, FileField, Notice, Radios, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { formatBytes } from '../../storage/index.ts';
import { timeVi } from '../../web/format.ts';
import type { ApplicationRecord } from '../store.ts';
import { ApplicationFacts } from '../views/parts.tsx';
import type { StoredResult } from './store.ts';
import type { Verdict } from './verdict.ts';
import type { CertificateRow } from './signing-cert-store.ts';
import type { EmbeddedSignature } from './pades-pdf.ts';
import { EmbeddedSignatureFacts } from './pades-views.tsx';

/** Who signed, when, and the fingerprint of the signed file. */
export function SignatureFacts({ r }: { r: StoredResult }) {
  return (
    <Facts
      class="service-facts"
      items={[
        { term: 'Cơ quan ký', value: <>{r.agencyName} ({r.agencyCode})</> },
        { term: 'Thời điểm ký', value: timeVi(r.signedAt) },
        { term: 'Mã hồ sơ', value: r.code },
        { term: 'Dấu vân tay SHA-256 của tệp', value: <code class="wrap">{r.sha256}</code> },
        { term: 'Khóa ký (Ed25519)', value: <code>{r.keyId}</code> },
      ]}
    />
  );
}

export function OfficerResultPage({ ctx, a, result, certificate, errors = {}, values }: { ctx: PageContext; a: ApplicationRecord; result?: StoredResult; certificate?: CertificateRow; errors?: FieldErrors; values?: Record<string, string> }) {
  return (
    <Layout ctx={ctx} title={`Kết quả giải quyết — hồ sơ ${a.code}`} description={`Trả kết quả giải quyết hồ sơ ${a.code}.`}>
      <ErrorSummary errors={errors} labels={{ method: 'Cách tạo kết quả', file: 'Tệp PDF kết quả', decision: 'Nội dung giải quyết' }} />
      <p>
        <a href={`/can-bo/ho-so/${a.code}`}>‹ Hồ sơ {a.code}</a>
      </p>
      <h1>Kết quả giải quyết</h1>
      <ApplicationFacts a={a} />
      {result ? (
        <>
          <h2>Kết quả đã ký số</h2>
          <SignatureFacts r={result} />
          <p>
            Cách nhận kết quả người nộp chọn: <strong>{result.delivery === 'post' ? `qua bưu chính — ${result.postalAddress ?? ''}` : 'tải về trực tuyến'}</strong>
          </p>
          <p>
            <a href={`/ho-so/${a.code}/ket-qua.pdf`}>Tải tệp kết quả (PDF, {formatBytes(result.size)})</a>
          </p>
        </>
      ) : a.status === 4 ? (
        <form method="post" action={`/can-bo/ho-so/${a.code}/ket-qua`} enctype="multipart/form-data" class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <p>Kết quả được ký số bằng khóa của {a.agencyName} khi lưu; hồ sơ chuyển sang "Đã xử lý xong".</p>
          <p>
            {certificate
              ? `Tệp PDF sẽ mang chữ ký số PAdES bằng chứng thư số ${certificate.subject} (cấp bởi ${certificate.issuer}, hiệu lực đến ${timeVi(certificate.not_after)}).`
              : 'Cơ quan chưa có chứng thư số còn hiệu lực: kết quả chỉ có chữ ký của cổng, kiểm tra tại trang xác thực kết quả.'}
          </p>
          <Radios
            name="method"
            legend="Cách tạo kết quả"
            value={values?.method}
            errors={errors}
            options={[
              { value: 'upload', label: 'Tải lên tệp PDF kết quả đã có' },
              { value: 'template', label: 'Tạo văn bản "Kết quả giải quyết" từ mẫu' },
            ]}
          />
          <FileField name="file" label="Tệp PDF kết quả" hint="Dùng khi tải lên; tối đa 20 MB." errors={errors} accept="application/pdf,.pdf" />
          <TextArea name="decision" label="Nội dung giải quyết" hint="Dùng khi tạo từ mẫu: nội dung quyết định, ví dụ số chứng chỉ được cấp." value={values?.decision} errors={errors} maxLength={8000} rows={6} />
          <TextArea name="note" label="Ghi chú trên tiến độ xử lý" value={values?.note} errors={errors} maxLength={4000} rows={2} />
          <button type="submit" class="button">
            Ký số và hoàn thành xử lý
          </button>
        </form>
      ) : (
        <p>Hồ sơ đang ở trạng thái "{a.statusName}"; chỉ hồ sơ đang xử lý mới được trả kết quả giải quyết.</p>
      )}
    </Layout>
  );
}

export function CitizenResultPage({ ctx, a, result, errors = {}, values, notice }: { ctx: PageContext; a: ApplicationRecord; result?: StoredResult; errors?: FieldErrors; values?: Record<string, string>; notice?: string }) {
  return (
    <Layout ctx={ctx} title={`Kết quả hồ sơ ${a.code}`} description={`Nhận kết quả giải quyết hồ sơ ${a.code}.`}>
      <ErrorSummary errors={errors} labels={{ delivery: 'Cách nhận kết quả', address: 'Địa chỉ nhận' }} />
      <p>
        <a href={`/ho-so/${a.code}`}>‹ Hồ sơ {a.code}</a>
      </p>
      <h1>Kết quả giải quyết</h1>
      {notice && <Notice>{notice}</Notice>}
      <ApplicationFacts a={a} withAgency />
      {!result ? (
        <p>Hồ sơ chưa có kết quả giải quyết.</p>
      ) : (
        <>
          <p>
            <a class="button" href={`/ho-so/${a.code}/ket-qua.pdf`}>
              Tải kết quả (PDF, {formatBytes(result.size)})
            </a>
          </p>
          <h2>Chữ ký số</h2>
          <SignatureFacts r={result} />
          <p>
            Kiểm tra bản kết quả bất kỳ lúc nào tại <a href={`/xac-thuc-ket-qua?ma=${encodeURIComponent(a.code)}`}>trang xác thực kết quả</a>.
          </p>
          {a.status === 10 ? (
            <p>Kết quả đã được trả {result.delivery === 'post' ? `qua bưu chính đến: ${result.postalAddress ?? ''}` : 'trực tuyến'}.</p>
          ) : (
            <form method="post" action={`/ho-so/${a.code}/ket-qua`} class="form-narrow" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <Radios
                name="delivery"
                legend="Cách nhận bản kết quả"
                value={values?.delivery ?? result.delivery}
                errors={errors}
                options={[
                  { value: 'online', label: 'Tải về bản điện tử (không cần nhận bản giấy)' },
                  { value: 'post', label: 'Nhận bản giấy qua bưu chính (cước do người nhận trả)' },
                ]}
              />
              <TextArea name="address" label="Địa chỉ nhận qua bưu chính" value={values?.address ?? result.postalAddress ?? ''} errors={errors} maxLength={500} rows={2} />
              <button type="submit" class="button">
                Lưu cách nhận kết quả
              </button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}

function VerdictView({ verdict, embedded }: { verdict: Verdict; embedded?: EmbeddedSignature }) {
  switch (verdict.kind) {
    case 'file':
      return verdict.holds ? (
        <Notice>
          <h2>Hợp lệ: chữ ký số đúng, tệp không bị thay đổi</h2>
          <p>
            Tệp này đúng từng byte với kết quả giải quyết hồ sơ {verdict.result.code} do {verdict.result.agencyName} ký số lúc {timeVi(verdict.result.signedAt)}.
          </p>
          <SignatureFacts r={verdict.result} />
          {embedded && <EmbeddedSignatureFacts s={embedded} />}
        </Notice>
      ) : (
        <div class="error-summary" role="alert">
          <h2>Không hợp lệ: chữ ký số không khớp</h2>
          <p>Tệp trùng với bản đã lưu nhưng chữ ký trong hệ thống không còn khớp; hãy liên hệ {verdict.result.agencyName}.</p>
        </div>
      );
    case 'changed': {
      const d = verdict.difference;
      return (
        <div class="error-summary" role="alert">
          <h2>Không hợp lệ: tệp đã bị thay đổi</h2>
          <p>
            Tệp này khác với kết quả giải quyết hồ sơ {verdict.result.code} do {verdict.result.agencyName} ký số lúc {timeVi(verdict.result.signedAt)}; chữ ký số không áp dụng cho tệp đã sửa.
          </p>
          <ul>
            <li>
              Kích thước: bản đã ký {d.issuedSize.toLocaleString('vi-VN')} byte, tệp tải lên {d.uploadedSize.toLocaleString('vi-VN')} byte.
            </li>
            <li>Nội dung bắt đầu khác từ byte thứ {(d.firstOffset + 1).toLocaleString('vi-VN')}{d.changedBytes ? `; ${d.changedBytes.toLocaleString('vi-VN')} byte khác nhau ở cùng vị trí` : ''}.</li>
            <li>
              SHA-256 bản đã ký: <code class="wrap">{verdict.result.sha256}</code>
            </li>
            <li>
              SHA-256 tệp tải lên: <code class="wrap">{verdict.uploaded.sha256}</code>
            </li>
          </ul>
          <p>Hãy dùng bản tải trực tiếp từ Cổng dịch vụ công hoặc liên hệ cơ quan giải quyết.</p>
          {embedded && <EmbeddedSignatureFacts s={embedded} />}
        </div>
      );
    }
    case 'unknown':
      return (
        <div class="error-summary" role="alert">
          <h2>Không xác thực được</h2>
          <p>Không có kết quả nào được cổng ký số với nội dung này: tệp đã bị sửa hoặc không do cổng cấp. Nếu biết mã hồ sơ, hãy nhập để xem điểm khác.</p>
        </div>
      );
    case 'issued':
      return (
        <Notice>
          <h2>Hồ sơ {verdict.result.code} có kết quả đã ký số</h2>
          <p>{verdict.holds ? 'Chữ ký số của bản đã lưu hợp lệ.' : 'Chữ ký số của bản đã lưu KHÔNG hợp lệ.'} Tải tệp bạn có lên để so khớp.</p>
          <SignatureFacts r={verdict.result} />
          {embedded && <EmbeddedSignatureFacts s={embedded} />}
        </Notice>
      );
    case 'no-result':
      return (
        <div class="error-summary" role="alert">
          <h2>Không có kết quả</h2>
          <p>Không có kết quả đã ký số nào cho mã hồ sơ "{verdict.code}".</p>
        </div>
      );
  }
}

export function VerifyPage({ ctx, code, verdict, embedded, errors = {} }: { ctx: PageContext; code?: string; verdict?: Verdict; embedded?: EmbeddedSignature; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Xác thực kết quả giải quyết" description="Kiểm tra chữ ký số và tính toàn vẹn của văn bản kết quả giải quyết thủ tục hành chính.">
      <ErrorSummary errors={errors} labels={{ file: 'Tệp kết quả' }} />
      <h1>Xác thực kết quả giải quyết</h1>
      <p>Tải lên tệp kết quả (PDF) nhận từ cổng để kiểm tra: cơ quan nào đã ký, ký lúc nào, và tệp có bị thay đổi không. Tệp chỉ dùng để so khớp, không được lưu lại.</p>
      {verdict && <VerdictView verdict={verdict} embedded={embedded} />}
      <form method="post" action="/xac-thuc-ket-qua" enctype="multipart/form-data" class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <FileField name="file" label="Tệp kết quả cần kiểm tra" hint="Tệp PDF, tối đa 20 MB." errors={errors} accept="application/pdf,.pdf" />
        <div class="field">
          <label for="f-ma">Mã hồ sơ (không bắt buộc)</label>
          <p class="hint" id="f-ma-hint">
            Giúp chỉ ra điểm khác khi tệp đã bị sửa.
          </p>
          <input id="f-ma" name="ma" value={code} maxLength={60} aria-describedby="f-ma-hint" />
        </div>
        <button type="submit" class="button">
          Kiểm tra
        </button>
      </form>
    </Layout>
  );
}
