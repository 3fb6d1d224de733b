// Every setting of dvctt, typed, read from the environment and checked before anything starts.
// A wrong value stops the start with one line naming the setting and the reason.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export interface PortalIdentity {
  /** Full name of the agency that runs the portal (Art. 16: header and footer). */
  agencyName: string;
  portalName: string;
  responsiblePerson: string;
  address: string;
  phone: string;
  email: string;
  /** Address for citizens' feedback (Art. 11.2g). */
  feedbackEmail: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  tls: { certFile: string; keyFile: string } | undefined;
  smtpUrl: string | undefined;
  smsGatewayUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo data on the first start of an empty database. */
  demoData: boolean;
  /** Trust X-Forwarded-* headers from a TLS-terminating proxy. */
  trustProxy: boolean;
  dbPoolSize: number;
  portal: PortalIdentity;
  /** Sign-in through a national identity provider (OpenID Connect, S1); off when not configured. */
  oidc: OidcSettings | undefined;
}

export interface OidcSettings {
  /** The provider's Issuer Identifier, exactly as its discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button. */
  name: string;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Cấu hình không hợp lệ — ${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The settings dvctt reads. Any other variable starting with DVCTT_ is a mistake we report. */
const PORTAL_SETTINGS = {
  DVCTT_AGENCY_NAME: 'agencyName',
  DVCTT_PORTAL_NAME: 'portalName',
  DVCTT_RESPONSIBLE_PERSON: 'responsiblePerson',
  DVCTT_ADDRESS: 'address',
  DVCTT_PHONE: 'phone',
  DVCTT_EMAIL: 'email',
  DVCTT_FEEDBACK_EMAIL: 'feedbackEmail',
} as const satisfies Record<string, keyof PortalIdentity>;

const OTHER_DVCTT_SETTINGS = [
  'DVCTT_LOG_LEVEL',
  'DVCTT_DEMO_DATA',
  'DVCTT_TRUST_PROXY',
  'DVCTT_DB_POOL_SIZE',
  'DVCTT_OIDC_ISSUER',
  'DVCTT_OIDC_CLIENT_ID',
  'DVCTT_OIDC_CLIENT_SECRET',
  'DVCTT_OIDC_NAME',
];

export const DEFAULT_OIDC_NAME = 'Tài khoản định danh điện tử (VNeID)';

export const DEMO_PORTAL: PortalIdentity = {
  agencyName: 'Ủy ban nhân dân tỉnh Khánh Hòa',
  portalName: 'Cổng Dịch vụ công tỉnh Khánh Hòa',
  responsiblePerson: 'Giám đốc Trung tâm Phục vụ hành chính công tỉnh',
  address: 'Số 1 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa',
  phone: '0258 3 822 000',
  email: 'dichvucong@khanhhoa.gov.vn',
  feedbackEmail: 'gopy.dichvucong@khanhhoa.gov.vn',
};

type Env = Record<string, string | undefined>;

function parsePort(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" không phải số cổng; cần một số nguyên từ 1 đến 65535.`);
  const n = Number(raw);
  if (n < 1 || n > 65535) throw new ConfigError(name, `${raw} nằm ngoài khoảng 1–65535.`);
  return n;
}

function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `"${raw}" không hợp lệ; dùng true hoặc false.`);
}

function parseUrl(name: string, raw: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${redact(raw)}" không phải một địa chỉ URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `giao thức "${url.protocol}" không được hỗ trợ; cần ${protocols.map((p) => p + '//').join(' hoặc ')}.`);
  }
  return raw;
}

