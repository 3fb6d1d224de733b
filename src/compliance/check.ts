// `dvctt check <url>`: probes a deployed portal the way a visitor's browser and a validating
// resolver would, and turns what it sees into findings per article (model.ts).
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { query } from './dns.ts';
import { makeReport, type Report } from './model.ts';
import { browserFindings, pageFindings } from './page-check.ts';
import { isIp, type CheckOptions, type Progress, type Target } from './target.ts';
import { transportFindings } from './transport-check.ts';
import { dnsFindings } from './dns-check.ts';
import { formFindings } from './form-check.ts';

export type { CheckOptions } from './target.ts';

const bare = (h: string) => h.replace(/^\[|\]$/g, '');

async function resolveTarget(options: CheckOptions): Promise<Target> {
  const host = bare(options.url.hostname);
  const secure = options.url.protocol === 'https:';
  const port = Number(options.url.port || (secure ? 443 : 80));
  let v4: string[] = [];
  let v6: string[] = [];
  if (isIp(host)) (net.isIPv6(host) ? v6 : v4).push(host);
  else if (options.resolver) {
    const [a, aaaa] = await Promise.all([query(options.resolver, host, 'A'), query(options.resolver, host, 'AAAA')]);
    v4 = a.answers.filter((r) => r.typeName === 'A').map((r) => r.value!);
    v6 = aaaa.answers.filter((r) => r.typeName === 'AAAA').map((r) => r.value!);
  } else {
    const all = await lookup(host, { all: true }).catch(() => []);
    v4 = all.filter((a) => a.family === 4).map((a) => a.address);
    v6 = all.filter((a) => a.family === 6).map((a) => a.address);
    // RFC 6761: localhost is the loopback on both families, whatever /etc/hosts lists.
    if (host === 'localhost' && !v6.length) v6.push('::1');
  }
  const address = v4[0] ?? v6[0];
  if (!address) throw new Error(`Không phân giải được tên miền ${host}.`);
  const ca = options.caFile ? [...tls.rootCertificates, readFileSync(options.caFile, 'utf8')] : [...tls.rootCertificates];
  return { url: options.url, host, port, secure, address, v4, v6, ca };
}

export async function runCheck(options: CheckOptions, progress: Progress = () => undefined): Promise<Report> {
  progress(`Kiểm tra ${options.url.href}…`);
  const t = await resolveTarget(options);
  progress(`Địa chỉ: ${[...t.v4, ...t.v6].join(', ')}`);
  const findings = [...(await transportFindings(t, options))];
  progress('Kiểm tra IPv6 và DNSSEC…');
  findings.push(...(await dnsFindings(t, options)));
  progress('Đọc trang chủ và sitemap.xml…');
  const pages = await pageFindings(t, options, progress);
  findings.push(...pages.findings);
  findings.push(...(await formFindings(t, progress)));
  // The main pages: home, the menu's pages, and the first service page of the sitemap.
  const service = pages.sitemapPaths.find((p) => p.split('/').filter(Boolean).length >= 2);
  const chosen = [...new Set(['/', ...pages.menuPaths.slice(0, 6), ...(service ? [service] : [])])];
  findings.push(...(await browserFindings(t, chosen, options, progress)));
  return makeReport(options.url.href, findings);
}
