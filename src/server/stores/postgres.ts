// The store for scale-out: one PostgreSQL database shared by any number of server instances.
// Each write is a single statement in autocommit, so with synchronous_commit on (PostgreSQL's
// default, checked at open) a record is durable before the handler answers.
import type pg from 'pg';
import { checksumAddress } from '../../core/address.js';
import type { SignerKind } from '../../core/verify.js';
import {
  LIST_PAGE_SIZE,
  normalizeListOptions,
  normalizeRecord,
  type ConsentRecord,
  type ConsentStore,
} from '../store.js';
import { importOptional } from './optional-dependency.js';

/**
 * The schema, in order: entry i takes the database from version i to i + 1 (the highest version
 * in `consent_schema_version`). Only ever append.
 *
 * Version 1: the same table as SQLite's (see sqlite.ts): one row per (publisher, subscriber)
 * holding its current `state`, decided by the newest signed statement about the pair. Addresses
 * are kept checksummed, so equality is exact; listing orders them by their lowercase form, which
 * is their hex order, through its own index.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE consent (
     publisher    text   COLLATE "C" NOT NULL,
     subscriber   text   COLLATE "C" NOT NULL,
     state        text   NOT NULL,
     timestamp_ms bigint NOT NULL,
     signature    text   NOT NULL,
     proof        bytea  NOT NULL,
     signer_kind  text   NOT NULL,
     received_at  bigint NOT NULL,
     PRIMARY KEY (publisher, subscriber)
   );
   CREATE INDEX consent_in_address_order ON consent (publisher, lower(subscriber))`,
];

/** How long a query waits for a connection (a new one, or a free one from a busy pool) before failing. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The advisory lock that lets one process at a time check and migrate the schema ('xmtp' in ASCII). */
const MIGRATION_LOCK = 0x786d7470;

/** As pg answers a row: `bigint` columns come as strings, `bytea` as a Buffer. */
interface ConsentRow {
  publisher: string;
  subscriber: string;
  state: string;
  timestamp_ms: string;
  signature: string;
  proof: Buffer;
  signer_kind: string;
  received_at: string;
}

const SELECT_PAIR = 'SELECT * FROM consent WHERE publisher = $1 AND subscriber = $2';

/**
 * One statement, so it is exact under any number of processes: PostgreSQL serializes the conflict
 * on the primary key, a newer proof replaces the row, an equal or older one matches no row and
 * returns none. `xmax = 0` only on a row this statement inserted (an update stamps its own xid).
 */
const UPSERT = `INSERT INTO consent
    (publisher, subscriber, state, timestamp_ms, signature, proof, signer_kind, received_at)
  VALUES ($1, $2, 'allowed', $3, $4, $5, $6, $7)
  ON CONFLICT (publisher, subscriber) DO UPDATE SET
    state = excluded.state, timestamp_ms = excluded.timestamp_ms, signature = excluded.signature,
    proof = excluded.proof, signer_kind = excluded.signer_kind, received_at = excluded.received_at
  WHERE excluded.timestamp_ms > consent.timestamp_ms
  RETURNING (xmax = 0) AS created`;

const SELECT_PAGE = `SELECT * FROM consent WHERE publisher = $1 AND lower(subscriber) > $2 AND state = 'allowed'
  ORDER BY lower(subscriber) LIMIT $3`;

/**
 * Connects to the PostgreSQL database at `url` (like postgres://user:password@host:5432/db) as a
 * consent store, creating or migrating its tables. pg is an optional dependency loaded on first use.
 */
export async function postgresStore(url: string): Promise<ConsentStore> {
  const { Pool } = (await importOptional(() => import('pg'), 'pg', 'postgresStore')).default;
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A pooled connection that dies while idle is dropped and replaced on next use; without a
  // listener its 'error' event would end the process.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const selectPair = async (publisher: string, subscriber: string) =>
    (await pool.query<ConsentRow>(SELECT_PAIR, [publisher, subscriber])).rows[0];

  return {
    async apply(statement) {
      const record = normalizeRecord(statement);
      const { publisher, subscriber, timestampMs, signature, proof, signerKind, receivedAt } = record;
      const values = [publisher, subscriber, timestampMs, signature, Buffer.from(proof), signerKind, receivedAt];
      const { rows } = await pool.query<{ created: boolean }>(UPSERT, values);
      if (rows[0]) return { record, changed: true, created: rows[0].created };
      // The stored proof is at least as new; read after the statement, so it may be newer still.
      const stored = recordFromRow((await selectPair(publisher, subscriber))!);
      return { record: stored, changed: false, created: false };
    },

    async get(publisher, subscriber) {
      const row = await selectPair(checksumAddress(publisher, 'publisher'), checksumAddress(subscriber, 'subscriber'));
      return row?.state === 'allowed' ? recordFromRow(row) : undefined;
    },

    async *list(publisher, options) {
      const { after, limit } = normalizeListOptions(options);
      const owner = checksumAddress(publisher, 'publisher');
      // Keyset pagination: each page starts after the last subscriber of the previous one.
      let cursor = after?.toLowerCase() ?? '';
      let remaining = limit;
      while (remaining > 0) {
        const page = [owner, cursor, Math.min(LIST_PAGE_SIZE, remaining)];
        const { rows } = await pool.query<ConsentRow>(SELECT_PAGE, page);
        for (const row of rows) yield recordFromRow(row);
        if (rows.length < LIST_PAGE_SIZE) return;
        cursor = rows.at(-1)!.subscriber.toLowerCase();
        remaining -= rows.length;
      }
    },

    async check() {
      await pool.query('SELECT 1');
    },

    async close() {
      await pool.end();
    },
  };
}

/**
 * Refuses a database that would not keep an acknowledged record or that a newer xmtp-subscribe
 * wrote, and applies the migrations it lacks, in one transaction with the version rows.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    if (rows[0]!.synchronous_commit === 'off') {
      throw new Error(
        'synchronous_commit is off for this database, so a crash could lose acknowledged proofs: ' +
          'turn it on (ALTER DATABASE … SET synchronous_commit = on)',
      );
    }
    await client.query('BEGIN');
    // Held until COMMIT: another instance starting at the same time waits, then finds the schema done.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS consent_schema_version (
         version    integer     PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows: versions } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM consent_schema_version',
    );
    const version = versions[0]!.version;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `the database has schema version ${version}, newer than this xmtp-subscribe knows (${MIGRATIONS.length}): ` +
          'upgrade xmtp-subscribe to open it',
      );
    }
    for (let applied = version; applied < MIGRATIONS.length; applied++) {
      await client.query(MIGRATIONS[applied]!);
      await client.query('INSERT INTO consent_schema_version (version) VALUES ($1)', [applied + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function recordFromRow(row: ConsentRow): ConsentRecord {
  return {
    publisher: row.publisher,
    subscriber: row.subscriber,
    timestampMs: Number(row.timestamp_ms),
    signature: row.signature,
    proof: new Uint8Array(row.proof),
    signerKind: row.signer_kind as SignerKind,
    receivedAt: Number(row.received_at),
  };
}
