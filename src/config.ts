// Every setting of dvctt, typed, read from the environment and checked before anything starts.
// A wrong value stops the start with one line naming the setting and the reason.
import { EXCHANGE_SETTINGS, parseExchange, type ExchangeSettings } from './config-exchange.ts';
import { DATASOURCE_SETTINGS, parseDataSource, type DataSourceConfig } from './config-datasource.ts';
import { existsSync, statSync } from 'node:fs';
import { PAYMENT_SETTINGS, parsePayment, parsePaygov, type PaygovSettings, type PaymentSettings } from './config-payment.ts';
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
  /** Email, SMS and webhook delivery of notices (N1, N2). */
  delivery: DeliverySettings;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo data on the first start of an empty database. */
  demoData: boolean;
  /** Trust X-Forwarded-* headers from a TLS-terminating proxy: all (true), none, or these addresses/CIDR ranges. */
  trustProxy: boolean | string[];
  /** A second, plain-HTTP port whose only answer is a redirect to HTTPS (S2); only with TLS. */
  httpRedirectPort: number | undefined;
  dbPoolSize: number;
  portal: PortalIdentity;
  /** Sign-in through a national identity provider (OpenID Connect, S1), off when not configured; `citizenSignup` (DVCTT_CITIZEN_SIGNUP): citizens may also register with a password, by default only without a provider. */
  oidc: OidcSettings | undefined;
  citizenSignup: boolean;
  /** Online payment of fees through a VNPAY-2.1-style gateway (A7); bank transfer only when absent. */
  payment: PaymentSettings | undefined;
  /** Online payment through the national payment platform (PayGov style, A7); the payer chooses when both are set. */
  paygov: PaygovSettings | undefined;
  /** The account fees are transferred to, shown as a VietQR code (A7); none when absent. */
  transfer: TransferSettings | undefined;
  /** Where each agency's result-signing key pair is kept (DATA_DIR/signing-keys by default). */
  signingKeyDir: string;
  /** DVCTT_SIGNING_CERT_PASSWORD: the password of the PKCS#12 file `dvctt signing-cert import` reads; asked on the terminal when unset. */
  signingCertPassword: string | undefined;
  /** Uploaded files and results in an S3-compatible object store (P2, P6); DATA_DIR/files when absent. */
  objectStore: ObjectStoreSettings | undefined;
  /** Second factor and idle timeout of staff sessions (S1, S6). */
  sessions: SessionSettings;
  /**
   * DVCTT_SIGN_IN_SPRAY_LIMIT: failed sign-ins across the portal in 15 minutes, from browsers not
   * known to the account tried, before such sign-ins must wait (S1, ASVS 2.2.1).
   */
  signInSprayLimit: number;
  /** The national databases through the data integration platform (DVCTT_DATASOURCE_URL, _KEY; Art. 15.3); none when absent. */
  datasource: DataSourceConfig | undefined;
  /** The national portal exchange (DVCTT_EXCHANGE_URL, DVCTT_EXCHANGE_SECRET), and DVCTT_CITIZEN_PORTAL=false: back office only (A3, P3). */
  exchange: ExchangeSettings | undefined;
  citizenPortal: boolean;
}

export interface SessionSettings {
  /** DVCTT_STAFF_TOTP: 'required' sends staff without a second factor to set one up before anything else. */
  staffTotp: 'optional' | 'required';
  /** DVCTT_STAFF_IDLE_MINUTES: a staff session ends after this many minutes without a request. */
  staffIdleMinutes: number;
}

export interface ObjectStoreSettings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  prefix: string;
}

export interface OidcSettings {
  /** The provider's Issuer Identifier, exactly as its discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button. */
  name: string;
}

