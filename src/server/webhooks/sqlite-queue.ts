// The webhook queue in the SQLite file (the table of schema version 3): events are queued inside the
// store's apply transaction, and claimed under a lease in an IMMEDIATE transaction, so even several
// processes on one file never hand out one event twice at a time. Times are this machine's clock.
import type BetterSqlite3 from 'better-sqlite3';
import { whenSqliteAnswers } from '../stores/faults.js';
import { eventBody, type WebhookEvent } from './event.js';
import { newLease, type LeasedEvent, type WebhookQueue } from './queue.js';

/** The queue, and what the SQLite store does to it inside its own transactions. */
export interface SqliteWebhookQueue {
  queue: WebhookQueue;
  /** Queues `event` unless `maxQueued` events wait; says whether it did. Runs in the caller's transaction. */
  enqueue(event: WebhookEvent, maxQueued: number): boolean;
  /** Drops the events about `subscriber` (on `publisher`'s list, or on every list). */
  forget(subscriber: string, publisher?: string): void;
}

type Claimed = { id: string; body: string; attempts: number };

export function sqliteWebhookQueue(db: BetterSqlite3.Database): SqliteWebhookQueue {
  const count = db.prepare<[], { waiting: number }>('SELECT count(*) AS waiting FROM webhook_queue');
  const insert = db.prepare('INSERT INTO webhook_queue (id, publisher, subscriber, body, due_at) VALUES (?, ?, ?, ?, ?)');
  const forgetEverywhere = db.prepare('DELETE FROM webhook_queue WHERE subscriber = ?');
  const forgetOnList = db.prepare('DELETE FROM webhook_queue WHERE subscriber = ? AND publisher = ?');
  // Due, not leased, and nothing older waiting for the same pair.
  const due = db.prepare<[{ now: number; limit: number }], Claimed>(
    `SELECT id, body, attempts FROM webhook_queue AS waiting
     WHERE due_at <= @now AND leased_until <= @now AND NOT EXISTS (
       SELECT 1 FROM webhook_queue AS earlier
       WHERE earlier.publisher = waiting.publisher AND earlier.subscriber = waiting.subscriber AND earlier.seq < waiting.seq)
     ORDER BY seq LIMIT @limit`,
  );
  const lease = db.prepare('UPDATE webhook_queue SET lease = ?, leased_until = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM webhook_queue WHERE id = ? AND lease = ?');
  const retry = db.prepare(
    'UPDATE webhook_queue SET attempts = attempts + 1, due_at = ?, lease = NULL, leased_until = 0 WHERE id = ? AND lease = ?',
  );

  const claim = db.transaction((limit: number, leaseMs: number): LeasedEvent[] => {
    const now = Date.now();
    const token = newLease();
    const events = due.all({ now, limit });
    for (const { id } of events) lease.run(token, now + leaseMs, id);
    return events.map((event) => ({ ...event, lease: token }));
  });

  return {
    enqueue(event, maxQueued) {
      if (count.get()!.waiting >= maxQueued) return false;
      insert.run(event.id, event.publisher, event.subscriber, eventBody(event), Date.now());
      return true;
    },

    forget(subscriber, publisher) {
      if (publisher === undefined) forgetEverywhere.run(subscriber);
      else forgetOnList.run(subscriber, publisher);
    },

    queue: {
      claim: (limit, leaseMs) => whenSqliteAnswers(() => claim.immediate(limit, leaseMs)),
      async remove({ id, lease: token }) {
        await whenSqliteAnswers(() => remove.run(id, token));
      },
      async retry({ id, lease: token }, afterMs) {
        await whenSqliteAnswers(() => retry.run(Date.now() + afterMs, id, token));
      },
    },
  };
}
