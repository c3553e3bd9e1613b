// The durable queue webhook events wait in, as a store keeps it (stores enqueue in the transaction
// that changes a pair's state, see `ApplyOptions`): events are handed out under a lease, so that
// several server instances never deliver one at the same time, and only the oldest event of each
// (publisher, subscriber) at a time, so a pair's events arrive in order.
import type { WebhookEvent } from './event.js';

/** An event handed out for one delivery attempt. */
export interface LeasedEvent {
  id: string;
  /** The body to POST, exactly as queued. */
  body: string;
  /** Attempts that failed before this one. */
  attempts: number;
  /** Which claim holds the lease: only that claim can remove the event or put it back. */
  lease: string;
}

export interface WebhookQueue {
  /**
   * Leases up to `limit` events that are due, unleased (or whose lease ran out) and the oldest
   * waiting for their pair, for `leaseMs`; oldest first.
   */
  claim(limit: number, leaseMs: number): Promise<LeasedEvent[]>;
  /** The event was delivered, or given up: it leaves the queue (unless its lease was lost). */
  remove(event: LeasedEvent): Promise<void>;
  /** The attempt failed: counted, and the event is due again after `afterMs`, unleased. */
  retry(event: LeasedEvent, afterMs: number): Promise<void>;
}

/** What `apply` did about the webhook, when asked to queue and the statement changed the pair's state. */
export interface QueuedWebhook {
  event: WebhookEvent;
  /** False when the queue was full: the change is stored, its event is not. */
  queued: boolean;
}

/** A random lease token, naming one claim. */
export function newLease(): string {
  return crypto.randomUUID();
}
