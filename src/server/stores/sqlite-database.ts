// The SQLite file the embedded store keeps its lists in: better-sqlite3 loaded (an optional peer
// dependency, whose native part is tried before anything is written), the file created 0600, WAL
// with synchronous=FULL, the schema migrated forward; and its online backup. Not part of the
// package's types: better-sqlite3's stay out of them. node:fs is taken where it is used, never
// imported: this module is part of xmtp-subscribe/server, which also loads in worker runtimes.
import type BetterSqlite3 from 'better-sqlite3';
import { LIST_PAGE_SIZE } from '../store.js';
import { canonicalV1Consent, type V1Consent } from './consent-row.js';
import { notInstalled, unbuiltSqliteDriver } from './optional-dependency.js';

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
  // Version 3: the webhook queue (webhooks/sqlite-queue.ts): each event's body as it is POSTed,
  // its pair for ordering, attempts, when it is due and who holds its lease. Its order is `seq`.
  (db) =>
    db.exec(`CREATE TABLE webhook_queue (
       seq          INTEGER PRIMARY KEY,
       id           TEXT    NOT NULL UNIQUE,
       publisher    TEXT    NOT NULL COLLATE NOCASE,
       subscriber   TEXT    NOT NULL COLLATE NOCASE,
       body         TEXT    NOT NULL,
       attempts     INTEGER NOT NULL DEFAULT 0,
       due_at       INTEGER NOT NULL,
       lease        TEXT,
       leased_until INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX webhook_queue_by_pair ON webhook_queue (publisher, subscriber, seq)`),
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
 * The connection `sqliteStore` works on: the file created 0600 when new, durable settings applied
 * and the schema up to date.
 */
export async function openConsentDatabase(path: string): Promise<BetterSqlite3.Database> {
  const Database = await sqliteDriver('sqliteStore');
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
  const Database = await sqliteDriver('backup');
  // Opened as it is, without migrating it: a backup copies, it changes nothing.
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const { closeSync, constants, openSync } = process.getBuiltinModule('node:fs');
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
 * better-sqlite3's `Database`, its native part loaded (on a database in memory) before any file is
 * touched; else an error saying in one sentence what to install or rebuild.
 */
async function sqliteDriver(user: string): Promise<typeof BetterSqlite3> {
  const Database = (await import('better-sqlite3').catch((error) => notInstalled(error, 'better-sqlite3', user))).default;
  try {
    new Database(':memory:').close();
  } catch (error) {
    throw unbuiltSqliteDriver(error, user);
  }
  return Database;
}

/**
 * Creates an empty file at `path`, readable by its owner only, unless something is there. SQLite
 * then writes its database into it, and gives the WAL and shared-memory files the same mode.
 */
function createPrivately(path: string): void {
  const { closeSync, constants, existsSync, openSync } = process.getBuiltinModule('node:fs');
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
