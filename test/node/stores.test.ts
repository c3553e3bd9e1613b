// The ConsentStore contract, run against the memory, SQLite and PostgreSQL stores (a real,
// throwaway cluster): the state rule at its edges, lists by state, receipts, erasure; and what only
// the durable stores promise: durable settings, private files, schema versions, data that outlives
// the process, exact answers when several connections share it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { checksumAddress } from '../../src/core/index.js';
import {
  RECEIPTS_KEPT,
  memoryStore,
  postgresStore,
  sqliteStore,
  type ConsentRecord,
  type ConsentStatement,
  type ConsentStore,
  type ListOptions,
  type SignedStatement,
  type WithdrawalStatement,
} from '../../src/server/index.js';
import { notInstalled, unbuiltSqliteDriver } from '../../src/server/stores/optional-dependency.js';
import { openConsentDatabase } from '../../src/server/stores/sqlite-database.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { NOW, tempDir } from './server-fixtures.js';

const PUBLISHER = checksumAddress('0x' + 'ab'.repeat(20));
const OTHER_PUBLISHER = checksumAddress('0x' + 'cd'.repeat(20));

/** The `i`th of many distinct lowercase addresses, spread over the whole hex range. */
const addressFor = (i: number) => `0x${createHash('sha256').update(`subscriber ${i}`).digest('hex').slice(0, 40)}`;
/** The `i`th of many distinct receipt hashes. */
const receiptHashFor = (i: number) => createHash('sha256').update(`receipt ${i}`).digest('hex');

/** A consent statement as the handler hands it over (the store does not verify: any bytes do). */
function consent(subscriber: string, timestampMs = NOW, publisher: string = PUBLISHER): ConsentStatement {
  return {
    kind: 'consent',
    publisher,
    subscriber,
    timestampMs,
    signature: `0x${'11'.repeat(65)}`,
    proof: Uint8Array.from([0x0a, 0x02, 0x30, 0x78, timestampMs % 256]),
    signerKind: 'eoa',
    receivedAt: timestampMs + 5,
  };
}

function withdrawal(subscriber: string, timestampMs = NOW, publisher: string = PUBLISHER): WithdrawalStatement {
  return {
    kind: 'unsubscribe',
    publisher,
    subscriber,
    timestampMs,
    signature: `0x${'22'.repeat(65)}`,
    signerKind: 'erc1271',
    receivedAt: timestampMs + 7,
  };
}

/** What a record keeps of a statement. */
function kept<S extends SignedStatement>({ kind: _, publisher: __, subscriber: ___, ...rest }: S) {
  return rest;
}

