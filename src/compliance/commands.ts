// `dvctt cert` and `dvctt check`: argument parsing, files and output; the work is elsewhere.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createSelfSigned } from './certificate.ts';
import { runCheck, type CheckOptions } from './check.ts';
import { renderHtml, renderJson, renderText } from './report.ts';

type Out = (s: string) => void;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^.*Unknown option '([^']+)'.*$/s, 'Tùy chọn không tồn tại: $1'));
  }
}

class UsageError extends Error {}

export function certCommand(args: string[], out: Out): number {
  try {
    const { values } = parse(args, {
      type: { type: 'string', default: 'rsa' },
      host: { type: 'string', multiple: true },
      days: { type: 'string', default: '90' },
      out: { type: 'string', default: 'tls' },
      force: { type: 'boolean', default: false },
    });
    const type = String(values.type);
    if (type !== 'rsa' && type !== 'ec') throw new UsageError(`--type "${type}" không hợp lệ; dùng rsa (RSA 2048 bit) hoặc ec (EC P-256).`);
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 825) throw new UsageError(`--days "${String(values.days)}" không hợp lệ; cần số nguyên 1–825.`);
    const hosts = (values.host as string[] | undefined) ?? ['localhost', '127.0.0.1', '::1'];
    for (const h of hosts) {
      if (!/^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$|^[0-9a-fA-F:.]+$/.test(h)) throw new UsageError(`--host "${h}" không phải tên miền hay địa chỉ IP.`);
    }
    const dir = path.resolve(String(values.out));
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    if (!values.force && (existsSync(certFile) || existsSync(keyFile))) {
      throw new UsageError(`${certFile} hoặc ${keyFile} đã có; dùng --force để ghi đè.`);
    }
    const made = createSelfSigned({ keyType: type, hosts, days });
    mkdirSync(dir, { recursive: true });
    writeFileSync(keyFile, made.keyPem, { mode: 0o600 });
    writeFileSync(certFile, made.certPem);
    out(
      `Đã tạo chứng chỉ tự ký ${type === 'rsa' ? 'RSA 2048 bit' : 'EC P-256'} cho ${hosts.join(', ')}, hết hạn ${made.cert.validTo}:\n` +
        `  ${certFile}\n  ${keyFile}\n` +
        `Chỉ dùng để thử trên máy; trình duyệt sẽ cảnh báo vì không có cơ quan chứng thực (CA) nào ký.\n` +
        `Dùng: TLS_CERT_FILE=${certFile} TLS_KEY_FILE=${keyFile} npx dvctt start\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`dvctt cert: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export async function checkCommand(args: string[], out: Out, err: Out): Promise<number> {
  let options: CheckOptions;
  let format: string;
  try {
    const { values, positionals } = parse(args, {
      format: { type: 'string', default: 'text' },
      resolver: { type: 'string' },
      ca: { type: 'string' },
      'http-port': { type: 'string' },
      'max-pages': { type: 'string', default: '400' },
      'no-browser': { type: 'boolean', default: false },
    });
    format = String(values.format);
    if (!['text', 'json', 'html'].includes(format)) throw new UsageError(`--format "${format}" không hợp lệ; dùng text, json hoặc html.`);
    const raw = positionals[0];
    if (!raw || positionals.length > 1) throw new UsageError('Cách dùng: dvctt check <url> [--format text|json|html] [--resolver IP[:cổng]] [--ca tệp.pem] [--http-port N]');
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      throw new UsageError(`"${raw}" không phải địa chỉ URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`"${raw}": chỉ kiểm tra được http:// hoặc https://.`);
    const httpPort = values['http-port'] === undefined ? undefined : Number(values['http-port']);
    if (httpPort !== undefined && (!Number.isInteger(httpPort) || httpPort < 1 || httpPort > 65535)) throw new UsageError(`--http-port "${String(values['http-port'])}" không phải số cổng.`);
    const maxPages = Number(values['max-pages']);
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new UsageError(`--max-pages "${String(values['max-pages'])}" không hợp lệ.`);
    options = {
      url,
      resolver: values.resolver === undefined ? undefined : parseResolver(String(values.resolver)),
      caFile: values.ca === undefined ? undefined : String(values.ca),
      httpPort,
      maxPages,
      browser: !values['no-browser'],
    };
    if (options.caFile && !existsSync(options.caFile)) throw new UsageError(`--ca: không tìm thấy tệp "${options.caFile}".`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`dvctt check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const report = await runCheck(options, (line) => err(`${line}\n`));
  out(format === 'json' ? renderJson(report) : format === 'html' ? renderHtml(report) : renderText(report));
  return report.findings.some((f) => f.status === 'fail') ? 1 : 0;
}

export function parseResolver(raw: string): { host: string; port: number } {
  const m = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(raw) ?? /^([0-9.]+)(?::(\d+))?$/.exec(raw) ?? /^([0-9a-fA-F:]+)()$/.exec(raw);
  const port = m?.[2] ? Number(m[2]) : 53;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--resolver "${raw}" không hợp lệ; dùng địa chỉ IP, có thể kèm cổng: 127.0.0.1:5353 hoặc [::1]:5353.`);
  return { host: m[1]!, port };
}
