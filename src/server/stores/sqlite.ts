// The embedded default store: one SQLite file through better-sqlite3, in WAL mode with
// synchronous=FULL, so a record is on disk before the handler answers.
import type BetterSqlite3 from 'better-sqlite3';
import { checksumAddress } from '../../core/address.js';
import type { SignerKind } from '../../core/verify.js';
import {
  LIST_PAGE_SIZE,
  normalizeListOptions,
  normalizeRecord,
  type ApplyResult,
  type ConsentRecord,
  type ConsentStore,
} from '../store.js';
import { importOptional } from './optional-dependency.js';

/**
 * The schema, in order: entry i takes `PRAGMA user_version` from i to i + 1. Only ever append.
 *
 * Version 1: one row per (publisher, subscriber) holding its current `state`, decided by the
 * newest signed statement about the pair; the other columns are that statement. Only 'allowed'
 * exists so far; a signed unsubscribe will add another state, and since a statement only replaces
 * an older one, an old proof can never bring back a newer opt-out. Addresses are kept checksummed
 * and compared case-insensitively (NOCASE), which also orders them like their hex values.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE consent (
     publisher    TEXT    NOT NULL COLLATE NOCASE,
     subscriber   TEXT    NOT NULL COLLATE NOCASE,
     state        TEXT    NOT NULL,
     timestamp_ms INTEGER NOT NULL,
     signature    TEXT    NOT NULL,
     proof        BLOB    NOT NULL,
     signer_kind  TEXT    NOT NULL,
     received_at  INTEGER NOT NULL,
     PRIMARY KEY (publisher, subscriber)
   ) WITHOUT ROWID`,
];

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

interface ConsentRow {
  publisher: string;
  subscriber: string;
  state: string;
  timestamp_ms: number;
  signature: string;
  proof: Buffer;
  signer_kind: string;
  received_at: number;
}

/**
 * Opens (creating it when needed) the SQLite file at `path` as a consent store.
 * Asynchronous because better-sqlite3 is an optional dependency loaded on first use: importing
 * `xmtp-subscribe/server` must keep working without it, for the memory or PostgreSQL stores.
 */
export async function sqliteStore(path: string): Promise<ConsentStore> {
  const db = await openConsentDatabase(path);
  const selectPair = db.prepare<[string, string], ConsentRow>(
    'SELECT * FROM consent WHERE publisher = ? AND subscriber = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO consent (publisher, subscriber, state, timestamp_ms, signature, proof, signer_kind, received_at)
     VALUES (@publisher, @subscriber, 'allowed', @timestampMs, @signature, @proof, @signerKind, @receivedAt)
     ON CONFLICT (publisher, subscriber) DO UPDATE SET
       state = excluded.state, timestamp_ms = excluded.timestamp_ms, signature = excluded.signature,
       proof = excluded.proof, signer_kind = excluded.signer_kind, received_at = excluded.received_at`,
  );
  const selectPage = db.prepare<[string, string, number], ConsentRow>(
    `SELECT * FROM consent WHERE publisher = ? AND subscriber > ? AND state = 'allowed'
     ORDER BY subscriber LIMIT ?`,
  );

  // Reads the table, not just the connection, so a file that can no longer be read is noticed.
  const ping = db.prepare('SELECT 1 FROM consent LIMIT 1');

  // One IMMEDIATE transaction (the write lock from the start), so `created` is exact even when
  // several processes share the file.
  const apply = db.transaction((record: ConsentRecord): ApplyResult => {
    const stored = selectPair.get(record.publisher, record.subscriber);
    if (stored && record.timestampMs <= stored.timestamp_ms) {
      return { record: recordFromRow(stored), changed: false, created: false };
    }
    upsert.run({ ...record, proof: Buffer.from(record.proof) });
    return { record, changed: true, created: !stored };
  });

  return {
    async apply(statement) {
      return apply.immediate(normalizeRecord(statement));
    },

    async get(publisher, subscriber) {
      const row = selectPair.get(checksumAddress(publisher, 'publisher'), checksumAddress(subscriber, 'subscriber'));
      return row?.state === 'allowed' ? recordFromRow(row) : undefined;
    },

    async *list(publisher, options) {
      const { after, limit } = normalizeListOptions(options);
      const owner = checksumAddress(publisher, 'publisher');
      // Keyset pagination: each page starts after the last subscriber of the previous one.
      let cursor = after ?? '';
      let remaining = limit;
      while (remaining > 0) {
        const rows = selectPage.all(owner, cursor, Math.min(LIST_PAGE_SIZE, remaining));
        for (const row of rows) yield recordFromRow(row);
        if (rows.length < LIST_PAGE_SIZE) return;
        cursor = rows.at(-1)!.subscriber;
        remaining -= rows.length;
      }
    },

    async check() {
      ping.get();
    },

    async close() {
      db.close();
    },
  };
}

/** The connection `sqliteStore` works on: durable settings applied and the schema up to date. */
export async function openConsentDatabase(path: string): Promise<BetterSqlite3.Database> {
  const Database = (await importOptional(() => import('better-sqlite3'), 'better-sqlite3', 'sqliteStore')).default;
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the migrations the file lacks, all in one transaction with the version bump. */
function migrate(db: BetterSqlite3.Database, path: string): void {
  const upgrade = db.transaction(() => {
    // Read under the write lock: another process may be opening the same file.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `${path} has schema version ${version}, newer than this xmtp-subscribe knows (${MIGRATIONS.length}): ` +
          'upgrade xmtp-subscribe to open it',
      );
    }
    if (version === MIGRATIONS.length) return;
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  upgrade.immediate();
}

function recordFromRow(row: ConsentRow): ConsentRecord {
  return {
    publisher: row.publisher,
    subscriber: row.subscriber,
    timestampMs: row.timestamp_ms,
    signature: row.signature,
    proof: new Uint8Array(row.proof),
    signerKind: row.signer_kind as SignerKind,
    receivedAt: row.received_at,
  };
}
