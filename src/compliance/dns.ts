// A small DNS client (RFC 1035, EDNS0 of RFC 6891) over node:dgram, falling back to TCP when the
// answer is truncated. node:dns cannot show the AD flag (RFC 4035 §3.2.3) a validating resolver
// sets, and DNSSEC validation is what Art. 15.4 asks us to prove — so we ask ourselves.
import dgram from 'node:dgram';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28, OPT: 41, DS: 43, RRSIG: 46, DNSKEY: 48 } as const;
export type TypeName = keyof typeof TYPE;
const TYPE_NAME = Object.fromEntries(Object.entries(TYPE).map(([k, v]) => [v, k])) as Record<number, TypeName | undefined>;

export const RCODE = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export interface DnsRecord {
  name: string;
  type: number;
  typeName: string;
  ttl: number;
  /** A/AAAA address, CNAME/NS target, SOA primary name, RRSIG's covered type; else undefined. */
  value: string | undefined;
}

export interface DnsResponse {
  id: number;
  /** Authenticated Data: a validating resolver checked the answer's DNSSEC chain. */
  ad: boolean;
  aa: boolean;
  tc: boolean;
  ra: boolean;
  rcode: string;
  answers: DnsRecord[];
  authority: DnsRecord[];
}

export interface Resolver {
  host: string;
  port: number;
}

export class DnsError extends Error {
  override name = 'DnsError';
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const parts: Buffer[] = [];
  for (const label of labels) {
    const b = Buffer.from(label, 'ascii');
    if (b.length > 63) throw new DnsError(`Nhãn tên miền "${label}" dài quá 63 ký tự.`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A query with RD, and AD set (RFC 6840 §5.7: ask for the AD bit) and the EDNS0 DO bit. */
export function encodeQuery(id: number, name: string, type: number, options: { dnssec?: boolean } = {}): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100 | 0x0020, 2); // RD | AD
  header.writeUInt16BE(1, 4); // QDCOUNT
  header.writeUInt16BE(1, 10); // ARCOUNT: the OPT record
  const question = Buffer.concat([encodeName(name), Buffer.from([type >> 8, type & 0xff, 0, 1])]);
  const opt = Buffer.alloc(11);
  opt[0] = 0; // root name
  opt.writeUInt16BE(TYPE.OPT, 1);
  opt.writeUInt16BE(1232, 3); // UDP payload size
  opt.writeUInt32BE(options.dnssec === false ? 0 : 0x8000, 5); // extended RCODE 0, version 0, DO
  opt.writeUInt16BE(0, 9);
  return Buffer.concat([header, question, opt]);
}

function readName(buf: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let pos = start;
  let end = -1;
  for (let jumps = 0; ; ) {
    if (pos >= buf.length) throw new DnsError('Gói DNS bị cắt cụt (tên).');
    const len = buf[pos]!;
    if (len === 0) {
      if (end < 0) end = pos + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new DnsError('Gói DNS bị cắt cụt (con trỏ nén).');
      if (end < 0) end = pos + 2;
      pos = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (++jumps > 64) throw new DnsError('Gói DNS có vòng lặp con trỏ nén.');
      continue;
    }
    if (len & 0xc0) throw new DnsError('Gói DNS có nhãn không hợp lệ.');
    if (pos + 1 + len > buf.length) throw new DnsError('Gói DNS bị cắt cụt (nhãn).');
    labels.push(buf.toString('ascii', pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  return { name: labels.join('.') + '.', end };
}

function ipv6(b: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  // Shorten the longest run of zero groups to "::".
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

function readRecords(buf: Buffer, pos: number, count: number): { records: DnsRecord[]; end: number } {
  const records: DnsRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { name, end } = readName(buf, pos);
    if (end + 10 > buf.length) throw new DnsError('Gói DNS bị cắt cụt (bản ghi).');
    const type = buf.readUInt16BE(end);
    const ttl = buf.readUInt32BE(end + 4);
    const rdlength = buf.readUInt16BE(end + 8);
    const rdStart = end + 10;
    if (rdStart + rdlength > buf.length) throw new DnsError('Gói DNS bị cắt cụt (dữ liệu bản ghi).');
    const rdata = buf.subarray(rdStart, rdStart + rdlength);
    let value: string | undefined;
    if (type === TYPE.A && rdlength === 4) value = [...rdata].join('.');
    else if (type === TYPE.AAAA && rdlength === 16) value = ipv6(rdata);
    else if (type === TYPE.CNAME || type === TYPE.NS || type === TYPE.SOA) value = readName(buf, rdStart).name;
    else if (type === TYPE.RRSIG && rdlength >= 2) value = TYPE_NAME[rdata.readUInt16BE(0)] ?? String(rdata.readUInt16BE(0));
    records.push({ name, type, typeName: TYPE_NAME[type] ?? String(type), ttl, value });
    pos = rdStart + rdlength;
  }
  return { records, end: pos };
}

export function decodeResponse(buf: Buffer): DnsResponse {
  if (buf.length < 12) throw new DnsError('Gói DNS ngắn hơn phần đầu 12 byte.');
  const flags = buf.readUInt16BE(2);
  if (!(flags & 0x8000)) throw new DnsError('Gói DNS không phải một câu trả lời.');
  const qd = buf.readUInt16BE(4);
  let pos = 12;
  for (let i = 0; i < qd; i++) pos = readName(buf, pos).end + 4;
  const answers = readRecords(buf, pos, buf.readUInt16BE(6));
  const authority = readRecords(buf, answers.end, buf.readUInt16BE(8));
  return {
    id: buf.readUInt16BE(0),
    aa: !!(flags & 0x0400),
    tc: !!(flags & 0x0200),
    ra: !!(flags & 0x0080),
    ad: !!(flags & 0x0020),
    rcode: RCODE[flags & 0x000f] ?? String(flags & 0x000f),
    answers: answers.records,
    authority: authority.records,
  };
}

function overUdp(resolver: Resolver, packet: Buffer, id: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(resolver.host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new DnsError(`Máy chủ DNS ${resolver.host}:${resolver.port} không trả lời sau ${timeoutMs / 1000} giây.`));
    }, timeoutMs);
    socket.on('message', (msg) => {
      if (msg.length < 2 || msg.readUInt16BE(0) !== id) return; // not ours: keep waiting
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(new DnsError(`Không gửi được truy vấn tới ${resolver.host}:${resolver.port}: ${err.message}`));
    });
    socket.send(packet, resolver.port, resolver.host);
  });
}

