// Phản ánh, kiến nghị through the pages and the API on each database: a visitor and a citizen send,
// bad input changes nothing, the sender tracks by code and contact, the responsible agency's
// officer answers and publishes, another agency's officer sees nothing, overdue ones come first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { vietnamCalendar } from '../src/applications/index.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { overduePetitions } from '../src/petitions/index.ts';
import { petitionDueDate, vietnamDay } from '../src/petitions/model.ts';
import { dayVi } from '../src/web/format.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';

const PHARMACIST = '1.004616';
const SYT = '000.00.12.H34';
const STP = '000.00.13.H34';
const TOP = '000.00.00.H34';

/** The page's text as a person reads it: tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describeEachDatabase('phản ánh, kiến nghị', (get) => {
  let app: FastifyInstance;
  let applicationCode = '';
  let otherApplication = '';
  const jars: Record<string, Jar> = {};
  const bearer: Record<string, { authorization: string }> = {};
  let ipCounter = 1;
  /** Each anonymous test sends from its own address, so the hourly limit is its own. */
  const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

  const count = async (table: 'petition' | 'notice' | 'audit_log' | 'delivery') => Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** The form opened and sent as a browser without JavaScript would, from `ip`. */
  async function sendForm(jar: Jar, fields: Record<string, string>, ip = '127.0.0.1'): Promise<LightMyRequestResponse> {
    const form = await app.inject({ url: '/phan-anh-kien-nghi/gui', cookies: jar, remoteAddress: ip });
    remember(jar, form);
    const res = await app.inject({ method: 'POST', url: '/phan-anh-kien-nghi/gui', cookies: jar, remoteAddress: ip, payload: { _csrf: csrfOf(form.body), ...fields } });
    remember(jar, res);
    return res;
  }

  const visitor = { subject: 'Cán bộ hẹn lại nhiều lần', content: 'Tôi đến nộp hồ sơ ba lần đều được hẹn hôm sau mà không nêu lý do.', name: 'Lê Thị Mai', email: 'Mai.Le@Example.vn', consent: 'true' };

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an@example.vn', phone: '0912345678' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình', phone: '0987654321' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: SYT });
    await createAccount(db, { username: 'cb.tuphap', password: TEST_PASSWORD, fullName: 'Cán bộ Tư pháp', role: 'officer', agencyCode: STP });
    await createAccount(db, { username: 'quantri', password: TEST_PASSWORD, fullName: 'Quản trị', role: 'admin', agencyCode: TOP });
    app = await testApp(db);
    for (const u of ['an.dan', 'binh.dan', 'cb.yte', 'cb.tuphap', 'quantri']) {
      jars[u] = await signedIn(app, u, TEST_PASSWORD);
      const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string };
      bearer[u] = { authorization: `Bearer ${token}` };
    }
    // Two applications, written as a submission stores them (the submission itself is tested elsewhere).
    const applicationOf = async (username: string, code: string) => {
      const applicant = await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      await db.insertInto('application').values({ code, service_code: PHARMACIST, agency_code: SYT, applicant_id: applicant.id, status: 1, data: '{}', due_date: '2027-01-15', submitted_at: new Date() }).execute();
      return code;
    };
    applicationCode = await applicationOf('an.dan', `${SYT}-261201-0001`);
    otherApplication = await applicationOf('binh.dan', `${SYT}-261201-0002`);
  });
  after(() => app.close());

  test('a visitor sends feedback without JavaScript and gets a tracking code and the due date; the portal’s top agency answers it', async () => {
    const before = { petitions: await count('petition'), notices: await count('notice') };
    const now = new Date();
    const res = await sendForm({}, visitor, freshIp());
    assert.equal(res.statusCode, 303, textOf(res.body));
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)?.[1];
    assert.ok(code, String(res.headers.location));
    assert.ok(code.startsWith(`PAKN-${vietnamDay(now).replaceAll('-', '')}-`));
    const row = await get().db.selectFrom('petition').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.sender_id, null);
    assert.equal(row.sender_name, 'Lê Thị Mai');
    assert.equal(row.sender_email, 'mai.le@example.vn');
    assert.equal(row.agency_code, TOP);
    assert.equal(row.published, false);
    assert.ok(row.consent_at instanceof Date);
    const due = petitionDueDate(row.received_at, 10, vietnamCalendar([now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1]));
    assert.equal(row.due_date, due);
    assert.equal(await count('petition'), before.petitions + 1);
    assert.equal(await count('notice'), before.notices, 'a visitor has no account to notify');

    const confirmation = await app.inject(res.headers.location as string);
    assert.equal(confirmation.statusCode, 200);
    const text = textOf(confirmation.body);
    assert.match(text, new RegExp(`Mã phản ánh: ${code}`));
    assert.match(text, new RegExp(`Hạn trả lời: ${dayVi(due).replaceAll('/', '\\/')}`));
    assert.match(text, /Ủy ban nhân dân tỉnh Khánh Hòa/);
    assert.doesNotMatch(text, /Lê Thị Mai|mai\.le/i, 'the confirmation shows no personal data');
  });

  test('bad input gets a Vietnamese error next to each field and stores nothing', async () => {
    const before = { petitions: await count('petition'), notices: await count('notice'), sequence: await get().db.selectFrom('petition_sequence').selectAll().execute() };
    const ip = freshIp();
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...visitor, consent: '' }, /Hãy đồng ý để cơ quan xử lý thông tin cá nhân/],
      [{ ...visitor, content: 'x'.repeat(4001) }, /Nội dung dài tối đa 4\.000 ký tự/],
      [{ ...visitor, email: 'mai@', phone: '' }, /Địa chỉ thư điện tử không hợp lệ/],
      [{ ...visitor, email: '', phone: '' }, /Hãy nhập thư điện tử hoặc số điện thoại/],
      [{ ...visitor, name: '' }, /Hãy nhập họ và tên/],
      [{ ...visitor, service: '9.999999' }, /Không có thủ tục mã "9\.999999" trong danh mục/],
      [{ ...visitor, application: applicationCode }, /Không tìm thấy hồ sơ mã .* của người nộp có thư điện tử hoặc số điện thoại đã nhập/],
    ];
    for (const [fields, message] of cases) {
      const res = await sendForm({}, fields, ip);
      assert.equal(res.statusCode, 400, JSON.stringify(fields).slice(0, 80));
      const text = textOf(res.body);
      assert.match(text, message);
      assert.match(text, /Có 1 lỗi cần sửa/);
      // What was typed is kept in the form.
      assert.match(res.body, /Cán bộ hẹn lại nhiều lần/);
    }
    assert.equal(await count('petition'), before.petitions);
    assert.equal(await count('notice'), before.notices);
    assert.deepEqual(await get().db.selectFrom('petition_sequence').selectAll().execute(), before.sequence, 'no number is used up');
    assert.equal(await get().db.selectFrom('rate_limit').select('hits').where('bucket', '=', 'petition').where('key', '=', ip).executeTakeFirst(), undefined, 'a refused sending does not count against the limit');
  });

  test('a signed-in citizen sends about their own application: the application’s agency answers, the citizen gets a notice; another’s application is refused', async () => {
    const before = { petitions: await count('petition'), notices: await count('notice') };
    const refused = await sendForm(jars['an.dan']!, { subject: 'Hồ sơ chậm', content: 'Hồ sơ của người khác nhưng tôi thử gửi.', application: otherApplication, consent: 'true' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), new RegExp(`Không có hồ sơ mã "${otherApplication}" trong các hồ sơ của bạn`));
    assert.equal(await count('petition'), before.petitions);

    const res = await sendForm(jars['an.dan']!, { subject: 'Hồ sơ chứng chỉ hành nghề chậm', content: 'Đã quá hạn hẹn mà chưa có kết quả, đề nghị Sở trả lời.', email: 'an@example.vn', phone: '', application: applicationCode, consent: 'true' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)![1]!;
    const row = await get().db.selectFrom('petition').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const an = await get().db.selectFrom('account').select('id').where('username', '=', 'an.dan').executeTakeFirstOrThrow();
    assert.equal(row.sender_id, an.id);
    assert.equal(row.sender_name, 'Nguyễn Văn An');
    assert.equal(row.application_code, applicationCode);
    assert.equal(row.agency_code, SYT);
    const notices = await get().db.selectFrom('notice').selectAll().where('account_id', '=', an.id).where('title', 'like', `%${code}%`).execute();
    assert.equal(notices.length, 1);
    assert.match(notices[0]!.title, /đã được tiếp nhận/);
    assert.match(notices[0]!.body, /Sở Y tế tỉnh Khánh Hòa/);
    const email = await get().db.selectFrom('delivery').select(['recipient']).where('notice_id', '=', notices[0]!.id).where('channel', '=', 'email').execute();
    assert.deepEqual(email, [{ recipient: 'an@example.vn' }], 'the account’s email is queued with the notice');
    assert.equal(await count('petition'), before.petitions + 1);

    // About a service: that service's agency.
    const about = await sendForm(jars['an.dan']!, { subject: 'Thành phần hồ sơ', content: 'Đề nghị bỏ yêu cầu bản sao chứng thực văn bằng.', service: PHARMACIST, consent: 'true' });
    assert.equal(about.statusCode, 303);
    const aboutCode = /ma=(PAKN-\d{8}-\d{4})/.exec(about.headers.location as string)![1]!;
    assert.equal((await get().db.selectFrom('petition').select('agency_code').where('code', '=', aboutCode).executeTakeFirstOrThrow()).agency_code, SYT);
    // Numbers of the day follow each other.
    const byDay = new Map<string, number[]>();
    for (const p of await get().db.selectFrom('petition').select('code').orderBy('code').execute()) byDay.set(p.code.slice(5, 13), [...(byDay.get(p.code.slice(5, 13)) ?? []), Number(p.code.slice(-4))]);
    for (const numbers of byDay.values()) assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
  });

  test('a visitor may name an application when the email or phone given is the applicant’s', async () => {
    const res = await sendForm({}, { ...visitor, email: '', phone: '0912 345 678', application: applicationCode }, freshIp());
    assert.equal(res.statusCode, 303, textOf(res.body));
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)![1]!;
    const row = await get().db.selectFrom('petition').select(['agency_code', 'sender_phone', 'sender_id']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual(row, { agency_code: SYT, sender_phone: '0912345678', sender_id: null });
  });

  test('tracking needs the code and the email or phone given; others see nothing of it', async () => {
    const res = await sendForm({}, { ...visitor, subject: 'Tra cứu thử', phone: '0977 111 222' }, freshIp());
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)![1]!;
    const ok = await app.inject(`/phan-anh-kien-nghi/tra-cuu?ma=${code}&lien-he=${encodeURIComponent('MAI.LE@example.vn')}`);
    assert.equal(ok.statusCode, 200);
    assert.match(textOf(ok.body), /Tra cứu thử.*Đang xử lý.*Ủy ban nhân dân tỉnh Khánh Hòa/);
    assert.equal((await app.inject(`/phan-anh-kien-nghi/tra-cuu?ma=${code}&lien-he=%2B84977111222`)).statusCode, 200);
    const wrong = await app.inject({ url: `/phan-anh-kien-nghi/tra-cuu?ma=${code}&lien-he=0912345678`, remoteAddress: freshIp() });
    assert.equal(wrong.statusCode, 400);
    assert.match(textOf(wrong.body), /Không tìm thấy phản ánh với mã và thư điện tử hoặc số điện thoại này/);
    assert.doesNotMatch(wrong.body, /Tra cứu thử/);
    const api = await app.inject(`/api/v1/petitions/${code}?check=0977111222`);
    assert.equal(api.statusCode, 200);
    const body = api.json() as Record<string, unknown>;
    assert.equal(body.status, 'cho-tra-loi');
    assert.equal(body.subject, 'Tra cứu thử');
    assert.ok(!JSON.stringify(body).includes('Mai') && !JSON.stringify(body).includes('0977'), 'no personal data in the answer');
    assert.equal((await app.inject(`/api/v1/petitions/${code}?check=an@example.vn`)).statusCode, 404);
    assert.equal((await app.inject(`/api/v1/petitions/${code}`)).statusCode, 400);
  });

  test('repeated failed trackings from one address are refused for a while', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) await app.inject({ url: `/api/v1/petitions/PAKN-20260101-${String(i + 1).padStart(4, '0')}?check=x@example.vn`, remoteAddress: ip });
    const limited = await app.inject({ url: '/phan-anh-kien-nghi/tra-cuu?ma=PAKN-20260101-0001&lien-he=x@example.vn', remoteAddress: ip });
    assert.equal(limited.statusCode, 429);
    assert.match(textOf(limited.body), /Tra cứu quá nhiều lần/);
  });

  test('anonymous sending is limited per address; the sixth in an hour is refused and not stored, a signed-in citizen is not limited', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) assert.equal((await sendForm({}, { ...visitor, subject: `Lần ${i + 1}` }, ip)).statusCode, 303);
    const before = await count('petition');
    const sixth = await sendForm({}, { ...visitor, subject: 'Lần 6' }, ip);
    assert.equal(sixth.statusCode, 429);
    assert.match(textOf(sixth.body), /đã gửi nhiều phản ánh trong một giờ qua/);
    assert.equal(await count('petition'), before);
    const api = await app.inject({ method: 'POST', url: '/api/v1/petitions', remoteAddress: ip, payload: { ...visitor, consent: true } });
    assert.equal(api.statusCode, 429);
    const citizen = await sendForm(jars['an.dan']!, { subject: 'Vẫn gửi được', content: 'Công dân đăng nhập không bị giới hạn theo địa chỉ.', consent: 'true' }, ip);
    assert.equal(citizen.statusCode, 303);
    assert.equal(await count('petition'), before + 1);
  });

  test('the officer of the responsible agency answers and publishes; the sender is notified; another agency’s officer gets 404', async () => {
    const res = await sendForm(jars['an.dan']!, { subject: 'Phí thẩm định chứng chỉ', content: 'Đề nghị công khai mức phí thẩm định trên trang thủ tục.', service: PHARMACIST, consent: 'true', email: 'an@example.vn' });
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)![1]!;
    const an = await get().db.selectFrom('account').select('id').where('username', '=', 'an.dan').executeTakeFirstOrThrow();

    // Another agency's officer: not in the list, 404 on the page, and the answer changes nothing.
    const otherList = await app.inject({ url: '/can-bo/phan-anh-kien-nghi', cookies: jars['cb.tuphap'] });
    assert.equal(otherList.statusCode, 200);
    assert.doesNotMatch(otherList.body, new RegExp(code));
    assert.equal((await app.inject({ url: `/can-bo/phan-anh-kien-nghi/${code}`, cookies: jars['cb.tuphap'] })).statusCode, 404);
    const sneaky = await submitForm(app, jars['cb.tuphap']!, '/can-bo/phan-anh-kien-nghi', `/can-bo/phan-anh-kien-nghi/${code}`, { answer: 'Trả lời thay.', published: 'true' });
    assert.equal(sneaky.statusCode, 404);
    assert.equal((await get().db.selectFrom('petition').select('answer').where('code', '=', code).executeTakeFirstOrThrow()).answer, null);
    // A citizen is not staff.
    assert.equal((await app.inject({ url: '/can-bo/phan-anh-kien-nghi', cookies: jars['an.dan'] })).statusCode, 403);

    const list = await app.inject({ url: '/can-bo/phan-anh-kien-nghi', cookies: jars['cb.yte'] });
    assert.match(list.body, new RegExp(code));
    const empty = await submitForm(app, jars['cb.yte']!, `/can-bo/phan-anh-kien-nghi/${code}`, `/can-bo/phan-anh-kien-nghi/${code}`, { answer: ' ', published: 'true' });
    assert.equal(empty.statusCode, 400);
    assert.match(textOf(empty.body), /Hãy viết nội dung trả lời/);

    const notices = await count('notice');
    const audits = await count('audit_log');
    const answered = await submitForm(app, jars['cb.yte']!, `/can-bo/phan-anh-kien-nghi/${code}`, `/can-bo/phan-anh-kien-nghi/${code}`, { answer: 'Mức phí thẩm định đã được công khai tại mục Lệ phí của thủ tục.', published: 'true' });
    assert.equal(answered.statusCode, 303);
    const row = await get().db.selectFrom('petition').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.published, true);
    assert.equal(row.answerer_name, 'Cán bộ Y tế');
    assert.ok(row.answered_at);
    assert.equal(await count('notice'), notices + 1);
    const notice = await get().db.selectFrom('notice').selectAll().where('account_id', '=', an.id).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.match(notice.title, new RegExp(`${code} đã được trả lời`));
    assert.equal(await count('audit_log'), audits + 1);

    // On the public list and its page, without the sender's details; found by a word without marks.
    const publicList = await app.inject('/phan-anh-kien-nghi?q=phi tham dinh');
    assert.match(textOf(publicList.body), /Phí thẩm định chứng chỉ/);
    assert.doesNotMatch(publicList.body, /Nguyễn Văn An|an@example\.vn/);
    const page = await app.inject(`/phan-anh-kien-nghi/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Mức phí thẩm định đã được công khai/);
    assert.doesNotMatch(page.body, /Nguyễn Văn An|an@example\.vn|0912345678/);
    // The sender, signed in, reads the answer without typing the contact.
    assert.match(textOf((await app.inject({ url: `/phan-anh-kien-nghi/tra-cuu?ma=${code}`, cookies: jars['an.dan'] })).body), /Đã trả lời.*Mức phí thẩm định/);

    // Unpublished: gone from the list and its page; no second notice for a changed answer.
    const hidden = await submitForm(app, jars['cb.yte']!, `/can-bo/phan-anh-kien-nghi/${code}`, `/can-bo/phan-anh-kien-nghi/${code}`, { answer: 'Mức phí thẩm định đã được công khai tại mục Lệ phí của thủ tục.' });
    assert.equal(hidden.statusCode, 303);
    assert.doesNotMatch((await app.inject('/phan-anh-kien-nghi')).body, /Phí thẩm định chứng chỉ/);
    assert.equal((await app.inject(`/phan-anh-kien-nghi/${code}`)).statusCode, 404);
    assert.equal(await count('notice'), notices + 1);
    const actions = (await get().db.selectFrom('audit_log').select('action').where('target_id', '=', code).orderBy('id').execute()).map((a) => a.action);
    assert.deepEqual(actions, ['petition-answer', 'petition-answer-change', 'petition-unpublish']);
  });

  test('overdue petitions come first with their count and a link; overduePetitions gives dashboards the same count', async () => {
    const { db } = get();
    const res = await sendForm(jars['an.dan']!, { subject: 'Quá hạn rồi', content: 'Phản ánh này đã quá hạn trả lời từ lâu.', service: PHARMACIST, consent: 'true' });
    const code = /ma=(PAKN-\d{8}-\d{4})/.exec(res.headers.location as string)![1]!;
    await db.updateTable('petition').set({ due_date: '2026-01-05' }).where('code', '=', code).execute();
    const overdue = await overduePetitions(db, [SYT]);
    assert.equal(overdue.count, 1);
    assert.equal(overdue.items[0]!.code, code);
    assert.equal((await overduePetitions(db, [STP])).count, 0);
    const list = await app.inject({ url: '/can-bo/phan-anh-kien-nghi', cookies: jars['cb.yte'] });
    const text = textOf(list.body);
    assert.match(text, /1 phản ánh quá hạn trả lời/);
    assert.match(list.body, /href="\/can-bo\/phan-anh-kien-nghi\?loc=qua-han"/);
    const firstRow = /<tbody>.*?<tr>(.*?)<\/tr>/s.exec(list.body)![1]!;
    assert.match(firstRow, new RegExp(code));
    assert.match(textOf(firstRow), /Quá hạn trả lời/);
    const only = await app.inject({ url: '/can-bo/phan-anh-kien-nghi?loc=qua-han', cookies: jars['cb.yte'] });
    assert.equal([...only.body.matchAll(/<tr>/g)].length, 2, 'the header row and the one overdue petition');
    // Answered: no longer overdue.
    await db.updateTable('petition').set({ answer: 'Đã trả lời.', answered_at: new Date() }).where('code', '=', code).execute();
    assert.equal((await overduePetitions(db, [SYT])).count, 0);
  });

  test('an administrator sets an agency’s handling days; petitions sent afterwards are due accordingly; an officer may not', async () => {
    const refused = await submitForm(app, jars['cb.yte']!, '/can-bo/phan-anh-kien-nghi', '/can-bo/phan-anh-kien-nghi/thoi-han', { agency: SYT, days: '3' });
    assert.equal(refused.statusCode, 403);
    const bad = await submitForm(app, jars['quantri']!, '/can-bo/phan-anh-kien-nghi', '/can-bo/phan-anh-kien-nghi/thoi-han', { agency: SYT, days: '0' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Thời hạn trả lời là số ngày làm việc từ 1 đến 60/);
    assert.equal(await get().db.selectFrom('petition_deadline').selectAll().executeTakeFirst(), undefined);
    const ok = await submitForm(app, jars['quantri']!, '/can-bo/phan-anh-kien-nghi', '/can-bo/phan-anh-kien-nghi/thoi-han', { agency: SYT, days: '3' });
    assert.equal(ok.statusCode, 303);
    const res = await app.inject({ method: 'POST', url: '/api/v1/petitions', headers: bearer['an.dan'], payload: { subject: 'Ba ngày', content: 'Thời hạn trả lời của Sở là ba ngày làm việc.', service: PHARMACIST, consent: true } });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { code: string; dueDate: string; agency: { code: string } };
    const row = await get().db.selectFrom('petition').select(['received_at', 'due_date']).where('code', '=', body.code).executeTakeFirstOrThrow();
    const y = row.received_at.getUTCFullYear();
    assert.equal(row.due_date, petitionDueDate(row.received_at, 3, vietnamCalendar([y - 1, y, y + 1])));
    assert.equal(body.dueDate, row.due_date);
    assert.equal(body.agency.code, SYT);
    await sql`DELETE FROM petition_deadline`.execute(get().db);
  });

  test('the public list shows published answers newest first, twenty to a page', async () => {
    const { db } = get();
    const start = Date.parse('2026-02-01T03:00:00Z');
    for (let i = 1; i <= 25; i++) {
      const at = new Date(start + i * 3_600_000);
      await db
        .insertInto('petition')
        .values({ code: `PAKN-20260201-${String(i).padStart(4, '0')}`, subject: `Kiến nghị mẫu số ${i}`, content: 'Nội dung kiến nghị mẫu.', sender_name: 'Người gửi', sender_email: 'mau@example.vn', agency_code: TOP, consent_at: at, received_at: at, due_date: '2026-02-13', answer: 'Đã tiếp thu.', answered_at: at, published: true })
        .execute();
    }
    const first = textOf((await app.inject('/phan-anh-kien-nghi?q=kien nghi mau')).body);
    assert.match(first, /Kết quả cho "kien nghi mau" \(25\)/);
    const shown = [...first.matchAll(/Kiến nghị mẫu số (\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual(shown, Array.from({ length: 20 }, (_, i) => 25 - i));
    assert.match(first, /Trang sau/);
    const second = await app.inject('/phan-anh-kien-nghi?q=kien+nghi+mau&trang=2');
    assert.deepEqual([...textOf(second.body).matchAll(/Kiến nghị mẫu số (\d+)/g)].map((m) => Number(m[1])), [5, 4, 3, 2, 1]);
    assert.match(second.body, /href="\/phan-anh-kien-nghi\?q=kien\+nghi\+mau"/, 'the way back keeps the search');
    assert.doesNotMatch(second.body, /mau@example\.vn|Người gửi/);
    await db.deleteFrom('petition').where('code', 'like', 'PAKN-20260201-%').execute();
  });

  test('the API takes a visitor’s petition, explains every bad field in Vietnamese, and is in the OpenAPI schema', async () => {
    const before = await count('petition');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/petitions', remoteAddress: freshIp(), payload: { subject: 'Thiếu', content: 'ngắn', consent: false } });
    assert.equal(bad.statusCode, 400);
    const err = bad.json() as { error: { code: string; message: string }; fields: Record<string, string> };
    assert.equal(err.error.code, 'INVALID_FIELD');
    assert.deepEqual(Object.keys(err.fields).sort(), ['consent', 'content', 'email', 'name']);
    assert.equal(await count('petition'), before);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/petitions', remoteAddress: freshIp(), payload: { ...visitor, consent: true, service: PHARMACIST } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.match((ok.json() as { code: string }).code, /^PAKN-\d{8}-\d{4}$/);
    assert.equal(await count('petition'), before + 1);
    const spec = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    assert.ok(spec.paths['/api/v1/petitions']?.post);
    assert.ok(spec.paths['/api/v1/petitions/{code}']?.get);
  });
});
