// IP addresses as the endpoint's proxy allowlist and rate limits see them: IPv4 and IPv6 text read
// into numbers, CIDR ranges, and the key a client's budget is kept under. Plain code, no `node:net`,
// so the handler keeps running on any fetch runtime.

/** An address as a number: IPv4 in 32 bits, IPv6 in 128 (an IPv4-mapped IPv6 address reads as IPv4). */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A CIDR range: the addresses whose first `bits` bits are those of `network`. */
export interface IpRange {
  version: 4 | 6;
  network: bigint;
  bits: number;
}

const WIDTH = { 4: 32, 6: 128 } as const;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
/** `::ffff:0:0/96`, where IPv6 sockets show IPv4 clients. */
const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
/** A client can own a whole IPv6 /64 (one LAN, by convention): its budget is kept per /64. */
const IPV6_BUDGET_PREFIX_BITS = 64;

/**
 * The address in `text`, or `undefined` when it is none. Takes what proxies and sockets write:
 * `203.0.113.7`, `2001:db8::1`, `::ffff:203.0.113.7`, `[2001:db8::1]:443`, `203.0.113.7:5000`,
 * `fe80::1%eth0`.
 */
export function parseIp(text: string): IpAddress | undefined {
  const bare = withoutPort(text.trim()).replace(/%.*$/, '');
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(bare);
  if (v6 === undefined) return undefined;
  return v6 >> 32n === IPV4_MAPPED_PREFIX >> 32n ? { version: 4, value: v6 & 0xffffffffn } : { version: 6, value: v6 };
}

/** The range in `text` (`10.0.0.0/8`, `2001:db8::/32`, or one address), or `undefined` when it is none. */
export function parseIpRange(text: string): IpRange | undefined {
  const [address = '', bitsText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(address);
  if (!ip || (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText))) return undefined;
  const width = WIDTH[ip.version];
  // An IPv4-mapped range is written against 128 bits; its address has been read as IPv4.
  const mapped = ip.version === 4 && address.includes(':');
  const bits = bitsText === undefined ? width : Number(bitsText) - (mapped ? 96 : 0);
  if (bits < 0 || bits > width) return undefined;
  return { version: ip.version, network: ip.value >> BigInt(width - bits), bits };
}

export function inRange(ip: IpAddress, range: IpRange): boolean {
  return ip.version === range.version && ip.value >> BigInt(WIDTH[ip.version] - range.bits) === range.network;
}

/** The budget every request whose client IP is unknown shares (a fetch mount that passes none). */
const UNKNOWN_CLIENT = 'unknown client';

/**
 * The key a client's rate-limit budget is kept under: its IPv4 address, the /64 of its IPv6 address
 * (one client usually holds a whole /64, and would otherwise have 2^64 budgets), the text itself
 * when it is no address, or one shared key when the client IP is unknown.
 */
export function budgetKey(clientIp: string | undefined): string {
  if (clientIp === undefined) return UNKNOWN_CLIENT;
  const ip = parseIp(clientIp);
  if (!ip) return clientIp;
  if (ip.version === 4) return ipv4Text(ip.value);
  const prefix = ip.value >> BigInt(128 - IPV6_BUDGET_PREFIX_BITS);
  const groups = [48n, 32n, 16n, 0n].map((shift) => ((prefix >> shift) & 0xffffn).toString(16));
  return `${groups.join(':')}::/${IPV6_BUDGET_PREFIX_BITS}`;
}

/** `text` without a port: `[v6]:port` and `v4:port` lose it; a bare IPv6 address is left alone. */
function withoutPort(text: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^([\d.]+):\d+$/.exec(text);
  return v4WithPort ? v4WithPort[1]! : text;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = IPV4.exec(text)?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 255)) return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    const groups: bigint[] = [];
    for (const [i, part] of parts.entries()) {
      // The last 32 bits may be written as an IPv4 address.
      const v4 = i === parts.length - 1 && part.includes('.') ? parseIpv4(part) : undefined;
      if (v4 !== undefined) groups.push(v4 >> 16n, v4 & 0xffffn);
      else if (HEX_GROUP.test(part)) groups.push(BigInt(`0x${part}`));
      else return undefined;
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 0xffn).join('.');
}
