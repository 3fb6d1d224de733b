// The remote-signing adapter (A7; docs/integration.md): the agency's key stays with a signing
// service that speaks the Cloud Signature Consortium API v2 — `credentials/info` gives the
// certificate chain, `signatures/signHash` signs a SHA-256 digest with RSA PKCS#1 v1.5. Only the
// digest of the signed attributes leaves the portal. Every answer is checked: a chain that does
// not parse, or a signature that does not verify with the certificate, is refused.
import { constants, publicDecrypt, X509Certificate } from 'node:crypto';
import { OID, type DigestSigner } from './pades-cms.ts';

export interface RemoteSigning {
  /** The service's base address, e.g. https://ky-so.example.vn/csc/v2/ */
  url: string;
  /** The portal's access token at the service (OAuth 2.0 bearer). */
  token: string;
  /** The agency's credential (key and certificate) at the service. */
  credentialId: string;
  /** The Signature Activation Data the service asks for each signature, when it does. */
  sad?: () => Promise<string>;
  timeoutMs?: number;
}

export class RemoteSigningError extends Error {
  override name = 'RemoteSigningError';
}

/** DigestInfo prefix of SHA-256 (RFC 8017 §9.2): what an RSA PKCS#1 v1.5 signature wraps. */
export const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

async function call(s: RemoteSigning, method: string, body: object): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(new URL(method, s.url.endsWith('/') ? s.url : `${s.url}/`), {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(s.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new RemoteSigningError(`Không kết nối được dịch vụ ký số (${method}): ${(err as Error).message}`);
  }
  if (!res.ok) throw new RemoteSigningError(`Dịch vụ ký số trả lỗi HTTP ${res.status} cho ${method}.`);
  const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') throw new RemoteSigningError(`Dịch vụ ký số trả nội dung không phải JSON cho ${method}.`);
  return json;
}

/** A DigestSigner backed by the signing service; reads the credential's chain once. */
export async function remoteSigner(s: RemoteSigning): Promise<DigestSigner> {
  const info = await call(s, 'credentials/info', { credentialID: s.credentialId, certificates: 'chain' });
  const encoded = (info.cert as { certificates?: unknown } | undefined)?.certificates;
  if (!Array.isArray(encoded) || !encoded.length || !encoded.every((c) => typeof c === 'string')) throw new RemoteSigningError('Dịch vụ ký số không trả chuỗi chứng thư của khóa.');
  let certs: X509Certificate[];
  try {
    certs = (encoded as string[]).map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  } catch {
    throw new RemoteSigningError('Chuỗi chứng thư dịch vụ ký số trả về không đọc được.');
  }
  const signer = certs[0]!;
  return {
    chain: certs.map((c) => c.raw),
    sign: async (digest) => {
      const answer = await call(s, 'signatures/signHash', {
        credentialID: s.credentialId,
        ...(s.sad && { SAD: await s.sad() }),
        hashes: [digest.toString('base64')],
        hashAlgorithmOID: OID.sha256,
        signAlgo: OID.rsaEncryption,
      });
      const first = Array.isArray(answer.signatures) ? answer.signatures[0] : undefined;
      if (typeof first !== 'string') throw new RemoteSigningError('Dịch vụ ký số không trả chữ ký.');
      const signature = Buffer.from(first, 'base64');
      let signed: Buffer | undefined;
      try {
        signed = publicDecrypt({ key: signer.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
      } catch {
        signed = undefined;
      }
      if (!signed?.equals(Buffer.concat([SHA256_DIGEST_INFO, digest]))) throw new RemoteSigningError('Chữ ký dịch vụ ký số trả về không khớp với chứng thư của khóa; không dùng.');
      return signature;
    },
  };
}
