// The webhook's events: which statements change a reader's place on a list (joining it, leaving
// it) and so fire one, and the JSON body each is POSTed as, the same bytes on every attempt.
import type { ConsentRecord, ConsentState } from '../store.js';

export type WebhookEventType = 'subscribed' | 'unsubscribed';

/** One change of state, as the receiver gets it (in this key order). */
export interface WebhookEvent {
  type: WebhookEventType;
  /** The list's publisher and the reader, EIP-55 checksummed. */
  publisher: string;
  subscriber: string;
  /** When the reader signed the statement that made the change, in ms (whole seconds). */
  at: number;
  /** The idempotency key: random, the same on every attempt to deliver this event. */
  id: string;
}

/**
 * The event a statement fires, given the pair's state before it (`undefined`: no record) and the
 * record after: `subscribed` when a reader gets on the list (new, or back after leaving),
 * `unsubscribed` when an allowed reader leaves. Nothing else is a change of the list: a newer
 * consent while allowed, a newer withdrawal while unsubscribed, and a withdrawal from a reader who
 * was never on the list (kept only so an older proof cannot add them later).
 */
export function stateChangeEvent(previous: ConsentState | undefined, record: ConsentRecord): WebhookEvent | undefined {
  if (record.state === (previous ?? 'unsubscribed')) return undefined;
  const { publisher, subscriber } = record;
  return record.state === 'allowed'
    ? { type: 'subscribed', publisher, subscriber, at: record.consent.timestampMs, id: crypto.randomUUID() }
    : { type: 'unsubscribed', publisher, subscriber, at: record.withdrawal.timestampMs, id: crypto.randomUUID() };
}

/** The body `event` is POSTed as, and signed over. */
export function eventBody({ type, publisher, subscriber, at, id }: WebhookEvent): string {
  return JSON.stringify({ type, publisher, subscriber, at, id });
}
