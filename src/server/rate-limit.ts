// Request budgets: one token bucket per key (a client IP, a subscriber address, the whole chain),
// refilled continuously, so a key may burst up to its budget and then gets one request per
// 60/perMinute seconds.
import { describe } from '../core/address.js';
import { Refusal } from './refusal.js';

export interface RateLimiter {
  /** Seconds `key` must wait before its next request, 0 when it may go ahead now; counts nothing. */
  wait(key: string): number;
  /** The same, and counts the request when it may go ahead. */
  take(key: string): number;
}

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

  /** The key's tokens at `time`, refilled since it was last counted. */
  const tokensAt = (key: string, time: number) => {
    if (time - lastSweep >= MINUTE_MS) {
      // A bucket untouched for a minute is full again, the same as no bucket: forget it.
      for (const [known, bucket] of buckets) if (time - bucket.at >= MINUTE_MS) buckets.delete(known);
      lastSweep = time;
    }
    const bucket = buckets.get(key);
    return bucket ? Math.min(perMinute, bucket.tokens + Math.max(0, time - bucket.at) * tokensPerMs) : perMinute;
  };
  const secondsUntilOne = (tokens: number) => (tokens >= 1 ? 0 : Math.ceil((1 - tokens) / tokensPerMs / 1000));

  return {
    wait(key) {
      return perMinute === 0 ? 0 : secondsUntilOne(tokensAt(key, now()));
    },
    take(key) {
      if (perMinute === 0) return 0;
      const time = now();
      const tokens = tokensAt(key, time);
      const seconds = secondsUntilOne(tokens);
      buckets.set(key, { tokens: seconds === 0 ? tokens - 1 : tokens, at: time });
      return seconds;
    },
  };
}

/** Throws the 429 answer when a budget says to wait `seconds`; `whose` says which budget, for the message. */
export function refuseWhenLimited(seconds: number, whose: string): void {
  if (seconds > 0) {
    const message = `too many requests ${whose}; try again in ${seconds} s`;
    throw new Refusal(429, 'rate_limited', message, { 'retry-after': `${seconds}` });
  }
}
