// Every public page in English when English is chosen (U5): headings, labels, buttons and
// validation messages from the message tables, <html lang="en">, and what stays Vietnamese —
// procedure names and other published catalog text — marked lang="vi" for screen readers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { seedFeedbackDemo } from '../src/feedback/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { seedPetitionsDemo } from '../src/petitions/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiToken, csrfOf, type Jar, remember } from './helpers/session.ts';
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
  // A field's value="…" is data sent back to the portal (a catalog field's name), not interface text.
  let body = html
    .slice(html.indexOf('<body'))
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/\svalue="[^"]*"/g, '');
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
    await seedPetitionsDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    app = await testApp(db);
    const token = await apiToken(app, 'an.dan');
    const sent = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
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
    const stale = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: signInJar, payload: { _csrf: 'stale', login: 'an.dan', password: TEST_PASSWORD } });
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

  test('feedback and petitions: the list, a published answer, the form with its errors, the confirmation and tracking are in English; what was published stays Vietnamese', async () => {
    /** Words of the petitions pages' Vietnamese interface. */
    const PETITION_UI = ['Phản ánh', 'phản ánh', 'Tiêu đề', 'Nội dung', 'Hạn trả lời', 'Gửi lúc', 'Tình trạng', 'Hãy ', 'Thư điện tử', 'Họ và tên', 'Tôi đồng ý', 'Dữ liệu cá nhân', 'trả lời'];
    const assertPetitionEnglish = (html: string, page: string, expected: (string | RegExp)[]) => {
      assertEnglish(html, page, expected);
      const ui = interfaceText(html);
      for (const word of PETITION_UI) assert.ok(!ui.includes(word), `${page} has no Vietnamese “${word}” outside lang="vi": …${ui.slice(Math.max(0, ui.indexOf(word) - 120), ui.indexOf(word) + 60)}…`);
    };

    const list = await app.inject({ url: '/phan-anh-kien-nghi', cookies: EN });
    assert.equal(list.statusCode, 200);
    assertPetitionEnglish(list.body, '/phan-anh-kien-nghi', ['<h1>Feedback and petitions</h1>', 'Answered feedback and petitions (2)', 'Send feedback or a petition', 'Track feedback you have sent', 'Search feedback and answers', '>Search</button>', /answered on \d{2}\/\d{2}\/\d{4}/, 'Feedback, answers and agency names are shown as published in Vietnamese.']);
    assert.match(list.body, /<a href="\/phan-anh-kien-nghi\/PAKN-20260303-0001" lang="vi">Đề nghị cho phép nộp bản chụp/, 'a published subject is marked Vietnamese');

    const search = await app.inject({ url: '/phan-anh-kien-nghi?q=zzqqxx', cookies: EN });
    assertPetitionEnglish(search.body, 'a search without results', ['Results for &quot;zzqqxx&quot; (0)', 'No feedback or petition matches.']);

    const one = await app.inject({ url: '/phan-anh-kien-nghi/PAKN-20260303-0001', cookies: EN });
    assert.equal(one.statusCode, 200);
    assertPetitionEnglish(one.body, 'a published petition', ['‹ Feedback and petitions', 'Code PAKN-20260303-0001 · sent on 03/03/2026', '· about the procedure', '<h2>The feedback</h2>', /<h2>Answer from <span lang="vi">Sở Y tế/, /Answered at \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/]);
    assert.match(one.body, /<p class="faq-text" lang="vi">Khi nộp hồ sơ trực tuyến/);
    const missing = await app.inject({ url: '/phan-anh-kien-nghi/PAKN-20260101-0009', cookies: EN });
    assert.equal(missing.statusCode, 404);
    assertPetitionEnglish(missing.body, 'an unknown petition', ['<h1>Feedback not found</h1>', 'There is no published feedback with this code.']);

    const form = await app.inject({ url: '/phan-anh-kien-nghi/gui', cookies: EN });
    assertPetitionEnglish(form.body, '/phan-anh-kien-nghi/gui', ['<h1>Send feedback or a petition</h1>', 'Subject', 'Full name', 'Procedure code', 'Personal data', 'Decree 13/2023/NĐ-CP', 'I agree that public agencies may process', '(required)', 'From 10 to 4,000 characters']);
    const jar: Jar = { ...EN };
    remember(jar, form);
    const before = await get().db.selectFrom('petition').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const bad = await app.inject({ method: 'POST', url: '/phan-anh-kien-nghi/gui', cookies: jar, payload: { _csrf: csrfOf(form.body), subject: '', content: 'ngắn', name: '', email: 'khong-hop-le', phone: '12345', service: 'abc', consent: '' } });
    assert.equal(bad.statusCode, 400);
    assertPetitionEnglish(bad.body, 'the form with errors', ['There are 7 problems', 'Enter a subject.', 'Write your feedback (at least 10 characters).', 'Enter your full name.', 'Enter an email address like name@example.vn.', 'Enter a Vietnamese mobile number like 0912345678.', 'A procedure code is digits, a dot and 6 digits, e.g. 1.004616.', 'Agree to the processing of the personal data in your feedback', '<span class="visually-hidden">Error: </span>']);
    const unknown = await app.inject({ method: 'POST', url: '/phan-anh-kien-nghi/gui', cookies: jar, payload: { _csrf: csrfOf(form.body), subject: 'Missing fee', content: 'The page does not show the fee.', name: 'Lê Thị Mai', email: 'mai@example.vn', service: '9.999999', consent: 'true' } });
    assert.equal(unknown.statusCode, 400);
    assertPetitionEnglish(unknown.body, 'an unknown procedure', ['There is 1 problem', 'There is no procedure with code &quot;9.999999&quot; in the catalog.']);
    const after = await get().db.selectFrom('petition').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n), 'nothing is sent while the form has errors');

    const sent = await app.inject({ method: 'POST', url: '/phan-anh-kien-nghi/gui', cookies: jar, payload: { _csrf: csrfOf(form.body), subject: 'Thiếu mức lệ phí', content: 'Trang thủ tục không ghi mức phí thẩm định.', name: 'Lê Thị Mai', email: 'mai@example.vn', service: PHARMACIST, consent: 'true' } });
    assert.equal(sent.statusCode, 303, sent.body);
    const done = await app.inject({ url: sent.headers.location as string, cookies: EN });
    const pakn = /PAKN-\d{8}-\d{4}/.exec(done.body)?.[0];
    assert.ok(pakn, 'the confirmation gives the code');
    assertPetitionEnglish(done.body, 'the confirmation', ['<h1>Feedback sent</h1>', 'Feedback code:', 'Your feedback has been passed to <strong lang="vi">Sở Y tế', /Answer due by: <strong>\d{2}\/\d{2}\/\d{4}<\/strong>/, '>look it up</a>', 'Back to feedback and petitions']);

    const track = await app.inject({ url: '/phan-anh-kien-nghi/tra-cuu', cookies: EN });
    assertPetitionEnglish(track.body, '/phan-anh-kien-nghi/tra-cuu', ['<h1>Track feedback</h1>', 'Feedback code', 'Email or phone number given when sending', '>Look up</button>']);
    const wrong = await app.inject({ url: `/phan-anh-kien-nghi/tra-cuu?ma=abc&lien-he=`, cookies: EN });
    assert.equal(wrong.statusCode, 400);
    assertPetitionEnglish(wrong.body, 'tracking errors', ['There are 2 problems', 'A feedback code looks like PAKN-yyyymmdd-NNNN', 'Enter the email or phone number you gave when sending.']);
    const found = await app.inject({ url: `/phan-anh-kien-nghi/tra-cuu?ma=${pakn}&lien-he=MAI@example.vn`, cookies: EN });
    assert.equal(found.statusCode, 200);
    assertPetitionEnglish(found.body, 'tracking result', [`Feedback ${pakn}`, '<dt>Status</dt><dd>Being handled</dd>', 'Answering agency', /<dt>Sent at<\/dt><dd>\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}<\/dd>/, '<dd lang="vi">Thiếu mức lệ phí</dd>']);
  });

  test('in Vietnamese the same pages carry no English and no lang="vi" marks of their own', async () => {
    for (const url of ['/dich-vu-cong', `/dich-vu-cong/${PHARMACIST}`, '/tra-cuu?code=&check=12', '/hoi-dap', '/huong-dan', '/so-do-cong', '/thong-ke', '/phan-anh-kien-nghi', '/phan-anh-kien-nghi/PAKN-20260303-0001', '/phan-anh-kien-nghi/gui']) {
      const res = await app.inject(url);
      assert.match(res.body, /<html lang="vi">/, url);
      assert.ok(!interfaceText(res.body).includes('lang="vi"') && !/<(?!html)[a-z0-9]+\b[^>]*\slang="vi"/.test(res.body), `${url}: no lang="vi" inside a Vietnamese page`);
      assert.ok(!res.body.includes('Procedure names are shown'), url);
    }
    const wrong = await app.inject('/tra-cuu?code=&check=12');
    assert.match(wrong.body, /Có 2 lỗi cần sửa/);
    assert.match(wrong.body, /Hãy nhập mã hồ sơ\./);
    const pakn = await app.inject('/phan-anh-kien-nghi');
    assert.match(pakn.body, /<h2>Phản ánh, kiến nghị đã trả lời \(\d+\)<\/h2>/);
    assert.ok(!pakn.body.includes('shown as published in Vietnamese'));
  });
});
