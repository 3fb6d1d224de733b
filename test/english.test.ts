// Every public page in English when English is chosen (U5): headings, labels, buttons and
// validation messages from the message tables, <html lang="en">, and what stays Vietnamese —
// procedure names and other published catalog text — marked lang="vi" for screen readers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { seedFeedbackDemo } from '../src/feedback/index.ts';
import { definitionForService } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const EN = { lang: 'en' };
const PHARMACIST = '1.004616';

/** Vietnamese words of the interface (not of the catalog's data) that must not be left on an English page. */
const VIETNAMESE_UI = [
  'Tìm kiếm',
  'Đăng nhập',
  'Đăng ký',
  'Tra cứu',
  'bắt buộc',
  'Lỗi:',
  'lỗi cần sửa',
  'Trang chủ',
  'Trang sau',
  'Trang trước',
  'Lọc kết quả',
  'bộ lọc',
  'Câu hỏi thường gặp',
  'Hướng dẫn thực hiện',
  'Mã hồ sơ',
  'Mật khẩu',
  'Thống kê',
  'lượt xem',
  'Cơ quan',
  'Thủ tục',
  'Tải ',
  'Tỷ lệ',
  'trực tuyến',
  'Không tìm thấy',
  'Quay lại',
];

/**
 * The page's body without the elements marked lang="vi" (published Vietnamese text) and without
 * scripts: what is left is the interface, which must be in English.
 */
function interfaceText(html: string): string {
  let body = html.slice(html.indexOf('<body')).replace(/<script[\s\S]*?<\/script>/g, '');
  for (;;) {
    const open = /<([a-z0-9]+)\b[^>]*\slang="vi"[^>]*>/.exec(body);
    if (!open) return body;
    const tag = open[1]!;
    const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
    tags.lastIndex = open.index + open[0].length;
    let depth = 1;
    let end = body.length;
    for (let m = tags.exec(body); m; m = tags.exec(body)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        end = m.index + m[0].length;
        break;
      }
    }
    body = body.slice(0, open.index) + body.slice(end);
  }
}

function assertEnglish(html: string, page: string, expected: (string | RegExp)[]): void {
  assert.match(html, /<html lang="en">/, `${page}: <html lang="en">`);
  for (const e of expected) {
    if (typeof e === 'string') assert.ok(html.includes(e), `${page} shows “${e}”`);
    else assert.match(html, e, page);
  }
  const ui = interfaceText(html);
  for (const word of VIETNAMESE_UI) assert.ok(!ui.includes(word), `${page} has no Vietnamese “${word}” outside lang="vi": …${ui.slice(Math.max(0, ui.indexOf(word) - 120), ui.indexOf(word) + 60)}…`);
}

