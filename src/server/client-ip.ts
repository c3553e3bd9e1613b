// Which client a request is charged to (DESIGN.md, "Client IP"): the address the request came from,
// or, behind proxies the operator trusts, the right-most `X-Forwarded-For` entry that is not one of
// them. Never the first entry: whoever sends the request writes that one.
import { describe } from '../core/address.js';
import { inRange, parseIp, parseIpRange, type IpRange } from './ip-address.js';

/**
 * Which proxies in front of the endpoint are trusted to say who their client was: none (`false`),
 * one (`true`), a number of hops, or a list of proxy addresses and CIDR ranges (IPv4 and IPv6).
 */
export type TrustProxy = boolean | number | readonly string[];

/**
 * The client IP of a request that came from `peer` (the socket's address) with `forwardedFor` (its
 * `X-Forwarded-For`, or null); `undefined` when the peer is unknown.
 */
export type ClientIpResolver = (peer: string | undefined, forwardedFor: string | null) => string | undefined;

/** Throws a `TypeError` saying what is wrong when `trustProxy` is none of the forms above. */
export function clientIpResolver(trustProxy: TrustProxy = false): ClientIpResolver {
  const isTrusted = trustedHops(trustProxy);
  return (peer, forwardedFor) => {
    if (peer === undefined || isTrusted === undefined || !forwardedFor) return peer;
    // The hops from the client to us, nearest last: each proxy appends the address it was reached from.
    const hops = [...forwardedFor.split(',').map((entry) => entry.trim()).filter(Boolean), peer];
    for (let i = hops.length - 1; i > 0; i--) {
      if (!isTrusted(hops[i]!, hops.length - 1 - i)) return hops[i]!;
    }
    // Every hop is a trusted proxy: the farthest is as close to the client as anyone can say.
    return hops[0];
  };
}

/** Whether the hop `address`, `distance` hops from us (the peer is 0), is a trusted proxy; `undefined` trusts none. */
type HopTrust = ((address: string, distance: number) => boolean) | undefined;

function trustedHops(trustProxy: TrustProxy): HopTrust {
  if (trustProxy === false || trustProxy === 0) return undefined;
  if (trustProxy === true) return (_, distance) => distance < 1;
  if (typeof trustProxy === 'number') {
    if (!Number.isSafeInteger(trustProxy) || trustProxy < 0) {
      const got = describe(trustProxy);
      throw new TypeError(`trustProxy as a number is how many proxies are in front, a whole number, got ${got}`);
    }
    return (_, distance) => distance < trustProxy;
  }
  if (!Array.isArray(trustProxy)) {
    throw new TypeError(
      `trustProxy must be false, true, a number of proxy hops or a list of proxy addresses, got ${describe(trustProxy)}`,
    );
  }
  const ranges = trustProxy.map(proxyRange);
  return (address) => {
    const ip = parseIp(address);
    return ip !== undefined && ranges.some((range) => inRange(ip, range));
  };
}

function proxyRange(entry: unknown, i: number): IpRange {
  const range = typeof entry === 'string' ? parseIpRange(entry) : undefined;
  if (range) return range;
  throw new TypeError(
    `trustProxy[${i}] must be a proxy's IP address or a CIDR range like 10.0.0.0/8 or fd00::/8, got ${describe(entry)}`,
  );
}
