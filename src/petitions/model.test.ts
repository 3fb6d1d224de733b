import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vietnamCalendar } from '../applications/index.ts';
import type { Actor } from '../identity/index.ts';
import { explain, problemTableGaps } from '../web/problem.ts';
import { checkAnswer, checkHandlingDays, checkPetition, contactMatches, mayAnswer, maySetDeadline, normalizePhone, PETITION_CODE, petitionCode, petitionDueDate, petitionStatus, vietnamDay, type PetitionProblem } from './model.ts';
import { PETITION_PROBLEMS } from './problems.ts';

/** The problems as the page shows them: field → sentence, in Vietnamese unless asked. */
const said = (problems: readonly PetitionProblem[], locale: 'vi' | 'en' = 'vi') => Object.fromEntries(problems.map((p) => [p.field ?? 'form', explain(PETITION_PROBLEMS, p, locale).message]));

const cal = vietnamCalendar([2026, 2027]);
const good = { subject: 'Chậm trả kết quả', content: 'Hồ sơ của tôi đã quá hạn năm ngày mà chưa có kết quả.', name: 'Lê Thị Mai', email: 'Mai@Example.vn', consent: 'true' };

test('the tracking code carries the Vietnam day and the number of the day, four digits at least', () => {
  assert.equal(petitionCode('2026-12-04', 7), 'PAKN-20261204-0007');
  assert.equal(petitionCode('2026-12-04', 12_345), 'PAKN-20261204-12345');
  assert.match(petitionCode('2026-01-01', 1), PETITION_CODE);
  assert.throws(() => petitionCode('2026-12-04', 0), RangeError);
  assert.throws(() => petitionCode('04/12/2026', 1), RangeError);
  // 23:30 UTC on 3 December is already 4 December in Vietnam.
  assert.equal(vietnamDay(new Date('2026-12-03T23:30:00Z')), '2026-12-04');
});

test('the due date counts working days from the start day, skipping weekends and Tết', () => {
  // Friday 4 December 2026, 09:00 in Vietnam: 10 working days later is Friday 18 December.
  assert.equal(petitionDueDate(new Date('2026-12-04T02:00:00Z'), 10, cal), '2026-12-18');
  // After 15:00 the clock starts on the next working day (Monday 7 December).
  assert.equal(petitionDueDate(new Date('2026-12-04T09:00:00Z'), 1, cal), '2026-12-08');
  // Sent on Saturday: starts Monday.
  assert.equal(petitionDueDate(new Date('2026-12-05T03:00:00Z'), 0, cal), '2026-12-07');
  // Across Tết 2027 (5–11 February off): sent Thursday 4 February, 3 working days → 12, 15, 16 February.
  assert.equal(petitionDueDate(new Date('2027-02-04T02:00:00Z'), 3, cal), '2027-02-16');
});

test('a petition is overdue only after its due day, and never once answered', () => {
  assert.equal(petitionStatus({ answeredAt: null, dueDate: '2026-12-18' }, '2026-12-18'), 'cho-tra-loi');
  assert.equal(petitionStatus({ answeredAt: null, dueDate: '2026-12-18' }, '2026-12-19'), 'qua-han');
  assert.equal(petitionStatus({ answeredAt: new Date(), dueDate: '2026-12-18' }, '2027-01-30'), 'da-tra-loi');
});

test('a visitor gives a name and an email or a phone; the contact is kept in one form', () => {
  const r = checkPetition({ ...good, phone: '+84 912 345 678' }, { signedIn: false });
  assert.ok(r.ok);
  assert.equal(r.value.email, 'mai@example.vn');
  assert.equal(r.value.phone, '0912345678');
  assert.equal(r.value.name, 'Lê Thị Mai');
  const none = checkPetition({ ...good, name: '', email: '' }, { signedIn: false });
  assert.ok(!none.ok);
  assert.match(said(none.problems).name!, /họ và tên/);
  assert.match(said(none.problems).email!, /thư điện tử hoặc số điện thoại/);
});

test('a signed-in citizen needs no name nor contact; the name given is ignored', () => {
  const r = checkPetition({ subject: 'Góp ý', content: 'Đề nghị bổ sung hướng dẫn nộp lệ phí.', name: 'Người khác', consent: 'on' }, { signedIn: true });
  assert.ok(r.ok);
  assert.equal(r.value.name, null);
  assert.equal(r.value.email, null);
});

