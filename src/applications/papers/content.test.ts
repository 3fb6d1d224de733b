// What the papers say, from an application's data: the receipt names each paper received at the
// counter by its form and copies, a file sent online by its name; the control sheet measures each hop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplicationRecord } from '../store.ts';
import { paperContent, receiptOf, requestReason } from './content.ts';
import { papersOf, type PaperBlock } from './model.ts';
import type { PaperData } from './store.ts';

const at = (iso: string) => new Date(iso);
function data(over: Partial<ApplicationRecord>, more: Partial<PaperData> = {}): PaperData {
  const a = {
    id: '1', code: '000.00.12.H34-261201-0001', service: '1.004616', serviceName: 'Cấp Chứng chỉ hành nghề dược', agency: '000.00.12.H34', agencyName: 'Sở Y tế tỉnh Khánh Hòa', applicantId: 'u', submittedAt: at('2026-12-01T01:00:00Z'), data: null, formVersion: null,
    status: 2, statusName: 'Được tiếp nhận', dueDate: '2026-12-20', pausedDays: 0, channel: 'truc-tiep', unit: '000.00.12.H34', assigneeId: null, step: 'assignment', receptionDueAt: null,
    history: [{ status: 2, statusName: 'Được tiếp nhận', at: at('2026-12-01T01:00:00Z'), actor: 'Lê Văn Tiếp', note: null, kind: null }],
    ...over,
  } as ApplicationRecord;
  const d: PaperData = { a, applicantName: 'Phạm Thị Quầy', received: [], requests: [], hops: [], dueAt: null, papers: [], ...more };
  return { ...d, papers: papersOf({ channel: a.channel, submittedAt: a.submittedAt, history: a.history, requests: d.requests, apologySentAt: d.apology?.sentAt, hops: d.hops.length }) };
}
const o = { publicUrl: 'https://dvc.example', now: at('2026-12-10T03:00:00Z') };
const items = (blocks: PaperBlock[], label: string) => (blocks.find((b) => b.kind === 'list' && b.label === label) as Extract<PaperBlock, { kind: 'list' }>).items;

test('a counter receipt lists each paper by its form and copies, not a supplement given later, and names the receiving officer', () => {
  const r = receiptOf(
    data({}, {
      received: [
        { label: 'Văn bằng chuyên môn', originalName: 'vb.pdf', source: 'upload', paperForm: 'ban-sao-chung-thuc', copies: 2, supplement: false },
        { label: 'Giấy khám sức khỏe', originalName: 'gk.jpg', source: 'upload', paperForm: 'ban-chinh', copies: null, supplement: false },
        { label: 'Ảnh bổ sung', originalName: 'anh.jpg', source: 'upload', paperForm: null, copies: null, supplement: true },
      ],
    }),
    o,
  );
  assert.deepEqual(items(r.blocks, 'Thành phần hồ sơ đã nhận'), ['Văn bằng chuyên môn (bản sao có chứng thực, 2 bản)', 'Giấy khám sức khỏe (bản chính, 1 bản)']);
  assert.equal(r.signer.name, 'Lê Văn Tiếp');
  assert.equal(r.form, 'Mẫu số 01');
  assert.ok(r.blocks.some((b) => b.kind === 'line' && b.label === 'Ngày hẹn trả kết quả' && b.value === '20/12/2026'));
});

test('an appointment in working hours is the due instant, in Vietnam time', () => {
  const r = receiptOf(data({}, { dueAt: at('2026-12-01T09:00:00Z') }), o);
  assert.ok(r.blocks.some((b) => b.kind === 'line' && b.label === 'Ngày hẹn trả kết quả' && b.value === '16:00 ngày 01/12/2026'));
});

test('the control sheet measures each hop against its own due day', () => {
  const d = data({}, {
    hops: [
      { kind: 'assignment', at: at('2026-12-01T02:00:00Z'), fromUnit: 'Sở Y tế', toUnit: 'Sở Y tế', toName: 'Lê Văn Tiếp', dueDate: '2026-12-02', doneAt: at('2026-12-03T02:00:00Z'), actorName: 'Trưởng phòng', note: null },
      { kind: 'transfer', at: at('2026-12-03T02:00:00Z'), fromUnit: 'Sở Y tế', toUnit: 'UBND phường', toName: null, dueDate: '2026-12-08', doneAt: null, actorName: 'Lê Văn Tiếp', note: 'Xác minh' },
    ],
  });
  const sheet = paperContent(d, d.papers.find((p) => p.kind === 'kiem-soat')!, o);
  const table = sheet.blocks.find((b) => b.kind === 'table') as Extract<PaperBlock, { kind: 'table' }>;
  assert.deepEqual(table.rows.map((r) => [r[1], r[6]]), [
    ['Trạng thái: Được tiếp nhận', '—'],
    ['Phân công xử lý', 'Quá hạn'],
    ['Chuyển xử lý', 'Đang xử lý, đã quá hạn. Xác minh'],
  ]);
  assert.equal(sheet.landscape, true);
});

test('a request’s reason is printed without the list of items appended to it, which the paper lists itself', () => {
  assert.equal(requestReason('Bản chụp bị mờ. Cần bổ sung: Ảnh chân dung; Giấy khám sức khỏe.'), 'Bản chụp bị mờ.');
  assert.equal(requestReason('Thiếu giấy tờ'), 'Thiếu giấy tờ');
});
