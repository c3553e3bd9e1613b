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

/** Whether a stored value has an entry's shape: anything else in storage is dropped, never sent. */
function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  return (
    typeof entry?.id === 'string' &&
    typeof entry.endpoint === 'string' &&
    typeof entry.body === 'object' &&
    entry.body !== null &&
    Number.isSafeInteger(entry.attempts) &&
    entry.attempts! >= 0
  );
}

function entries(): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(readItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/**
 * The entry waiting under `id` for `endpoint`, when its body is what `isBody` expects: an entry
 * that is malformed, aimed at another endpoint or about someone else is never sent.
 */
export function findInOutbox<T>(
  id: string,
  endpoint: string,
  isBody: (body: object) => boolean,
): OutboxEntry<T> | undefined {
  const entry = entries().find((candidate) => candidate.id === id);
  return entry?.endpoint === endpoint && isBody(entry.body as object) ? (entry as OutboxEntry<T>) : undefined;
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
