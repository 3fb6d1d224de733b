// The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, RFC 5652, RFC 5035):
// detached content, the signer's certificate and its chain, content-type, message-digest and
// signing-certificate-v2 signed attributes. The signing time goes in the signature dictionary's
// /M, as PAdES asks. The private key is never seen here: a DigestSigner signs the digest of the
// signed attributes, so a remote-signing service fits the same code (docs/decisions/0024).
import { createHash, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

/** Who signs a digest: the agency's key on this machine, or a signing service that holds it. */
export interface DigestSigner {
  /** The signing certificate first, then its issuers up to the root (DER). */
  chain: Buffer[];
  /** An RSA PKCS#1 v1.5 signature of a SHA-256 digest (32 bytes). */
  sign(digest: Buffer): Promise<Buffer>;
}

const der = (node: Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
// The padding after a CMS in its /Contents hole is not part of it (the typings miss this option).
const parseDer = asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { parseAllBytes: boolean }) => Asn1;
const fromDer = (bytes: Buffer): Asn1 => parseDer(forge.util.createBuffer(bytes.toString('binary')), { parseAllBytes: false });
const seq = (...items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (...items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (b: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const tagged = (n: number, constructed: boolean, value: Asn1[] | string) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, constructed, value);
const algorithm = (id: string) => seq(oid(id), nul());
const attribute = (type: string, value: Asn1) => seq(oid(type), set(value));

export const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** The issuer Name and serial INTEGER of a certificate, as they are in its DER. */
export function issuerAndSerial(certDer: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = (fromDer(certDer).value as Asn1[])[0]!.value as Asn1[];
  const at = tbs[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: tbs[at]!, issuer: tbs[at + 2]! };
}

/** DER SET OF: members sorted by their encodings. */
function derSet(members: Asn1[]): { node: Asn1; bytes: Buffer } {
  const sorted = members.map(der).sort(Buffer.compare);
  const node = set(...sorted.map(fromDer));
  return { node, bytes: der(node) };
}

/** The CMS of a PAdES signature over `contentDigest` (SHA-256 of the PDF's byte ranges). */
export async function padesCms(signer: DigestSigner, contentDigest: Buffer): Promise<Buffer> {
  const [cert, ...issuers] = signer.chain;
  if (!cert) throw new Error('No signing certificate');
  const { issuer, serial } = issuerAndSerial(cert);
  const essCertIdV2 = seq(octets(sha256(cert)), seq(seq(tagged(4, true, [issuer])), serial));
  const attrs = derSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
  ]);
  const signature = await signer.sign(sha256(attrs.bytes));
  const signedAttrs = tagged(0, true, attrs.node.value as Asn1[]);
  const signerInfo = seq(int(1), seq(issuer, serial), algorithm(OID.sha256), signedAttrs, algorithm(OID.rsaEncryption), octets(signature));
  const certificates = tagged(0, true, [cert, ...issuers].map(fromDer));
  const signedData = seq(int(1), set(algorithm(OID.sha256)), seq(oid(OID.data)), certificates, set(signerInfo));
  return der(seq(oid(OID.signedData), tagged(0, true, [signedData])));
}

/** What an embedded signature says, read back without trusting the PDF. */
export interface CmsReading {
  /** The signed attributes' message digest equals the digest of the signed bytes. */
  digestMatches: boolean;
  /** The signer's RSA signature over the signed attributes verifies with its certificate. */
  signatureValid: boolean;
  /** The signing-certificate-v2 attribute names the certificate that signed. */
  signingCertificateBound: boolean;
  /** Signer first, then each issuer found among the embedded certificates. */
  chain: X509Certificate[];
  /** Each link of the chain is signed by the next one, and the last one is self-signed. */
  chainComplete: boolean;
}

const bytesOf = (node: Asn1) => Buffer.from(node.value as string, 'binary');

export function readCms(cms: Buffer, contentDigest: Buffer): CmsReading {
  const signedData = ((fromDer(cms).value as Asn1[])[1]!.value as Asn1[])[0]!.value as Asn1[];
  const certsNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const certs = ((certsNode?.value as Asn1[]) ?? []).map((c) => new X509Certificate(der(c)));
  const signerInfo = ((signedData[signedData.length - 1]!.value as Asn1[])[0]!.value as Asn1[]);
  const sid = signerInfo[1]!.value as Asn1[];
  const serialHex = Buffer.from(sid[1]!.value as string, 'binary').toString('hex').replace(/^0+/, '').toUpperCase();
  const attrsNode = signerInfo.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const attrs = (attrsNode?.value as Asn1[]) ?? [];
  const attr = (type: string) => attrs.find((a) => asn1.derToOid(forge.util.createBuffer((a.value as Asn1[])[0]!.value as string)) === type);
  const valueOf = (type: string) => ((attr(type)?.value as Asn1[] | undefined)?.[1]?.value as Asn1[] | undefined)?.[0];
  const md = valueOf(OID.messageDigest);
  const signer = certs.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex) ?? certs[0];
  const signature = bytesOf(signerInfo[signerInfo.length - 1]!);
  const signedBytes = der(set(...attrs));
  const signatureValid = !!signer && verifies(signer, signedBytes, signature);
  const ess = valueOf(OID.signingCertificateV2);
  const certHash = ess ? ((((ess.value as Asn1[])[0]!.value as Asn1[])[0]!.value as Asn1[]).find((n) => n.type === asn1.Type.OCTETSTRING) ?? null) : null;
  const chain: X509Certificate[] = signer ? [signer] : [];
  while (chain.length < 8) {
    const last = chain[chain.length - 1]!;
    if (!last || last.checkIssued(last)) break;
    const up = certs.find((c) => !chain.includes(c) && last.checkIssued(c) && last.verify(c.publicKey));
    if (!up) break;
    chain.push(up);
  }
  const top = chain[chain.length - 1];
  return {
    digestMatches: !!md && bytesOf(md).equals(contentDigest),
    signatureValid,
    signingCertificateBound: !!signer && !!certHash && bytesOf(certHash).equals(sha256(signer.raw)),
    chain,
    chainComplete: !!top && top.checkIssued(top) && top.verify(top.publicKey),
  };
}

function verifies(cert: X509Certificate, data: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha256', data, cert.publicKey, signature);
  } catch {
    return false;
  }
}
