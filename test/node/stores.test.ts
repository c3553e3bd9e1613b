// The ConsentStore contract, run against the memory, SQLite and PostgreSQL stores (a real,
// throwaway cluster), and what only the durable stores promise: durable settings, schema
// versions, data that outlives the process, exact answers when several connections share it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { checksumAddress } from '../../src/core/index.js';
import { memoryStore, postgresStore, sqliteStore, type ConsentRecord, type ConsentStore } from '../../src/server/index.js';
import { openConsentDatabase } from '../../src/server/stores/sqlite.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { NOW, tempDir } from './server-fixtures.js';

const PUBLISHER = checksumAddress('0x' + 'ab'.repeat(20));
const OTHER_PUBLISHER = checksumAddress('0x' + 'cd'.repeat(20));

/** The `i`th of many distinct lowercase addresses, spread over the whole hex range. */
const addressFor = (i: number) => `0x${createHash('sha256').update(`subscriber ${i}`).digest('hex').slice(0, 40)}`;

function record(subscriber: string, timestampMs = NOW, publisher: string = PUBLISHER): ConsentRecord {
  return {
    publisher,
    subscriber,
    timestampMs,
    signature: `0x${'11'.repeat(65)}`,
    proof: Uint8Array.from([0x0a, 0x02, 0x30, 0x78, timestampMs % 256]),
    signerKind: 'eoa',
    receivedAt: timestampMs + 5,
  };
}

async function collect(iterable: AsyncIterable<ConsentRecord>): Promise<string[]> {
  const subscribers: string[] = [];
  for await (const { subscriber } of iterable) subscribers.push(subscriber);
  return subscribers;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let files = 0;
const newFile = () => join(dir.path, `store-${files++}.db`);
let postgres: ThrowawayPostgres;

before(async () => {
  [dir, postgres] = await Promise.all([tempDir(), startPostgres()]);
});

after(async () => {
  await Promise.all([dir.remove(), postgres.stop()]);
});

const stores: [string, () => Promise<ConsentStore>][] = [
  ['memoryStore', async () => memoryStore()],
  ['sqliteStore', () => sqliteStore(newFile())],
  ['postgresStore', () => postgresStore(postgres.url)],
];

for (const [name, open] of stores) {
  describe(`${name}: the ConsentStore contract`, () => {
    let store: ConsentStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('reports created exactly and keeps the newest proof', async () => {
      const subscriber = addressFor(1);
      const first = await store.apply(record(subscriber, NOW));
      assert.deepEqual(first, { record: record(checksumAddress(subscriber), NOW), changed: true, created: true });

      const same = await store.apply({ ...record(subscriber, NOW), receivedAt: NOW + 999 });
      const unchanged = { record: first.record, changed: false, created: false };
      assert.deepEqual(same, unchanged, 'an equal timestamp changes nothing');

      const newer = await store.apply(record(subscriber, NOW + 1000));
      const replaced = record(checksumAddress(subscriber), NOW + 1000);
      assert.deepEqual(newer, { record: replaced, changed: true, created: false });

      const older = await store.apply(record(subscriber, NOW - 1000));
      assert.deepEqual(older, { ...newer, changed: false });
      assert.deepEqual(await store.get(PUBLISHER, subscriber), newer.record);
    });

    it('takes addresses in any casing and answers them checksummed', async () => {
      const subscriber = addressFor(2);
      await store.apply(record(subscriber.toUpperCase().replace('0X', '0x'), NOW, PUBLISHER.toLowerCase()));
      const stored = await store.get(PUBLISHER.toLowerCase(), subscriber);
      assert.equal(stored?.publisher, PUBLISHER);
      assert.equal(stored?.subscriber, checksumAddress(subscriber));
      assert.ok(stored?.proof instanceof Uint8Array);
      assert.equal(await store.get(PUBLISHER, addressFor(3)), undefined);
      await assert.rejects(store.apply(record('0x12')), TypeError);
    });

    it('lists a publisher’s subscribers in address order, in pages, with after and limit', async () => {
      const subscribers = Array.from({ length: 1200 }, (_, i) => addressFor(1000 + i));
      for (const subscriber of subscribers) await store.apply(record(subscriber, NOW, OTHER_PUBLISHER));
      await store.apply(record(addressFor(9999), NOW, PUBLISHER));
      const ordered = subscribers.sort().map((subscriber) => checksumAddress(subscriber));

      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER)), ordered);
      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER.toLowerCase(), { limit: 700 })), ordered.slice(0, 700));
      const cursor = ordered[599]!.toLowerCase();
      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER, { after: cursor })), ordered.slice(600));
      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER, { after: cursor, limit: 550 })), ordered.slice(600, 1150));
      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER, { limit: 0 })), []);
      assert.deepEqual(await collect(store.list(OTHER_PUBLISHER, { after: ordered.at(-1)! })), []);
      await assert.rejects(collect(store.list(OTHER_PUBLISHER, { limit: -1 })), TypeError);
    });

    it('check() resolves while the store can answer', async () => {
      await store.check();
    });

    it('check() rejects once the store is closed', async () => {
      const closed = await open();
      await closed.check();
      await closed.close();
      await assert.rejects(closed.check());
    });
  });
}

