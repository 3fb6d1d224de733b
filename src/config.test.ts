import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, KNOWN_DVCTT_SETTINGS, loadConfig } from './config.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the configuration to be refused');
}

describe('settings from the environment', () => {
  test('with no settings the portal listens on [::]:3000 and keeps data in ./data on the embedded database', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '::');
    assert.equal(c.dataDir, path.resolve('data'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.tls, undefined);
    assert.equal(c.publicUrl, 'http://localhost:3000');
    assert.match(c.portal.agencyName, /Ủy ban nhân dân/);
  });

  test('PORT=abc is refused with a Vietnamese line naming PORT', () => {
    const err = configError({ PORT: 'abc' });
    assert.equal(err.setting, 'PORT');
    assert.match(err.message, /PORT: "abc" không phải số cổng/);
  });

  test('a port outside 1–65535 is refused', () => {
    assert.equal(configError({ PORT: '70000' }).setting, 'PORT');
    assert.equal(configError({ PORT: '0' }).setting, 'PORT');
  });

  test('a DATABASE_URL that is not a PostgreSQL URL is refused without echoing its password', () => {
    const err = configError({ DATABASE_URL: 'mysql://u:secret@db/x' });
    assert.equal(err.setting, 'DATABASE_URL');
    assert.doesNotMatch(err.message, /secret/);
    assert.equal(configError({ DATABASE_URL: 'not a url' }).setting, 'DATABASE_URL');
  });

  test('a TLS certificate without its key, or a key file that does not exist, is refused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-cfg-'));
    const cert = path.join(dir, 'cert.pem');
    writeFileSync(cert, 'x');
    assert.equal(configError({ TLS_CERT_FILE: cert }).setting, 'TLS_KEY_FILE');
    const err = configError({ TLS_CERT_FILE: cert, TLS_KEY_FILE: path.join(dir, 'missing.pem') });
    assert.equal(err.setting, 'TLS_KEY_FILE');
    assert.match(err.message, /không tìm thấy tệp/);
  });

  test('with TLS files the public address defaults to https', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-cfg-'));
    for (const f of ['c.pem', 'k.pem']) writeFileSync(path.join(dir, f), 'x');
    const c = loadConfig({ TLS_CERT_FILE: path.join(dir, 'c.pem'), TLS_KEY_FILE: path.join(dir, 'k.pem'), PORT: '8443' });
    assert.equal(c.publicUrl, 'https://localhost:8443');
  });

  test('an unknown DVCTT_ setting is refused, other variables are ignored', () => {
    assert.equal(configError({ DVCTT_AGENCY_NAM: 'x' }).setting, 'DVCTT_AGENCY_NAM');
    assert.doesNotThrow(() => loadConfig({ PATH: '/bin', HOME: '/root' }));
  });

  test('the agency shown in header and footer comes from configuration', () => {
    const c = loadConfig({ DVCTT_AGENCY_NAME: 'Bộ Y tế', DVCTT_EMAIL: 'dvc@moh.gov.vn' });
    assert.equal(c.portal.agencyName, 'Bộ Y tế');
    assert.equal(c.portal.email, 'dvc@moh.gov.vn');
    assert.equal(configError({ DVCTT_FEEDBACK_EMAIL: 'not-an-email' }).setting, 'DVCTT_FEEDBACK_EMAIL');
  });

  test('invalid SMTP_URL, SMS_GATEWAY_URL, PUBLIC_URL and boolean switches are refused', () => {
    assert.equal(configError({ SMTP_URL: 'http://mail' }).setting, 'SMTP_URL');
    assert.equal(configError({ SMS_GATEWAY_URL: 'ftp://sms' }).setting, 'SMS_GATEWAY_URL');
    assert.equal(configError({ PUBLIC_URL: 'dichvucong' }).setting, 'PUBLIC_URL');
    assert.equal(configError({ DVCTT_DEMO_DATA: 'maybe' }).setting, 'DVCTT_DEMO_DATA');
  });

  test('deliveries of a dead instance are freed after DVCTT_DELIVERY_STALE_SECONDS, 60 by default, at least 2', () => {
    assert.equal(loadConfig({}).delivery.staleAfterSeconds, 60);
    assert.equal(loadConfig({ DVCTT_DELIVERY_STALE_SECONDS: '5' }).delivery.staleAfterSeconds, 5);
    assert.equal(configError({ DVCTT_DELIVERY_STALE_SECONDS: '1' }).message, 'Cấu hình không hợp lệ — DVCTT_DELIVERY_STALE_SECONDS: "1" không hợp lệ; cần số nguyên 2–3600.');
  });
});

describe('object storage settings', () => {
  test('files stay under DATA_DIR unless a bucket is named; a bucket with its keys turns S3 on', () => {
    assert.equal(loadConfig({}).objectStore, undefined);
    const c = loadConfig({ DVCTT_S3_BUCKET: 'dvctt-ho-so', DVCTT_S3_ENDPOINT: 'https://s3.tinh.gov.vn', DVCTT_S3_ACCESS_KEY: 'AK', DVCTT_S3_SECRET_KEY: 'SK' });
    assert.deepEqual(c.objectStore, { endpoint: 'https://s3.tinh.gov.vn', region: 'us-east-1', bucket: 'dvctt-ho-so', accessKeyId: 'AK', secretAccessKey: 'SK', forcePathStyle: true, prefix: '' });
  });

  test('a bucket without keys, keys without a bucket, or a bad bucket name are refused', () => {
    assert.match(configError({ DVCTT_S3_BUCKET: 'dvctt' }).message, /DVCTT_S3_ACCESS_KEY: cần khóa truy cập/);
    assert.match(configError({ DVCTT_S3_ACCESS_KEY: 'AK' }).message, /DVCTT_S3_ACCESS_KEY: chỉ dùng khi đã đặt DVCTT_S3_BUCKET/);
    assert.match(configError({ DVCTT_S3_BUCKET: 'Ho_So', DVCTT_S3_ACCESS_KEY: 'AK', DVCTT_S3_SECRET_KEY: 'SK' }).message, /không phải tên bucket hợp lệ/);
  });
});

test('the README names every DVCTT_* setting the portal reads, and no setting it does not', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  for (const name of KNOWN_DVCTT_SETTINGS) assert.ok(readme.includes(`\`${name}\``), `README is missing ${name}`);
  for (const name of new Set(readme.match(/DVCTT_[A-Z0-9_]+/g) ?? [])) {
    // A group written as DVCTT_PAYMENT_* names the settings that begin so.
    const group = name.endsWith('_') && KNOWN_DVCTT_SETTINGS.some((known) => known.startsWith(name));
    assert.ok(KNOWN_DVCTT_SETTINGS.includes(name) || group, `README names ${name}, which the portal does not read`);
  }
});
