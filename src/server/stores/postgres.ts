// The store for scale-out: one PostgreSQL database shared by any number of server instances.
// A reader's first statement is one INSERT; a later one is applied in a short transaction that
// locks the pair's row, so instances racing on a reader apply the same rule one after the other.
// A webhook event is queued in the transaction of the change it reports (webhooks/postgres-queue.ts).
// With synchronous_commit on (PostgreSQL's default, checked at open) a record is durable before the
// handler answers. Every serving statement has a deadline: one that cannot finish in time (a lock
// held elsewhere, a database down) is cancelled and the store rejects with a StoreUnavailableError.
import type pg from 'pg';
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
  type ConsentRecord,
  type ConsentStore,
  type SignedStatement,
} from '../store.js';
import { stateChangeEvent } from '../webhooks/event.js';
import { postgresWebhookQueue } from '../webhooks/postgres-queue.js';
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
import { whenPostgresAnswers } from './faults.js';
import { notInstalled } from './optional-dependency.js';

/**
 * The schema, in order: entry i takes the database from version i to i + 1 (the highest version
 * in `consent_schema_version`). Only ever append. Addresses are kept checksummed, so equality is
 * exact; listing orders them by their lowercase form, which is their hex order, through its own index.
 */
const MIGRATIONS: readonly ((client: pg.ClientBase) => Promise<unknown>)[] = [
  // Version 1: one row per pair holding its state and the consent proof as received.
  (client) =>
    client.query(`CREATE TABLE consent (
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
     CREATE INDEX consent_in_address_order ON consent (publisher, lower(subscriber))`),
  // Version 2: the newest consent and the newest withdrawal side by side (see consent-row.ts), the
  // receipts' hashes, and every version 1 proof rewritten in canonical form.
  async (client) => {
    await client.query(`
      ALTER TABLE consent RENAME COLUMN timestamp_ms TO consent_at;
      ALTER TABLE consent RENAME COLUMN signature TO consent_signature;
      ALTER TABLE consent RENAME COLUMN proof TO consent_proof;
      ALTER TABLE consent RENAME COLUMN signer_kind TO consent_signer_kind;
      ALTER TABLE consent RENAME COLUMN received_at TO consent_received_at;
      ALTER TABLE consent
        ALTER COLUMN consent_at DROP NOT NULL,
        ALTER COLUMN consent_signature DROP NOT NULL,
        ALTER COLUMN consent_proof DROP NOT NULL,
        ALTER COLUMN consent_signer_kind DROP NOT NULL,
        ALTER COLUMN consent_received_at DROP NOT NULL,
        ADD COLUMN withdrawal_at bigint,
        ADD COLUMN withdrawal_signature text,
        ADD COLUMN withdrawal_signer_kind text,
        ADD COLUMN withdrawal_received_at bigint,
        ADD COLUMN receipt_hashes bytea NOT NULL DEFAULT '',
        ADD CONSTRAINT consent_state CHECK (
          state = 'allowed' AND consent_at IS NOT NULL OR state = 'unsubscribed' AND withdrawal_at IS NOT NULL)`);
    await canonicalizeConsents(client);
  },
  // Version 3: the webhook queue (webhooks/postgres-queue.ts): each event's body as it is POSTed,
  // its pair for ordering, attempts, when it is due and who holds its lease. Its order is `seq`.
  (client) =>
    client.query(`CREATE TABLE webhook_queue (
       seq          bigserial PRIMARY KEY,
       id           text    NOT NULL UNIQUE,
       publisher    text    COLLATE "C" NOT NULL,
       subscriber   text    COLLATE "C" NOT NULL,
       body         text    NOT NULL,
       attempts     integer NOT NULL DEFAULT 0,
       due_at       bigint  NOT NULL,
       lease        text,
       leased_until bigint  NOT NULL DEFAULT 0
     );
     CREATE INDEX webhook_queue_by_pair ON webhook_queue (publisher, subscriber, seq)`),
];