export interface DeliverySettings {
  /** The From of notice emails (DVCTT_MAIL_FROM); the portal's email by default. */
  mailFrom: string;
  /** The SMS operator's API key (DVCTT_SMS_API_KEY); required with SMS_GATEWAY_URL. */
  smsApiKey: string | undefined;
  /** The sender name (brandname) shown on the phone (DVCTT_SMS_SENDER). */
  smsSender: string;
  /** Deliveries this instance runs at once (DVCTT_WORKERS); 0 turns its worker off. */
  workers: number;
  /** Tries before a delivery is marked failed (DVCTT_DELIVERY_ATTEMPTS). */
  maxAttempts: number;
  /** Seconds of silence after which another instance frees a crashed one's deliveries (DVCTT_DELIVERY_STALE_SECONDS). */
  staleAfterSeconds: number;
  /** Webhooks may target private, loopback and link-local addresses (DVCTT_WEBHOOK_ALLOW_PRIVATE; tests, intranets). */
  webhookAllowPrivate: boolean;
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
  'DVCTT_HTTP_REDIRECT_PORT',
  'DVCTT_DB_POOL_SIZE',
  'DVCTT_MAIL_FROM',
  'DVCTT_SMS_API_KEY',
  'DVCTT_SMS_SENDER',
  'DVCTT_WORKERS',
  'DVCTT_DELIVERY_ATTEMPTS',
  'DVCTT_DELIVERY_STALE_SECONDS',
  'DVCTT_WEBHOOK_ALLOW_PRIVATE',
  ...['DVCTT_OIDC_ISSUER', 'DVCTT_OIDC_CLIENT_ID', 'DVCTT_OIDC_CLIENT_SECRET', 'DVCTT_OIDC_NAME'],
  'DVCTT_CITIZEN_SIGNUP',
  ...PAYMENT_SETTINGS,
  ...['DVCTT_TRANSFER_BANK_BIN', 'DVCTT_TRANSFER_ACCOUNT', 'DVCTT_TRANSFER_ACCOUNT_NAME'],
  'DVCTT_SIGNING_KEY_DIR',
  'DVCTT_SIGNING_CERT_PASSWORD',
  ...['DVCTT_S3_BUCKET', 'DVCTT_S3_ENDPOINT', 'DVCTT_S3_REGION', 'DVCTT_S3_ACCESS_KEY', 'DVCTT_S3_SECRET_KEY', 'DVCTT_S3_PATH_STYLE', 'DVCTT_S3_PREFIX'],
  ...['DVCTT_STAFF_TOTP', 'DVCTT_STAFF_IDLE_MINUTES'],
  'DVCTT_SIGN_IN_SPRAY_LIMIT',
  ...DATASOURCE_SETTINGS,
  ...EXCHANGE_SETTINGS,
];

/** Every DVCTT_* setting the portal reads; any other is refused at start (and each is in the README). */
export const KNOWN_DVCTT_SETTINGS: readonly string[] = [...Object.keys(PORTAL_SETTINGS), ...OTHER_DVCTT_SETTINGS];

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

/** true/false, or a comma-separated list of the proxies' addresses or CIDR ranges (trusted only from those). */
function parseTrustProxy(raw: string | undefined): boolean | string[] {
  if (raw === undefined || raw.trim() === '' || /^(1|true|yes|on|0|false|no|off)$/i.test(raw.trim())) return parseBool('DVCTT_TRUST_PROXY', raw?.trim(), false);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(addr ?? '') && (addr ?? '').split('.').every((o) => Number(o) <= 255);
    const v6 = !v4 && /^[0-9a-f:.]+$/i.test(addr ?? '') && (addr ?? '').includes(':');
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
    if ((!v4 && !v6) || !okBits || extra !== undefined) {
      throw new ConfigError('DVCTT_TRUST_PROXY', `"${entry}" không phải địa chỉ IP hay dải CIDR; dùng true, false hoặc danh sách như 10.0.0.5,fd00::/8.`);
    }
  }
  return list;
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

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new ConfigError(name, `"${raw}" không hợp lệ; cần số nguyên ${min}–${max}.`);
  return n;
}

