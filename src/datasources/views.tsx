// The person's uses of the national databases, on their data-store usage page (V4).
import { DataTable } from '../web/components/data-table.tsx';
import { timeVi } from '../web/format.ts';
import { SOURCES } from './protocol.ts';
import type { SourceUseEntry } from './store.ts';

export function SourceUsesSection({ uses }: { uses: SourceUseEntry[] }) {
  return (
    <section aria-labelledby="csdl-quoc-gia">
      <h2 id="csdl-quoc-gia">Khai thác cơ sở dữ liệu quốc gia</h2>
      <p>Mỗi lần cổng lấy thông tin của bạn từ cơ sở dữ liệu quốc gia thay cho giấy tờ bạn phải nộp, hoặc để điền tờ khai khi bạn yêu cầu.</p>
      <DataTable caption="Mới nhất trước: cơ sở dữ liệu nào, lấy gì, cho hồ sơ nào" cards rows={uses} rowKey={(_, i) => i} empty="Chưa lần nào lấy thông tin từ cơ sở dữ liệu quốc gia." columns={[
        { header: 'Thời gian', cell: (u) => timeVi(u.at) },
        { header: 'Nguồn', cell: (u) => `lấy từ ${SOURCES[u.source]}` },
        { header: 'Việc', cell: (u) => (u.purpose === 'component' ? 'Thay giấy tờ trong hồ sơ' : 'Điền tờ khai') },
        { header: 'Nội dung', cell: (u) => u.subject },
        { header: 'Hồ sơ', cell: (u) => u.applicationCode ?? '—' },
        { header: 'Cơ quan', cell: (u) => u.agencyName ?? '—' },
      ]} />
    </section>
  );
}
