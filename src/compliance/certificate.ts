// `dvctt cert`: a self-signed certificate for local use (RSA 2048 or EC P-256), built with
// node:crypto and a small DER writer — no openssl binary needed (docs/decisions/0014).
import { createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import net from 'node:net';

// --- DER, only the few types an X.509 certificate needs ---
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), length(body.length), body]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, body: Buffer) => tlv(0xa0 + n, body);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}
function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    for (let v = p; ; v = Math.floor(v / 128)) {
      chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export type CertificateKeyType = 'rsa' | 'ec';

export interface SelfSignedOptions {
  keyType?: CertificateKeyType;
  /** DNS names and IP addresses the certificate is for (subjectAltName). */
  hosts?: string[];
  days?: number;
  /** Use this key instead of a new one. */
  key?: KeyObject;
  now?: Date;
}

export interface SelfSigned {
  certPem: string;
  keyPem: string;
  cert: X509Certificate;
}

function altName(host: string): Buffer {
  if (net.isIPv4(host)) return tlv(0x87, Buffer.from(host.split('.').map(Number)));
  if (net.isIPv6(host)) {
    // Expand "::" and write the 16 bytes.
    const [head, tail] = host.split('::') as [string, string | undefined];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    return tlv(0x87, Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
  }
  return tlv(0x82, Buffer.from(host, 'ascii'));
}

export function createSelfSigned(options: SelfSignedOptions = {}): SelfSigned {
  const keyType = options.keyType ?? 'rsa';
  const hosts = options.hosts?.length ? options.hosts : ['localhost', '127.0.0.1', '::1'];
  const now = options.now ?? new Date();
  const days = options.days ?? 90;
  const privateKey =
    options.key ??
    (keyType === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
  const isRsa = privateKey.asymmetricKeyType === 'rsa';
  const spkiDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });

  const algorithm = isRsa ? seq(oid(OID.sha256WithRsa), tlv(0x05, Buffer.alloc(0))) : seq(oid(OID.ecdsaWithSha256));
  const name = seq(set(seq(oid(OID.organization), utf8('dvctt (chỉ dùng thử nghiệm)'))), set(seq(oid(OID.commonName), utf8(hosts[0]!))));
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const extensions = explicit(
    3,
    seq(
      seq(oid(OID.subjectAltName), octets(seq(...hosts.map(altName)))),
      seq(oid(OID.basicConstraints), bool(true), octets(seq())),
      // digitalSignature, plus keyEncipherment for RSA.
      seq(oid(OID.keyUsage), bool(true), octets(tlv(0x03, isRsa ? Buffer.from([5, 0xa0]) : Buffer.from([7, 0x80])))),
      seq(oid(OID.extKeyUsage), octets(seq(oid(OID.serverAuth)))),
    ),
  );
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(serial), algorithm, name, seq(time(notBefore), time(notAfter)), name, spkiDer, extensions);
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, bits(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { certPem, keyPem, cert: new X509Certificate(certPem) };
}
