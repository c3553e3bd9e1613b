// Schema migrations on data earlier releases really wrote. Version 1 → today: a copy of
// test/fixtures/consent-v1.db (see the README there) opened by today's sqliteStore, and the same rows
// in a PostgreSQL database laid out by version 1's SQL, opened by today's postgresStore. Every record
// is kept, its proof rewritten in canonical form that still verifies, and the endpoint answers for it
// as for any other. Version 2 → 3 (the webhook queue): test/fixtures/consent-v2.db and the same rows
// in a PostgreSQL database laid out by versions 1 and 2's SQL keep every record as it was, and the
// changes of state that come after are queued for the webhook.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { canonicalSignature, decodeConsentProof, encodeConsentProof, unsubscribeMessage, verifyConsentProof } from '../../src/core/index.js';
import {
  createConsentHandler,
  postgresStore,
  sqliteStore,
  type ConsentRecord,
  type ConsentStore,
} from '../../src/server/index.js';
import { COLUMN_LIST, recordFromRow, type ConsentRow } from '../../src/server/stores/consent-row.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { DAY_MS, NOW, account, publisher, signedProof, strangerPublisher, tempDir } from './server-fixtures.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/consent-v1.db', import.meta.url));
const FIXTURE_V2 = fileURLToPath(new URL('../fixtures/consent-v2.db', import.meta.url));

/** Version 1's SQL exactly as the previous release ran it, with its version row. */
const V1_SCHEMA = `
  CREATE TABLE consent_schema_version (
    version    integer     PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE consent (
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
  CREATE INDEX consent_in_address_order ON consent (publisher, lower(subscriber));
  INSERT INTO consent_schema_version (version) VALUES (1);`;