/** Rewrites every row's consent in canonical form, a page at a time, each page in one statement. */
async function canonicalizeConsents(client: pg.ClientBase): Promise<void> {
  type Consent = V1Consent & { publisher: string; subscriber: string };
  let cursor = ['', ''];
  for (;;) {
    const { rows } = await client.query<Consent>(
      `SELECT publisher, subscriber, consent_at, consent_signature, consent_signer_kind FROM consent
       WHERE (publisher, subscriber) > ($1, $2) ORDER BY publisher, subscriber LIMIT ${LIST_PAGE_SIZE}`,
      cursor,
    );
    if (rows.length === 0) return;
    const rewritten = rows.flatMap(({ publisher, subscriber, ...consent }) => {
      const canonical = canonicalV1Consent(consent);
      return canonical ? [{ publisher, subscriber, ...canonical }] : [];
    });
    await client.query(
      `UPDATE consent SET consent_at = v.at, consent_signature = v.signature, consent_proof = v.proof
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bytea[])
         AS v(publisher, subscriber, at, signature, proof)
       WHERE consent.publisher = v.publisher AND consent.subscriber = v.subscriber`,
      [
        rewritten.map((row) => row.publisher),
        rewritten.map((row) => row.subscriber),
        rewritten.map((row) => row.consent_at),
        rewritten.map((row) => row.consent_signature),
        rewritten.map((row) => row.consent_proof),
      ],
    );
    const last = rows.at(-1)!;
    cursor = [last.publisher, last.subscriber];
  }
}

/** How long a query waits for a connection (a new one, or a free one from a busy pool) before failing. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long PostgreSQL lets a serving statement run, lock waits included, before cancelling it
 * (`statement_timeout`); the pool's own wait for an answer (`query_timeout`) is a second longer,
 * for a database that has stopped answering at all. Migrations run without either.
 */
const STATEMENT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 1_000;

/** The advisory lock that lets one process at a time check and migrate the schema ('xmtp' in ASCII). */
const MIGRATION_LOCK = 0x786d7470;

const PAIR = 'publisher = $1 AND subscriber = $2';
const VALUES = CONSENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const INSERT = `INSERT INTO consent (${COLUMN_LIST}) VALUES (${VALUES})`;
const UPDATE = `UPDATE consent SET ${CONSENT_COLUMNS.slice(2)
  .map((column, i) => `${column} = $${i + 3}`)
  .join(', ')} WHERE ${PAIR}`;

const SELECT_PAIR = `SELECT ${COLUMN_LIST} FROM consent WHERE ${PAIR}`;
const SELECT_PAGE = `SELECT ${COLUMN_LIST} FROM consent WHERE publisher = $1 AND lower(subscriber) > $2 AND state = ANY($3)
  ORDER BY lower(subscriber) LIMIT $4`;

/** Runs a SELECT of whole rows, answered as arrays in `CONSENT_COLUMNS` order. */
async function selectRows(client: pg.Pool | pg.PoolClient, text: string, values: unknown[]): Promise<ConsentRow[]> {
  return (await client.query<ConsentRow>({ text, values, rowMode: 'array' })).rows;
}

/**
 * Connects to the PostgreSQL database at `url` (like postgres://user:password@host:5432/db) as a
 * consent store, creating or migrating its tables. pg is an optional peer dependency loaded on first use.
 */