function parseDelivery(env: Env, portal: PortalIdentity): DeliverySettings {
  const mailFrom = env.DVCTT_MAIL_FROM?.trim() || `"${portal.portalName}" <${portal.email}>`;
  if (!/[^\s@<]+@[^\s@>]+\.[^\s@>]+/.test(mailFrom)) throw new ConfigError('DVCTT_MAIL_FROM', `"${mailFrom}" không chứa địa chỉ email (ví dụ: "Cổng DVC" <khongtraloi@tinh.gov.vn>).`);
  const smsApiKey = env.DVCTT_SMS_API_KEY?.trim() || undefined;
  if (env.SMS_GATEWAY_URL && !smsApiKey) throw new ConfigError('DVCTT_SMS_API_KEY', 'cần có khóa API của nhà mạng khi đã đặt SMS_GATEWAY_URL.');
  const smsSender = env.DVCTT_SMS_SENDER?.trim() || 'DVCTT';
  if (!/^[A-Za-z0-9 ._-]{1,11}$/.test(smsSender)) throw new ConfigError('DVCTT_SMS_SENDER', `"${smsSender}" không hợp lệ; tên thương hiệu SMS gồm tối đa 11 chữ cái không dấu, số, dấu cách, chấm, gạch.`);
  return {
    mailFrom,
    smsApiKey,
    smsSender,
    workers: parseInteger('DVCTT_WORKERS', env.DVCTT_WORKERS, 4, 0, 100),
    maxAttempts: parseInteger('DVCTT_DELIVERY_ATTEMPTS', env.DVCTT_DELIVERY_ATTEMPTS, 10, 1, 25),
    staleAfterSeconds: parseInteger('DVCTT_DELIVERY_STALE_SECONDS', env.DVCTT_DELIVERY_STALE_SECONDS, 60, 2, 3600),
    webhookAllowPrivate: parseBool('DVCTT_WEBHOOK_ALLOW_PRIVATE', env.DVCTT_WEBHOOK_ALLOW_PRIVATE, false),
  };
}

export type { PaygovSettings, PaymentSettings } from './config-payment.ts';

export interface TransferSettings {
  /** The bank's NAPAS BIN (6 digits). */
  bankBin: string;
  account: string;
  accountName: string;
}

function fail(key: string, message: string): never {
  throw new ConfigError(key, message);
}

/** The bank account for transfers; without it (and outside the demo) no VietQR code is shown. */
function parseTransfer(env: Env, demo: boolean): TransferSettings | undefined {
  const bankBin = env.DVCTT_TRANSFER_BANK_BIN?.trim() ?? '';
  const account = env.DVCTT_TRANSFER_ACCOUNT?.trim() ?? '';
  const accountName = env.DVCTT_TRANSFER_ACCOUNT_NAME?.trim() ?? '';
  if (!bankBin && !account && !accountName) return demo ? DEMO_TRANSFER : undefined;
  if (!/^\d{6}$/.test(bankBin)) throw new ConfigError('DVCTT_TRANSFER_BANK_BIN', `"${bankBin}" không hợp lệ; mã BIN của ngân hàng gồm 6 chữ số (ví dụ 970415).`);
  if (!/^[0-9A-Za-z]{4,19}$/.test(account)) throw new ConfigError('DVCTT_TRANSFER_ACCOUNT', `"${account}" không phải số tài khoản (4–19 chữ số hoặc chữ cái).`);
  if (!accountName) throw new ConfigError('DVCTT_TRANSFER_ACCOUNT_NAME', 'cần tên chủ tài khoản nhận tiền.');
  return { bankBin, account, accountName };
}

/** The demo's transfer account: a made-up account of the provincial treasury, for the walk-through only. */
export const DEMO_TRANSFER: TransferSettings = { bankBin: '970415', account: '113000012345', accountName: 'KHO BAC NHA NUOC KHANH HOA (TAI KHOAN MINH HOA)' };

