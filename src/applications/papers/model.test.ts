// Which one-stop papers an application has, from what happened to it; a step against its deadline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forApplicant, outcomeOf, paperBySlug, papersOf, type PaperFacts } from './model.ts';

const at = (iso: string) => new Date(iso);
const online = (history: PaperFacts['history'], more: Partial<PaperFacts> = {}): PaperFacts => ({ channel: 'truc-tuyen', submittedAt: at('2026-12-01T01:00:00Z'), history, requests: [], hops: 0, ...more });
const ev = (status: PaperFacts['history'][number]['status'], iso: string, note: string | null = null, kind: string | null = null) => ({ status, at: at(iso), note, kind });

test('an online application waiting for reception has no paper yet; once received, the receipt and the control sheet', () => {
  assert.deepEqual(papersOf(online([ev(1, '2026-12-01T01:00:00Z')])), []);
  const received = papersOf(online([ev(1, '2026-12-01T01:00:00Z'), ev(2, '2026-12-01T03:00:00Z')]));
  assert.deepEqual(received.map((p) => [p.kind, p.issuedAt.toISOString()]), [['tiep-nhan', '2026-12-01T03:00:00.000Z'], ['kiem-soat', '2026-12-01T03:00:00.000Z']]);
});

test('a counter dossier is received when recorded', () => {
  const papers = papersOf({ ...online([ev(1, '2026-12-01T01:00:00Z')]), channel: 'truc-tiep' });
  assert.deepEqual(papers.map((p) => p.kind), ['tiep-nhan', 'kiem-soat']);
});

test('each request to supplement is its own paper; refusal, apology and stop follow their events, in order', () => {
  const f = online([ev(1, '2026-12-01T01:00:00Z'), ev(2, '2026-12-01T02:00:00Z'), ev(5, '2026-12-02T02:00:00Z'), ev(4, '2026-12-03T02:00:00Z'), ev(4, '2026-12-04T02:00:00Z', 'Thư xin lỗi', 'apology'), ev(8, '2026-12-05T02:00:00Z', 'Trùng hồ sơ')], {
    requests: [{ requestedAt: at('2026-12-02T02:00:00Z') }, { requestedAt: at('2026-12-03T05:00:00Z') }],
    apologySentAt: at('2026-12-04T02:00:00Z'),
  });
  const papers = papersOf(f);
  assert.deepEqual(papers.map((p) => p.slug), ['tiep-nhan', 'kiem-soat', 'bo-sung', 'bo-sung-2', 'xin-loi', 'dung-xu-ly']);
  assert.equal(paperBySlug(papers, 'bo-sung-2')?.number, 2);
  assert.equal(paperBySlug(papers, 'tu-choi'), undefined);
  const refused = papersOf(online([ev(1, '2026-12-01T01:00:00Z'), ev(3, '2026-12-01T02:00:00Z', 'Sai thẩm quyền')]));
  assert.deepEqual(refused.map((p) => p.kind), ['tu-choi']);
});

test('hops alone make the control sheet', () => {
  assert.deepEqual(papersOf(online([ev(1, '2026-12-01T01:00:00Z')], { hops: 1 })).map((p) => p.kind), ['kiem-soat']);
});

test('the applicant is given every paper but the control sheet', () => {
  assert.equal(forApplicant('kiem-soat'), false);
  for (const k of ['tiep-nhan', 'bo-sung', 'tu-choi', 'xin-loi', 'dung-xu-ly'] as const) assert.equal(forApplicant(k), true);
});

test('a step is before, on or after its due day; an open one is late once today passes it', () => {
  assert.equal(outcomeOf('2026-12-10', '2026-12-09', '2026-12-20'), 'truoc-han');
  assert.equal(outcomeOf('2026-12-10', '2026-12-10', '2026-12-20'), 'dung-han');
  assert.equal(outcomeOf('2026-12-10', '2026-12-11', '2026-12-20'), 'qua-han');
  assert.equal(outcomeOf('2026-12-10', null, '2026-12-10'), 'dang-xu-ly');
  assert.equal(outcomeOf('2026-12-10', null, '2026-12-11'), 'cham');
  assert.equal(outcomeOf(null, null, '2026-12-11'), 'dang-xu-ly');
  assert.equal(outcomeOf(null, '2026-12-11', '2026-12-11'), 'khong-han');
});
