import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTemplate, EVENT_NAMES, eventOfStatus, gsmLength, msisdn, render, signWebhook, smsText, templateProblems, verifyWebhook, withoutDiacritics } from './model.ts';
import { explain, type Problem } from '../web/problem.ts';
import { NOTIFICATION_PROBLEMS, type NotificationProblem } from './problems.ts';

test('Vietnamese loses its marks for a GSM SMS, đ included', () => {
  assert.equal(withoutDiacritics('Hồ sơ đã được tiếp nhận — Sở Y tế tỉnh Khánh Hòa'), 'Ho so da duoc tiep nhan — So Y te tinh Khanh Hoa');
  assert.equal(withoutDiacritics('ĐƯỜNG Đắk Lắk'), 'DUONG Dak Lak');
});

test('an SMS that cannot fit 70 characters with marks goes without them, within 160, keeping its id', () => {
  const long = 'Thông tin của quý khách đã được tiếp nhận. Hồ sơ 000.00.12.H34-260115-0001 gửi Sở Y tế tỉnh Khánh Hòa lúc 09:15:00 15/1/2026. Hạn: 30/01/2026.';
  const sms = smsText(long, 'DV42');
  assert.ok(gsmLength(sms) !== undefined, 'GSM alphabet only');
  assert.ok(gsmLength(sms)! <= 160);
  assert.match(sms, /^Thong tin cua quy khach da duoc tiep nhan\./);
  assert.match(sms, / Ma tin: DV42$/);
  const longer = smsText(`${long} Ghi chú: bổ sung bản sao văn bằng chuyên môn có chứng thực.`, 'DV42');
  assert.equal(gsmLength(longer), 160);
  assert.match(longer, /\.\.\. Ma tin: DV42$/, 'shortened visibly');
  assert.equal(smsText('Hồ sơ đã trả kết quả.', 'DV7'), 'Hồ sơ đã trả kết quả. Ma tin: DV7', 'short text keeps its marks');
});

test('templates: unknown variables and stray braces are refused, with the Vietnamese message', () => {
  assert.deepEqual(templateProblems('received', 'Hồ sơ {ma_ho_so}: {trang_thai}'), []);
  const say = (p: Problem<NotificationProblem> | undefined, locale: 'vi' | 'en' = 'vi') => explain(NOTIFICATION_PROBLEMS, p!, locale).message;
  assert.match(say(templateProblems('received', 'Xin chào {x} {x}')[0]), /^Biến \{x\} không tồn tại; dùng một trong: \{ho_ten\}/);
  assert.equal(templateProblems('received', 'Xin chào {x} {x}').length, 1, 'each unknown variable once');
  assert.match(say(templateProblems('received', 'Xin chào {x}')[0], 'en'), /^There is no variable \{x\}; use one of: \{ho_ten\}/);
  assert.match(say(templateProblems('received', 'Hồ sơ {ma_ho_so')[0]), /không khép đúng/);
  assert.match(say(templateProblems('password-reset', '{ma_ho_so}')[0]), /Biến \{ma_ho_so\} không tồn tại/);
  for (const e of EVENT_NAMES) for (const c of ['email', 'sms'] as const) for (const l of ['vi', 'en'] as const) {
    const t = defaultTemplate(e, c, l);
    assert.deepEqual(templateProblems(e, `${t.subject ?? ''} ${t.body}`), [], `default ${e}/${c}/${l}`);
  }
});

test('rendering drops lines left empty by empty variables, keeps paragraphs', () => {
  assert.equal(render('Kính gửi {ho_ten},\n\n{ghi_chu}\nXem: {duong_dan}', { ho_ten: 'An', ghi_chu: '', duong_dan: 'https://x/ho-so/1' }), 'Kính gửi An,\n\nXem: https://x/ho-so/1');
});

test('status codes map to events; phone numbers to 84…', () => {
  assert.equal(eventOfStatus(1), 'submitted');
  assert.equal(eventOfStatus(5), 'documents-requested');
  assert.equal(eventOfStatus(10), 'result-returned');
  assert.equal(msisdn('0912 345 678'), '84912345678');
  assert.equal(msisdn('+84912345678'), '84912345678');
  assert.equal(msisdn('0212345678'), undefined);
});

test('a webhook signature verifies with the secret and the timestamp, and nothing else', () => {
  const body = '{"id":"DV1"}';
  const now = 1_800_000_000_000;
  const sig = signWebhook('bi-mat', now / 1000, body);
  assert.ok(verifyWebhook('bi-mat', String(now / 1000), sig, body, now));
  assert.ok(!verifyWebhook('khac', String(now / 1000), sig, body, now));
  assert.ok(!verifyWebhook('bi-mat', String(now / 1000), sig, body + ' ', now));
  assert.ok(!verifyWebhook('bi-mat', String(now / 1000), sig, body, now + 600_000), 'too old: a replay');
});
