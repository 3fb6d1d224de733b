// The Art. 16 / 11.2g / 18.2 readings of a home page, and the HSTS rule, on crafted pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFeedbackEmail, checkFooter, checkHeader, checkMenu, checkShortcuts, hstsMaxAge, makeReport, finding, sitemapLocations } from './model.ts';
import { renderHtml, renderText } from './report.ts';

const GOOD = `<body><header><a href="/"><img src="/e.svg" alt="Quốc huy"> Ủy ban nhân dân tỉnh Khánh Hòa</a>
<input type="search" name="q" accesskey="4"></header>
<nav><a href="/" accesskey="1">Trang chủ</a><a href="/gioi-thieu">Giới thiệu</a><a href="/dvc">Dịch vụ công trực tuyến</a><a href="/sd" accesskey="3">Sơ đồ cổng</a></nav>
<main>…</main><footer><p>Ủy ban nhân dân tỉnh Khánh Hòa</p><dl><dt>Người chịu trách nhiệm</dt><dd>Ông A</dd><dt>Địa chỉ</dt><dd>1 Trần Phú</dd>
<dt>Điện thoại</dt><dd>0258 3 822 000</dd><dt>Thư điện tử</dt><dd>a@khanhhoa.gov.vn</dd><dt>Góp ý</dt><dd><a href="mailto:gopy@khanhhoa.gov.vn">gopy@khanhhoa.gov.vn</a></dd></dl></footer></body>`;

test('a home page with the Art. 16 layout, a feedback address and shortcuts passes', () => {
  for (const f of [checkHeader(GOOD), checkMenu(GOOD), checkFooter(GOOD), checkFeedbackEmail(GOOD), checkShortcuts(GOOD)]) assert.equal(f.status, 'pass', `${f.id}: ${f.detail}`);
});

test('a home page without emblem, menu items or footer details fails, naming what is missing', () => {
  const bad = `<header><h1>Cổng dịch vụ</h1></header><nav><a href="/">Trang chủ</a><a href="/tin">Tin tức</a></nav><footer>© 2026 Liên hệ: 0258 3 822 000</footer>`;
  assert.match(checkHeader(bad).detail, /thiếu: Quốc huy hoặc biểu trưng .*; tên đầy đủ của cơ quan/);
  assert.equal(checkMenu(bad).detail, 'Danh mục chức năng thiếu: Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ cổng.');
  assert.equal(checkFooter(bad).detail, 'Chân trang thiếu: tên đơn vị, người chịu trách nhiệm, địa chỉ, thư điện tử.');
  assert.equal(checkFeedbackEmail(bad).status, 'fail');
  assert.equal(checkShortcuts(bad).status, 'warn');
  assert.match(checkFooter('<p>no footer</p>').fix, /DVCTT_RESPONSIBLE_PERSON/);
});

test('HSTS max-age is read exactly; sitemap locations are decoded', () => {
  assert.equal(hstsMaxAge('max-age=31536000; includeSubDomains'), 31536000);
  assert.equal(hstsMaxAge('includeSubDomains; max-age="600"'), 600);
  assert.equal(hstsMaxAge('max-age=abc'), undefined);
  assert.equal(hstsMaxAge(undefined), undefined);
  assert.deepEqual(sitemapLocations('<urlset><url><loc> https://a.vn/x?a=1&amp;b=2 </loc></url></urlset>'), ['https://a.vn/x?a=1&b=2']);
});

test('the report is in requirement order and its HTML escapes what the portal sent', () => {
  const r = makeReport('https://a.vn/', [finding('hsts', 'fail', '<script>alert(1)</script>', 'x'), finding('https', 'pass', 'ok')]);
  assert.deepEqual(r.findings.map((f) => f.id), ['https', 'hsts']);
  assert.deepEqual(r.summary, { pass: 1, fail: 1, warn: 0, skip: 0 });
  assert.doesNotMatch(renderHtml(r), /<script>/);
  assert.match(renderText(r), /\[KHÔNG ĐẠT\] Điều 20 — HSTS/);
});
