// A one-stop paper as a printable page: the same content as the PDF (content.ts), with print CSS
// that leaves the portal's chrome off the sheet (A3; WCAG: headings, a captioned table, lists).
import { Layout } from '../../../web/components/layout.tsx';
import { TableRegion } from '../../../web/components/table-region.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import { MOTTO, MOTTO_2 } from '../../../web/paper/sheet.ts';
import { NumberedTable } from '../../../web/paper/html.tsx';
import type { PaperBlock, PaperContent } from '../model.ts';

export const PAPER_STYLES = ['/assets/papers.css'];

function BlockView({ b }: { b: PaperBlock }) {
  switch (b.kind) {
    case 'line':
      return (
        <p>
          <strong>{b.label}:</strong> {b.value}
        </p>
      );
    case 'text':
      return <p>{b.text}</p>;
    case 'list':
      return (
        <>
          <p>
            <strong>{b.label}:</strong>
          </p>
          {b.items.length ? (
            <ol>
              {b.items.map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ol>
          ) : (
            <p>{b.empty}</p>
          )}
        </>
      );
    case 'table':
      return b.rows.length ? (
        <TableRegion label={b.caption}>
          <NumberedTable class="paper-table" caption={b.caption} columns={b.columns} rows={b.rows} />
        </TableRegion>
      ) : (
        <p>
          <strong>{b.caption}:</strong> {b.empty}
        </p>
      );
  }
}

/** The paper itself, as printed: letterhead, title, body, date and signature. */
export function PaperSheet({ p, heading: Heading = 'h1' }: { p: PaperContent; heading?: 'h1' | 'h2' }) {
  return (
    <article class={`paper-sheet${p.landscape ? ' paper-landscape' : ''}`} aria-labelledby="paper-title">
      {p.form && <p class="paper-form">{p.form}</p>}
      <div class="paper-head">
        <p class="paper-agency">{p.agencyName.toLocaleUpperCase('vi')}</p>
        <p class="paper-motto">
          {MOTTO}
          <br />
          <span class="paper-motto2">{MOTTO_2}</span>
        </p>
      </div>
      <Heading id="paper-title" class="paper-title">
        {p.title}
      </Heading>
      <p class="paper-code">{p.subtitle ?? `Mã hồ sơ: ${p.code}`}</p>
      {p.addressee && <p class="paper-addressee">Kính gửi: {p.addressee}</p>}
      {p.blocks.map((b, i) => (
        <BlockView b={b} key={i} />
      ))}
      {p.lookup && (
        <p>
          Tra cứu: <a href={p.lookup.url}>{p.lookup.url}</a>
        </p>
      )}
      <div class="paper-sign">
        <p class="paper-dated">{p.dated}</p>
        <p class="paper-signer">{p.signer.role}</p>
        <p class="paper-hint">(Ký, ghi rõ họ tên)</p>
        {p.signer.name && <p class="paper-signer paper-name">{p.signer.name}</p>}
      </div>
    </article>
  );
}

export function PaperPage({ ctx, p, pdf, back }: { ctx: PageContext; p: PaperContent; pdf: string; back: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title={`${p.title} — ${p.code}`} description={`${p.title}, hồ sơ ${p.code}, bản in.`} styles={PAPER_STYLES}>
      <p class="paper-tools">
        <a href={back.href}>‹ {back.label}</a> · <a href={pdf}>Tải bản PDF</a> · Dùng lệnh In của trình duyệt (Ctrl+P) để in trang này.
      </p>
      <PaperSheet p={p} />
    </Layout>
  );
}
