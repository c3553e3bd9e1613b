// The webhook queue of the memory store: the same contract as the durable queues, in this process's
// memory, so its events are lost with the process (like the memory store's records).
import { eventBody, type WebhookEvent } from './event.js';
import { newLease, type LeasedEvent, type WebhookQueue } from './queue.js';

interface Waiting {
  event: WebhookEvent;
  body: string;
  attempts: number;
  dueAt: number;
  lease?: string;
  leasedUntil: number;
}

/** The queue, and what the memory store does to it within `apply` and `forget`. */
export interface MemoryWebhookQueue {
  queue: WebhookQueue;
  /** Queues `event` unless `maxQueued` events wait; says whether it did. */
  enqueue(event: WebhookEvent, maxQueued: number): boolean;
  /** Drops the events about `subscriber` (on `publisher`'s list, or on every list). */
  forget(subscriber: string, publisher?: string): void;
}

export function memoryWebhookQueue(now: () => number = Date.now): MemoryWebhookQueue {
  /** Oldest first. */
  let waiting: Waiting[] = [];
  const pairOf = ({ event }: Waiting) => `${event.publisher}/${event.subscriber}`;
  const leased = ({ id, lease }: LeasedEvent) => waiting.find((entry) => entry.event.id === id && entry.lease === lease);

  return {
    enqueue(event, maxQueued) {
      if (waiting.length >= maxQueued) return false;
      waiting.push({ event, body: eventBody(event), attempts: 0, dueAt: now(), leasedUntil: 0 });
      return true;
    },

    forget(subscriber, publisher) {
      waiting = waiting.filter(({ event }) => event.subscriber !== subscriber || (publisher !== undefined && event.publisher !== publisher));
    },

    queue: {
      async claim(limit, leaseMs) {
        const at = now();
        const lease = newLease();
        const seen = new Set<string>();
        const claimed: LeasedEvent[] = [];
        for (const entry of waiting) {
          const pair = pairOf(entry);
          const first = !seen.has(pair);
          seen.add(pair);
          if (!first || entry.dueAt > at || entry.leasedUntil > at || claimed.length === limit) continue;
          Object.assign(entry, { lease, leasedUntil: at + leaseMs });
          claimed.push({ id: entry.event.id, body: entry.body, attempts: entry.attempts, lease });
        }
        return claimed;
      },

      async remove(event) {
        const entry = leased(event);
        if (entry) waiting = waiting.filter((other) => other !== entry);
      },

      async retry(event, afterMs) {
        const entry = leased(event);
        if (entry) Object.assign(entry, { attempts: entry.attempts + 1, dueAt: now() + afterMs, lease: undefined, leasedUntil: 0 });
      },
    },
  };
}
