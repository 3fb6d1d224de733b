// A certification authority on this machine, made with `openssl` in a temporary directory: a root
// CA and certificates it issues to agencies (the agency's name as CN and O), exported as PKCS#12
// files as a CA hands them out. Dates can be set, for expired and not-yet-valid certificates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

export class LocalCa {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-ca-'));
  private serial = 0;

  constructor(readonly name = 'CA thử nghiệm dvctt') {
    writeFileSync(path.join(this.dir, 'index.txt'), '');
    writeFileSync(path.join(this.dir, 'serial'), '1000\n');
    writeFileSync(
      path.join(this.dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = local',
        '[local]',
        `dir = ${this.dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir',
        'serial = $dir/serial',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        'x509_extensions = leaf',
        '[any]',
        'commonName = supplied',
        'organizationName = optional',
        'countryName = optional',
        '[leaf]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical, digitalSignature, nonRepudiation',
        '',
      ].join('\n'),
    );
    openssl(this.dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-utf8', '-subj', `/CN=${name}/O=dvctt thử nghiệm/C=VN`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  }

  /** A certificate for `agencyName` valid from `from` to `to`, as a PKCS#12 file with the root CA. */
  issue(agencyName: string, password: string, from = new Date(Date.now() - 86_400_000), to = new Date(Date.now() + 365 * 86_400_000)): { p12: string; key: string; cert: string } {
    const n = ++this.serial;
    const [key, csr, cert, p12] = ['key', 'csr', 'pem', 'p12'].map((ext) => path.join(this.dir, `agency-${n}.${ext}`)) as [string, string, string, string];
    openssl(this.dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-utf8', '-subj', `/CN=${agencyName}/O=${agencyName}/C=VN`]);
    openssl(this.dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'root.pem', '-keyfile', 'root.key', '-in', csr, '-out', cert, '-utf8', '-notext', '-startdate', stamp(from), '-enddate', stamp(to)]);
    openssl(this.dir, ['pkcs12', '-export', '-inkey', key, '-in', cert, '-certfile', 'root.pem', '-out', p12, '-passout', `pass:${password}`]);
    return { p12, key, cert };
  }

  /**
   * A PKCS#12 file whose key is not the certificate's: `openssl pkcs12` refuses to make one, but
   * a careless export tool does not.
   */
  mismatched(certFile: string, keyFile: string, password: string): string {
    const cert = forge.pki.certificateFromPem(readFileSync(certFile, 'utf8'));
    const key = forge.pki.privateKeyFromPem(readFileSync(keyFile, 'utf8'));
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' })).getBytes();
    const file = path.join(this.dir, `mismatched-${++this.serial}.p12`);
    writeFileSync(file, Buffer.from(der, 'binary'));
    return file;
  }

  get rootPem(): string {
    return path.join(this.dir, 'root.pem');
  }
}
