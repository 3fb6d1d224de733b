// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), the second factor of a password
// account (S1, ASVS 2.8): HMAC-SHA1, 30-second steps, 6 digits, one step either side accepted.
// Pure functions over node:crypto, unit-tested against the RFCs' vectors.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: a phone's clock a little off, a code typed as it changed. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 as people type it: any case, spaces and '=' padding ignored; undefined if not base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]*$/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new shared secret: 160 random bits (RFC 4226's recommended length), in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** RFC 4226: the HOTP value of a key at a counter, as a string of `digits` digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step a moment falls in. */
export function totpStep(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator app shows at a moment. */
export function totpCode(secret: string, at: Date | number = Date.now(), digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secret) ?? Buffer.alloc(0), totpStep(at), digits);
}

/** Only the digits of what was typed ("123 456" → "123456"); undefined unless exactly six remain. */
export function normalizeTotp(input: string): string | undefined {
  const digits = input.replace(/[\s.-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/**
 * The step whose code was typed, among now and one step either side, if it is later than the last
 * step this account used (a code seen once cannot be used again); undefined otherwise.
 */
export function matchTotp(secret: string, input: string, at: Date | number, lastStep: number | null): number | undefined {
  const code = normalizeTotp(input);
  const key = base32Decode(secret);
  if (!code || !key?.length) return undefined;
  const now = totpStep(at);
  let found: number | undefined;
  // Every candidate is compared, so the time taken does not say which step matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code));
    if (same && found === undefined && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/** The otpauth:// URI authenticator apps read (Key Uri Format): issuer and account in the label. */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

/** Ten one-time recovery codes, each 50 random bits as "xxxxx-xxxxx" (base32, lower case, no 0/1/8/9 to confuse). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** A recovery code as typed, in the form it was made ("ABCDE FGHIJ" → "abcde-fghij"); undefined if it cannot be one. */
export function normalizeRecoveryCode(input: string): string | undefined {
  const clean = input.replace(/[\s-]/g, '').toLowerCase();
  return /^[a-z2-7]{10}$/.test(clean) ? `${clean.slice(0, 5)}-${clean.slice(5)}` : undefined;
}