test('every problem is reported at once, by field, in Vietnamese', () => {
  const r = checkPetition({ subject: 'x'.repeat(201), content: 'a'.repeat(4001), name: 'An', email: 'khong-hop-le', phone: '12345', service: 'abc', application: 'ho-so', consent: '' }, { signedIn: false });
  assert.ok(!r.ok);
  assert.deepEqual(Object.keys(said(r.problems)).sort(), ['application', 'consent', 'content', 'email', 'phone', 'service', 'subject']);
  assert.match(said(r.problems).content!, /tối đa 4\.000 ký tự \(hiện có 4\.001\)/);
  assert.match(said(r.problems).consent!, /đồng ý/);
  assert.match(said(r.problems).service!, /1\.004616/);
  // Exactly 4,000 characters is accepted.
  assert.ok(checkPetition({ ...good, content: 'a'.repeat(4000) }, { signedIn: false }).ok);
  assert.ok(!checkPetition({ ...good, content: 'quá ngắn' }, { signedIn: false }).ok);
});

test('each problem also comes as a code with its field and numbers, said in English on an English page', () => {
  const r = checkPetition({ subject: 'x'.repeat(201), content: 'a'.repeat(4001), name: '', email: 'khong-hop-le', phone: '12345', service: 'abc', application: 'ho-so', consent: '' }, { signedIn: false });
  assert.ok(!r.ok);
  assert.deepEqual(r.problems, [
    { code: 'subject-long', field: 'subject', params: { max: 200 } },
    { code: 'content-long', field: 'content', params: { max: 4000, n: 4001 } },
    { code: 'name-missing', field: 'name' },
    { code: 'email-invalid', field: 'email' },
    { code: 'phone-invalid', field: 'phone' },
    { code: 'service-format', field: 'service' },
    { code: 'application-format', field: 'application' },
    { code: 'consent-missing', field: 'consent' },
  ]);
  assert.equal(said(r.problems, 'en').content, 'The content can be at most 4,000 characters long (it has 4,001).');
  assert.equal(said(r.problems).email, 'Địa chỉ thư điện tử không hợp lệ.');
  const none = checkPetition({ ...good, email: '', phone: '' }, { signedIn: false });
  assert.ok(!none.ok);
  assert.deepEqual(none.problems, [{ code: 'contact-missing', field: 'email' }]);
});

test('each petition problem has a status and a sentence in Vietnamese and in English', () => {
  assert.equal(PETITION_PROBLEMS.status['too-many-sends'], 429);
  assert.deepEqual(explain(PETITION_PROBLEMS, { code: 'application-not-yours', field: 'application', params: { code: 'X-1' } }), {
    status: 400,
    code: 'application-not-yours',
    field: 'application',
    message: 'Không có hồ sơ mã "X-1" trong các hồ sơ của bạn.',
  });
  assert.deepEqual(problemTableGaps(PETITION_PROBLEMS, { code: 'X', max: 1, n: 2 }), []);
});

test('tracking matches the email whatever its case, and the phone whatever its spacing or +84', () => {
  const p = { senderEmail: 'mai@example.vn', senderPhone: '0912345678' };
  assert.ok(contactMatches(p, ' MAI@example.vn '));
  assert.ok(contactMatches(p, '+84 912 345 678'));
  assert.ok(contactMatches(p, '0912.345.678'));
  assert.ok(!contactMatches(p, 'an@example.vn'));
  assert.ok(!contactMatches(p, '0912345679'));
  assert.ok(!contactMatches(p, ''));
  assert.ok(!contactMatches({ senderEmail: null, senderPhone: null }, '0912345678'));
  assert.equal(normalizePhone('84912345678'), '0912345678');
});

test('answers and handling days are checked', () => {
  assert.ok(!checkAnswer(' ').ok);
  assert.ok(!checkAnswer('a'.repeat(10_001)).ok);
  assert.deepEqual(checkAnswer('  Đã xử lý. '), { ok: true, value: 'Đã xử lý.' });
  assert.deepEqual(checkHandlingDays('15'), { ok: true, value: 15 });
  for (const bad of ['0', '61', '-1', '3.5', '', 'mười']) assert.ok(!checkHandlingDays(bad).ok, bad);
});

test("an agency's officers answer its petitions; an administrator answers those of the agency it is attached to", () => {
  const actor = (role: Actor['role'], agencyCode: string | null, agencies: string[]): Actor => ({ id: 'x', username: 'x', fullName: 'X', role, agencyCode, agencies: new Set(agencies) });
  const officer = actor('officer', 'SYT', ['SYT']);
  const admin = actor('admin', 'TINH', ['TINH', 'SYT']);
  assert.ok(mayAnswer(officer, 'SYT'));
  assert.ok(!mayAnswer(officer, 'STP'));
  assert.ok(mayAnswer(admin, 'TINH'));
  assert.ok(!mayAnswer(admin, 'SYT'), 'the department answers its own');
  assert.ok(!mayAnswer(actor('manager', 'TINH', ['TINH']), 'TINH'));
  assert.ok(!mayAnswer(actor('citizen', null, []), 'TINH'));
  assert.ok(!mayAnswer(undefined, 'TINH'));
  assert.ok(maySetDeadline(admin, 'SYT'));
  assert.ok(!maySetDeadline(officer, 'SYT'));
});
