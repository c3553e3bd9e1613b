// The embedded default store: one SQLite file through better-sqlite3 (sqlite-database.ts), in WAL
// mode with synchronous=FULL, so a record is on disk before the handler answers; concurrent writes
// share a transaction (sqlite-group-commit.ts). The file (and with
// it its WAL and shared-memory files, which SQLite creates with the file's mode) is created 0600.
// While serving, a lock held by another connection is waited for between tries (faults.ts), never
// inside SQLite, whose waits would stop the whole server.
import { checksumAddress } from '../../core/address.js';
import {
  LIST_PAGE_SIZE,
  applyStatement,
  normalizeListOptions,
  normalizePair,
  normalizeReceiptHash,
  normalizeStatement,
  type ApplyOptions,
  type ApplyResult,
  type ConsentStore,
  type SignedStatement,
} from '../store.js';
import { stateChangeEvent } from '../webhooks/event.js';
import { sqliteWebhookQueue } from '../webhooks/sqlite-queue.js';
import { COLUMN_LIST, CONSENT_COLUMNS, recordFromRow, rowSubscriber, rowValues, type ConsentRow } from './consent-row.js';
import { whenSqliteAnswers } from './faults.js';
import { groupCommit } from './sqlite-group-commit.js';
import { openConsentDatabase } from './sqlite-database.js';

/**
 * Opens (creating it when needed) the SQLite file at `path` as a consent store.
 * Asynchronous because better-sqlite3 is an optional peer dependency loaded on first use: importing
 * `xmtp-subscribe/server` must keep working without it, for the memory or PostgreSQL stores.
 */
export async function sqliteStore(path: string): Promise<ConsentStore> {
  const db = await openConsentDatabase(path);
  db.pragma('busy_timeout = 0');
  const selectPair = db
    .prepare<[string, string], ConsentRow>(`SELECT ${COLUMN_LIST} FROM consent WHERE publisher = ? AND subscriber = ?`)
    .raw(true);
  const upsert = db.prepare(
    `INSERT INTO consent (${COLUMN_LIST}) VALUES (${CONSENT_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (publisher, subscriber) DO UPDATE SET
       ${CONSENT_COLUMNS.slice(2).map((column) => `${column} = excluded.${column}`).join(', ')}`,
  );
  // `state IN (?, ?)` takes 'allowed', 'unsubscribed' for every state, or one of them twice.
  const selectPage = db
    .prepare<[string, string, string, string, number], ConsentRow>(
      `SELECT ${COLUMN_LIST} FROM consent
       WHERE publisher = ? AND subscriber > ? AND state IN (?, ?) ORDER BY subscriber LIMIT ?`,
    )
    .raw(true);
  const deleteEverywhere = db.prepare('DELETE FROM consent WHERE subscriber = ?');
  const deleteFromList = db.prepare('DELETE FROM consent WHERE subscriber = ? AND publisher = ?');
  // Reads the table, not just the connection, so a file that can no longer be read is noticed.
  const ping = db.prepare('SELECT 1 FROM consent LIMIT 1');

  const webhooks = sqliteWebhookQueue(db);

  // Inside a group's IMMEDIATE transaction (the write lock from the start), so the rule is applied
  // to the row as it is, and `created` is exact, even when several processes share the file; the
  // webhook event of the change commits with it.
  const write = groupCommit(db);
  const apply = (
    statement: SignedStatement,
    receiptHash: string | undefined,
    { queueEvent }: ApplyOptions,
  ): ApplyResult => {
    const row = selectPair.get(statement.publisher, statement.subscriber);
    const stored = row && recordFromRow(row);
    const result = applyStatement(stored, statement, receiptHash);
    if (result.changed || receiptHash) upsert.run(...rowValues(result.record));
    const event = queueEvent && stateChangeEvent(stored?.state, result.record);
    return event ? { ...result, webhook: { event, queued: webhooks.enqueue(event, queueEvent.maxQueued) } } : result;
  };
  const forget = (reader: string, list: string | undefined): number => {
    webhooks.forget(reader, list);
    return (list === undefined ? deleteEverywhere.run(reader) : deleteFromList.run(reader, list)).changes;
  };

  return {
    async apply(statement, receiptHash, options = {}) {
      const [incoming, hash] = [normalizeStatement(statement), normalizeReceiptHash(receiptHash)];
      return write(() => apply(incoming, hash, options));
    },

    async get(publisher, subscriber) {
      const pair = normalizePair(publisher, subscriber);
      const row = await whenSqliteAnswers(() => selectPair.get(...pair));
      return row && recordFromRow(row);
    },

    async *list(publisher, options) {
      const { after, limit, state } = normalizeListOptions(options);
      const owner = checksumAddress(publisher, 'publisher');
      const states = state === 'all' ? ['allowed', 'unsubscribed'] : [state, state];
      // Keyset pagination: each page starts after the last subscriber of the previous one.
      let cursor = after ?? '';
      let remaining = limit;
      while (remaining > 0) {
        const page = [owner, cursor, states[0]!, states[1]!, Math.min(LIST_PAGE_SIZE, remaining)] as const;
        const rows = await whenSqliteAnswers(() => selectPage.all(...page));
        // Each record is made as it is asked for: a page of them made at once stays in memory longer.
        for (const row of rows) yield recordFromRow(row);
        if (rows.length < LIST_PAGE_SIZE) return;
        cursor = rowSubscriber(rows.at(-1)!);
        remaining -= rows.length;
      }
    },

    async forget(subscriber, publisher) {
      const reader = checksumAddress(subscriber, 'subscriber');
      const list = publisher === undefined ? undefined : checksumAddress(publisher, 'publisher');
      return write(() => forget(reader, list));
    },

    async check() {
      await whenSqliteAnswers(() => ping.get());
    },

    async close() {
      db.close();
    },

    webhookQueue: webhooks.queue,
  };
}

