// The TLS rules of Art. 20 and guidance §7, in one place: the server enforces them at start and on
// every certificate reload, and `dvctt check` judges a deployed portal by the same rules.
import { X509Certificate, type KeyObject } from 'node:crypto';

/**
 * TLS 1.3 suites (all forward-secret AEAD), then for TLS 1.2 only ECDHE with AES-GCM or
 * ChaCha20-Poly1305 — no CBC, no static RSA key exchange, no SHA-1 MACs.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** Curves at least as strong as P-256 that browsers accept for server certificates. */
export const ACCEPTED_CURVES = ['prime256v1', 'secp384r1', 'secp521r1'];

export interface KeySummary {
  type: string;
  /** RSA modulus bits, or the curve's size for EC keys. */
  bits: number | undefined;
  curve: string | undefined;
  /** Human form, e.g. "RSA 2048 bit" or "EC P-256". */
  label: string;
}

const CURVE_NAMES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
  secp224r1: { name: 'P-224', bits: 224 },
  secp256k1: { name: 'secp256k1', bits: 256 },
};

export function summarizeKey(key: KeyObject): KeySummary {
  const type = key.asymmetricKeyType ?? 'unknown';
  const d = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa' || type === 'rsa-pss') return { type, bits: d.modulusLength, curve: undefined, label: `RSA ${d.modulusLength} bit` };
  if (type === 'ec') {
    const c = CURVE_NAMES[d.namedCurve ?? ''];
    return { type, bits: c?.bits, curve: d.namedCurve, label: `EC ${c?.name ?? d.namedCurve}` };
  }
  return { type, bits: undefined, curve: undefined, label: type.toUpperCase() };
}

/** Why a certificate's key is too weak (Vietnamese), or undefined when it is strong enough. */
export function keyProblem(key: KeySummary): string | undefined {
  if (key.type === 'rsa' || key.type === 'rsa-pss') {
    return (key.bits ?? 0) < 2048 ? `khóa RSA ${key.bits} bit; cần tối thiểu 2048 bit` : undefined;
  }
  if (key.type === 'ec') return ACCEPTED_CURVES.includes(key.curve ?? '') ? undefined : `đường cong ${key.curve}; cần P-256 trở lên`;
  return `loại khóa ${key.type} không được trình duyệt hỗ trợ cho chứng chỉ máy chủ; dùng RSA ≥ 2048 bit hoặc EC P-256`;
}

/** Why a certificate cannot be served (Vietnamese), or undefined. */
export function certificateProblem(cert: X509Certificate, now = new Date()): string | undefined {
  const weak = keyProblem(summarizeKey(cert.publicKey));
  if (weak) return `dùng ${weak}`;
  if (new Date(cert.validTo).getTime() < now.getTime()) return `đã hết hạn từ ${cert.validTo}`;
  if (new Date(cert.validFrom).getTime() > now.getTime()) return `chưa có hiệu lực trước ${cert.validFrom}`;
  return undefined;
}