export async function postgresStore(url: string): Promise<ConsentStore> {
  const { Client, Pool } = (await import('pg').catch((error) => notInstalled(error, 'pg', 'postgresStore'))).default;
  await migrate(new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }));
  const pool = new Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  // A pooled connection that dies while idle is dropped and replaced on next use; without a
  // listener its 'error' event would end the process.
  pool.on('error', () => {});

  const webhooks = postgresWebhookQueue(pool);

  /**
   * Applies the rule. Most statements are a reader's first, so the record they make is offered in
   * one INSERT that only a pair without a row lets in (PostgreSQL lets one of two racing inserts
   * in); with the webhook event it fires, in one transaction. A pair that has a row gets the rule
   * applied to it under the row's lock, in a transaction; should the row be erased in between, it
   * starts over.
   */
  async function applyToPair(
    statement: SignedStatement,
    receiptHash: string | undefined,
    { queueEvent }: ApplyOptions,
  ): Promise<ApplyResult> {
    const pair = [statement.publisher, statement.subscriber];
    /** `result` with the webhook event of the change from `previous`, queued on `client`, when one is asked for and fired. */
    const withEvent = async (client: pg.ClientBase | pg.Pool, previous: ConsentRecord | undefined, result: ApplyResult) => {
      const event = queueEvent && stateChangeEvent(previous?.state, result.record);
      if (!event) return result;
      return { ...result, webhook: { event, queued: await webhooks.enqueue(client, event, queueEvent.maxQueued) } };
    };
    for (;;) {
      const created = applyStatement(undefined, statement, receiptHash);
      const insert = async (client: pg.ClientBase | pg.Pool) => {
        const inserted = await client.query(`${INSERT} ON CONFLICT DO NOTHING`, rowValues(created.record));
        return inserted.rowCount === 1 ? withEvent(client, undefined, created) : undefined;
      };
      const firstFires = queueEvent && stateChangeEvent(undefined, created.record);
      const first = await (firstFires ? transaction(pool, insert) : insert(pool));
      if (first) return first;
      const applied = await transaction(pool, async (client) => {
        const [row] = await selectRows(client, `${SELECT_PAIR} FOR UPDATE`, pair);
        if (!row) return undefined;
        const stored = recordFromRow(row);
        const result = applyStatement(stored, statement, receiptHash);
        if (result.changed || receiptHash) await client.query(UPDATE, rowValues(result.record));
        return withEvent(client, stored, result);
      });
      if (applied) return applied;
    }
  }

  return {
    async apply(statement, receiptHash, options = {}) {
      const [incoming, hash] = [normalizeStatement(statement), normalizeReceiptHash(receiptHash)];
      return whenPostgresAnswers(() => applyToPair(incoming, hash, options));
    },

    async get(publisher, subscriber) {
      const pair = normalizePair(publisher, subscriber);
      const [row] = await whenPostgresAnswers(() => selectRows(pool, SELECT_PAIR, pair));
      return row && recordFromRow(row);
    },

    async *list(publisher, options) {
      const { after, limit, state } = normalizeListOptions(options);
      const owner = checksumAddress(publisher, 'publisher');
      const states = state === 'all' ? ['allowed', 'unsubscribed'] : [state];
      // Keyset pagination: each page starts after the last subscriber of the previous one.
      let cursor = after?.toLowerCase() ?? '';
      let remaining = limit;
      while (remaining > 0) {
        const page = [owner, cursor, states, Math.min(LIST_PAGE_SIZE, remaining)];
        const rows = await whenPostgresAnswers(() => selectRows(pool, SELECT_PAGE, page));
        // Each record is made as it is asked for: a page of them made at once stays in memory longer.
        for (const row of rows) yield recordFromRow(row);
        if (rows.length < LIST_PAGE_SIZE) return;
        cursor = rowSubscriber(rows.at(-1)!).toLowerCase();
        remaining -= rows.length;
      }
    },

    async forget(subscriber, publisher) {
      const reader = checksumAddress(subscriber, 'subscriber');
      const list = publisher === undefined ? undefined : checksumAddress(publisher, 'publisher');
      const { rowCount } = await whenPostgresAnswers(() =>
        transaction(pool, async (client) => {
          await webhooks.forget(client, reader, list);
          return list === undefined
            ? client.query('DELETE FROM consent WHERE subscriber = $1', [reader])
            : client.query(`DELETE FROM consent WHERE ${PAIR}`, [list, reader]);
        }),
      );
      return rowCount ?? 0;
    },

    async check() {
      await whenPostgresAnswers(() => pool.query('SELECT 1'));
    },

    async close() {
      await pool.end();
    },

    webhookQueue: webhooks.queue,
  };
}

/**
 * Runs `work` in one transaction on a pooled connection: committed when it resolves, rolled back when
 * it throws. A connection that failed is not given back to the pool: it may be stuck in a query.
 */
async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await inTransaction(client, work);
    client.release();
    return result;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

/** Runs `work` between BEGIN and COMMIT on `client`, or ROLLBACK when it throws. */
async function inTransaction<C extends pg.ClientBase, T>(client: C, work: (client: C) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Refuses a database that would not keep an acknowledged record or that a newer xmtp-subscribe
 * wrote, and applies the migrations it lacks, in one transaction with the version rows. Runs on a
 * connection of its own, without the serving deadlines: migrating a large table may take a while.
 */
async function migrate(client: pg.Client): Promise<void> {
  await client.connect();
  try {
    await migrateOn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function migrateOn(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  if (rows[0]!.synchronous_commit === 'off') {
    throw new Error(
      'synchronous_commit is off for this database, so a crash could lose acknowledged proofs: ' +
        'turn it on (ALTER DATABASE … SET synchronous_commit = on)',
    );
  }
  await inTransaction(client, async (client) => {
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
      await MIGRATIONS[applied]!(client);
      await client.query('INSERT INTO consent_schema_version (version) VALUES ($1)', [applied + 1]);
    }
  });
}