/** The bucket turns the object store on; its keys come with it. */
function parseObjectStore(env: Env): ObjectStoreSettings | undefined {
  const bucket = env.DVCTT_S3_BUCKET?.trim() ?? '';
  const others = ['DVCTT_S3_ENDPOINT', 'DVCTT_S3_REGION', 'DVCTT_S3_ACCESS_KEY', 'DVCTT_S3_SECRET_KEY', 'DVCTT_S3_PATH_STYLE', 'DVCTT_S3_PREFIX'].filter((k) => env[k]?.trim());
  if (!bucket) {
    if (others.length) throw new ConfigError(others[0]!, 'chỉ dùng khi đã đặt DVCTT_S3_BUCKET.');
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('DVCTT_S3_BUCKET', `"${bucket}" không phải tên bucket hợp lệ (3–63 chữ thường, số, dấu chấm, gạch ngang).`);
  const accessKeyId = env.DVCTT_S3_ACCESS_KEY?.trim() ?? '';
  const secretAccessKey = env.DVCTT_S3_SECRET_KEY ?? '';
  if (!accessKeyId) throw new ConfigError('DVCTT_S3_ACCESS_KEY', 'cần khóa truy cập của kho lưu trữ đối tượng.');
  if (!secretAccessKey) throw new ConfigError('DVCTT_S3_SECRET_KEY', 'cần khóa bí mật của kho lưu trữ đối tượng.');
  const endpoint = env.DVCTT_S3_ENDPOINT?.trim() ? parseUrl('DVCTT_S3_ENDPOINT', env.DVCTT_S3_ENDPOINT.trim(), ['https:', 'http:']) : undefined;
  const prefix = env.DVCTT_S3_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z0-9._/-]+\/$/.test(prefix)) throw new ConfigError('DVCTT_S3_PREFIX', `"${prefix}" không hợp lệ; dùng chữ, số, dấu chấm, gạch và kết thúc bằng "/" (ví dụ dvctt/).`);
  return {
    endpoint,
    region: env.DVCTT_S3_REGION?.trim() || 'us-east-1',
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: parseBool('DVCTT_S3_PATH_STYLE', env.DVCTT_S3_PATH_STYLE, !!endpoint),
    prefix,
  };
}

function parseSessions(env: Env): SessionSettings {
  const totp = env.DVCTT_STAFF_TOTP?.trim().toLowerCase() || 'optional';
  if (totp !== 'optional' && totp !== 'required') throw new ConfigError('DVCTT_STAFF_TOTP', `"${env.DVCTT_STAFF_TOTP}" không hợp lệ; dùng optional hoặc required.`);
  return { staffTotp: totp, staffIdleMinutes: parseInteger('DVCTT_STAFF_IDLE_MINUTES', env.DVCTT_STAFF_IDLE_MINUTES, 30, 1, 1440) };
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
  const httpRedirectPort = env.DVCTT_HTTP_REDIRECT_PORT ? parsePort('DVCTT_HTTP_REDIRECT_PORT', env.DVCTT_HTTP_REDIRECT_PORT) : undefined;
  if (httpRedirectPort !== undefined && !tls) {
    throw new ConfigError('DVCTT_HTTP_REDIRECT_PORT', 'chỉ dùng khi cổng phục vụ HTTPS (đặt TLS_CERT_FILE và TLS_KEY_FILE).');
  }
  if (httpRedirectPort === port) throw new ConfigError('DVCTT_HTTP_REDIRECT_PORT', `phải khác PORT (${port}).`);
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
    delivery: parseDelivery(env, portal),
    logLevel,
    demoData: parseBool('DVCTT_DEMO_DATA', env.DVCTT_DEMO_DATA, true),
    trustProxy: parseTrustProxy(env.DVCTT_TRUST_PROXY),
    httpRedirectPort,
    dbPoolSize,
    portal,
    oidc: parseOidc(env),
    citizenSignup: parseBool('DVCTT_CITIZEN_SIGNUP', env.DVCTT_CITIZEN_SIGNUP, !env.DVCTT_OIDC_ISSUER?.trim()),
    payment: parsePayment(env, fail),
    paygov: parsePaygov(env, fail),
    transfer: parseTransfer(env, parseBool('DVCTT_DEMO_DATA', env.DVCTT_DEMO_DATA, true)),
    signingKeyDir: path.resolve(env.DVCTT_SIGNING_KEY_DIR || path.join(dataDir, 'signing-keys')),
    signingCertPassword: env.DVCTT_SIGNING_CERT_PASSWORD || undefined,
    objectStore: parseObjectStore(env),
    sessions: parseSessions(env),
    signInSprayLimit: parseInteger('DVCTT_SIGN_IN_SPRAY_LIMIT', env.DVCTT_SIGN_IN_SPRAY_LIMIT, 100, 10, 1_000_000),
    datasource: parseDataSource(env, (key, message) => { throw new ConfigError(key, message); }),
    exchange: parseExchange(env, (key, message) => {
      throw new ConfigError(key, message);
    }),
    citizenPortal: parseBool('DVCTT_CITIZEN_PORTAL', env.DVCTT_CITIZEN_PORTAL, true),
  };
}
