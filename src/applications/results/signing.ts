// Each agency's Ed25519 key pair and the detached signature of a result (A7; docs/decisions/0010).
// The signature covers a short statement naming the application, the agency, the SHA-256 of the
// file and the time, so a valid signature says who issued which bytes, for whom, and when.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const ALGORITHM = 'Ed25519';

export interface AgencyKey {
  keyId: string;
  agencyCode: string;
  privateKey: KeyObject;
  /** SPKI PEM, registered in the database so every instance can verify. */
  publicKey: string;
}

export interface SignedFacts {
  code: string;
  agencyCode: string;
  sha256: string;
  signedAt: Date;
}

/** The exact text that is signed. Changing any fact changes it. */
export function statement(f: SignedFacts): string {
  return ['dvctt-ket-qua/1', `MaHoSo:${f.code}`, `MaCoQuan:${f.agencyCode}`, `SHA256:${f.sha256}`, `ThoiDiemKy:${f.signedAt.toISOString()}`].join('\n');
}

export function signFacts(key: AgencyKey, f: SignedFacts): string {
  return sign(null, Buffer.from(statement(f), 'utf8'), key.privateKey).toString('base64');
}

export function verifyFacts(publicKeyPem: string, f: SignedFacts, signature: string): boolean {
  try {
    return verify(null, Buffer.from(statement(f), 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The first 16 hex digits of the SHA-256 of the public key (DER): short, stable, unique enough. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

const cache = new Map<string, Promise<AgencyKey>>();

/**
 * The agency's key from `dir`, created on first use. The private key never leaves the file
 * (mode 0600); a second instance sharing the directory reads the same file.
 */
export function agencyKey(dir: string, agencyCode: string): Promise<AgencyKey> {
  const file = path.join(dir, `${agencyCode.replace(/[^0-9A-Za-z.-]/g, '_')}.ed25519.pem`);
  let found = cache.get(file);
  if (!found) {
    found = loadOrCreate(file, agencyCode);
    cache.set(file, found);
    found.catch(() => cache.delete(file));
  }
  return found;
}

async function loadOrCreate(file: string, agencyCode: string): Promise<AgencyKey> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(pem);
      await handle.sync();
      await handle.close();
    } catch (e) {
      // Another instance created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      pem = await fs.readFile(file, 'utf8');
    }
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), agencyCode, privateKey, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