describeEachDatabase('the public pages in English', (get) => {
  let app: FastifyInstance;
  let code = '';

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await seedFeedbackDemo(db);
    await createAccount(db, { username: 'an.dan', password: 'Mat-khau-2026', fullName: 'Nguyễn Văn An', phone: '0912345678' });
    app = await testApp(db);
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: 'Mat-khau-2026' } })).json() as { token: string };
    const sent = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, definitionForService(PHARMACIST)!.example));
    assert.equal(sent.statusCode, 201, sent.body);
    code = (sent.json() as { code: string }).code;
  });
  after(() => app.close());

  test('the catalog lists, filters and pages in English; procedure names stay Vietnamese, marked lang="vi"', async () => {
    const res = await app.inject({ url: '/dich-vu-cong?pageSize=5', cookies: EN });
    assert.equal(res.statusCode, 200);
    assertEnglish(res.body, '/dich-vu-cong', ['<h1>Online public services</h1>', /public services found — showing 1–5/, 'Filter the results', '<legend>Sector</legend>', '<legend>Service level</legend>', 'Apply filters', 'Next page ›', 'aria-label="Result pages"', 'Procedure names are shown as published in Vietnamese.', 'Download the whole catalog']);
    assert.match(res.body, /<a href="\/dich-vu-cong\/[\d.]+" lang="vi">/, 'a procedure name is marked Vietnamese');

    const none = await app.inject({ url: '/dich-vu-cong?q=zzqqxx', cookies: EN });
    assertEnglish(none.body, 'no results', ['No matching public service found', 'No public service matches “zzqqxx”. You can:', 'See the whole catalog of public services']);

    const bad = await app.inject({ url: '/dich-vu-cong?level=9', cookies: EN });
    assert.equal(bad.statusCode, 400);
    assertEnglish(bad.body, 'a bad filter', ['There is a problem with the search', /The search condition &quot;level&quot; is not valid/]);
  });

  test('a service’s page names every part in English; its published content is marked lang="vi"', async () => {
    const res = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}`, cookies: EN });
    assert.equal(res.statusCode, 200);
    assertEnglish(res.body, 'service page', ['Procedure code', 'Administrative level', 'Receiving agency', 'Time limit', '<h2>Steps</h2>', '<h2>Documents to provide</h2>', '<th scope="col">Originals</th>', 'Fees and charges', 'Legal basis', 'Apply online', 'aria-label="Breadcrumb"', 'Procedure names are shown as published in Vietnamese.', 'Frequently asked questions']);
    assert.match(res.body, /<h1 class="service-title" lang="vi">Cấp Chứng chỉ hành nghề dược/);
    assert.match(res.body, /Submit: (In person|By post|Online)/);

    const missing = await app.inject({ url: '/dich-vu-cong/9.999999', cookies: EN });
    assert.equal(missing.statusCode, 404);
    assertEnglish(missing.body, 'unknown service', ['Public service not found', /There is no public service with code &quot;9\.999999&quot;/]);
  });

  test('the public lookup asks, explains its errors and shows an application’s steps in English', async () => {
    const empty = await app.inject({ url: '/tra-cuu', cookies: EN });
    assertEnglish(empty.body, '/tra-cuu', ['<h1>Track an application</h1>', 'Application code', '(required)', 'Last 4 digits of the applicant’s phone or ID number', '>Look up</button>']);

    const wrong = await app.inject({ url: '/tra-cuu?code=&check=12', cookies: EN });
    assert.equal(wrong.statusCode, 400);
    assertEnglish(wrong.body, 'lookup errors', ['There are 2 problems', 'Enter the application code.', 'Enter exactly 4 digits.', '<span class="visually-hidden">Error: </span>']);
    assert.match(wrong.body, /<title>Error: Track an application — /);

    const found = await app.inject({ url: `/tra-cuu?code=${encodeURIComponent(code)}&check=5678`, cookies: EN });
    assert.equal(found.statusCode, 200);
    assertEnglish(found.body, 'lookup result', [`Application ${code}:`, 'Newly registered', 'Handling agency', 'Steps so far', /\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/]);
    assert.match(found.body, /<dd lang="vi">Cấp Chứng chỉ hành nghề dược/);
  });

  test('sign-in, registration and the password-reset request are in English, their errors too', async () => {
    const signIn = await app.inject({ url: '/dang-nhap', cookies: EN });
    assertEnglish(signIn.body, '/dang-nhap', ['<h1>Sign in</h1>', 'Username, email or phone number', '>Password', 'Forgotten your password?', 'No account yet?']);
    const signInJar: Jar = { ...EN };
    remember(signInJar, signIn);
    const empty = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: signInJar, payload: { _csrf: csrfOf(signIn.body), login: '', password: '' } });
    assert.equal(empty.statusCode, 400);
    assertEnglish(empty.body, 'sign-in with nothing', ['There are 2 problems', 'Enter your username, email or phone number.', 'Enter your password.']);
    const wrong = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: signInJar, payload: { _csrf: csrfOf(signIn.body), login: 'an.dan', password: 'sai-mat-khau-1' } });
    assert.equal(wrong.statusCode, 400);
    assertEnglish(wrong.body, 'a wrong password', ['There is 1 problem', 'The username or password is wrong.']);
    const stale = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: signInJar, payload: { _csrf: 'stale', login: 'an.dan', password: 'Mat-khau-2026' } });
    assert.equal(stale.statusCode, 403);
    assertEnglish(stale.body, 'an expired form', ['<h1>This form has expired</h1>', 'Nothing was changed.']);

    const register = await app.inject({ url: '/dang-ky', cookies: EN });
    assertEnglish(register.body, '/dang-ky', ['<h1>Create an account</h1>', 'You are registering as', 'Full name', 'Mobile phone number', 'Date of birth', '>Create account</button>']);

    const reset = await app.inject({ url: '/quen-mat-khau', cookies: EN });
    assertEnglish(reset.body, '/quen-mat-khau', ['<h1>Forgotten password</h1>', 'Send the link', 'Back to sign in']);
    const jar: Jar = { ...EN };
    remember(jar, reset);
    const sent = await app.inject({ method: 'POST', url: '/quen-mat-khau', cookies: jar, payload: { _csrf: csrfOf(reset.body), login: ' ' } });
    assert.equal(sent.statusCode, 400);
    assertEnglish(sent.body, 'reset without a login', ['There is 1 problem', 'Account: Enter the account’s username, email or phone number.']);
  });

  test('guidance and the FAQ are in English around their Vietnamese content', async () => {
    const faq = await app.inject({ url: '/hoi-dap', cookies: EN });
    assertEnglish(faq.body, '/hoi-dap', ['<h1>Frequently asked questions</h1>', 'Search questions and answers', 'Most viewed', ' views', 'Questions and answers are published in Vietnamese.']);
    const first = /href="\/hoi-dap\/(\d+)"/.exec(faq.body)?.[1];
    assert.ok(first, 'an entry is listed');
    const entry = await app.inject({ url: `/hoi-dap/${first}`, cookies: EN });
    assertEnglish(entry.body, 'a FAQ entry', ['<h2>Question</h2>', '<h2>Answer</h2>', /Answered by .+ at \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/]);

    const guidance = await app.inject({ url: '/huong-dan', cookies: EN });
    assertEnglish(guidance.body, '/huong-dan', ['<h1>Guidance</h1>', 'Guidance is written in Vietnamese.']);
    const slug = /href="\/huong-dan\/([a-z0-9-]+)"/.exec(guidance.body)?.[1];
    assert.ok(slug, 'a guide is listed');
    const guide = await app.inject({ url: `/huong-dan/${slug}`, cookies: EN });
    assertEnglish(guide.body, 'a guide', ['‹ Guidance', /Updated at \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./]);
    const noGuide = await app.inject({ url: '/huong-dan/khong-co', cookies: EN });
    assert.equal(noGuide.statusCode, 404);
    assertEnglish(noGuide.body, 'an unknown guide', ['<h1>Guidance not found</h1>']);
    const noEntry = await app.inject({ url: '/hoi-dap/999999', cookies: EN });
    assert.equal(noEntry.statusCode, 404);
    assertEnglish(noEntry.body, 'an unknown question', ['<h1>Question not found</h1>']);
  });

  test('the home, statistics, about, site map and message pages are in English', async () => {
    const stats = await app.inject({ url: '/thong-ke', cookies: EN });
    assertEnglish(stats.body, '/thong-ke', [/<h1>Applications handled in \d{4}<\/h1>/, 'Online applications received', 'By handling agency', 'By procedure', 'Open data', 'Show figures']);

    const yearError = await app.inject({ url: '/thong-ke?nam=abc', cookies: EN });
    assert.match(yearError.body, /<html lang="en">/);
    assertEnglish(yearError.body, 'a bad year', ['There is 1 problem', 'Year: That year is not valid; the figures of this year are shown.']);

    const home = await app.inject({ url: '/', cookies: EN });
    assertEnglish(home.body, '/', ['Online public services in four steps', 'Most used services', 'Services by sector and field']);
    assert.match(home.body, /<a href="\/dich-vu-cong\/[\d.]+" lang="vi">/, 'a procedure name on the home page is marked Vietnamese');

    const about = await app.inject({ url: '/gioi-thieu', cookies: EN });
    assertEnglish(about.body, '/gioi-thieu', ['<h1>About</h1>', 'Levels of online public services']);

    const sitemap = await app.inject({ url: '/so-do-cong', cookies: EN });
    assertEnglish(sitemap.body, '/so-do-cong', ['<h1>Site map</h1>', '>Online public services</a>', 'Procedure names are shown as published in Vietnamese.']);
    assert.match(sitemap.body, /<a href="\/dich-vu-cong\/1\.004616" lang="vi">/);

    const missing = await app.inject({ url: '/khong-co-trang-nay', cookies: EN });
    assert.equal(missing.statusCode, 404);
    assertEnglish(missing.body, '404', ['<h1>Page not found</h1>', 'Back to the home page']);
  });

  test('in Vietnamese the same pages carry no English and no lang="vi" marks of their own', async () => {
    for (const url of ['/dich-vu-cong', `/dich-vu-cong/${PHARMACIST}`, '/tra-cuu?code=&check=12', '/hoi-dap', '/huong-dan', '/so-do-cong', '/thong-ke']) {
      const res = await app.inject(url);
      assert.match(res.body, /<html lang="vi">/, url);
      assert.ok(!interfaceText(res.body).includes('lang="vi"') && !/<(?!html)[a-z0-9]+\b[^>]*\slang="vi"/.test(res.body), `${url}: no lang="vi" inside a Vietnamese page`);
      assert.ok(!res.body.includes('Procedure names are shown'), url);
    }
    const wrong = await app.inject('/tra-cuu?code=&check=12');
    assert.match(wrong.body, /Có 2 lỗi cần sửa/);
    assert.match(wrong.body, /Hãy nhập mã hồ sơ\./);
  });
});