describe('sqliteStore: durability and schema', () => {
  it('opens in WAL mode with synchronous=FULL, a busy timeout and schema version 1', async () => {
    const db = await openConsentDatabase(newFile());
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
      assert.equal(db.pragma('user_version', { simple: true }), 1);
    } finally {
      db.close();
    }
  });

  it('keeps its records across close and reopen, one row per pair with its state', async () => {
    const file = newFile();
    const first = await sqliteStore(file);
    const { record: kept } = await first.apply(record(addressFor(5)));
    await first.close();

    const reopened = await sqliteStore(file);
    assert.deepEqual(await reopened.get(PUBLISHER, addressFor(5)), kept);
    assert.deepEqual((await reopened.apply(record(addressFor(5)))).created, false);
    await reopened.close();

    const raw = new Database(file, { readonly: true });
    assert.deepEqual(raw.prepare('SELECT publisher, subscriber, state FROM consent').all(), [
      { publisher: PUBLISHER, subscriber: checksumAddress(addressFor(5)), state: 'allowed' },
    ]);
    raw.close();
  });

  it('answers created exactly once when two connections share the file', async () => {
    const file = newFile();
    const [a, b] = [await sqliteStore(file), await sqliteStore(file)];
    const results = await Promise.all([a.apply(record(addressFor(6))), b.apply(record(addressFor(6)))]);
    assert.deepEqual(results.map((result) => result.created).sort(), [false, true]);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a file whose schema version is newer than it knows, and leaves it alone', async () => {
    const file = newFile();
    const future = new Database(file);
    future.pragma('user_version = 2');
    future.close();
    await assert.rejects(sqliteStore(file), /schema version 2, newer than this xmtp-subscribe knows \(1\)/);
    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 2);
    check.close();
  });
});

describe('postgresStore: schema, durability and concurrency', () => {
  /** Runs `sql` on the test database, or on `database` of the same cluster, in its own connection. */
  async function query(sql: string, database?: string) {
    const url = new URL(postgres.url);
    if (database) url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('records schema version 1, keeps one row per pair with its state, and opens again unchanged', async () => {
    const first = await postgresStore(postgres.url);
    const { record: kept } = await first.apply(record(addressFor(5)));
    await first.close();
    const reopened = await postgresStore(postgres.url);
    assert.deepEqual(await reopened.get(PUBLISHER, addressFor(5)), kept);
    await reopened.close();

    assert.deepEqual(await query('SELECT version FROM consent_schema_version'), [{ version: 1 }]);
    const rows = await query(`SELECT publisher, state FROM consent WHERE subscriber = '${kept.subscriber}'`);
    assert.deepEqual(rows, [{ publisher: PUBLISHER, state: 'allowed' }]);
  });

  it('answers created exactly once per pair when two pools race on the same pairs', async () => {
    const [a, b] = [await postgresStore(postgres.url), await postgresStore(postgres.url)];
    const pairs = Array.from({ length: 50 }, (_, i) => addressFor(20_000 + i));
    const results = await Promise.all(
      pairs.flatMap((subscriber, i) => [a.apply(record(subscriber, NOW + i)), b.apply(record(subscriber, NOW + i + 1))]),
    );
    for (const [i, subscriber] of pairs.entries()) {
      const [first, second] = results.slice(2 * i, 2 * i + 2);
      assert.deepEqual([first!.created, second!.created].sort(), [false, true], subscriber);
      assert.equal((await a.get(PUBLISHER, subscriber))?.timestampMs, NOW + i + 1, 'the newer proof is kept');
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a database whose schema version is newer than it knows, and leaves it alone', async () => {
    await query('CREATE DATABASE future');
    await query('CREATE TABLE consent_schema_version (version integer PRIMARY KEY)', 'future');
    await query('INSERT INTO consent_schema_version VALUES (2)', 'future');
    const url = new URL(postgres.url);
    url.pathname = '/future';
    await assert.rejects(postgresStore(url.href), /schema version 2, newer than this xmtp-subscribe knows \(1\)/);
    assert.deepEqual(await query('SELECT max(version) AS version FROM consent_schema_version', 'future'), [{ version: 2 }]);
  });

  it('refuses a database where synchronous_commit is off, since a commit could then be lost', async () => {
    await query('CREATE DATABASE careless');
    await query('ALTER DATABASE careless SET synchronous_commit = off');
    const url = new URL(postgres.url);
    url.pathname = '/careless';
    await assert.rejects(postgresStore(url.href), /synchronous_commit is off/);
  });
});