/** A row of schema version 1, as the fixture holds it. */
interface V1Row {
  publisher: string;
  subscriber: string;
  state: string;
  timestamp_ms: number;
  signature: string;
  proof: Buffer;
  signer_kind: string;
  received_at: number;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let postgres: ThrowawayPostgres;
let v1Rows: V1Row[];

before(async () => {
  [dir, postgres] = await Promise.all([tempDir(), startPostgres()]);
  // Read from a copy: even a read-only open of a WAL database may leave files beside it.
  const copy = join(dir.path, 'v1-rows.db');
  copyFileSync(FIXTURE, copy);
  const db = new Database(copy);
  assert.equal(db.pragma('user_version', { simple: true }), 1, 'the fixture is schema version 1');
  v1Rows = db.prepare('SELECT * FROM consent ORDER BY publisher, lower(subscriber)').all() as V1Row[];
  db.close();
});

after(async () => {
  await Promise.all([dir.remove(), postgres.stop()]);
});

/** A fresh PostgreSQL database of the test cluster laid out by `schema`; resolves its URL. */
async function databaseWith(name: string, schema: string): Promise<string> {
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  await client.query(schema);
  await client.end();
  return url.href;
}

/** Runs `sql` with `values` on the database at `url`, in a connection of its own; resolves the rows. */
async function queryOn(url: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function all(store: ConsentStore, publisherAddress: string): Promise<ConsentRecord[]> {
  const records: ConsentRecord[] = [];
  for await (const record of store.list(publisherAddress, { state: 'all' })) records.push(record);
  return records;
}

/** Every record of both lists, in the fixture's order. */
async function everyRecord(store: ConsentStore): Promise<ConsentRecord[]> {
  const lists = await Promise.all([publisher.address, strangerPublisher.address].map((address) => all(store, address)));
  return lists.flat().sort((a, b) => a.publisher.localeCompare(b.publisher) || a.subscriber.toLowerCase().localeCompare(b.subscriber.toLowerCase()));
}

/** What version 2 must hold for a version 1 row: the same pair, state, signer and receipt time, in canonical form. */
function migrated(row: V1Row): ConsentRecord {
  const signature = row.signer_kind === 'eoa' ? canonicalSignature(row.signature) : row.signature.toLowerCase();
  const timestampMs = row.timestamp_ms - (row.timestamp_ms % 1000);
  return {
    publisher: row.publisher,
    subscriber: row.subscriber,
    state: 'allowed',
    consent: {
      timestampMs,
      signature,
      proof: encodeConsentProof(signature, timestampMs),
      signerKind: row.signer_kind as 'eoa',
      receivedAt: row.received_at,
    },
    receiptHashes: [],
  };
}

function assertEveryRecordKept(records: ConsentRecord[]): void {
  assert.equal(v1Rows.length, 7);
  assert.deepEqual(records, v1Rows.map(migrated));
  assert.deepEqual(
    records.map((record) => record.consent?.signerKind),
    v1Rows.map((row) => row.signer_kind),
  );
}

describe('a schema version 1 SQLite file, made by the previous release', () => {
  let file: string;
  let store: ConsentStore;
  before(async () => {
    file = join(dir.path, 'consent.db');
    copyFileSync(FIXTURE, file);
    store = await sqliteStore(file);
  });
  after(async () => {
    await store.close();
  });

  it('opens as schema version 3 with every record kept', async () => {
    assertEveryRecordKept(await everyRecord(store));
    const db = new Database(file);
    assert.equal(db.pragma('user_version', { simple: true }), 3);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });

  it('holds every plain-wallet proof in the canonical form a new server stores, and it still verifies', async () => {
    const rewritten = v1Rows.filter((row) => !Buffer.from(migrated(row).consent!.proof).equals(row.proof));
    assert.equal(rewritten.length, 2, 'the fixture holds a variant and a high-s twin as received');
    const wallets = [501, 502, 503, 504, 505].map(account);
    for (const { publisher: list, subscriber, consent } of await everyRecord(store)) {
      if (consent?.signerKind !== 'eoa') continue;
      // The wallet's own signature: what a new server stores from any of its variants.
      const wallet = wallets.find((candidate) => candidate.address === subscriber)!;
      const { signature, proof } = await signedProof(wallet, list, consent.timestampMs);
      assert.deepEqual([consent.signature, consent.proof], [signature, proof], subscriber);
      const payload = decodeConsentProof(consent.proof);
      assert.equal(payload.payloadVersion, 1);
      const parts = { publisher: list, subscriber, timestampMs: payload.timestamp, signature: payload.signature };
      assert.deepEqual(await verifyConsentProof(parts, { now: NOW }), { ok: true, signer: 'eoa' });
    }
  });

  it('lists and answers for the migrated readers like for any other', async () => {
    const handler = createConsentHandler({
      publishers: [publisher.address],
      store,
      now: () => NOW,
      rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
      log: false,
    });
    const reader = account(501);
    const status = (receipt?: string) =>
      handler(new Request(`http://127.0.0.1/consent?${new URLSearchParams({ publisher: publisher.address, subscriber: reader.address, ...(receipt && { receipt }) })}`));
    assert.deepEqual(await (await status()).json(), { status: 'unknown' }, 'no receipt was ever handed out for it');

    const post = (body: unknown) =>
      handler(new Request('http://127.0.0.1/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const { consentProof } = await signedProof(reader, publisher.address, NOW - DAY_MS);
    const again = await post({ publisher: publisher.address, subscriber: reader.address, consentProof });
    const answer = await again.json();
    assert.deepEqual([again.status, answer.status, answer.created, answer.consentedAt], [200, 'allowed', false, NOW - DAY_MS]);
    assert.deepEqual(await (await status(answer.receipt)).json(), { status: 'allowed', consentedAt: NOW - DAY_MS });

    const signature = await reader.signMessage({ message: unsubscribeMessage(publisher.address, NOW) });
    const left = await (await post({ publisher: publisher.address, subscriber: reader.address, unsubscribe: { timestampMs: NOW, signature } })).json();
    assert.equal(left.status, 'unsubscribed');
    assert.deepEqual(await (await status(left.receipt)).json(), { status: 'unsubscribed', changedAt: NOW });
    assert.equal((await all(store, publisher.address)).filter((record) => record.state === 'allowed').length, 5);
  });
});

describe('a schema version 1 PostgreSQL database, laid out by the previous release', () => {
  it('opens as schema version 3 with every record kept, exactly as the SQLite file migrates', async () => {
    const url = await databaseWith('v1', V1_SCHEMA);
    for (const row of v1Rows) {
      await queryOn(url, 'INSERT INTO consent VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        ...[row.publisher, row.subscriber, row.state, row.timestamp_ms],
        ...[row.signature, row.proof, row.signer_kind, row.received_at],
      ]);
    }

    const store = await postgresStore(url);
    try {
      assertEveryRecordKept(await everyRecord(store));
      const file = join(dir.path, 'same.db');
      copyFileSync(FIXTURE, file);
      const sqlite = await sqliteStore(file);
      assert.deepEqual(await everyRecord(store), await everyRecord(sqlite));
      await sqlite.close();
    } finally {
      await store.close();
    }
    const rows = await queryOn(url, 'SELECT version FROM consent_schema_version ORDER BY version');
    assert.deepEqual(rows, [{ version: 1 }, { version: 2 }, { version: 3 }]);
  });
});

/** Version 2's SQL as the previous release left a database: version 1's, then its migration to 2. */
const V2_SCHEMA = `${V1_SCHEMA}
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
      state = 'allowed' AND consent_at IS NOT NULL OR state = 'unsubscribed' AND withdrawal_at IS NOT NULL);
  INSERT INTO consent_schema_version (version) VALUES (2);`;

describe('schema version 2 → 3 (the webhook queue), on data the previous release wrote', () => {
  /** consent-v2.db's rows exactly as version 2 keeps them, every column, and the records they hold. */
  let v2Rows: ConsentRow[];
  let v2Records: ConsentRecord[];
  before(() => {
    const copy = join(dir.path, 'v2-rows.db');
    copyFileSync(FIXTURE_V2, copy);
    const db = new Database(copy);
    assert.equal(db.pragma('user_version', { simple: true }), 2, 'the fixture is schema version 2');
    v2Rows = db.prepare(`SELECT ${COLUMN_LIST} FROM consent ORDER BY publisher, lower(subscriber)`).raw(true).all() as ConsentRow[];
    db.close();
    v2Records = v2Rows.map(recordFromRow);
    assert.equal(v2Records.length, 5);
    assert.deepEqual(v2Records.map((record) => record.state), ['allowed', 'unsubscribed', 'allowed', 'unsubscribed', 'allowed']);
  });

  /**
   * What the migrated store must do: hold every record as it was, receipts included, and queue the
   * changes of state that come after (and only those) for the webhook.
   */
  async function assertMigrated(store: ConsentStore) {
    assert.deepEqual(await everyRecord(store), v2Records);
    const queueEvent = { maxQueued: 10 };
    const later = NOW + 60_000;
    const back = await signedProof(account(602), publisher.address, later);
    const returning = await store.apply(
      { kind: 'consent', publisher: publisher.address, subscriber: account(602).address, timestampMs: later, ...back, signerKind: 'eoa', receivedAt: later },
      undefined,
      { queueEvent },
    );
    assert.deepEqual([returning.record.state, returning.webhook?.event.type, returning.webhook?.queued], ['allowed', 'subscribed', true]);
    const again = await signedProof(account(601), publisher.address, later);
    const stillAllowed = await store.apply(
      { kind: 'consent', publisher: publisher.address, subscriber: account(601).address, timestampMs: later, ...again, signerKind: 'eoa', receivedAt: later },
      undefined,
      { queueEvent },
    );
    assert.deepEqual([stillAllowed.changed, stillAllowed.webhook], [true, undefined], 'a newer consent while allowed changes no state');
    const [claimed, ...others] = await store.webhookQueue!.claim(10, 60_000);
    assert.deepEqual(others, []);
    assert.deepEqual(JSON.parse(claimed!.body), {
      type: 'subscribed',
      publisher: publisher.address,
      subscriber: account(602).address,
      at: later,
      id: returning.webhook!.event.id,
    });
  }

  it('opens a SQLite file as schema version 3, every record kept as it was, and queues what changes after', async () => {
    const file = join(dir.path, 'consent-v2.db');
    copyFileSync(FIXTURE_V2, file);
    const store = await sqliteStore(file);
    try {
      await assertMigrated(store);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    assert.equal(db.pragma('user_version', { simple: true }), 3);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.prepare('SELECT count(*) AS waiting FROM webhook_queue').get(), { waiting: 1 });
    db.close();
  });

  it('opens a PostgreSQL database as schema version 3, exactly as the SQLite file migrates', async () => {
    const url = await databaseWith('v2', V2_SCHEMA);
    for (const row of v2Rows) {
      await queryOn(url, `INSERT INTO consent (${COLUMN_LIST}) VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row);
    }
    const store = await postgresStore(url);
    try {
      await assertMigrated(store);
    } finally {
      await store.close();
    }
    const versions = await queryOn(url, 'SELECT version FROM consent_schema_version ORDER BY version');
    assert.deepEqual(versions, [{ version: 1 }, { version: 2 }, { version: 3 }]);
  });
});