/** The record a lone statement makes, checksummed, with `receiptHashes`. */
function recordOf(statement: SignedStatement, receiptHashes: string[] = []): ConsentRecord {
  const pair = { publisher: checksumAddress(statement.publisher), subscriber: checksumAddress(statement.subscriber) };
  return statement.kind === 'consent'
    ? { ...pair, receiptHashes, state: 'allowed', consent: kept(statement) }
    : { ...pair, receiptHashes, state: 'unsubscribed', withdrawal: kept(statement) };
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

    it('reports created exactly and keeps the newest consent', async () => {
      const subscriber = addressFor(1);
      const first = await store.apply(consent(subscriber, NOW));
      assert.deepEqual(first, { record: recordOf(consent(subscriber, NOW)), changed: true, created: true });

      const same = await store.apply({ ...consent(subscriber, NOW), receivedAt: NOW + 999 });
      assert.deepEqual(same, { record: first.record, changed: false, created: false }, 'an equal timestamp changes nothing');

      const newer = await store.apply(consent(subscriber, NOW + 1000));
      assert.deepEqual(newer, { record: recordOf(consent(subscriber, NOW + 1000)), changed: true, created: false });

      const older = await store.apply(consent(subscriber, NOW - 1000));
      assert.deepEqual(older, { ...newer, changed: false });
      assert.deepEqual(await store.get(PUBLISHER, subscriber), newer.record);
    });

    it('takes addresses in any casing and answers them checksummed', async () => {
      const subscriber = addressFor(2);
      await store.apply(consent(subscriber.toUpperCase().replace('0X', '0x'), NOW, PUBLISHER.toLowerCase()));
      const stored = await store.get(PUBLISHER.toLowerCase(), subscriber);
      assert.equal(stored?.publisher, PUBLISHER);
      assert.equal(stored?.subscriber, checksumAddress(subscriber));
      assert.ok(stored?.consent?.proof instanceof Uint8Array);
      assert.equal(await store.get(PUBLISHER, addressFor(3)), undefined);
      await assert.rejects(store.apply(consent('0x12')), TypeError);
      await assert.rejects(store.apply({ ...consent(addressFor(3)), kind: 'other' } as never), /kind must be 'consent' or 'unsubscribe'/);
      await assert.rejects(store.apply(consent(addressFor(3), 0)), /timestampMs must be a positive whole number/);
      assert.equal(await store.get(PUBLISHER, addressFor(3)), undefined, 'nothing refused was stored');
    });

    it('decides the state by the newest statement, in whole seconds, a withdrawal winning a tie', async () => {
      const subscriber = addressFor(10);
      await store.apply(consent(subscriber, NOW));
      const tie = await store.apply(withdrawal(subscriber, NOW + 999));
      assert.deepEqual(tie, {
        record: { ...recordOf(withdrawal(subscriber, NOW + 999)), consent: kept(consent(subscriber, NOW)) },
        changed: true,
        created: false,
      });
      for (const [statement, why] of [
        [consent(subscriber, NOW + 500), 'a consent in the same second as the withdrawal'],
        [consent(subscriber, NOW - 60_000), 'an older consent'],
        [withdrawal(subscriber, NOW), 'the withdrawal again, another ms of its second'],
        [withdrawal(subscriber, NOW - 1000), 'an older withdrawal'],
      ] as const) {
        assert.deepEqual(await store.apply(statement), { record: tie.record, changed: false, created: false }, why);
      }
      const back = await store.apply(consent(subscriber, NOW + 1000));
      assert.equal(back.changed, true);
      assert.deepEqual(back.record, {
        ...recordOf(consent(subscriber, NOW + 1000)),
        withdrawal: kept(withdrawal(subscriber, NOW + 999)),
      }, 'a newer consent puts the reader back, and the withdrawal is kept as evidence');
      assert.deepEqual(await store.get(PUBLISHER, subscriber), back.record);
    });

    it('keeps a withdrawal for a reader never on the list, so an older proof replayed later adds nobody', async () => {
      const subscriber = addressFor(11);
      const first = await store.apply(withdrawal(subscriber, NOW));
      assert.deepEqual(first, { record: recordOf(withdrawal(subscriber, NOW)), changed: true, created: true });
      const replayed = await store.apply(consent(subscriber, NOW - 3_600_000));
      assert.deepEqual(replayed, { record: first.record, changed: false, created: false });
      assert.deepEqual(await store.get(PUBLISHER, subscriber), first.record);
      assert.ok(!(await collect(store.list(PUBLISHER))).includes(checksumAddress(subscriber)));
    });

    it('keeps the newest receipt hashes of a pair, newest first, whatever the statement did', async () => {
      const subscriber = addressFor(12);
      const first = await store.apply(consent(subscriber), receiptHashFor(0));
      assert.deepEqual(first.record.receiptHashes, [receiptHashFor(0)]);
      const unchanged = await store.apply(consent(subscriber), receiptHashFor(1));
      assert.deepEqual([unchanged.changed, unchanged.record.receiptHashes], [false, [receiptHashFor(1), receiptHashFor(0)]]);
      for (let i = 2; i < RECEIPTS_KEPT + 5; i++) await store.apply(consent(subscriber, NOW - i * 1000), receiptHashFor(i));
      const expected = Array.from({ length: RECEIPTS_KEPT }, (_, i) => receiptHashFor(RECEIPTS_KEPT + 4 - i));
      assert.deepEqual((await store.get(PUBLISHER, subscriber))?.receiptHashes, expected);
      const withdrawn = await store.apply(withdrawal(subscriber, NOW + 1000), receiptHashFor(99));
      assert.deepEqual(withdrawn.record.receiptHashes, [receiptHashFor(99), ...expected.slice(0, -1)], 'kept across a change of state');
      const none = await store.apply(withdrawal(subscriber, NOW + 1000));
      assert.deepEqual(none.record.receiptHashes, withdrawn.record.receiptHashes, 'no receipt, none added');
      await assert.rejects(store.apply(consent(subscriber), 'ABC'), /receiptHash must be a SHA-256 in 64 lowercase hex digits/);
    });

    it('lists a publisher’s subscribers in address order, in pages, with after and limit', async () => {
      const subscribers = Array.from({ length: 1200 }, (_, i) => addressFor(1000 + i));
      for (const subscriber of subscribers) await store.apply(consent(subscriber, NOW, OTHER_PUBLISHER));
      await store.apply(consent(addressFor(9999), NOW, PUBLISHER));
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

    it('lists by state: allowed by default, unsubscribed, or all, each in address order and in pages', async () => {
      const publisher = checksumAddress('0x' + 'ef'.repeat(20));
      const subscribers = Array.from({ length: 1100 }, (_, i) => addressFor(5000 + i));
      // Every third reader unsubscribed, one of them without ever having consented.
      for (const [i, subscriber] of subscribers.entries()) {
        if (i > 0) await store.apply(consent(subscriber, NOW, publisher));
        if (i % 3 === 0) await store.apply(withdrawal(subscriber, NOW + 1000, publisher));
      }
      const ordered = subscribers.map((subscriber, i) => [checksumAddress(subscriber), i % 3 === 0] as const);
      ordered.sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()));
      const allowed = ordered.filter(([, gone]) => !gone).map(([address]) => address);
      const unsubscribed = ordered.filter(([, gone]) => gone).map(([address]) => address);
      const list = (options?: ListOptions) => collect(store.list(publisher, options));
      assert.deepEqual(await list(), allowed);
      assert.deepEqual(await list({ state: 'allowed' }), allowed);
      assert.deepEqual(await list({ state: 'unsubscribed' }), unsubscribed);
      assert.deepEqual(await list({ state: 'all' }), ordered.map(([address]) => address));
      assert.deepEqual(await list({ state: 'unsubscribed', after: unsubscribed[99]!, limit: 50 }), unsubscribed.slice(100, 150));
      for await (const record of store.list(publisher, { state: 'unsubscribed', limit: 3 })) {
        assert.equal(record.state, 'unsubscribed');
        assert.ok(record.withdrawal);
      }
      await assert.rejects(list({ state: 'gone' as never }), /state must be allowed, unsubscribed, all/);
    });

    it('forgets a reader on one list or on every list, and says how many records it deleted', async () => {
      const [reader, other] = [addressFor(20), addressFor(21)];
      await store.apply(consent(reader, NOW, PUBLISHER), receiptHashFor(1));
      await store.apply(withdrawal(reader, NOW, OTHER_PUBLISHER));
      await store.apply(consent(other, NOW, PUBLISHER));
      assert.equal(await store.forget(reader.toUpperCase().replace('0X', '0x'), OTHER_PUBLISHER.toLowerCase()), 1);
      assert.equal(await store.get(OTHER_PUBLISHER, reader), undefined);
      assert.ok(await store.get(PUBLISHER, reader), 'kept on the list not named');
      await store.apply(consent(reader, NOW, OTHER_PUBLISHER));
      assert.equal(await store.forget(reader), 2);
      assert.equal(await store.forget(reader), 0);
      assert.equal(await store.get(PUBLISHER, reader), undefined);
      const fresh = await store.apply(consent(reader, NOW, PUBLISHER));
      assert.deepEqual([fresh.created, fresh.record.receiptHashes], [true, []], 'its receipts went with it');
      assert.ok(await store.get(PUBLISHER, other), 'another reader is untouched');
      await assert.rejects(store.forget('0x12'), TypeError);
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

/** The permission bits of `path`. */
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('sqliteStore: durability, files and schema', () => {
  it('opens in WAL mode with synchronous=FULL, a busy timeout and schema version 3', async () => {
    const db = await openConsentDatabase(newFile());
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
      assert.equal(db.pragma('user_version', { simple: true }), 3);
    } finally {
      db.close();
    }
  });

  it('creates the database, its WAL and its shared-memory file readable by their owner only', async () => {
    const file = newFile();
    const store = await sqliteStore(file);
    await store.apply(consent(addressFor(4)));
    try {
      for (const path of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(path).toString(8), '600', path);
    } finally {
      await store.close();
    }
  });

  it('keeps its records across close and reopen, one row per pair with its state', async () => {
    const file = newFile();
    const first = await sqliteStore(file);
    const { record: allowed } = await first.apply(consent(addressFor(5)), receiptHashFor(5));
    const { record: gone } = await first.apply(withdrawal(addressFor(6)));
    await first.close();

    const reopened = await sqliteStore(file);
    assert.deepEqual(await reopened.get(PUBLISHER, addressFor(5)), allowed);
    assert.deepEqual(await reopened.get(PUBLISHER, addressFor(6)), gone);
    assert.deepEqual((await reopened.apply(consent(addressFor(5)))).created, false);
    await reopened.close();

    const raw = new Database(file, { readonly: true });
    assert.deepEqual(raw.prepare('SELECT publisher, subscriber, state FROM consent ORDER BY subscriber').all(), [
      { publisher: PUBLISHER, subscriber: checksumAddress(addressFor(5)), state: 'allowed' },
      { publisher: PUBLISHER, subscriber: checksumAddress(addressFor(6)), state: 'unsubscribed' },
    ].sort((a, b) => a.subscriber.toLowerCase().localeCompare(b.subscriber.toLowerCase())));
    raw.close();
  });

  it('answers created exactly once when two connections share the file', async () => {
    const file = newFile();
    const [a, b] = [await sqliteStore(file), await sqliteStore(file)];
    const results = await Promise.all([a.apply(consent(addressFor(6))), b.apply(consent(addressFor(6)))]);
    assert.deepEqual(results.map((result) => result.created).sort(), [false, true]);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a file whose schema version is newer than it knows, and leaves it alone', async () => {
    const file = newFile();
    const future = new Database(file);
    future.pragma('user_version = 4');
    future.close();
    await assert.rejects(sqliteStore(file), /schema version 4, newer than this xmtp-subscribe knows \(3\)/);
    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 4);
    check.close();
  });
});

describe('an optional driver that is not installed', () => {
  // Node's own error for a package that is absent (tested for real, from the built package, in package.test.ts).
  const absent = (name: string) =>
    Object.assign(new Error(`Cannot find package '${name}' imported from /app/server.js`), { code: 'ERR_MODULE_NOT_FOUND' });

  it('says in one sentence what to install, with the import error as its cause', () => {
    const error = absent('pg');
    assert.throws(
      () => notInstalled(error, 'pg', 'postgresStore'),
      (told: Error) => told.message === 'postgresStore needs pg, an optional peer dependency that is not installed: run `npm install pg`' && told.cause === error,
    );
  });

  it('passes any other error on as it is', () => {
    const error = new SyntaxError('Unexpected token');
    assert.throws(() => notInstalled(error, 'better-sqlite3', 'sqliteStore'), (thrown) => thrown === error);
  });
});

describe("better-sqlite3's native part missing or built for another Node", () => {
  // Node's own words for each (the never-built case is tested for real in package.test.ts).
  const REMEDY =
    /: run `npm rebuild better-sqlite3` \(pnpm: `pnpm approve-builds`\); on Node 22\+ better-sqlite3 13 ships prebuilt binaries$/;

  it('says in one sentence what to do when it was built for another Node (NODE_MODULE_VERSION)', () => {
    const error = Object.assign(
      new Error(
        "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\n" +
          'NODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling or re-installing',
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    );
    const told = unbuiltSqliteDriver(error, 'sqliteStore') as Error;
    assert.match(told.message, new RegExp(`^sqliteStore needs better-sqlite3, an optional peer dependency whose native part was built for another Node than this one \\(${process.version.replaceAll('.', '\\.')}\\)`));
    assert.match(told.message, REMEDY);
    assert.equal(told.cause, error);
  });

  it('says so when better-sqlite3 13 finds neither a build nor a prebuilt binary', () => {
    const error = Object.assign(new Error("Cannot find module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'"), { code: 'MODULE_NOT_FOUND' });
    assert.match((unbuiltSqliteDriver(error, 'backup') as Error).message, /^backup needs better-sqlite3, an optional peer dependency that is installed but was never built/);
  });

  it('passes any other error on as it is', () => {
    const error = Object.assign(new Error('SQLITE_CANTOPEN: unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    assert.equal(unbuiltSqliteDriver(error, 'sqliteStore'), error);
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

  it('records schema versions 1 to 3, keeps one row per pair with its state, and opens again unchanged', async () => {
    const first = await postgresStore(postgres.url);
    const { record: kept } = await first.apply(withdrawal(addressFor(5)), receiptHashFor(5));
    await first.close();
    const reopened = await postgresStore(postgres.url);
    assert.deepEqual(await reopened.get(PUBLISHER, addressFor(5)), kept);
    await reopened.close();

    assert.deepEqual(await query('SELECT version FROM consent_schema_version ORDER BY version'), [{ version: 1 }, { version: 2 }, { version: 3 }]);
    const rows = await query(`SELECT publisher, state FROM consent WHERE subscriber = '${kept.subscriber}'`);
    assert.deepEqual(rows, [{ publisher: PUBLISHER, state: 'unsubscribed' }]);
  });

  it('answers created exactly once per pair, and keeps the newest, when two pools race on the same pairs', async () => {
    const [a, b] = [await postgresStore(postgres.url), await postgresStore(postgres.url)];
    const pairs = Array.from({ length: 50 }, (_, i) => addressFor(20_000 + i));
    const second = (i: number) => NOW + i * 1000;
    const results = await Promise.all(
      pairs.flatMap((subscriber, i) => [a.apply(consent(subscriber, second(i))), b.apply(consent(subscriber, second(i + 1)))]),
    );
    for (const [i, subscriber] of pairs.entries()) {
      const [first, next] = results.slice(2 * i, 2 * i + 2);
      assert.deepEqual([first!.created, next!.created].sort(), [false, true], subscriber);
      assert.equal((await a.get(PUBLISHER, subscriber))?.consent?.timestampMs, second(i + 1), 'the newer proof is kept');
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('lets the withdrawal win when it races a consent of the same second, whichever lands first', async () => {
    const [a, b] = [await postgresStore(postgres.url), await postgresStore(postgres.url)];
    const pairs = Array.from({ length: 40 }, (_, i) => addressFor(30_000 + i));
    await Promise.all(
      pairs.flatMap((subscriber, i) =>
        i % 2 ? [a.apply(consent(subscriber)), b.apply(withdrawal(subscriber))] : [a.apply(withdrawal(subscriber)), b.apply(consent(subscriber))],
      ),
    );
    for (const subscriber of pairs) assert.equal((await a.get(PUBLISHER, subscriber))?.state, 'unsubscribed', subscriber);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a database whose schema version is newer than it knows, and leaves it alone', async () => {
    await query('CREATE DATABASE future');
    await query('CREATE TABLE consent_schema_version (version integer PRIMARY KEY)', 'future');
    await query('INSERT INTO consent_schema_version VALUES (4)', 'future');
    const url = new URL(postgres.url);
    url.pathname = '/future';
    await assert.rejects(postgresStore(url.href), /schema version 4, newer than this xmtp-subscribe knows \(3\)/);
    assert.deepEqual(await query('SELECT max(version) AS version FROM consent_schema_version', 'future'), [{ version: 4 }]);
  });

  it('refuses a database where synchronous_commit is off, since a commit could then be lost', async () => {
    await query('CREATE DATABASE careless');
    await query('ALTER DATABASE careless SET synchronous_commit = off');
    const url = new URL(postgres.url);
    url.pathname = '/careless';
    await assert.rejects(postgresStore(url.href), /synchronous_commit is off/);
  });
});
