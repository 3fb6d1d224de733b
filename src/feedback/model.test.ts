import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from './markdown.ts';
import { checkCounterCount, checkGuidance, checkQuestion, checkRating, parsePeriod, toCsv } from './model.ts';
import { RATING_PROBLEMS } from './problems.ts';
import { explain } from '../web/problem.ts';

test('a rating needs the overall level; the three other criteria and the comment are optional', () => {
  const ok = checkRating({ overall: 'rat-hai-long', timeliness: 'chua-hai-long', comment: '  Nhanh  ' });
  assert.deepEqual(ok, { ok: true, value: { overall: 'rat-hai-long', convenience: null, timeliness: 'chua-hai-long', attitude: null, comment: 'Nhanh' } });
  assert.deepEqual(checkRating({ convenience: 'hai-long' }), { ok: false, problem: { code: 'OVERALL_MISSING', field: 'overall' } });
  assert.deepEqual(checkRating({ overall: 'tuyet-voi' }), { ok: false, problem: { code: 'LEVEL_UNKNOWN', field: 'overall', params: { criterion: 'Mức độ hài lòng chung', levels: 'rat-hai-long, hai-long, chua-hai-long' } } });
  assert.deepEqual(checkRating({ overall: 'hai-long', comment: 'x'.repeat(2001) }), { ok: false, problem: { code: 'COMMENT_TOO_LONG', field: 'comment', params: { max: 2000 } } });
});

test('each rating problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
  const bad = checkRating({ overall: 'tuyet-voi' });
  assert.ok(!bad.ok);
  assert.deepEqual(explain(RATING_PROBLEMS, bad.problem), { status: 400, code: 'LEVEL_UNKNOWN', field: 'overall', message: '"Mức độ hài lòng chung" phải là một trong: rat-hai-long, hai-long, chua-hai-long.' });
  assert.equal(explain(RATING_PROBLEMS, { code: 'COMMENT_TOO_LONG', params: { max: 2000 } }).message, 'Ý kiến dài tối đa 2.000 ký tự.');
  assert.equal(explain(RATING_PROBLEMS, { code: 'COMMENT_TOO_LONG', params: { max: 2000 } }, 'en').message, 'The comment may be at most 2,000 characters.');
  for (const code of Object.keys(RATING_PROBLEMS.status) as (keyof typeof RATING_PROBLEMS.status)[]) {
    for (const locale of ['vi', 'en'] as const) {
      const m = explain(RATING_PROBLEMS, { code, params: { code: 'X', criterion: 'Y', levels: 'Z', max: 1 } }, locale).message;
      assert.ok(m.length > 10 && !m.includes('undefined'), `${code} ${locale}: ${m}`);
    }
  }
});

test('the managers’ period defaults to this year to date, and refuses bad, reversed or over-long periods', () => {
  assert.deepEqual(parsePeriod(undefined, undefined, '2026-11-01'), { ok: true, value: { from: '2026-01-01', to: '2026-11-01' } });
  assert.deepEqual(parsePeriod('2025-03', '2025-05', '2026-11-01'), { ok: true, value: { from: '2025-03-01', to: '2025-05-01' } });
  assert.equal(parsePeriod('2026-13', '', '2026-11-01').ok, false);
  assert.match(JSON.stringify(parsePeriod('2026-05', '2026-01', '2026-11-01')), /phải sau tháng bắt đầu/);
  assert.match(JSON.stringify(parsePeriod('2020-01', '2026-01', '2026-11-01')), /tối đa 36 tháng/);
});

test('a counter-received count is a whole number for a past or current month', () => {
  assert.deepEqual(checkCounterCount({ service: '1.004616', month: '2026-03', count: '42' }, '2026-11-01'), { ok: true, value: { service: '1.004616', month: '2026-03-01', count: 42 } });
  const bad = checkCounterCount({ service: 'x', month: '2026-12', count: '4.5' }, '2026-11-01');
  assert.equal(bad.ok, false);
  assert.deepEqual(Object.keys((bad as { errors: object }).errors).sort(), ['count', 'month', 'service']);
});

test('guidance and questions are checked with every problem at once', () => {
  const g = checkGuidance({ title: ' Nộp hồ sơ ', slug: 'nop-ho-so', services: '1.004616, 1.004616 1.001193', body: '## A', published: 'true' });
  assert.deepEqual(g, { ok: true, value: { slug: 'nop-ho-so', title: 'Nộp hồ sơ', summary: null, bodyMd: '## A', serviceCodes: ['1.004616', '1.001193'], published: true } });
  const bad = checkGuidance({ title: '', slug: 'Nộp', services: 'abc', body: '' });
  assert.deepEqual(Object.keys((bad as { errors: object }).errors).sort(), ['body', 'services', 'slug', 'title']);
  assert.equal(checkQuestion('ngắn').ok, false);
  assert.deepEqual(checkQuestion('  Lệ phí là bao nhiêu?  '), { ok: true, value: 'Lệ phí là bao nhiêu?' });
});

test('CSV for Excel: BOM, quoted cells, CRLF, and cells that look like formulas kept as text', () => {
  assert.equal(toCsv(['a', 'b'], [['=HYPERLINK("x")', 0.5], ['-1', null], ['@cmd', 3]]), '\uFEFF"a","b"\r\n"\'=HYPERLINK(""x"")","0.5000"\r\n"\'-1",""\r\n"\'@cmd","3"\r\n');
});

test('guidance Markdown: no raw HTML, no images, only web, mail and phone links; headings start at h2', () => {
  const html = renderMarkdown('# Tiêu đề\n\n<script>x</script>\n\n![a](https://x/y.png) [a](javascript:alert(1)) [b](data:text/html,x) [c](/ho-so) [d](mailto:a@b.vn) [e](https://a.vn)');
  assert.match(html, /<h2>Tiêu đề<\/h2>/);
  assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<img|<script|href="javascript|href="data/);
  assert.match(html, /<a href="\/ho-so">c<\/a>/);
  assert.match(html, /<a href="mailto:a@b.vn">d<\/a>/);
  assert.match(html, /<a href="https:\/\/a.vn" rel="noopener noreferrer">e<\/a>/);
});
