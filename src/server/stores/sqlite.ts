// The embedded default store: one SQLite file through better-sqlite3, in WAL mode with
// synchronous=FULL, so a record is on disk before the handler answers. The file (and with it its
// WAL and shared-memory files, which SQLite creates with the file's mode) is created 0600. While
// serving, a lock held by another connection is waited for between tries (faults.ts), never inside
// SQLite, whose waits would stop the whole server.
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { checksumAddress } from '../../core/address.js';
import {
  LIST_PAGE_SIZE,
  applyStatement,
  normalizeListOptions,
  normalizeReceiptHash,
  normalizeStatement,
  type ApplyResult,
  type ConsentStore,
  type SignedStatement,
} from '../store.js';
import {
  COLUMN_LIST,
  CONSENT_COLUMNS,
  canonicalV1Consent,
  recordFromRow,
  rowSubscriber,
  rowValues,
  type ConsentRow,
  type V1Consent,
} from './consent-row.js';
import { whenSqliteAnswers } from './faults.js';
import { importOptional } from './optional-dependency.js';

/**
 * The schema, in order: entry i takes `PRAGMA user_version` from i to i + 1. Only ever append.
 * Addresses are kept checksummed and compared case-insensitively (NOCASE), which also orders them
 * like their hex values.
 */
const MIGRATIONS: readonly ((db: BetterSqlite3.Database) => void)[] = [
  // Version 1: one row per pair holding its state and the consent proof as received.
  (db) =>
    db.exec(`CREATE TABLE consent (
       publisher    TEXT    NOT NULL COLLATE NOCASE,
       subscriber   TEXT    NOT NULL COLLATE NOCASE,
       state        TEXT    NOT NULL,
       timestamp_ms INTEGER NOT NULL,
       signature    TEXT    NOT NULL,
       proof        BLOB    NOT NULL,
       signer_kind  TEXT    NOT NULL,
       received_at  INTEGER NOT NULL,
       PRIMARY KEY (publisher, subscriber)
     ) WITHOUT ROWID`),
  // Version 2: the newest consent and the newest withdrawal side by side (see consent-row.ts), the
  // receipts' hashes, and every version 1 proof rewritten in canonical form. SQLite cannot drop a
  // NOT NULL in place, so the table is rebuilt.
  (db) => {
    db.exec(`CREATE TABLE consent_v2 (
       publisher              TEXT    NOT NULL COLLATE NOCASE,
       subscriber             TEXT    NOT NULL COLLATE NOCASE,
       state                  TEXT    NOT NULL CHECK (state IN ('allowed', 'unsubscribed')),
       consent_at             INTEGER,
       consent_signature      TEXT,
       consent_proof          BLOB,
       consent_signer_kind    TEXT,
       consent_received_at    INTEGER,
       withdrawal_at          INTEGER,
       withdrawal_signature   TEXT,
       withdrawal_signer_kind TEXT,
       withdrawal_received_at INTEGER,
       receipt_hashes         BLOB    NOT NULL DEFAULT x'',
       PRIMARY KEY (publisher, subscriber),
       CHECK (state = 'allowed' AND consent_at IS NOT NULL OR state = 'unsubscribed' AND withdrawal_at IS NOT NULL)
     ) WITHOUT ROWID;
     INSERT INTO consent_v2 (publisher, subscriber, state,
         consent_at, consent_signature, consent_proof, consent_signer_kind, consent_received_at)
       SELECT publisher, subscriber, state, timestamp_ms, signature, proof, signer_kind, received_at FROM consent;
     DROP TABLE consent;
     ALTER TABLE consent_v2 RENAME TO consent`);
    canonicalizeConsents(db);
  },
];

