import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Decode, base32Encode, groupSecret, hotp, matchTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, normalizeTotp, otpauthUri, totpCode, totpStep } from './totp.ts';

// The RFCs' shared secret: the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('one-time passwords (RFC 4226, RFC 6238)', () => {
  test('HOTP gives the ten values of RFC 4226 Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    assert.deepEqual(expected.map((_, counter) => hotp(RFC_KEY, counter)), expected);
  });

  test('TOTP with SHA-1 gives the eight-digit codes of RFC 6238 Appendix B, and their last six digits as six-digit codes', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1_111_111_109, '07081804'],
      [1_111_111_111, '14050471'],
      [1_234_567_890, '89005924'],
      [2_000_000_000, '69279037'],
      [20_000_000_000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      assert.equal(totpCode(RFC_SECRET, seconds * 1000, 8), code, `T = ${seconds}`);
      assert.equal(totpCode(RFC_SECRET, seconds * 1000), code.slice(2), `T = ${seconds}, 6 digits`);
    }
    assert.equal(totpStep(59_000), 1);
  });

  test('base32 round-trips the RFC secret and reads it in lower case, with spaces and padding', () => {
    assert.equal(RFC_SECRET, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq=='), RFC_KEY);
    assert.equal(base32Decode('GEZD1'), undefined, '1 is not base32');
    assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
    assert.match(newTotpSecret(), /^[A-Z2-7]{32}$/);
  });

  test('a code is accepted one step early or late, not two; typed with a space it still counts', () => {
    const at = 1_234_567_890_000;
    const step = totpStep(at);
    assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at), at, null), step);
    assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at - 30_000), at, null), step - 1);
    assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at, null), step + 1);
    assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at - 60_000), at, null), undefined);
    assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at + 60_000), at, null), undefined);
    const code = totpCode(RFC_SECRET, at);
    assert.equal(matchTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at, null), step);
    assert.equal(matchTotp(RFC_SECRET, '12345', at, null), undefined);
    assert.equal(matchTotp(RFC_SECRET, 'abcdef', at, null), undefined);
    assert.equal(normalizeTotp('1234567'), undefined);
  });

  test('a code of a step already used, or of an earlier one, is refused (no replay)', () => {
    const at = 1_234_567_890_000;
    const step = totpStep(at);
    const code = totpCode(RFC_SECRET, at);
    assert.equal(matchTotp(RFC_SECRET, code, at, step), undefined);
    assert.equal(matchTotp(RFC_SECRET, code, at, step + 1), undefined);
    assert.equal(matchTotp(RFC_SECRET, code, at, step - 1), step);
  });

  test('the otpauth URI names the portal and the account and carries the secret and parameters', () => {
    const uri = otpauthUri({ issuer: 'Cổng DVC Khánh Hòa', account: 'canbo.tnmt', secret: RFC_SECRET });
    assert.match(uri, /^otpauth:\/\/totp\/C%E1%BB%95ng%20DVC%20Kh%C3%A1nh%20H%C3%B2a:canbo\.tnmt\?/);
    const params = new URL(uri).searchParams;
    assert.equal(params.get('secret'), RFC_SECRET);
    assert.equal(params.get('issuer'), 'Cổng DVC Khánh Hòa');
    assert.equal(params.get('digits'), '6');
    assert.equal(params.get('period'), '30');
    assert.equal(params.get('algorithm'), 'SHA1');
  });

  test('ten different recovery codes, read back however they are typed', () => {
    const codes = newRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) assert.match(c, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    assert.equal(normalizeRecoveryCode(' ABCDE FGHIJ '), 'abcde-fghij');
    assert.equal(normalizeRecoveryCode('abcde-fghi'), undefined);
    assert.equal(normalizeRecoveryCode('123456'), undefined);
  });
});
