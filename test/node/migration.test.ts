// Schema version 1 → 2, on data the previous release really wrote: a copy of test/fixtures/consent-v1.db
// (see the README there) opened by today's sqliteStore, and the same rows in a PostgreSQL database
// laid out by version 1's SQL, opened by today's postgresStore. Every record is kept, its proof
// rewritten in canonical form that still verifies, and the endpoint answers for it as for any other.
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
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { DAY_MS, NOW, account, publisher, signedProof, strangerPublisher, tempDir } from './server-fixtures.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/consent-v1.db', import.meta.url));

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

  it('opens as schema version 2 with every record kept', async () => {
    assertEveryRecordKept(await everyRecord(store));
    const db = new Database(file);
    assert.equal(db.pragma('user_version', { simple: true }), 2);
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

  it('opens as schema version 2 with every record kept, exactly as the SQLite file migrates', async () => {
    const url = new URL(postgres.url);
    url.pathname = '/v1';
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE v1');
    await admin.end();
    const v1 = new pg.Client({ connectionString: url.href });
    await v1.connect();
    await v1.query(V1_SCHEMA);
    for (const row of v1Rows) {
      await v1.query('INSERT INTO consent VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        ...[row.publisher, row.subscriber, row.state, row.timestamp_ms],
        ...[row.signature, row.proof, row.signer_kind, row.received_at],
      ]);
    }
    await v1.end();

    const store = await postgresStore(url.href);
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
    const check = new pg.Client({ connectionString: url.href });
    await check.connect();
    const { rows } = await check.query('SELECT version FROM consent_schema_version ORDER BY version');
    await check.end();
    assert.deepEqual(rows, [{ version: 1 }, { version: 2 }]);
  });
});
