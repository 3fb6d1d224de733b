// The bundle's pages: its service-like page, the one form for all its procedures, and the citizen's
// page of a filed bundle (each part's status, one combined status, the results).
import { DataTable } from '../web/components/data-table.tsx';
import { Facts } from '../web/components/facts.tsx';
import { CsrfField, ErrorSummary, FileField, Notice, Select, type FieldErrors } from '../web/components/form.tsx';
import { Layout } from '../web/components/layout.tsx';
import type { PageContext } from '../web/page-context.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { FormFields, type FormDefinition } from '../forms/index.ts';
import type { BundleDefinition } from './definition.ts';
import { combinedStatus, partStatusName } from './model.ts';
import type { BundleRecord, PartRecord } from './store.ts';

export interface PartOffer {
  serviceCode: string;
  serviceName: string;
  agencies: string;
}

/** The bundle as a service: what it joins, who decides each part, and "Nộp hồ sơ liên thông". */
export function BundlePage({ ctx, def, offers, places }: { ctx: PageContext; def: BundleDefinition; offers: PartOffer[]; places: string[] }) {
  return (
    <Layout ctx={ctx} title={def.name} description={def.summary}>
      <p class="eyebrow">Thủ tục hành chính liên thông</p>
      <h1>{def.name}</h1>
      <p>{def.summary}</p>
      <DataTable caption={`${offers.length} thủ tục được giải quyết liên thông`} rows={offers} rowKey={(o) => o.serviceCode} columns={[
        { header: 'Thủ tục', cell: (o) => <a href={`/dich-vu-cong/${o.serviceCode}`}>{o.serviceName}</a> },
        { header: 'Mã thủ tục', cell: (o) => o.serviceCode },
        { header: 'Cơ quan giải quyết', cell: (o) => o.agencies },
      ]} />
      <Facts items={[{ term: 'Nơi nộp', value: places.length ? places.join('; ') : 'Chưa có xã, phường thực hiện' }, { term: 'Căn cứ pháp lý', value: def.legalBasis.join('; ') }]} />
      {places.length > 0 && (
        <p>
          <a class="button" href={`/lien-thong/${def.slug}/nop`}>
            Nộp hồ sơ liên thông
          </a>
        </p>
      )}
    </Layout>
  );
}

/** The one form: the commune once, every question once, each paper once. */
export function BundleFormPage({ ctx, def, places, place, raw = {}, errors = {} }: { ctx: PageContext; def: BundleDefinition; places: { code: string; name: string }[]; place?: string; raw?: Record<string, unknown>; errors?: FieldErrors }) {
  const papers = attachmentFields(def.form);
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? 'Lỗi: ' : ''}Nộp hồ sơ liên thông: ${def.name}`} description={def.summary}>
      <p>
        <a href={`/lien-thong/${def.slug}`}>‹ {def.name}</a>
      </p>
      <h1>Nộp hồ sơ liên thông</h1>
      <p>{def.summary}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/lien-thong/${def.slug}/nop`} enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Nơi nộp hồ sơ</h2>
        <Select name="agency" label="Xã, phường nơi nộp hồ sơ" hint="Mỗi thủ tục được chuyển đến cơ quan giải quyết của xã, phường này." options={places.map((p) => ({ value: p.code, label: p.name }))} value={place} errors={errors} required choose="Chọn xã, phường" />
        <FormFields def={def.form} raw={raw} errors={errors} />
        <h2>Giấy tờ kèm theo</h2>
        <p>Mỗi giấy tờ chỉ nộp một lần; thủ tục nào cần thì được chuyển cho thủ tục đó. Nhận tệp PDF, JPG, PNG.</p>
        {papers.map((f) => (
          // The error summary links to `f-component:…`, the input's id.
          <FileField key={f.id} name={`component:${f.component}`} label={f.required ? f.label : `${f.label} (nếu có)`} required={f.required} hint={f.help} errors={errors} accept="application/pdf,.pdf,image/jpeg,.jpg,image/png,.png" />
        ))}
        <button type="submit">Nộp hồ sơ liên thông</button>
      </form>
    </Layout>
  );
}

