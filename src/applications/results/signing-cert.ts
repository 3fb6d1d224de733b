// An agency's signing certificate from a licensed CA (A7; docs/decisions/0024): read from a
// PKCS#12 file, checked (password, key matches the certificate, valid today, issued by a CA,
// RSA), then kept beside the Ed25519 keys in the signing-key directory — the private key in a
// file of mode 0600 — and described in the `signing_certificate` table. The local signer made
// from those files is the first DigestSigner; a remote-signing service is the other kind.
import { constants, createPrivateKey, privateEncrypt, X509Certificate, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { DB } from '../../db/index.ts';
import { timeVi } from '../../web/format.ts';
import type { DigestSigner } from './pades-cms.ts';
import { SHA256_DIGEST_INFO } from './remote-signer.ts';
import { agencyExists, currentCertificate, recordCertificate, type CertificateRow } from './signing-cert-store.ts';

/** Why a certificate was refused: one Vietnamese sentence an operator can act on. */
export class CertificateRefusal extends Error {
  override name = 'CertificateRefusal';
}

export interface CertificateBundle {
  key: KeyObject;
  /** The signing certificate first, then its issuers in the file. */
  chain: X509Certificate[];
}

/** The key and certificates of a PKCS#12 file; refuses a wrong password or a file without them. */
export function readPkcs12(bytes: Buffer, password: string): CertificateBundle {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), password);
  } catch {
    throw new CertificateRefusal('Không mở được tệp PKCS#12: mật khẩu không đúng hoặc tệp không phải PKCS#12 (.p12, .pfx).');
  }
  const bagsOf = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)][0];
  if (!keyBag) throw new CertificateRefusal('Tệp PKCS#12 không có khóa bí mật.');
  if (!keyBag.key) throw new CertificateRefusal('Khóa bí mật trong tệp không phải khóa RSA; hiện chỉ hỗ trợ chứng thư số khóa RSA.');
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certs = bagsOf(forge.pki.oids.certBag!).map((b) => {
    if (!b.cert) throw new CertificateRefusal('Chứng thư số trong tệp không dùng khóa RSA; hiện chỉ hỗ trợ chứng thư số khóa RSA.');
    return new X509Certificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes(), 'binary'));
  });
  if (!certs.length) throw new CertificateRefusal('Tệp PKCS#12 không có chứng thư số.');
  const leaf = certs.find((c) => c.checkPrivateKey(key));
  if (!leaf) throw new CertificateRefusal('Khóa bí mật trong tệp không khớp với chứng thư số nào trong tệp; không nhập.');
  const chain = [leaf];
  for (let up = issuerIn(certs, leaf); up && !chain.includes(up); up = issuerIn(certs, up)) chain.push(up);
  return { key, chain };
}

const selfSigned = (c: X509Certificate) => c.checkIssued(c) && c.verify(c.publicKey);
const issuerIn = (certs: X509Certificate[], c: X509Certificate) => (selfSigned(c) ? undefined : certs.find((i) => i !== c && c.checkIssued(i) && c.verify(i.publicKey)));

/** Refuses a certificate that cannot sign results today: self-signed, expired, not yet valid. */
export function checkBundle(b: CertificateBundle, now: Date): void {
  const leaf = b.chain[0]!;
  if (selfSigned(leaf)) throw new CertificateRefusal('Chứng thư số tự ký, không do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp; không nhập.');
  if (now < new Date(leaf.validFrom)) throw new CertificateRefusal(`Chứng thư số chưa có hiệu lực: hiệu lực từ ${timeVi(new Date(leaf.validFrom))}; không nhập.`);
  if (now > new Date(leaf.validTo)) throw new CertificateRefusal(`Chứng thư số đã hết hạn lúc ${timeVi(new Date(leaf.validTo))}; không nhập.`);
}

/** The subject or issuer of a certificate on one line, in the certificate's order: "CN=…, O=…, C=VN". */
export const nameLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

const fileBase = (dir: string, agencyCode: string, fingerprint: string) => path.join(dir, `${agencyCode.replace(/[^0-9A-Za-z.-]/g, '_')}.${fingerprint.slice(0, 16)}.pades`);
export const fingerprintOf = (c: X509Certificate) => c.fingerprint256.replace(/:/g, '').toLowerCase();

export interface Imported {
  row: CertificateRow;
  keyFile: string;
}

/**
 * Checks and keeps an agency's certificate. Nothing is written unless every check passes; the
 * files are removed again if the row cannot be recorded.
 */
export async function importSigningCertificate(db: DB, dir: string, agencyCode: string, p12: Buffer, password: string, now = new Date()): Promise<Imported> {
  if (!(await agencyExists(db, agencyCode))) throw new CertificateRefusal(`Cơ quan "${agencyCode}" không có trong danh mục; không nhập.`);
  const bundle = readPkcs12(p12, password);
  checkBundle(bundle, now);
  const leaf = bundle.chain[0]!;
  const fingerprint = fingerprintOf(leaf);
  const base = fileBase(dir, agencyCode, fingerprint);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const write = async (file: string, text: string) => {
    await fs.writeFile(file, text, { mode: 0o600 });
    await fs.chmod(file, 0o600);
    written.push(file);
  };
  try {
    await write(`${base}.key.pem`, bundle.key.export({ type: 'pkcs8', format: 'pem' }) as string);
    await write(`${base}.chain.pem`, bundle.chain.map((c) => c.toString()).join(''));
    const row: CertificateRow = {
      fingerprint,
      agency_code: agencyCode,
      subject: nameLine(leaf.subject),
      issuer: nameLine(leaf.issuer),
      serial: leaf.serialNumber.toUpperCase(),
      not_before: new Date(leaf.validFrom),
      not_after: new Date(leaf.validTo),
      chain_length: bundle.chain.length,
    };
    await recordCertificate(db, row);
    return { row, keyFile: `${base}.key.pem` };
  } catch (err) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
}


/** The local signer: the agency's key file on this machine. */
export async function localSigner(dir: string, agencyCode: string, fingerprint: string): Promise<DigestSigner> {
  const base = fileBase(dir, agencyCode, fingerprint);
  const key = createPrivateKey(await fs.readFile(`${base}.key.pem`, 'utf8'));
  const pem = await fs.readFile(`${base}.chain.pem`, 'utf8');
  const chain = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((p) => new X509Certificate(p).raw);
  return {
    chain,
    sign: async (digest) => privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])),
  };
}

export interface AgencySigner {
  signer: DigestSigner;
  certificate: CertificateRow;
}

/** The agency's signer for a result signed at `at`, when it has a certificate valid then. */
export async function agencySigner(db: DB, dir: string, agencyCode: string, at: Date): Promise<AgencySigner | undefined> {
  const certificate = await currentCertificate(db, agencyCode, at);
  if (!certificate) return undefined;
  return { signer: await localSigner(dir, agencyCode, certificate.fingerprint), certificate };
}
