// A per-client request budget: one token bucket per client IP, refilled continuously, so a
// client may burst up to the budget and then gets one request per 60/perMinute seconds.
import { describe } from '../core/address.js';

/** Seconds the client must wait before its next request, 0 when it may go ahead now. */
export type RateLimiter = (clientIp: string | undefined) => number;

const MINUTE_MS = 60_000;

export function rateLimiter(perMinute: number, now: () => number): RateLimiter {
  if (!Number.isSafeInteger(perMinute) || perMinute < 0) {
    throw new TypeError(
      `rateLimit.perMinute must be a whole number of requests (0 turns limits off), got ${describe(perMinute)}`,
    );
  }
  const buckets = new Map<string, { tokens: number; at: number }>();
  const tokensPerMs = perMinute / MINUTE_MS;
  let lastSweep = now();

  return (clientIp) => {
    // Without an address clients cannot be told apart, and one shared bucket would let any
    // client lock everyone out: such requests are not limited.
    if (perMinute === 0 || clientIp === undefined) return 0;
    const time = now();
    if (time - lastSweep >= MINUTE_MS) {
      // A bucket untouched for a minute is full again, the same as no bucket: forget it.
      for (const [ip, bucket] of buckets) if (time - bucket.at >= MINUTE_MS) buckets.delete(ip);
      lastSweep = time;
    }
    const bucket = buckets.get(clientIp);
    const elapsed = bucket ? Math.max(0, time - bucket.at) : 0;
    const tokens = bucket ? Math.min(perMinute, bucket.tokens + elapsed * tokensPerMs) : perMinute;
    if (tokens >= 1) {
      buckets.set(clientIp, { tokens: tokens - 1, at: time });
      return 0;
    }
    buckets.set(clientIp, { tokens, at: time });
    return Math.ceil((1 - tokens) / tokensPerMs / 1000);
  };
}