/** Rewrites every row's consent in canonical form, a page at a time (a statement cannot write while another reads). */
function canonicalizeConsents(db: BetterSqlite3.Database): void {
  type Consent = V1Consent & { publisher: string; subscriber: string };
  const page = db.prepare<[string, string], Consent>(
    `SELECT publisher, subscriber, consent_at, consent_signature, consent_signer_kind FROM consent
     WHERE (publisher, subscriber) > (?, ?) ORDER BY publisher, subscriber LIMIT ${LIST_PAGE_SIZE}`,
  );
  const update = db.prepare(
    `UPDATE consent SET consent_at = @consent_at, consent_signature = @consent_signature, consent_proof = @consent_proof
     WHERE publisher = @publisher AND subscriber = @subscriber`,
  );
  for (let rows = page.all('', ''); rows.length > 0; rows = page.all(rows.at(-1)!.publisher, rows.at(-1)!.subscriber)) {
    for (const { publisher, subscriber, ...consent } of rows) {
      const canonical = canonicalV1Consent(consent);
      if (canonical) update.run({ publisher, subscriber, ...canonical });
    }
  }
}

/**
 * How long opening (migrating) and the operator's one-shot commands wait inside SQLite for another
 * process's lock: nothing else runs then. A serving store waits between tries instead.
 */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating it when needed) the SQLite file at `path` as a consent store.
 * Asynchronous because better-sqlite3 is an optional dependency loaded on first use: importing
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

  // One IMMEDIATE transaction (the write lock from the start), so the rule is applied to the row
  // as it is, and `created` is exact, even when several processes share the file.
  const apply = db.transaction((statement: SignedStatement, receiptHash: string | undefined): ApplyResult => {
    const row = selectPair.get(statement.publisher, statement.subscriber);
    const result = applyStatement(row && recordFromRow(row), statement, receiptHash);
    if (result.changed || receiptHash) upsert.run(...rowValues(result.record));
    return result;
  });

  return {
    async apply(statement, receiptHash) {
      const [incoming, hash] = [normalizeStatement(statement), normalizeReceiptHash(receiptHash)];
      return whenSqliteAnswers(() => apply.immediate(incoming, hash));
    },

    async get(publisher, subscriber) {
      const pair = [checksumAddress(publisher, 'publisher'), checksumAddress(subscriber, 'subscriber')] as const;
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
      const { changes } = await whenSqliteAnswers(() =>
        list === undefined ? deleteEverywhere.run(reader) : deleteFromList.run(reader, list),
      );
      return changes;
    },

    async check() {
      await whenSqliteAnswers(() => ping.get());
    },

    async close() {
      db.close();
    },
  };
}

/**
 * The connection `sqliteStore` works on: the file created 0600 when new, durable settings applied
 * and the schema up to date.
 */
export async function openConsentDatabase(path: string): Promise<BetterSqlite3.Database> {
  const Database = (await importOptional(() => import('better-sqlite3'), 'better-sqlite3', 'sqliteStore')).default;
  createPrivately(path);
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

/**
 * Copies the consent database at `path` to a new file `destination` (created 0600; an existing one
 * is refused), consistently while servers keep writing: SQLite's online backup restarts when the
 * file changes under it.
 */
export async function backupConsentDatabase(path: string, destination: string): Promise<void> {
  const Database = (await importOptional(() => import('better-sqlite3'), 'better-sqlite3', 'backup')).default;
  // Opened as it is, without migrating it: a backup copies, it changes nothing.
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    try {
      closeSync(openSync(destination, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      throw new Error(`${destination} already exists: back up to a new file`, { cause: error });
    }
    await db.backup(destination);
  } finally {
    db.close();
  }
}

/**
 * Creates an empty file at `path`, readable by its owner only, unless something is there. SQLite
 * then writes its database into it, and gives the WAL and shared-memory files the same mode.
 */
function createPrivately(path: string): void {
  if (path === ':memory:' || path === '' || existsSync(path)) return;
  closeSync(openSync(path, constants.O_CREAT | constants.O_WRONLY, 0o600));
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
    for (const migration of MIGRATIONS.slice(version)) migration(db);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  upgrade.immediate();
}
