import type { VNode } from 'preact';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { downloadFileName } from '../downloads/index.ts';
import { adminLevelName, levelExplained, levelName, methodName, shorten, type Service } from '../model.ts';
import { CatalogBreadcrumbs } from '../../web/components/breadcrumbs.tsx';

const money = (n: number) => (n === 0 ? 'Không thu phí' : `${n.toLocaleString('vi-VN')} đồng`);

/** schema.org GovernmentService, so search engines understand the page (C5). */
function jsonLd(s: Service, publicUrl: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: s.name,
    identifier: s.code,
    serviceType: `${s.sector} — ${s.field}`,
    provider: { '@type': 'GovernmentOrganization', name: s.agencyName },
    url: `${publicUrl}/dich-vu-cong/${s.code}`,
    availableChannel: { '@type': 'ServiceChannel', serviceUrl: `${publicUrl}/dich-vu-cong/${s.code}` },
  };
  // Inside <script>, "<" must not appear: "</script>" in a name would end the block.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function ServicePage({ ctx, service: s, publicUrl, eform = false, sections = {} }: { ctx: PageContext; service: Service; publicUrl: string; eform?: boolean; sections?: { lead?: VNode; more?: VNode } }) {
  const description = shorten(`${s.name}. Mã ${s.code}, ${levelName(s.level)}, thời hạn ${s.timeLimitText}, cơ quan thực hiện: ${s.agencyName}.`, 300);
  return (
    <Layout ctx={ctx} title={s.name} description={description}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(s, publicUrl) }} />
      <CatalogBreadcrumbs last={{ href: `/dich-vu-cong?sector=${encodeURIComponent(s.sector)}`, label: s.sector }} />
      <h1 class="service-title">{s.name}</h1>
      <div class={`level-box level-${s.level}`}>
        <p>
          <strong>{levelName(s.level)}</strong>
        </p>
        <p>{levelExplained(s.level)}</p>
        {eform && (
          <p>
            <a class="button-link" href={`/dich-vu-cong/${s.code}/to-khai`}>
              Nộp hồ sơ trực tuyến
            </a>
          </p>
        )}
      </div>
      {sections.lead}
      <dl class="service-facts">
        <div>
          <dt>Mã thủ tục (mã TTHC)</dt>
          <dd>{s.code}</dd>
        </div>
        <div>
          <dt>Ngành — lĩnh vực</dt>
          <dd>
            {s.sector} — {s.field}
          </dd>
        </div>
        <div>
          <dt>Cấp thực hiện</dt>
          <dd>{adminLevelName(s.adminLevel)}</dd>
        </div>
        <div>
          <dt>Cơ quan tiếp nhận</dt>
          <dd>{s.agencyName}</dd>
        </div>
        <div>
          <dt>Cơ quan có thẩm quyền quyết định</dt>
          <dd>{s.decidingAgency}</dd>
        </div>
        <div>
          <dt>Thời hạn giải quyết</dt>
          <dd>{s.timeLimitText}</dd>
        </div>
        <div>
          <dt>Đối tượng thực hiện</dt>
          <dd>{s.applicants}</dd>
        </div>
        <div>
          <dt>Kết quả thực hiện</dt>
          <dd>{s.result}</dd>
        </div>
      </dl>

      <h2>Trình tự thực hiện</h2>
      <ol class="steps">
        {s.steps.map((step, i) => (
          <li key={i}>{step.replace(/^Bước \d+:\s*/, '')}</li>
        ))}
      </ol>

      <h2>Cách thức thực hiện</h2>
      <ul>
        {s.methods.map((m) => (
          <li key={m}>Nộp hồ sơ: {methodName(m)}</li>
        ))}
        {s.resultMethods.map((m) => (
          <li key={'r' + m}>Nhận kết quả: {methodName(m)}</li>
        ))}
      </ul>

      <h2>Thành phần, số lượng hồ sơ</h2>
      <table class="data-table counts">
        <caption>Thành phần hồ sơ ({s.dossierCount} bộ)</caption>
        <thead>
          <tr>
            <th scope="col">Tên giấy tờ</th>
            <th scope="col">Bản chính</th>
            <th scope="col">Bản sao</th>
          </tr>
        </thead>
        <tbody>
          {s.components.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{c.original}</td>
              <td>{c.copy}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Phí, lệ phí</h2>
      {s.fees.length === 0 ? (
        <p>Không thu phí, lệ phí.</p>
      ) : (
        <ul>
          {s.fees.map((f, i) => (
            <li key={i}>
              {f.description}: {money(f.amount)}
            </li>
          ))}
        </ul>
      )}

      <h2>Mẫu đơn, tờ khai</h2>
      {s.forms.length === 0 ? (
        <p>Thủ tục không có mẫu đơn, tờ khai.</p>
      ) : (
        <ul class="forms">
          {s.forms.map((f) => (
            <li key={f.code}>
              {f.name}:{' '}
              <a href={`/dich-vu-cong/${s.code}/mau/${downloadFileName(f, 'docx')}`} download>
                tải tệp Word (.docx)<span class="visually-hidden"> — {f.name}</span>
              </a>
              {' · '}
              <a href={`/dich-vu-cong/${s.code}/mau/${downloadFileName(f, 'pdf')}`} download>
                tải tệp PDF<span class="visually-hidden"> — {f.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2>Yêu cầu, điều kiện thực hiện</h2>
      <p>{s.requirements}</p>

      <h2>Căn cứ pháp lý</h2>
      <ul>
        {s.legalBasis.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {s.publicationDecision && (
        <p>
          <strong>Quyết định công bố:</strong> {s.publicationDecision}
        </p>
      )}
      {sections.more}
    </Layout>
  );
}
