import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, cccdCheck, parseDate, passwordCheck, showDate, signInSource, signInWaitSeconds, type Actor } from './model.ts';
import { cccdProblem, identityText, passwordProblem, phoneProblem, taxCodeProblem, usernameProblem } from './problems.ts';

const actor = (role: Actor['role'], agencies: string[] = [], id = `u-${role}`): Actor => ({
  id,
  username: id,
  fullName: id,
  role,
  agencyCode: agencies[0] ?? null,
  agencies: new Set(agencies),
});

describe('who may do what (S5)', () => {
  const citizen = actor('citizen', [], 'c1');
  const officerA = actor('officer', ['A']);
  const adminTree = actor('admin', ['P', 'A', 'B']);
  const manager = actor('manager', ['P', 'A', 'B']);

  test('an officer of agency A reads and processes A’s applications, never B’s', () => {
    assert.ok(can(officerA, 'application.read', { agencyCode: 'A', ownerId: 'c1' }));
    assert.ok(can(officerA, 'application.process', { agencyCode: 'A' }));
    assert.ok(!can(officerA, 'application.read', { agencyCode: 'B', ownerId: 'c1' }));
    assert.ok(!can(officerA, 'application.process', { agencyCode: 'B' }));
    assert.ok(!can(officerA, 'personal-data.read', { agencyCode: 'B', ownerId: 'c1' }));
  });

  test('a citizen reads their own applications and profile only', () => {
    assert.ok(can(citizen, 'application.read', { ownerId: 'c1', agencyCode: 'A' }));
    assert.ok(!can(citizen, 'application.read', { ownerId: 'c2', agencyCode: 'A' }));
    assert.ok(can(citizen, 'profile.update', { ownerId: 'c1' }));
    assert.ok(!can(citizen, 'profile.read', { ownerId: 'c2' }));
    assert.ok(!can(citizen, 'application.process', { agencyCode: 'A' }));
  });

  test('an administrator manages staff of its tree only; a manager only reads figures', () => {
    assert.ok(can(adminTree, 'staff.manage', { agencyCode: 'B' }));
    assert.ok(!can(adminTree, 'staff.manage', { agencyCode: 'Q' }));
    assert.ok(can(manager, 'statistics.read', { agencyCode: 'A' }));
    assert.ok(!can(manager, 'statistics.read', { agencyCode: 'Q' }));
    assert.ok(!can(manager, 'staff.manage', { agencyCode: 'A' }));
    assert.ok(!can(manager, 'application.read', { agencyCode: 'A' }));
  });

  test('nobody signed in may do anything', () => {
    assert.ok(!can(undefined, 'profile.read', { ownerId: 'c1' }));
  });
});

describe('input rules', () => {
  test('a CCCD number has 12 digits, a real province code and agrees with the birth year', () => {
    assert.equal(cccdProblem('001203012345'), undefined);
    assert.equal(cccdProblem('001203012345', '2003-05-01'), undefined);
    assert.equal(cccdProblem('079090012345', '1990-12-31'), undefined);
    assert.match(cccdProblem('12345')!, /12 chữ số/);
    assert.match(cccdProblem('003203012345')!, /mã tỉnh "003"/);
    assert.match(cccdProblem('001203012345', '1998-01-01')!, /năm sinh 2003/);
    assert.deepEqual(cccdCheck('003203012345'), { code: 'CCCD_PROVINCE', params: { province: '003' } }, 'the rule answers with a code');
  });

  test('a rule’s problem reads in the page’s language', () => {
    const short = passwordCheck('ngan1')!;
    assert.equal(short.code, 'PASSWORD_TOO_SHORT');
    assert.equal(identityText(short, 'vi'), 'Mật khẩu cần ít nhất 12 ký tự.');
    assert.equal(identityText(short, 'en'), 'The password needs at least 12 characters.');
  });

  test('new passwords need 12 characters and variety and must not contain the username', () => {
    assert.equal(passwordProblem('Mat-khau-2026', 'an.nguyen'), undefined);
    assert.equal(passwordProblem('Mat-khau-202'), undefined, '12 characters are enough');
    assert.equal(passwordProblem('Mat-khau-20'), 'Mật khẩu cần ít nhất 12 ký tự.', '11 are not');
    assert.match(passwordProblem('ngan1')!, /ít nhất 12/);
    assert.match(passwordProblem('123456789012')!, /cả chữ và số/);
    assert.match(passwordProblem('an.nguyen2026!', 'an.nguyen')!, /không được chứa tên đăng nhập/);
  });

  test('a username needs a letter, so it can never be somebody’s phone number', () => {
    assert.equal(usernameProblem('an.nguyen'), undefined);
    assert.equal(usernameProblem('an2026'), undefined);
    for (const phoneLike of ['0912345678', '0912.345.678', '84912345678', '0912-345-678', '079192000111']) {
      assert.match(usernameProblem(phoneLike)!, /ít nhất một chữ cái/, phoneLike);
    }
    assert.match(usernameProblem('an@example.vn')!, /3–40 ký tự/);
  });

  test('phone numbers are Vietnamese mobile numbers', () => {
    assert.equal(phoneProblem('0912 345 678'), undefined);
    assert.equal(phoneProblem('+84912345678'), undefined);
    assert.ok(phoneProblem('0212345678'));
  });

  test('dates are read as the portal reads a typed day (web/format.ts) and shown as dd/mm/yyyy', () => {
    assert.equal(parseDate('20/05/1990'), '1990-05-20');
    assert.equal(parseDate('20.05.1990'), undefined);
    assert.equal(showDate('1990-05-20'), '20/05/1990');
    assert.equal(showDate('hôm qua'), 'hôm qua');
  });

  test('a tax code carries its check digit; a branch adds three digits', () => {
    assert.equal(taxCodeProblem('0100107518'), undefined);
    assert.equal(taxCodeProblem('0100107518-001'), undefined);
    assert.match(taxCodeProblem('0100107519')!, /chữ số kiểm tra/);
    assert.match(taxCodeProblem('12345')!, /10 chữ số/);
  });

  test('failed sign-ins past the free ones make the next attempt wait 1 s, 2 s, 4 s … at most 5 minutes; nothing locks', () => {
    assert.deepEqual([4, 5, 6, 7, 8].map((n) => signInWaitSeconds(n, 5)), [0, 0, 1, 2, 4]);
    assert.equal(signInWaitSeconds(40, 5), 300);
  });

  test('a sign-in source is the IPv4 address, or the /64 of an IPv6 address', () => {
    // Each address and the source its sign-ins are counted under.
    const sources = {
      '203.0.113.7': '203.0.113.7',
      '::ffff:203.0.113.7': '203.0.113.7',
      '2001:db8:a:b::1': '2001:db8:a:b::/64',
      '2001:0db8:000a:000b:ffff:1:2:3': '2001:db8:a:b::/64',
      '2001:db8::5': '2001:db8:0:0::/64',
      '::1': '0:0:0:0::/64',
    };
    assert.deepEqual(Object.fromEntries(Object.keys(sources).map((ip) => [ip, signInSource(ip)])), sources);
  });
});
