// S1: what an account takes from an identity provider's claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personFromClaims, usernameBase, usernameCandidate } from './oidc-claims.ts';

const ISS = 'https://sso.example.vn';
const TODAY = new Date('2026-06-01T00:00:00Z');

describe('claims of an identity provider', () => {
  test('the standard claims and a CCCD claim become the person, with the phone in domestic form', () => {
    const p = personFromClaims(
      ISS,
      { sub: 'abc', name: 'Đỗ Thị Hạnh', email: 'hanh@example.vn', email_verified: true, phone_number: '+84 912 000 111', birthdate: '1992-03-15', id_number: '079192000111' },
      TODAY,
    );
    assert.deepEqual(p, { issuer: ISS, subject: 'abc', fullName: 'Đỗ Thị Hạnh', email: 'hanh@example.vn', phone: '0912000111', dateOfBirth: '1992-03-15', idNumber: '079192000111' });
  });

  test('an email the provider did not verify is not used at all', () => {
    for (const email_verified of [false, undefined, 'false', 1]) {
      assert.equal(personFromClaims(ISS, { sub: 'a', email: 'x@example.vn', email_verified }, TODAY).email, null);
    }
    assert.equal(personFromClaims(ISS, { sub: 'a', email: 'x@example.vn', email_verified: 'true' }, TODAY).email, 'x@example.vn');
  });

  test('a name may come in parts, family name first; with none a neutral name is used', () => {
    assert.equal(personFromClaims(ISS, { sub: 'a', family_name: 'Nguyễn', middle_name: 'Văn', given_name: 'An' }, TODAY).fullName, 'Nguyễn Văn An');
    assert.equal(personFromClaims(ISS, { sub: 'a' }, TODAY).fullName, 'Người dùng định danh điện tử');
  });

  test('malformed values are dropped: a partial or future birthdate, a bad phone, a CCCD that contradicts the birth year', () => {
    const p = personFromClaims(ISS, { sub: 'a', birthdate: '0000-03-15', phone_number: '12345', cccd: '079195000111' }, TODAY);
    assert.deepEqual([p.dateOfBirth, p.phone], [null, null]);
    assert.equal(p.idNumber, '079195000111', 'the cccd claim is read too');
    assert.equal(personFromClaims(ISS, { sub: 'a', birthdate: '2030-01-01' }, TODAY).dateOfBirth, null);
    assert.equal(personFromClaims(ISS, { sub: 'a', birthdate: '1992-02-30' }, TODAY).dateOfBirth, null);
    assert.equal(personFromClaims(ISS, { sub: 'a', birthdate: '1990-01-01', id_number: '079192000111' }, TODAY).idNumber, null);
  });

  test('no subject, no person', () => {
    assert.throws(() => personFromClaims(ISS, { name: 'X' }, TODAY));
  });

  test('a username comes from the name without diacritics, never from the CCCD or email', () => {
    assert.equal(usernameBase('Đỗ Thị Hạnh'), 'do.thi.hanh');
    assert.equal(usernameBase('Nguyễn   Văn-An'), 'nguyen.van.an');
    assert.equal(usernameBase('李'), 'congdan');
    assert.equal(usernameBase('Tôn Nữ Thị Hoàng Phương Thảo Nguyễn Ngọc Lan'), 'ton.nu.thi.hoang.phuong.thao.ngu');
    assert.deepEqual([1, 2, 3].map((n) => usernameCandidate('do.thi.hanh', n)), ['do.thi.hanh', 'do.thi.hanh2', 'do.thi.hanh3']);
  });
});
