// `dvctt check`, names: the zone's DNSSEC chain, validated by the configured resolver, and the
// portal's name answered over IPv4 and IPv6 (S3).
import net from 'node:net';
import { query, systemResolver, type Resolver } from './dns.ts';
import { finding, type Finding } from './model.ts';
import { isIp, type CheckOptions, type Target } from './target.ts';
import { get } from './transport-check.ts';

/** The zone that holds a name: walk up until a SOA answers at the apex. */
async function zoneOf(resolver: Resolver, host: string): Promise<string> {
  const labels = host.replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const name = labels.slice(i).join('.');
    const r = await query(resolver, name, 'SOA');
    if (r.answers.some((a) => a.typeName === 'SOA' && a.name.toLowerCase() === `${name.toLowerCase()}.`)) return name;
    const soa = r.authority.find((a) => a.typeName === 'SOA');
    if (soa) return soa.name.replace(/\.$/, '');
  }
  return labels.slice(-2).join('.');
}

export async function dnsFindings(t: Target, options: CheckOptions): Promise<Finding[]> {
  const local = isIp(t.host) || t.host === 'localhost' || t.host.endsWith('.localhost');
  const out: Finding[] = [];
  const v6Reach = async () => {
    if (!t.v6.length) return finding('ipv6-reach', 'fail', 'Không có địa chỉ IPv6 để kết nối.', 'Cấp địa chỉ IPv6 cho máy chủ (hoặc cân bằng tải) và cho cổng lắng nghe trên IPv6 (dvctt: HOST=:: mặc định).');
    for (const a of t.v6) {
      try {
        const res = await get(new URL('/', t.url), a, t);
        if (res.status < 500) return finding('ipv6-reach', 'pass', `Trang chủ trả lời qua [${a}] (mã ${res.status}).`);
      } catch {
        /* try the next address */
      }
    }
    return finding('ipv6-reach', 'fail', `Không kết nối được qua IPv6 (${t.v6.join(', ')}).`, 'Mở tường lửa cho IPv6 và cho cổng lắng nghe trên :: (dvctt: HOST=::).');
  };
  if (local) {
    const why = `${t.host} là địa chỉ cục bộ hoặc địa chỉ IP, không có tên miền để kiểm tra.`;
    out.push(finding('ipv6-aaaa', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    out.push(isIp(t.host) && net.isIPv4(t.host) ? finding('ipv6-reach', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.') : await v6Reach());
    out.push(finding('dnssec-signed', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    out.push(finding('dnssec-validated', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    return out;
  }
  const resolver = options.resolver ?? systemResolver();
  if (!resolver) {
    for (const id of ['ipv6-aaaa', 'dnssec-signed', 'dnssec-validated'] as const) out.push(finding(id, 'skip', 'Không tìm thấy máy chủ phân giải (/etc/resolv.conf).', 'Chạy lại với --resolver IP.'));
    out.push(await v6Reach());
    return out;
  }
  try {
    const aaaa = await query(resolver, t.host, 'AAAA');
    const addrs = aaaa.answers.filter((r) => r.typeName === 'AAAA').map((r) => r.value);
    out.push(addrs.length ? finding('ipv6-aaaa', 'pass', `AAAA: ${addrs.join(', ')}.`) : finding('ipv6-aaaa', 'fail', `${t.host} không có bản ghi AAAA (${aaaa.rcode}).`, 'Khai báo bản ghi AAAA với địa chỉ IPv6 của máy chủ tại nhà cung cấp DNS (HD §8a).'));
    out.push(await v6Reach());

    const zone = await zoneOf(resolver, t.host);
    const keys = await query(resolver, zone, 'DNSKEY');
    const hasKeys = keys.answers.some((r) => r.typeName === 'DNSKEY');
    const hasSigs = keys.answers.some((r) => r.typeName === 'RRSIG');
    out.push(
      hasKeys && hasSigs
        ? finding('dnssec-signed', 'pass', `Vùng ${zone} có DNSKEY và chữ ký RRSIG.`)
        : finding('dnssec-signed', 'fail', `Vùng ${zone} không có bản ghi DNSKEY${hasKeys ? ' được ký' : ''}.`, `Ký vùng ${zone} bằng DNSSEC tại máy chủ DNS (ví dụ Knot: dnssec-signing: on) và đăng bản ghi DS lên vùng cấp trên (tên miền .vn: qua nhà đăng ký/VNNIC, Đề án 1524).`),
    );
    const answer = await query(resolver, t.host, t.v4.length ? 'A' : 'AAAA');
    if (answer.ad) out.push(finding('dnssec-validated', 'pass', `Máy chủ phân giải ${resolver.host}:${resolver.port} xác thực được câu trả lời (cờ AD).`));
    else if (answer.rcode === 'SERVFAIL') out.push(finding('dnssec-validated', 'fail', `Máy chủ phân giải trả SERVFAIL: chuỗi chữ ký hỏng hoặc hết hạn.`, 'Kiểm tra chữ ký của vùng (ldns-verify-zone, kdig +dnssec) và bản ghi DS ở vùng cấp trên.'));
    else {
      out.push(
        finding(
          'dnssec-validated',
          'fail',
          `Câu trả lời cho ${t.host} không có cờ AD từ ${resolver.host}:${resolver.port}${hasKeys ? ': vùng đã ký nhưng chuỗi tin cậy chưa nối (thiếu DS ở vùng cấp trên?) hoặc máy chủ phân giải không xác thực DNSSEC' : ''}.`,
          hasKeys ? 'Đăng bản ghi DS lên vùng cấp trên; dùng máy chủ phân giải có xác thực DNSSEC (--resolver).' : `Ký vùng ${zone} bằng DNSSEC và đăng DS lên vùng cấp trên.`,
        ),
      );
    }
  } catch (err) {
    for (const id of ['ipv6-aaaa', 'dnssec-signed', 'dnssec-validated'] as const) {
      if (!out.some((f) => f.id === id)) out.push(finding(id, 'fail', `Truy vấn DNS lỗi: ${(err as Error).message}`, 'Kiểm tra máy chủ phân giải (--resolver) và máy chủ tên miền của cổng.'));
    }
    if (!out.some((f) => f.id === 'ipv6-reach')) out.push(await v6Reach());
  }
  return out;
}
