// The one-stop papers panel of the officer's application page: each paper the application has
// (receipt and appointment, request to supplement, refusal, apology, stop, process-control sheet),
// to open as PDF or print; and the applicant's shorter list of the papers addressed to them.
import type { DB } from '../../db/index.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import { timeVi } from '../../web/format.ts';
import type { ApplicationRecord } from '../store.ts';
import { forApplicant, PAPERS, type PaperEntry } from './model.ts';
import { papersOfApplication } from './store.ts';

/** What the panel shows; loaded with the page's other extras. */
export interface PapersPanelData {
  papers: PaperEntry[];
}

export async function loadPapersPanel(db: DB, a: ApplicationRecord): Promise<PapersPanelData | undefined> {
  return { papers: await papersOfApplication(db, a) };
}

const titleOf = (p: PaperEntry) => `${p.title}${p.number && p.number > 1 ? ` (lần ${p.number})` : ''}`;

export function PapersPanel({ code, data }: { code: string; data: PapersPanelData }) {
  const base = `/can-bo/ho-so/${code}/giay-to`;
  return (
    <section aria-labelledby="papers-heading">
      <h2 id="papers-heading">Giấy tờ một cửa</h2>
      <DataTable caption="Giấy tờ của hồ sơ theo Thông tư 01/2018/TT-VPCP" captionHidden cards rows={data.papers} rowKey={(p) => p.slug} empty="Hồ sơ chưa có giấy tờ nào: giấy tiếp nhận được lập khi hồ sơ được tiếp nhận." columns={[
        { header: 'Giấy tờ', cell: (p) => titleOf(p) },
        { header: 'Mẫu', cell: (p) => PAPERS[p.kind].form || '—' },
        { header: 'Lập lúc', cell: (p) => timeVi(p.issuedAt) },
        {
          header: 'Mở',
          label: false,
          cell: (p) => (
            <>
              <a href={`${base}/${p.slug}.pdf`}>
                PDF<span class="visually-hidden">: {titleOf(p)}</span>
              </a>{' '}
              ·{' '}
              <a href={`${base}/${p.slug}.html`}>
                Bản in<span class="visually-hidden">: {titleOf(p)}</span>
              </a>
            </>
          ),
        },
      ]} />
      <p>
        <a href="/can-bo/so-theo-doi">Sổ theo dõi hồ sơ của đơn vị</a>
      </p>
    </section>
  );
}

/** The applicant's list: the papers addressed to them, each as PDF. */
export function ApplicantPapers({ code, papers }: { code: string; papers: readonly PaperEntry[] }) {
  const mine = papers.filter((p) => forApplicant(p.kind));
  if (!mine.length) return null;
  return (
    <>
      <h2>Giấy tờ cơ quan gửi bạn</h2>
      <ul>
        {mine.map((p) => (
          <li key={p.slug}>
            <a href={`/ho-so/${code}/giay-to/${p.slug}.pdf`}>{titleOf(p)} (PDF)</a> — {timeVi(p.issuedAt)}
          </li>
        ))}
      </ul>
    </>
  );
}