const attachmentFields = (def: FormDefinition) => def.sections.flatMap((s) => s.fields).filter((f): f is Extract<typeof f, { type: 'attachment' }> => f.type === 'attachment' && !!f.component);

function PartResult({ p }: { p: PartRecord }) {
  if (p.reason) return <>Lý do: {p.reason}</>;
  if (!p.result || !p.applicationCode) return <>Chưa có</>;
  return (
    <>
      <a href={`/ho-so/${p.applicationCode}/ket-qua.pdf`}>{p.result.fileName}</a> (ký số lúc {timeVi(p.result.signedAt)}){p.result.inStore && <>; đã lưu vào kho dữ liệu</>}
    </>
  );
}

/** The citizen's page of a filed bundle: each part tracked separately and the bundle together. */
export function MyBundlePage({ ctx, b, name, fresh }: { ctx: PageContext; b: BundleRecord; name: string; fresh?: boolean }) {
  const c = combinedStatus(b.parts);
  return (
    <Layout ctx={ctx} title={`Hồ sơ liên thông ${b.code}`} description={`Trạng thái hồ sơ liên thông ${b.code}.`}>
      <p>
        <a href="/ho-so/lien-thong">‹ Hồ sơ liên thông của tôi</a>
      </p>
      <h1>Hồ sơ liên thông {b.code}</h1>
      {fresh && <Notice>Hồ sơ liên thông đã được gửi: mỗi thủ tục đã đến cơ quan giải quyết của nó.</Notice>}
      <Facts
        items={[
          { term: 'Liên thông', value: name },
          { term: 'Trạng thái chung', value: <strong>{c.label}</strong> },
          { term: 'Nơi nộp', value: b.placeName },
          { term: 'Nộp lúc', value: timeVi(b.createdAt) },
          b.doneAt && { term: 'Hoàn thành lúc', value: timeVi(b.doneAt) },
        ]}
      />
      {c.refused.length > 0 && (
        <Notice>
          {c.refused.map((p) => (
            <p key={p.key}>
              Thủ tục “{p.serviceName}” không được giải quyết{p.reason ? `: ${p.reason}` : '.'}
            </p>
          ))}
        </Notice>
      )}
      <DataTable caption={`${b.parts.length} thủ tục của hồ sơ, ${c.done} đã xong`} cards rows={b.parts} rowKey={(p) => p.key} columns={[
        { header: 'Thủ tục', cell: (p) => p.serviceName },
        { header: 'Cơ quan giải quyết', cell: (p) => p.agencyName },
        { header: 'Mã hồ sơ', cell: (p) => (p.applicationCode ? <a href={`/ho-so/${p.applicationCode}`}>{p.applicationCode}</a> : 'Chuyển qua hệ thống của cơ quan') },
        { header: 'Trạng thái', cell: (p) => partStatusName(p) },
        { header: 'Hạn giải quyết', cell: (p) => dayVi(p.dueDate) },
        { header: 'Kết quả', cell: (p) => <PartResult p={p} /> },
      ]} />
    </Layout>
  );
}

/** The citizen's bundles, newest first. */
export function MyBundlesPage({ ctx, items, names }: { ctx: PageContext; items: BundleRecord[]; names: Record<string, string> }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ liên thông của tôi" description="Các hồ sơ liên thông bạn đã nộp và trạng thái chung của từng hồ sơ.">
      <p>
        <a href="/ho-so">‹ Hồ sơ của tôi</a>
      </p>
      <h1>Hồ sơ liên thông của tôi</h1>
      <DataTable caption={`${items.length} hồ sơ liên thông, mới nhất trước`} cards rows={items} rowKey={(b) => b.code} empty="Bạn chưa nộp hồ sơ liên thông nào." columns={[
        { header: 'Mã hồ sơ liên thông', cell: (b) => <a href={`/ho-so/lien-thong/${b.code}`}>{b.code}</a> },
        { header: 'Liên thông', cell: (b) => names[b.definition] ?? b.definition },
        { header: 'Nộp lúc', cell: (b) => timeVi(b.createdAt) },
        { header: 'Trạng thái chung', cell: (b) => combinedStatus(b.parts).label },
      ]} />
    </Layout>
  );
}
