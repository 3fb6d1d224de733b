// The workflow (A3): assignment by the head of unit, a transfer to another unit and back (each
// hop with its own due date), the leader's approval (sent back with a reason, then approved), the
// result; refusals that change nothing; two people acting at once; the configuration page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount, DEMO_PASSWORD } from '../src/identity/index.ts';
import { addWorkingDays, calendarSource, seedWorkflowDemo } from '../src/applications/index.ts';
import { DEMO_SUBUNIT } from '../src/applications/workflow/demo.ts';
import { vietnamDay } from '../src/applications/calendar.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { csrfOf, signedIn, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';

describeEachDatabase('the workflow: assignment, transfer and back, approval', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await seedWorkflowDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    for (const [u, name] of [['cb.yte', 'Cán bộ Một'], ['cb.yte2', 'Cán bộ Hai']]) await createAccount(db, { username: u!, password: TEST_PASSWORD, fullName: name!, role: 'officer', agencyCode: AGENCY });
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    app = await testApp(db);
    for (const u of ['an.dan', 'cb.yte', 'cb.yte2', 'truongphong.syt', 'lanhdao.syt', 'canbo.duoc']) {
      const password = u.includes('.syt') || u === 'canbo.duoc' ? DEMO_PASSWORD : TEST_PASSWORD;
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password } })).json() as { token: string }).token;
      ids[u] = (await db.selectFrom('account').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const post = (user: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(user), payload });
  const wf = (user: string, code: string, action: 'assign' | 'transfer' | 'approve', payload: object) => post(user, `/api/v1/applications/${code}/${action}`, payload);
  const row = (code: string) => get().db.selectFrom('application').select(['status', 'step', 'unit_code', 'assignee_id']).where('code', '=', code).executeTakeFirstOrThrow();
  const hops = async (code: string) =>
    get()
      .db.selectFrom('application_hop')
      .innerJoin('application', 'application.id', 'application_hop.application_id')
      .select(['application_hop.kind', 'application_hop.from_unit', 'application_hop.to_unit', 'application_hop.to_account_name', 'application_hop.due_date', 'application_hop.done_at'])
      .where('application.code', '=', code)
      .orderBy('application_hop.id')
      .execute();
  /** A new application, received (1 → 2) by the counter officer. */
  const received = async () => {
    const res = await app.inject(apiSubmission(as('an.dan'), SERVICE, demoDefinition(SERVICE)!.example));
    assert.equal(res.statusCode, 201, res.body);
    const code = (res.json() as { code: string }).code;
    assert.equal((await post('cb.yte', `/api/v1/applications/${code}/status`, { status: 2 })).statusCode, 200);
    assert.deepEqual(await row(code), { status: 2, step: 'assignment', unit_code: AGENCY, assignee_id: null });
    return code;
  };
  const refusedWithNothingChanged = async (code: string, res: { statusCode: number; json(): unknown }, status: number, error: string) => {
    assert.equal(res.statusCode, status, JSON.stringify(res.json()));
    assert.equal((res.json() as { error: { code: string } }).error.code, error);
  };

  test('assigned by the head, transferred to another unit and back, sent back by the leader with a reason, approved, then the result', async () => {
    const { db } = get();
    const code = await received();
    let counts = await snapshot(db);
    const today = vietnamDay(new Date()).day;
    const due = (await db.selectFrom('application').select('due_date').where('code', '=', code).executeTakeFirstOrThrow()).due_date!;

    // An officer who is not a head cannot assign someone else; nothing changes.
    await refusedWithNothingChanged(code, await wf('cb.yte', code, 'assign', { assignee: 'cb.yte2' }), 403, 'NOT_HEAD');
    counts = await assertMoved(db, counts, {}, 'assignment by a non-head');

    // The head assigns: processing starts (2 → 4), the applicant is told, one hop.
    const assigned = await wf('truongphong.syt', code, 'assign', { assignee: 'cb.yte', unit: AGENCY, note: 'Thẩm định hồ sơ' });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.deepEqual(assigned.json(), { code, status: 4, statusName: 'Đang xử lý', step: 'processing', unit: AGENCY, assigneeId: ids['cb.yte'] });
    counts = await assertMoved(db, counts, { application_event: 2, notice: 1, delivery: 1, application_hop: 1 }, 'assignment');

    // A transfer to a unit that does not handle the service is refused; nothing changes.
    await refusedWithNothingChanged(code, await wf('cb.yte', code, 'transfer', { unit: '000.33.01.H34', days: 3 }), 400, 'UNIT_NOT_HANDLING');
    await refusedWithNothingChanged(code, await wf('cb.yte2', code, 'transfer', { unit: DEMO_SUBUNIT }), 403, 'NOT_HOLDER');
    counts = await assertMoved(db, counts, {}, 'refused transfers');

    // The assignee transfers it to the unit under the department with 3 working days.
    const moved = await wf('cb.yte', code, 'transfer', { unit: DEMO_SUBUNIT, days: 3, note: 'Xin ý kiến chuyên môn' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(await row(code), { status: 4, step: 'assignment', unit_code: DEMO_SUBUNIT, assignee_id: null });
    counts = await assertMoved(db, counts, { application_event: 1, application_hop: 1 }, 'transfer');

    // While it is there, the receiving unit's officer processes it and the sender's officer cannot.
    const pageOf = async (user: string, password: string) => (await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: await signedIn(app, user, password) })).body;
    assert.match(await pageOf('canbo.duoc', DEMO_PASSWORD), new RegExp(`action="/can-bo/ho-so/${code.replace(/\./g, '\\.')}/trang-thai"`));
    assert.doesNotMatch(await pageOf('cb.yte', TEST_PASSWORD), /\/trang-thai"/);
    const blocked = await post('cb.yte', `/api/v1/applications/${code}/status`, { status: 5, note: 'Bổ sung bản sao văn bằng' });
    assert.equal(blocked.statusCode, 404);
    counts = await assertMoved(db, counts, {}, 'the sender’s officer tries to process it');

    // The officer there takes it and sends it back with the unit's opinion.
    assert.equal((await wf('canbo.duoc', code, 'assign', {})).statusCode, 200);
    const back = await wf('canbo.duoc', code, 'transfer', { back: true, note: 'Đủ điều kiện cấp chứng chỉ' });
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(await row(code), { status: 4, step: 'processing', unit_code: AGENCY, assignee_id: ids['cb.yte'] });
    counts = await assertMoved(db, counts, { application_event: 2, application_hop: 2 }, 'taken there and returned');
    const cal = calendarSource(db).current();
    const threeDays = addWorkingDays(today, 3, cal);
    const log = await hops(code);
    assert.deepEqual(
      log.map((h) => [h.kind, h.from_unit, h.to_unit, h.to_account_name, h.due_date, !!h.done_at]),
      [
        ['assignment', AGENCY, AGENCY, 'Cán bộ Một', due, true],
        ['transfer', AGENCY, DEMO_SUBUNIT, null, threeDays < due ? threeDays : due, true],
        ['assignment', DEMO_SUBUNIT, DEMO_SUBUNIT, 'Bùi Thị Khánh', due, true],
        ['return', DEMO_SUBUNIT, AGENCY, 'Cán bộ Một', due, false],
      ],
    );

    // The result cannot be issued before the leader approves it (Sở Y tế has a leader): nothing stored.
    const early = await post('cb.yte', `/api/v1/applications/${code}/result`, { generate: true, decision: 'Cấp Chứng chỉ hành nghề dược.' });
    await refusedWithNothingChanged(code, early, 409, 'APPROVAL_REQUIRED');
    assert.equal((await db.selectFrom('application_result').select('id').execute()).length, 0);
    counts = await assertMoved(db, counts, {}, 'a result before approval');

    // Sent for approval; the head is not a leader; the leader must give a reason to send it back.
    assert.equal((await wf('cb.yte', code, 'approve', { decision: 'request', reason: 'Kính trình lãnh đạo' })).statusCode, 200);
    await refusedWithNothingChanged(code, await wf('truongphong.syt', code, 'approve', { decision: 'approve' }), 403, 'NOT_LEADER');
    await refusedWithNothingChanged(code, await wf('lanhdao.syt', code, 'approve', { decision: 'send-back', reason: '  ' }), 400, 'REASON_REQUIRED');
    const sentBack = await wf('lanhdao.syt', code, 'approve', { decision: 'send-back', reason: 'Ghi rõ phạm vi hành nghề' });
    assert.equal(sentBack.statusCode, 200, sentBack.body);
    assert.equal((sentBack.json() as { step: string }).step, 'processing');
    counts = await assertMoved(db, counts, { application_event: 2, application_hop: 2 }, 'sent for approval and sent back');
    await refusedWithNothingChanged(code, await post('cb.yte', `/api/v1/applications/${code}/result`, { generate: true, decision: 'x' }), 409, 'APPROVAL_REQUIRED');
    await assertMoved(db, counts, {}, 'a result after being sent back');

    assert.equal((await wf('cb.yte', code, 'approve', { decision: 'request' })).statusCode, 200);
    assert.equal((await wf('lanhdao.syt', code, 'approve', { decision: 'approve' })).statusCode, 200);
    const result = await post('cb.yte', `/api/v1/applications/${code}/result`, { generate: true, decision: 'Cấp Chứng chỉ hành nghề dược số 12/CCHN-D-SYT-KH.' });
    assert.equal(result.statusCode, 201, result.body);
    assert.deepEqual(await row(code), { status: 9, step: 'returning', unit_code: AGENCY, assignee_id: ids['cb.yte'] });
    assert.ok((await hops(code)).every((h) => h.done_at), 'every hop is done once the result is issued');

    // The process log reads as the workflow went; the public lookup shows only the statuses.
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    for (const label of ['Phân công xử lý', 'Chuyển đơn vị xử lý', 'Trả về đơn vị chuyển', 'Trình lãnh đạo duyệt', 'Lãnh đạo trả lại', 'Lý do: Ghi rõ phạm vi hành nghề', 'Lãnh đạo đã duyệt', 'Phòng Nghiệp vụ Dược']) assert.ok(page.body.includes(label), label);
    assert.match(page.body, /<caption[^>]*>Các bước luân chuyển<\/caption>/);
  });

  test('the page’s forms: the head assigns with the officer list; a form showing an older state is refused and nothing changes', async () => {
    const { db } = get();
    const code = await received();
    const head = await signedIn(app, 'truongphong.syt', DEMO_PASSWORD);
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: head });
    assert.match(page.body, /<select id="f-assignee" name="assignee"/);
    assert.ok(page.body.includes(`<option value="${ids['cb.yte2']}">Cán bộ Hai</option>`));
    const seen = /name="seen" value="([^"]+)"/.exec(page.body)![1]!;
    const csrf = csrfOf(page.body);
    const send = (jar: Jar, fields: Record<string, string>) => app.inject({ method: 'POST', url: `/can-bo/ho-so/${code}/phan-cong`, cookies: jar, payload: { _csrf: csrf, seen, ...fields } });
    let counts = await snapshot(db);
    const done = await send(head, { assignee: ids['cb.yte2']! });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/can-bo/ho-so/${code}?luan-chuyen=phan-cong`);
    counts = await assertMoved(db, counts, { application_event: 2, notice: 1, delivery: 1, application_hop: 1 }, 'assigned from the page');
    assert.match((await app.inject({ url: done.headers.location as string, cookies: head })).body, /Đã phân công xử lý hồ sơ\./);
    // The same form again (another tab, or a second head who opened the page before): told, nothing changes.
    const stale = await send(head, { assignee: ids['cb.yte']! });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Hồ sơ vừa được người khác xử lý/);
    await assertMoved(db, counts, {}, 'a stale form');
    assert.equal((await row(code)).assignee_id, ids['cb.yte2']);
  });

  test('two heads assigning at once: one succeeds, the other gets 409 and nothing of theirs is stored', async () => {
    const { db } = get();
    const code = await received();
    const counts = await snapshot(db);
    const answers = await Promise.all([wf('truongphong.syt', code, 'assign', { assignee: 'cb.yte' }), wf('truongphong.syt', code, 'assign', { assignee: 'cb.yte2' })]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
    const loser = answers.find((r) => r.statusCode === 409)!;
    assert.match((loser.json() as { error: { message: string } }).error.message, /Hồ sơ vừa được người khác xử lý/);
    await assertMoved(db, counts, { application_event: 2, notice: 1, delivery: 1, application_hop: 1 }, 'one assignment only');
    const winner = (answers.find((r) => r.statusCode === 200)!.json() as { assigneeId: string }).assigneeId;
    assert.equal((await row(code)).assignee_id, winner);
  });

  test('configuration: an administrator names heads and leaders (audited) and sets automatic assignment and no approval', async () => {
    const { db } = get();
    const adminJar = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const overview = await app.inject({ url: '/quan-tri/quy-trinh', cookies: adminJar });
    assert.equal(overview.statusCode, 200);
    assert.ok(overview.body.includes('Võ Thị Giang (truongphong.syt)'));
    const csrf = csrfOf(overview.body);
    const audits = async () => (await db.selectFrom('audit_log').select('id').where('action', 'like', 'duty-%').execute()).length;
    // An account of another unit cannot be named; nothing is stored.
    const wrong = await app.inject({ method: 'POST', url: '/quan-tri/quy-trinh/nhiem-vu', cookies: adminJar, payload: { _csrf: csrf, unit: DEMO_SUBUNIT, username: 'cb.yte', duty: 'head' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /không phải cán bộ của đơn vị này/);
    assert.equal(await audits(), 0);
    const added = await app.inject({ method: 'POST', url: '/quan-tri/quy-trinh/nhiem-vu', cookies: adminJar, payload: { _csrf: csrf, unit: DEMO_SUBUNIT, username: 'canbo.duoc', duty: 'head' } });
    assert.equal(added.statusCode, 303);
    assert.equal(await audits(), 1);
    assert.equal((await db.selectFrom('agency_duty').select('duty').where('account_id', '=', ids['canbo.duoc']!).execute()).length, 1);
    // An officer cannot open the page.
    assert.equal((await app.inject({ url: '/quan-tri/quy-trinh', cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) })).statusCode, 403);

    // Automatic assignment among the two officers, without approval.
    const configUrl = `/quan-tri/quy-trinh/${SERVICE}/${AGENCY}`;
    const form = await app.inject({ url: configUrl, cookies: adminJar });
    assert.equal(form.statusCode, 200);
    const bad = await app.inject({ method: 'POST', url: configUrl, cookies: adminJar, payload: { _csrf: csrf, assignment: 'auto', approval: 'none', processingDays: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /ít nhất một cán bộ/);
    const saved = await app.inject({ method: 'POST', url: configUrl, cookies: adminJar, payload: `_csrf=${csrf}&assignment=auto&approval=none&processingDays=2&assignees=${ids['cb.yte']}&assignees=${ids['cb.yte2']}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(saved.statusCode, 303, saved.body);
    // Received: assigned at once to the officer with less open work, and processing starts.
    const open = async (id: string) => (await db.selectFrom('application').select('id').where('assignee_id', '=', id).where('step', 'not in', ['returning', 'closed']).execute()).length;
    const expected = (await open(ids['cb.yte']!)) <= (await open(ids['cb.yte2']!)) ? ids['cb.yte'] : ids['cb.yte2'];
    const res = await app.inject(apiSubmission(as('an.dan'), SERVICE, demoDefinition(SERVICE)!.example));
    const code = (res.json() as { code: string }).code;
    const counts = await snapshot(db);
    assert.equal((await post('cb.yte', `/api/v1/applications/${code}/status`, { status: 2 })).statusCode, 200);
    assert.deepEqual(await row(code), { status: 4, step: 'processing', unit_code: AGENCY, assignee_id: expected });
    await assertMoved(db, counts, { application_event: 3, notice: 2, delivery: 2, application_hop: 1 }, 'received and assigned automatically');
    const hop = (await hops(code))[0]!;
    const twoDays = addWorkingDays(vietnamDay(new Date()).day, 2, calendarSource(db).current());
    const appDue = (await db.selectFrom('application').select('due_date').where('code', '=', code).executeTakeFirstOrThrow()).due_date!;
    assert.equal(hop.due_date, twoDays < appDue ? twoDays : appDue);
    // No approval configured: the assignee issues the result straight away.
    const result = await post(hop.to_account_name === 'Cán bộ Một' ? 'cb.yte' : 'cb.yte2', `/api/v1/applications/${code}/result`, { generate: true, decision: 'Cấp Chứng chỉ hành nghề dược.' });
    assert.equal(result.statusCode, 201, result.body);
  });
});
