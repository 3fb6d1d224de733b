// `dvctt signing-cert import --agency MÃ --p12 TỆP` (A7): an agency's certificate from a licensed
// CA, with the password from DVCTT_SIGNING_CERT_PASSWORD or asked on the terminal. Every refusal
// is one Vietnamese line and exit code 1, with nothing stored.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DB } from '../../db/index.ts';
import { timeVi } from '../../web/format.ts';
import { CertificateRefusal, importSigningCertificate } from './signing-cert.ts';

export const SIGNING_CERT_HELP = `  signing-cert import --agency MÃ --p12 TỆP
                   Nhập chứng thư số của cơ quan (PKCS#12, khóa RSA, do CA cấp) để ký PAdES
                   nhúng trong kết quả giải quyết; mật khẩu lấy từ DVCTT_SIGNING_CERT_PASSWORD
                   hoặc hỏi trên terminal
`;

export interface SigningCertContext {
  dir: string;
  password: string | undefined;
  withDb: <T>(work: (db: DB) => Promise<T>) => Promise<T>;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Reads a line from the terminal without echoing it. */
async function askPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      stdin.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return resolve(typed);
          if (ch === '\u0003') return reject(new CertificateRefusal('Đã hủy.'));
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      });
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

export async function signingCertCommand(args: string[], ctx: SigningCertContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    ctx.err(`Cách dùng:\n${SIGNING_CERT_HELP}`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { agency: { type: 'string' }, p12: { type: 'string' } } });
  try {
    if (!values.agency) throw new CertificateRefusal('Thiếu --agency (mã cơ quan).');
    if (!values.p12) throw new CertificateRefusal('Thiếu --p12 (tệp chứng thư số PKCS#12).');
    const p12 = await readFile(values.p12).catch(() => {
      throw new CertificateRefusal(`Không đọc được tệp "${values.p12}".`);
    });
    let password = ctx.password;
    if (password === undefined) {
      if (!process.stdin.isTTY) throw new CertificateRefusal('Thiếu mật khẩu tệp PKCS#12: đặt DVCTT_SIGNING_CERT_PASSWORD hoặc chạy lệnh trên terminal để nhập.');
      password = await askPassword(`Mật khẩu của ${values.p12}: `);
    }
    const agency = values.agency;
    const { row, keyFile } = await ctx.withDb((db) => importSigningCertificate(db, ctx.dir, agency, p12, password));
    ctx.out(
      [
        `Đã nhập chứng thư số cho cơ quan ${row.agency_code}:`,
        `  Chủ thể:    ${row.subject}`,
        `  Tổ chức cấp: ${row.issuer}`,
        `  Số hiệu:    ${row.serial}`,
        `  Hiệu lực:   ${timeVi(row.not_before)} – ${timeVi(row.not_after)}`,
        `  SHA-256:    ${row.fingerprint}`,
        `  Chuỗi chứng thư: ${row.chain_length} chứng thư; khóa bí mật lưu tại ${keyFile} (quyền 0600).`,
        'Kết quả giải quyết của cơ quan từ nay mang chữ ký số PAdES nhúng bằng chứng thư này.',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (!(e instanceof CertificateRefusal)) throw e;
    ctx.err(`dvctt: ${e.message}\n`);
    return 1;
  }
}
