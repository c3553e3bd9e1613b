// Request budgets: one token bucket per key (a client IP, a subscriber address), refilled
// continuously, so a key may burst up to its budget and then gets one request per 60/perMinute seconds.
import { describe } from '../core/address.js';
import { Refusal } from './refusal.js';

/** Seconds a key must wait before its next request, 0 when it may go ahead now (the request is then counted). */
export type RateLimiter = (key: string | undefined) => number;

const MINUTE_MS = 60_000;

/**
 * A limiter allowing `perMinute` requests a minute per key; 0 turns it off. `option` names the
 * setting in the `TypeError` a bad value throws.
 */
export function rateLimiter(perMinute: number, now: () => number, option: string): RateLimiter {
  if (!Number.isSafeInteger(perMinute) || perMinute < 0) {
    throw new TypeError(`${option} must be a whole number of requests (0 turns it off), got ${describe(perMinute)}`);
  }
  const buckets = new Map<string, { tokens: number; at: number }>();
  const tokensPerMs = perMinute / MINUTE_MS;
  let lastSweep = now();

  return (key) => {
    // Requests without a key cannot be told apart, and one shared bucket would let any client
    // lock everyone out: such requests are not limited.
    if (perMinute === 0 || key === undefined) return 0;
    const time = now();
    if (time - lastSweep >= MINUTE_MS) {
      // A bucket untouched for a minute is full again, the same as no bucket: forget it.
      for (const [known, bucket] of buckets) if (time - bucket.at >= MINUTE_MS) buckets.delete(known);
      lastSweep = time;
    }
    const bucket = buckets.get(key);
    const elapsed = bucket ? Math.max(0, time - bucket.at) : 0;
    const tokens = bucket ? Math.min(perMinute, bucket.tokens + elapsed * tokensPerMs) : perMinute;
    if (tokens >= 1) {
      buckets.set(key, { tokens: tokens - 1, at: time });
      return 0;
    }
    buckets.set(key, { tokens, at: time });
    return Math.ceil((1 - tokens) / tokensPerMs / 1000);
  };
}

/** Throws the 429 answer when a budget says to wait `seconds`; `whose` says which budget, for the message. */
export function refuseWhenLimited(seconds: number, whose: string): void {
  if (seconds > 0) {
    const message = `too many requests ${whose}; try again in ${seconds} s`;
    throw new Refusal(429, 'rate_limited', message, { 'retry-after': `${seconds}` });
  }
}
