// The report as text (terminal), JSON (machines) and HTML (to file or publish): same findings.
import type { Report, Status } from './model.ts';

const MARK: Record<Status, string> = { pass: 'ĐẠT', fail: 'KHÔNG ĐẠT', warn: 'CẦN XEM', skip: 'BỎ QUA' };

export function renderText(report: Report): string {
  const lines = [`Báo cáo tuân thủ Thông tư 32/2017/TT-BTTTT — ${report.url}`, `Thời điểm kiểm tra: ${report.checkedAt}`, ''];
  for (const f of report.findings) {
    lines.push(`[${MARK[f.status]}] ${f.article} — ${f.title}`);
    lines.push(`    ${f.detail}`);
    if (f.fix) lines.push(`    Cách khắc phục: ${f.fix}`);
  }
  const s = report.summary;
  lines.push('', `Tổng: ${s.pass} đạt, ${s.fail} không đạt, ${s.warn} cần xem, ${s.skip} bỏ qua.`, '');
  return lines.join('\n');
}

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A standalone page with its styles in a <style> element: no scripts, readable offline. */
export function renderHtml(report: Report): string {
  const rows = report.findings
    .map(
      (f) => `<tr class="${f.status}">
<td>${escape(f.article)}</td>
<th scope="row">${escape(f.title)}</th>
<td><strong>${MARK[f.status]}</strong></td>
<td>${escape(f.detail)}${f.fix ? `<p><strong>Cách khắc phục:</strong> ${escape(f.fix)}</p>` : ''}</td>
</tr>`,
    )
    .join('\n');
  const s = report.summary;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo tuân thủ Thông tư 32/2017/TT-BTTTT — ${escape(report.url)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #6b6b6b; padding: .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tr.pass td:nth-child(3) { color: #0b6b2e; }
tr.fail td:nth-child(3) { color: #a4161a; }
tr.warn td:nth-child(3) { color: #7a4b00; }
td p { margin: .25rem 0 0; }
</style>
</head>
<body>
<main>
<h1>Báo cáo tuân thủ Thông tư 32/2017/TT-BTTTT</h1>
<p>Cổng: <a href="${escape(report.url)}">${escape(report.url)}</a>. Thời điểm kiểm tra: <time datetime="${escape(report.checkedAt)}">${escape(report.checkedAt)}</time>.</p>
<p>Tổng: ${s.pass} đạt, ${s.fail} không đạt, ${s.warn} cần xem, ${s.skip} bỏ qua.</p>
<table>
<caption>Kết quả theo từng điều</caption>
<thead><tr><th scope="col">Điều</th><th scope="col">Yêu cầu</th><th scope="col">Kết quả</th><th scope="col">Chi tiết</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}
