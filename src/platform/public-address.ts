// Whether a host is on the public internet. An alert's webhook is a URL a member typed, and the server
// posts to it: without this check a member could make the server reach its own network (loopback, the
// private ranges, link-local cloud metadata). The address is checked when the alert is sent; a name that
// resolves to a private address at that moment is refused (a later answer of the resolver is not).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

export function isPublicAddress(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it is. (BlockList
  // itself matches IPv4 addresses against an ::ffff:0:0/96 rule, so that rule cannot be listed.)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0 || (family === 6 && /^::ffff:/i.test(address))) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Every address the host name resolves to now is public (a literal address is checked as it is). */
export async function resolvesToPublic(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPublicAddress(host);
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    return found.length > 0 && found.every((a) => isPublicAddress(a.address));
  } catch {
    return false;
  }
}
