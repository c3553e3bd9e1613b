// The webhook queue in the PostgreSQL database (the table of schema version 3), shared by every
// server instance on it: events are queued inside the store's apply transaction; a claim leases
// events in one statement that skips rows another instance is claiming (FOR UPDATE SKIP LOCKED)
// and those it holds a lease on, so no event is delivered by two instances at once. Times are the
// database's clock, so instances' clocks need not agree.
import type pg from 'pg';
import { whenPostgresAnswers } from '../stores/faults.js';
import { eventBody, type WebhookEvent } from './event.js';
import { newLease, type LeasedEvent, type WebhookQueue } from './queue.js';

/** The database's clock, in ms. */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

const ENQUEUE = `INSERT INTO webhook_queue (id, publisher, subscriber, body, due_at)
  SELECT $1, $2, $3, $4, ${NOW_MS} WHERE (SELECT count(*) FROM webhook_queue) < $5`;
/** Due, not leased, and nothing older waiting for the same pair; leased for $2 ms under the token $1. */
const CLAIM = `UPDATE webhook_queue SET lease = $1, leased_until = ${NOW_MS} + $2
  WHERE seq IN (
    SELECT seq FROM webhook_queue AS waiting
    WHERE due_at <= ${NOW_MS} AND leased_until <= ${NOW_MS} AND NOT EXISTS (
      SELECT 1 FROM webhook_queue AS earlier
      WHERE earlier.publisher = waiting.publisher AND earlier.subscriber = waiting.subscriber AND earlier.seq < waiting.seq)
    ORDER BY seq LIMIT $3
    FOR UPDATE SKIP LOCKED)
  RETURNING seq, id, body, attempts`;
const REMOVE = 'DELETE FROM webhook_queue WHERE id = $1 AND lease = $2';
const RETRY = `UPDATE webhook_queue SET attempts = attempts + 1, due_at = ${NOW_MS} + $3, lease = NULL, leased_until = 0
  WHERE id = $1 AND lease = $2`;

/** The queue, and what the PostgreSQL store does to it inside its own transactions. */
export interface PostgresWebhookQueue {
  queue: WebhookQueue;
  /** Queues `event` on `client` (in its transaction) unless about `maxQueued` events wait; says whether it did. */
  enqueue(client: pg.ClientBase | pg.Pool, event: WebhookEvent, maxQueued: number): Promise<boolean>;
  /** Drops the events about `subscriber` (on `publisher`'s list, or on every list), on `client`. */
  forget(client: pg.ClientBase, subscriber: string, publisher?: string): Promise<unknown>;
}

export function postgresWebhookQueue(pool: pg.Pool): PostgresWebhookQueue {
  return {
    async enqueue(client, event, maxQueued) {
      const { rowCount } = await client.query(ENQUEUE, [event.id, event.publisher, event.subscriber, eventBody(event), maxQueued]);
      return rowCount === 1;
    },

    forget(client, subscriber, publisher) {
      return publisher === undefined
        ? client.query('DELETE FROM webhook_queue WHERE subscriber = $1', [subscriber])
        : client.query('DELETE FROM webhook_queue WHERE subscriber = $1 AND publisher = $2', [subscriber, publisher]);
    },

    queue: {
      async claim(limit, leaseMs) {
        const lease = newLease();
        type Claimed = { seq: string; id: string; body: string; attempts: number };
        const { rows } = await whenPostgresAnswers(() => pool.query<Claimed>(CLAIM, [lease, leaseMs, limit]));
        return rows
          .sort((a, b) => Number(a.seq) - Number(b.seq))
          .map(({ id, body, attempts }) => ({ id, body, attempts, lease }));
      },
      async remove({ id, lease }: LeasedEvent) {
        await whenPostgresAnswers(() => pool.query(REMOVE, [id, lease]));
      },
      async retry({ id, lease }: LeasedEvent, afterMs: number) {
        await whenPostgresAnswers(() => pool.query(RETRY, [id, lease, afterMs]));
      },
    },
  };
}
