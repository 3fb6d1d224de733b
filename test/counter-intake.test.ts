// A3, V3, Q3 on each database: a paper dossier recorded at the one-stop counter — the page with two
// scanned papers, the API with JSON and with files, every refusal storing nothing, two intakes at
// once — counted beside online applications in the Art. 11.3 figures.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount, requestReset } from '../src/identity/index.ts';
import { rebuildStatistics } from '../src/feedback/index.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';
import { jpeg, multipart, pdf, type Part } from './helpers/submission.ts';

const CORRECTION = '1.004859'; // Thay đổi, cải chính hộ tịch: two required papers, at the ward 000.33.01.H34
const COPY = '2.000635'; // Cấp bản sao trích lục hộ tịch: no required paper
const WARD = '000.33.01.H34';
const HEALTH = '000.00.12.H34';
const answersOf = (code: string) => demoDefinition(code)!.example as Record<string, unknown>;

/** Each applicant with a phone of its own (a phone is one account's). */
const applicant = (idNumber: string, extra: Record<string, string> = {}) => ({ idNumber, fullName: 'Lê Thị Quầy', dateOfBirth: '1990-05-20', phone: `098${idNumber.slice(-7)}`, ...extra });

describeEachDatabase('counter intake', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let jar: Jar;
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Một cửa', role: 'officer', agencyCode: WARD });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: HEALTH });
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234' });
    app = await testApp(db);
    for (const u of ['cb.phuong', 'cb.yte', 'an.dan']) tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    jar = await signedIn(app, 'cb.phuong', TEST_PASSWORD);
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const accounts = async () => Number((await get().db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const api = (user: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/applications', headers: as(user), payload: body });
  const apiFiles = (user: string, fields: Record<string, unknown>, files: Part[]) => {
    const parts: Part[] = [...Object.entries(fields).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) })), ...files];
    const m = multipart(parts);
    return app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...as(user), ...m.headers }, payload: m.payload });
  };
  const twoPapers: Part[] = [
    { name: 'component:giay-khai-sinh', filename: 'khai-sinh.pdf', data: pdf(), type: 'application/pdf' },
    { name: 'component:giay-to-can-cu', filename: 'can-cu.jpg', data: jpeg(), type: 'image/jpeg' },
  ];

  test('the page: a new applicant, the e-form and two scanned papers; received at once, counted at the counter', async () => {
    const { db } = get();
    const start = await app.inject({ url: '/can-bo/tiep-nhan', cookies: jar });
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /Số CCCD của người nộp/);
    const query = new URLSearchParams({ cccd: '079190012345', service: CORRECTION, agency: WARD, channel: 'truc-tiep' });
    const form = await app.inject({ url: `/can-bo/tiep-nhan?${query}`, cookies: jar });
    remember(jar, form);
    assert.equal(form.statusCode, 200, form.body);
    assert.match(form.body, /Chưa có tài khoản với số CCCD 079190012345/);
    assert.match(form.body, /name="component:giay-khai-sinh"/);
    const before = await snapshot(db);
    const accountsBefore = await accounts();
    const fields: Part[] = [
      { name: '_csrf', value: csrfOf(form.body) },
      ...[...query.entries()].filter(([k]) => k !== 'cccd').map(([name, value]) => ({ name, value })),
      { name: 'applicant.idNumber', value: '079190012345' },
      { name: 'applicant.fullName', value: 'Lê Thị Quầy' },
      { name: 'applicant.dateOfBirth', value: '20/05/1990' },
      { name: 'applicant.phone', value: '0987654321' },
      { name: 'applicant.email', value: 'quay@example.vn' },
      { name: 'applicant.address', value: '12 Trần Phú, Nha Trang' },
      ...formBodyFromAnswers(demoDefinition(CORRECTION)!, answersOf(CORRECTION)).map(([name, value]) => ({ name, value })),
      { name: 'paper.giay-khai-sinh.form', value: 'ban-chinh' },
      { name: 'paper.giay-khai-sinh.copies', value: '1' },
      { name: 'paper.giay-khai-sinh.matches', value: 'true' },
      { name: 'paper.giay-to-can-cu.form', value: 'ban-sao-chung-thuc' },
      { name: 'paper.giay-to-can-cu.copies', value: '2' },
      ...twoPapers,
    ];
    const m = multipart(fields);
    const res = await app.inject({ method: 'POST', url: '/can-bo/tiep-nhan', cookies: jar, headers: m.headers, payload: m.payload });
    assert.equal(res.statusCode, 303, res.body);
    const code = /\/can-bo\/ho-so\/([^?]+)\?tiep-nhan=1/.exec(res.headers.location as string)?.[1];
    assert.ok(code, String(res.headers.location));
    // Two notices (stored, received), each by email and text message to the contact details given at the counter.
    await assertMoved(db, before, { application: 1, application_attachment: 2, application_event: 2, notice: 2, delivery: 4, counter_received: 1 }, 'counter intake (online_received unchanged)');
    assert.equal(await accounts(), accountsBefore + 1, 'the applicant has an account now');
    const a = await db.selectFrom('application').innerJoin('account', 'account.id', 'application.applicant_id').select(['application.channel', 'application.status', 'application.reception_due_at', 'account.password_hash', 'account.role', 'account.full_name']).where('code', '=', code!).executeTakeFirstOrThrow();
    assert.deepEqual({ ...a }, { channel: 'truc-tiep', status: 2, reception_due_at: null, password_hash: null, role: 'citizen', full_name: 'Lê Thị Quầy' });
    const papers = await db
      .selectFrom('application_attachment')
      .innerJoin('application', 'application.id', 'application_attachment.application_id')
      .select(['component_id', 'paper_form', 'paper_copies', 'matches_original', 'digitised_by_name', 'digitised_at'])
      .where('application.code', '=', code!)
      .orderBy('component_id')
      .execute();
    assert.deepEqual(
      papers.map((p) => [p.component_id, p.paper_form, p.paper_copies, p.matches_original, p.digitised_by_name, p.digitised_at instanceof Date]),
      [
        ['giay-khai-sinh', 'ban-chinh', 1, true, 'Cán bộ Một cửa', true],
        ['giay-to-can-cu', 'ban-sao-chung-thuc', 2, false, 'Cán bộ Một cửa', true],
      ],
    );
    const page = await app.inject({ url: res.headers.location as string, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Đã tiếp nhận hồ sơ giấy/);
    assert.ok(page.body.includes(`/can-bo/ho-so/${code}/giay-to/tiep-nhan.pdf`));
    // The same CCCD again: the account is found, not created twice.
    const again = await app.inject({ url: `/can-bo/tiep-nhan?${query}`, cookies: jar });
    assert.match(again.body, /Người nộp đã có tài khoản/);
  });

  test('the API: JSON without files, multipart with two papers; status 2 and a due date; the same CCCD keeps its account', async () => {
    const { db } = get();
    const before = await snapshot(db);
    const res = await api('cb.phuong', { service: COPY, agency: WARD, data: answersOf(COPY), channel: 'buu-chinh', applicant: applicant('079190012346') });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { code: string; status: number; dueDate: string; applicant: { created: boolean }; receipt: string };
    assert.equal(body.status, 2);
    assert.match(body.dueDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(body.applicant.created, true);
    assert.equal(body.receipt, `/can-bo/ho-so/${body.code}/giay-to/tiep-nhan.pdf`);
    // The applicant's phone was given: each notice also goes out by text message.
    const mid = await assertMoved(db, before, { application: 1, application_event: 2, notice: 2, delivery: 2, counter_received: 1 }, 'API JSON');
    const files = await apiFiles('cb.phuong', { service: CORRECTION, agency: WARD, data: answersOf(CORRECTION), channel: 'truc-tiep', applicant: applicant('079190012346'), papers: [{ component: 'giay-khai-sinh', form: 'ban-sao', copies: 3, matchesOriginal: true }] }, twoPapers);
    assert.equal(files.statusCode, 201, files.body);
    assert.equal((files.json() as { applicant: { created: boolean } }).applicant.created, false);
    await assertMoved(db, mid, { application: 1, application_attachment: 2, application_event: 2, notice: 2, delivery: 2, counter_received: 1 }, 'API multipart');
    const row = await db.selectFrom('application_attachment').innerJoin('application', 'application.id', 'application_attachment.application_id').select(['paper_form', 'paper_copies']).where('application.code', '=', (files.json() as { code: string }).code).where('component_id', '=', 'giay-khai-sinh').executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { paper_form: 'ban-sao', paper_copies: 3 });
  });

  test('a procedure not taken online (level 2) is not refused for its level at the counter, only for want of an e-form', async () => {
    const { db } = get();
    const level2 = '2.000815'; // Chứng thực bản sao từ bản chính, level 2, at the ward, no e-form
    const online = await api('an.dan', { service: level2, agency: WARD, data: {} });
    assert.equal((online.json() as { error: { code: string } }).error.code, 'NOT_ONLINE');
    const before = await snapshot(db);
    const res = await api('cb.phuong', { service: level2, agency: WARD, data: {}, channel: 'truc-tiep', applicant: applicant('079190012701') });
    assert.equal((res.json() as { error: { code: string } }).error.code, 'NO_EFORM', res.body);
    await assertMoved(db, before, {}, 'no e-form');
    const page = await app.inject({ url: `/can-bo/tiep-nhan?${new URLSearchParams({ cccd: '079190012701', service: level2, agency: WARD, channel: 'truc-tiep' })}`, cookies: jar });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /chưa có tờ khai điện tử/);
  });

  test('each refusal says why and stores nothing: no application, no file row, no account', async () => {
    const { db } = get();
    await db.updateTable('service_implementation').set({ online: false, offline_reason: 'Tạm dừng để sắp xếp bộ phận một cửa' }).where('service_code', '=', COPY).where('agency_code', '=', WARD).execute();
    const good = { service: CORRECTION, agency: WARD, data: answersOf(CORRECTION), channel: 'truc-tiep', applicant: applicant('079190012399') };
    const cases: [string, () => ReturnType<typeof api>, number, string, RegExp][] = [
      ['missing applicant', () => api('cb.phuong', { ...good, applicant: undefined }), 400, 'APPLICANT_MISSING', /người nộp/],
      ['bad CCCD', () => api('cb.phuong', { ...good, applicant: applicant('12345') }), 400, 'CCCD_FORMAT', /12 chữ số/],
      ['CCCD against the year of birth', () => api('cb.phuong', { ...good, applicant: applicant('079085012399') }), 400, 'CCCD_YEAR', /năm sinh/],
      ['bad channel', () => api('cb.phuong', { ...good, channel: 'fax' }), 400, 'BAD_CHANNEL', /truc-tiep/],
      ['unit not covered', () => api('cb.yte', good), 403, 'AGENCY_NOT_COVERED', /không làm việc tại/],
      ['paused implementation', () => api('cb.phuong', { ...good, service: COPY, data: answersOf(COPY) }), 409, 'AGENCY_OFFLINE', /sắp xếp bộ phận một cửa/],
      ['invalid answers', () => apiFiles('cb.phuong', { ...good, data: {} }, twoPapers), 400, 'INVALID_ANSWERS', /Tờ khai/],
      ['a file that is not a scan', () => apiFiles('cb.phuong', good, [twoPapers[0]!, { name: 'component:giay-to-can-cu', filename: 'can-cu.jpg', data: Buffer.from('MZ not an image at all'), type: 'image/jpeg' }]), 400, 'INVALID_FILES', /./],
      ['missing papers', () => api('cb.phuong', good), 400, 'MISSING_COMPONENTS', /./],
      ['bad papers', () => api('cb.phuong', { ...good, papers: [{ component: 'giay-khai-sinh', form: 'ban-goc', copies: 1 }] }), 400, 'BAD_PAPERS', /hình thức/],
    ];
    try {
      for (const [what, send, status, code, message] of cases) {
      const before = await snapshot(db);
      const accountsBefore = await accounts();
      const res = await send();
      const body = res.json() as { error: { code: string; message: string } };
      assert.equal(res.statusCode, status, `${what}: ${res.body}`);
      assert.equal(body.error.code, code, what);
      assert.match(body.error.message, message, what);
      await assertMoved(db, before, {}, what);
      assert.equal(await accounts(), accountsBefore, `${what}: no account`);
      }
    } finally {
      await db.updateTable('service_implementation').set({ online: true, offline_reason: null }).where('service_code', '=', COPY).where('agency_code', '=', WARD).execute();
    }
  });

  test('two intakes at once get two codes', async () => {
    const { db } = get();
    const before = await snapshot(db);
    const [a, b] = await Promise.all(['079190012401', '079190012402'].map((id) => api('cb.phuong', { service: COPY, agency: WARD, data: answersOf(COPY), channel: 'truc-tiep', applicant: applicant(id, { phone: '', email: `${id}@example.vn` }) })));
    assert.equal(a!.statusCode, 201, a!.body);
    assert.equal(b!.statusCode, 201, b!.body);
    assert.notEqual((a!.json() as { code: string }).code, (b!.json() as { code: string }).code);
    await assertMoved(db, before, { application: 2, application_event: 4, notice: 4, delivery: 4, counter_received: 2 }, 'two intakes');
  });

  test('Art. 11.3: an online application counts online, a counter one at the counter; the total adds both and the typed counts; a rebuild agrees', async () => {
    const { db } = get();
    const figures = async () => (await app.inject({ url: `/api/v1/services/${COPY}/statistics` })).json() as { onlineReceived: number; counterReceived: number; offlineReceived: number; totalReceived: number };
    const before = await figures();
    const online = await api('an.dan', { service: COPY, agency: WARD, data: answersOf(COPY) });
    assert.equal(online.statusCode, 201, online.body);
    const counter = await api('cb.phuong', { service: COPY, agency: WARD, data: answersOf(COPY), channel: 'buu-chinh', applicant: applicant('079190012501') });
    assert.equal(counter.statusCode, 201, counter.body);
    const after = await figures();
    assert.deepEqual(
      { online: after.onlineReceived - before.onlineReceived, counter: after.counterReceived - before.counterReceived, total: after.totalReceived - before.totalReceived },
      { online: 1, counter: 1, total: 2 },
    );
    assert.equal(after.totalReceived, after.onlineReceived + after.counterReceived + after.offlineReceived);
    // The figures recomputed from the applications are the ones the triggers kept.
    const kept = await snapshot(db);
    await rebuildStatistics(db);
    await assertMoved(db, kept, {}, 'rebuild');
    // The typed monthly counts: refused from the month counter dossiers are recorded one by one, kept before it.
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const typed = await submitForm(app, jar, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: COPY, month, count: '40' });
    assert.equal(typed.statusCode, 400);
    assert.match(typed.body, /được đếm tự động; chỉ ghi số liệu cho các tháng trước đó/);
    await assertMoved(db, kept, {}, 'a typed count after go-live');
    const earlier = await submitForm(app, jar, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: COPY, month: '2025-01', count: '40' });
    assert.equal(earlier.statusCode, 303, earlier.body);
    await assertMoved(db, kept, { offline_received: 40 }, 'a typed count before go-live');
  });

  test('Ví dụ 1 at the counter (V3): the applicant sets a password with the email given there, finds the dossier and its papers, and reuses a paper online (V2)', async () => {
    const { db } = get();
    const made = await apiFiles('cb.phuong', { service: CORRECTION, agency: WARD, data: answersOf(CORRECTION), channel: 'truc-tiep', applicant: applicant('079190012601', { email: 'hoa@example.vn' }), papers: [{ component: 'giay-khai-sinh', form: 'ban-sao-chung-thuc', copies: 1, matchesOriginal: true }] }, twoPapers);
    assert.equal(made.statusCode, 201, made.body);
    const { code } = made.json() as { code: string };
    // The password reset a citizen uses, asked with the phone number given at the counter.
    const reset = await requestReset(db, '0980012601');
    assert.equal(reset?.email, 'hoa@example.vn');
    const done = await submitForm(app, {}, `/dat-lai-mat-khau?ma=${reset!.token}`, '/dat-lai-mat-khau', { ma: reset!.token, password: 'Mat-khau-quay-2026' });
    assert.equal(done.statusCode, 303, done.body);
    const citizen = await signedIn(app, '0980012601', 'Mat-khau-quay-2026');
    const mine = await app.inject({ url: '/ho-so', cookies: citizen });
    assert.ok(mine.body.includes(code), 'the dossier is in "Hồ sơ của tôi"');
    const store = await app.inject({ url: '/kho-du-lieu', cookies: citizen });
    assert.equal(store.statusCode, 200);
    assert.ok(store.body.includes('<caption>2 giấy tờ, mới nhất trước</caption>') && store.body.includes('>Giấy khai sinh</a>'), 'both digitised papers are in the data store');
    assert.equal(store.body.split('Đã được cơ quan chấp nhận').length - 1, 2, 'accepted by the ward that received them');
    // Online afterwards: the birth certificate digitised at the counter is reused; the case's own paper (not reusable) is sent again.
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: '0980012601', password: 'Mat-khau-quay-2026' } })).json() as { token: string }).token;
    const m = multipart([{ name: 'service', value: CORRECTION }, { name: 'agency', value: WARD }, { name: 'data', value: JSON.stringify(answersOf(CORRECTION)) }, twoPapers[1]!]);
    const online = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, ...m.headers }, payload: m.payload });
    assert.equal(online.statusCode, 201, online.body);
    const reused = await db
      .selectFrom('application_attachment')
      .innerJoin('application', 'application.id', 'application_attachment.application_id')
      .select(['component_id', 'source', 'application.channel'])
      .where('application.code', '=', (online.json() as { code: string }).code)
      .orderBy('component_id')
      .execute();
    assert.deepEqual(
      reused.map((r) => [r.component_id, r.source, r.channel]),
      [
        ['giay-khai-sinh', 'vault', 'truc-tuyen'],
        ['giay-to-can-cu', 'upload', 'truc-tuyen'],
      ],
    );
  });
});