function overTcp(resolver: Resolver, packet: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(resolver.port, resolver.host);
    let got = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('hết thời gian chờ')));
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from([packet.length >> 8, packet.length & 0xff]), packet])));
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) {
        socket.end();
        resolve(got.subarray(2, 2 + got.readUInt16BE(0)));
      }
    });
    socket.on('error', (err) => reject(new DnsError(`Truy vấn DNS qua TCP tới ${resolver.host}:${resolver.port} lỗi: ${err.message}`)));
    socket.on('close', () => reject(new DnsError(`Máy chủ DNS ${resolver.host}:${resolver.port} đóng kết nối TCP trước khi trả lời.`)));
  });
}

export async function query(resolver: Resolver, name: string, type: TypeName, options: { timeoutMs?: number } = {}): Promise<DnsResponse> {
  const id = randomInt(0, 0x10000);
  const packet = encodeQuery(id, name, TYPE[type]);
  const timeoutMs = options.timeoutMs ?? 4000;
  let raw: Buffer;
  try {
    raw = await overUdp(resolver, packet, id, timeoutMs);
  } catch {
    raw = await overUdp(resolver, packet, id, timeoutMs); // one retry: UDP may drop a packet
  }
  let response = decodeResponse(raw);
  if (response.tc) response = decodeResponse(await overTcp(resolver, packet, timeoutMs));
  return response;
}

/** The first nameserver of /etc/resolv.conf, the one the system itself asks. */
export function systemResolver(file = '/etc/resolv.conf'): Resolver | undefined {
  try {
    const m = /^\s*nameserver\s+([0-9a-fA-F:.]+)/m.exec(readFileSync(file, 'utf8'));
    return m ? { host: m[1]!, port: 53 } : undefined;
  } catch {
    return undefined;
  }
}
