// Signed payloads waiting for their endpoint. Each is written to localStorage before it is sent and
// removed only once the endpoint answered, so a closed tab, a dead network or a failing server never
// loses a signature; the endpoints are idempotent, so sending one twice is harmless.
import { readItem, writeItem } from '../internal/local-storage.js';

const KEY = 'xmtp-subscribe:outbox';

export interface OutboxEntry<T = unknown> {
  /** One entry per endpoint and signer of a kind: a newer signature replaces an older one. */
  id: string;
  endpoint: string;
  body: T;
  /** Failed deliveries so far, for the backoff. */
  attempts: number;
}

function entries(): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(readItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The first waiting entry whose id starts with `prefix`. */
export function findInOutbox<T>(prefix: string): OutboxEntry<T> | undefined {
  return entries().find((entry) => entry.id.startsWith(prefix)) as OutboxEntry<T> | undefined;
}

export function putInOutbox(entry: OutboxEntry): void {
  writeItem(KEY, JSON.stringify([...entries().filter(({ id }) => id !== entry.id), entry]));
}

export function removeFromOutbox(id: string): void {
  const rest = entries().filter((entry) => entry.id !== id);
  writeItem(KEY, JSON.stringify(rest));
}

/** How long to wait before delivery attempt `attempts + 1`: 2 s, 4 s, 8 s… up to 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
