// S1: the identity provider's settings (DVCTT_OIDC_*), checked before anything starts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, DEFAULT_OIDC_NAME, loadConfig } from '../config.ts';

const FULL = { DVCTT_OIDC_ISSUER: 'https://sso.dichvucong.gov.vn', DVCTT_OIDC_CLIENT_ID: 'cong-khanh-hoa', DVCTT_OIDC_CLIENT_SECRET: 'bi-mat' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.doesNotMatch(err.message, /\n/, 'one line');
    return err;
  }
  assert.fail('expected the configuration to be refused');
}

describe('identity provider settings', () => {
  test('with none of DVCTT_OIDC_* set, sign-in through a provider is off', () => {
    assert.equal(loadConfig({}).oidc, undefined);
  });

  test('issuer, client id and secret together turn it on, with the VNeID button label by default', () => {
    assert.deepEqual(loadConfig(FULL).oidc, { issuer: 'https://sso.dichvucong.gov.vn', clientId: 'cong-khanh-hoa', clientSecret: 'bi-mat', name: DEFAULT_OIDC_NAME });
    assert.equal(DEFAULT_OIDC_NAME, 'Tài khoản định danh điện tử (VNeID)');
    assert.equal(loadConfig({ ...FULL, DVCTT_OIDC_NAME: ' Cổng định danh tỉnh ' }).oidc?.name, 'Cổng định danh tỉnh');
  });

  test('any one or two of the three stop the start, naming what is missing', () => {
    for (const missing of Object.keys(FULL)) {
      const env = Object.fromEntries(Object.entries(FULL).filter(([k]) => k !== missing));
      const err = configError(env);
      assert.equal(err.setting, missing);
      assert.match(err.message, /cần đủ ba thiết lập DVCTT_OIDC_ISSUER, DVCTT_OIDC_CLIENT_ID và DVCTT_OIDC_CLIENT_SECRET; còn thiếu/);
    }
    assert.match(configError({ DVCTT_OIDC_CLIENT_ID: 'x' }).message, /còn thiếu DVCTT_OIDC_ISSUER, DVCTT_OIDC_CLIENT_SECRET\./);
  });

  test('a button label without a provider is refused', () => {
    assert.equal(configError({ DVCTT_OIDC_NAME: 'VNeID' }).setting, 'DVCTT_OIDC_NAME');
  });

  test('an http issuer is accepted only on this machine, and the refusal says why', () => {
    for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000/oidc', 'http://[::1]:4000']) {
      assert.equal(loadConfig({ ...FULL, DVCTT_OIDC_ISSUER: issuer }).oidc?.issuer, issuer);
    }
    const err = configError({ ...FULL, DVCTT_OIDC_ISSUER: 'http://sso.dichvucong.gov.vn' });
    assert.equal(err.setting, 'DVCTT_OIDC_ISSUER');
    assert.match(err.message, /không được đi qua kết nối không mã hóa/);
    assert.match(err.message, /localhost, 127\.0\.0\.1, \[::1\]/);
    assert.match(err.message, /hãy dùng https:\/\//);
  });

  test('an issuer that is not an https URL, or carries a query, is refused', () => {
    assert.match(configError({ ...FULL, DVCTT_OIDC_ISSUER: 'sso.dichvucong.gov.vn' }).message, /không phải một địa chỉ URL/);
    assert.match(configError({ ...FULL, DVCTT_OIDC_ISSUER: 'ftp://sso.dichvucong.gov.vn' }).message, /giao thức "ftp:"/);
    assert.match(configError({ ...FULL, DVCTT_OIDC_ISSUER: 'https://sso.dichvucong.gov.vn/?tenant=1' }).message, /không phải Issuer Identifier/);
  });

  test('a mistyped DVCTT_OIDC_ setting is still an unknown setting', () => {
    assert.equal(configError({ ...FULL, DVCTT_OIDC_SECRET: 'x' }).setting, 'DVCTT_OIDC_SECRET');
  });
});
