// Webhook targets must be other systems on the internet, not this machine or its private network
// (SSRF): private, loopback, link-local and unique-local addresses are refused unless the
// operator allows them (DVCTT_WEBHOOK_ALLOW_PRIVATE, for tests and intranets).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** Whether this IP address is private, loopback, link-local, unique-local or unspecified (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(ip);
  if (family === 4) return PRIVATE.check(ip, 'ipv4');
  if (family === 6) return PRIVATE.check(ip, 'ipv6');
  return false;
}

/** Whether a URL's host is written as such an address (or is "localhost"). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host);
}

/** A host name's addresses, as the system resolver (or a test's stand-in) answers. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Where a webhook goes: the one address that was checked, and is the one connected to. */
export type WebhookTarget = { address: string; family: 4 | 6 } | { privateAddress: string };

/**
 * The address to connect to for this host: resolved once, here, and checked. The connection then
 * uses this address and no other, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot lead it to a private address. Any private answer refuses the host.
 */
export async function webhookTarget(hostname: string, options: { allowPrivate?: boolean; resolve?: Resolver } = {}): Promise<WebhookTarget> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (!options.allowPrivate && isPrivateHost(host)) return { privateAddress: host };
  if (family === 4 || family === 6) return { address: host, family };
  const addresses = await (options.resolve ?? systemResolver)(host);
  const found = !options.allowPrivate && addresses.find((a) => isPrivateAddress(a.address));
  if (found) return { privateAddress: found.address };
  const first = addresses.find((a) => isIP(a.address));
  if (!first) throw new Error(`không có địa chỉ nào cho ${host}`);
  return { address: first.address, family: isIP(first.address) as 4 | 6 };
}
