import net from 'node:net';

/**
 * IP networks written as CIDRs (`10.0.0.0/8`, `2001:db8::/32`, a bare address for one host) and
 * the key a client address is counted under. Matching is node's own `net.BlockList`; this file
 * only parses, validates and unmaps `::ffff:a.b.c.d` (what a dual-stack listener reports for an
 * IPv4 peer) so such a peer matches IPv4 networks and is counted as its IPv4 address.
 */

interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:127.0.0.1` → `127.0.0.1`; a zone id (`fe80::1%eth0`) is dropped; anything else as is. */
export function unmapAddress(address: string): string {
  const bare = address.trim().replace(/%.*$/, '');
  return MAPPED.exec(bare)?.[1] ?? bare;
}

/** One CIDR, or null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const [rawAddress = '', rawPrefix, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const mapped = MAPPED.exec(rawAddress);
  const address = mapped?.[1] ?? rawAddress;
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return null;
  const max = family === 'ipv4' ? 32 : 128;
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return null;
  let prefix = rawPrefix === undefined ? (mapped ? 128 : max) : Number(rawPrefix);
  // A mapped network (::ffff:10.0.0.0/104) is the IPv4 network (10.0.0.0/8).
  if (mapped) {
    if (prefix < 96 || prefix > 128) return null;
    prefix -= 96;
  }
  if (prefix > max) return null;
  return { address, prefix, family };
}

/** A comma-separated list of CIDRs (blank entries ignored), or null when one of them is not. */
export function parseCidrList(text: string | undefined): string[] | null {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.every((entry) => parseCidr(entry) !== null) ? entries : null;
}

/** Whether an address is inside any of the networks (invalid CIDRs throw: validate first). */
export function networkMatcher(cidrs: readonly string[]): (address: string) => boolean {
  if (cidrs.length === 0) return () => false;
  const list = new net.BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`Not a network: ${text}`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address) => {
    const bare = unmapAddress(address);
    if (net.isIPv4(bare)) return list.check(bare, 'ipv4');
    if (net.isIPv6(bare)) return list.check(bare, 'ipv6');
    return false;
  };
}

/** The 8 groups of an IPv6 address, `::` expanded and an IPv4 tail converted. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)?.[1];
  if (tail) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const first = head ? head.split(':') : [];
  const last = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : Array(8 - first.length - last.length).fill('0');
  return [...first, ...zeros, ...last].map((group) => Number.parseInt(group, 16));
}

/**
 * Whom to count a connection under: an IPv4 address as itself, an IPv6 address by its /64,
 * because one host usually has a whole /64 and could otherwise take a fresh address per try.
 */
export function clientKeyOf(address: string): string {
  const bare = unmapAddress(address);
  if (!net.isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare).slice(0, 4);
  return `${groups.map((group) => group.toString(16)).join(':')}::/64`;
}
