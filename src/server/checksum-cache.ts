// EIP-55 checksums the server has just computed, remembered: a statement names its publisher and
// subscriber in the body, and the store checks both again before it writes, each time with a keccak
// on the main thread (checksums were 15 % of its time under load). Bounded, since every address in
// a request may be an attacker's: a flood of new ones only pushes the oldest out.
import { checksumAddress } from '../core/address.js';

/** Enough for the publishers and every request in flight; about 200 KB at most. */
const CAPACITY = 1024;

export interface ChecksumCache {
  /** `checksumAddress(value, what)`: the same answer, or the same `TypeError`. */
  checksum(value: unknown, what: string): `0x${string}`;
  /** How many spellings it remembers now. */
  readonly size: number;
}

/**
 * A cache of at most `capacity` spellings, each as given (lowercase, uppercase or checksummed)
 * with its checksummed form, the least recently used dropped first. A spelling that throws (a wrong
 * checksum) is never remembered, so it throws every time.
 */
export function checksumCache(capacity = CAPACITY): ChecksumCache {
  // A Map iterates in insertion order: a spelling used again is moved to the end, so the first key
  // is always the least recently used.
  const checksums = new Map<string, `0x${string}`>();
  return {
    checksum(value, what) {
      const known = typeof value === 'string' ? checksums.get(value) : undefined;
      if (known) {
        checksums.delete(value as string);
        checksums.set(value as string, known);
        return known;
      }
      const checksummed = checksumAddress(value, what);
      if (checksums.size >= capacity) checksums.delete(checksums.keys().next().value!);
      checksums.set(value as string, checksummed);
      return checksummed;
    },
    get size() {
      return checksums.size;
    },
  };
}

/** The process's one cache, so the stores find what the handler's fields computed. */
const shared = checksumCache();

/** `checksumAddress` through the process's cache. */
export function cachedChecksumAddress(value: unknown, what: string): `0x${string}` {
  return shared.checksum(value, what);
}