/** Hide a password in a URL before it reaches a message or a log line. */
export function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function readableFile(name: string, file: string): string {
  if (!existsSync(file)) throw new ConfigError(name, `không tìm thấy tệp "${file}".`);
  if (!statSync(file).isFile()) throw new ConfigError(name, `"${file}" không phải là tệp.`);
  return path.resolve(file);
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The issuer, client id and secret come together or not at all; http only on this machine. */
function parseOidc(env: Env): OidcSettings | undefined {
  const values = {
    DVCTT_OIDC_ISSUER: env.DVCTT_OIDC_ISSUER?.trim() ?? '',
    DVCTT_OIDC_CLIENT_ID: env.DVCTT_OIDC_CLIENT_ID?.trim() ?? '',
    DVCTT_OIDC_CLIENT_SECRET: env.DVCTT_OIDC_CLIENT_SECRET ?? '',
  };
  const given = Object.entries(values).filter(([, v]) => v !== '');
  const name = env.DVCTT_OIDC_NAME?.trim();
  if (given.length === 0) {
    if (name) throw new ConfigError('DVCTT_OIDC_NAME', 'chỉ dùng khi đã đặt DVCTT_OIDC_ISSUER, DVCTT_OIDC_CLIENT_ID và DVCTT_OIDC_CLIENT_SECRET.');
    return undefined;
  }
  const missing = Object.keys(values).filter((k) => values[k as keyof typeof values] === '');
  if (missing.length) {
    throw new ConfigError(missing[0]!, `đăng nhập qua nhà cung cấp định danh cần đủ ba thiết lập DVCTT_OIDC_ISSUER, DVCTT_OIDC_CLIENT_ID và DVCTT_OIDC_CLIENT_SECRET; còn thiếu ${missing.join(', ')}.`);
  }
  const issuer = parseUrl('DVCTT_OIDC_ISSUER', values.DVCTT_OIDC_ISSUER, ['https:', 'http:']);
  const url = new URL(issuer);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
    throw new ConfigError(
      'DVCTT_OIDC_ISSUER',
      `"${redact(issuer)}" dùng http://; mã ủy quyền và thông tin cá nhân không được đi qua kết nối không mã hóa, nên http:// chỉ được phép với máy này (localhost, 127.0.0.1, [::1]) khi thử nghiệm — hãy dùng https://.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('DVCTT_OIDC_ISSUER', `"${redact(issuer)}" không phải Issuer Identifier: không được có tham số truy vấn (?), phân đoạn (#) hay thông tin đăng nhập.`);
  }
  return { issuer, clientId: values.DVCTT_OIDC_CLIENT_ID, clientSecret: values.DVCTT_OIDC_CLIENT_SECRET, name: name || DEFAULT_OIDC_NAME };
}

export function loadConfig(env: Env = process.env): Config {
  for (const key of Object.keys(env)) {
    if (key.startsWith('DVCTT_') && !(key in PORTAL_SETTINGS) && !OTHER_DVCTT_SETTINGS.includes(key)) {
      throw new ConfigError(key, 'thiết lập này không tồn tại (xem README, mục Cấu hình).');
    }
  }
  const port = env.PORT ? parsePort('PORT', env.PORT) : 3000;
  const host = env.HOST || '::';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL ? parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined;

  let tls: Config['tls'];
  if (env.TLS_CERT_FILE || env.TLS_KEY_FILE) {
    if (!env.TLS_CERT_FILE) throw new ConfigError('TLS_CERT_FILE', 'cần có cùng TLS_KEY_FILE để phục vụ HTTPS.');
    if (!env.TLS_KEY_FILE) throw new ConfigError('TLS_KEY_FILE', 'cần có cùng TLS_CERT_FILE để phục vụ HTTPS.');
    tls = {
      certFile: readableFile('TLS_CERT_FILE', env.TLS_CERT_FILE),
      keyFile: readableFile('TLS_KEY_FILE', env.TLS_KEY_FILE),
    };
  }
  const scheme = tls ? 'https' : 'http';
  const publicUrl = env.PUBLIC_URL
    ? parseUrl('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']).replace(/\/+$/, '')
    : `${scheme}://localhost:${port}`;

  const logLevel = (env.DVCTT_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('DVCTT_LOG_LEVEL', `"${logLevel}" không hợp lệ; dùng fatal, error, warn, info, debug, trace hoặc silent.`);
  }
  let dbPoolSize = 10;
  if (env.DVCTT_DB_POOL_SIZE) {
    dbPoolSize = Number(env.DVCTT_DB_POOL_SIZE);
    if (!Number.isInteger(dbPoolSize) || dbPoolSize < 1 || dbPoolSize > 500) {
      throw new ConfigError('DVCTT_DB_POOL_SIZE', `"${env.DVCTT_DB_POOL_SIZE}" không hợp lệ; cần số nguyên 1–500.`);
    }
  }

  const portal = { ...DEMO_PORTAL };
  for (const [key, field] of Object.entries(PORTAL_SETTINGS)) {
    const value = env[key]?.trim();
    if (value) portal[field] = value;
  }
  for (const key of ['DVCTT_EMAIL', 'DVCTT_FEEDBACK_EMAIL'] as const) {
    const value = env[key];
    if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new ConfigError(key, `"${value}" không phải địa chỉ email.`);
  }

  return {
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl,
    tls,
    smtpUrl: env.SMTP_URL ? parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
    smsGatewayUrl: env.SMS_GATEWAY_URL ? parseUrl('SMS_GATEWAY_URL', env.SMS_GATEWAY_URL, ['http:', 'https:']) : undefined,
    logLevel,
    demoData: parseBool('DVCTT_DEMO_DATA', env.DVCTT_DEMO_DATA, true),
    trustProxy: parseBool('DVCTT_TRUST_PROXY', env.DVCTT_TRUST_PROXY, false),
    dbPoolSize,
    portal,
    oidc: parseOidc(env),
  };
}
