// When a store cannot answer: SQLite lock waits that never block the event loop, each driver's
// outages told apart from bugs, the endpoint's 503 store_unavailable (with Retry-After, nothing
// stored) and /health's one-second deadline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it, mock } from 'node:test';
import Database from 'better-sqlite3';
import { createConsentHandler, memoryStore, sqliteStore, StoreUnavailableError, type ConsentStore } from '../../src/server/index.js';
import { healthCheck } from '../../src/server/health.js';
import { postgresFault, sqliteFault, SQLITE_LOCK_WAIT_MS } from '../../src/server/stores/faults.js';
import { account, consentBody, NOW, publisher, tempDir } from './server-fixtures.js';

let dir: Awaited<ReturnType<typeof tempDir>>;

before(async () => {
  dir = await tempDir();
});

after(async () => {
  await dir.remove();
});

/** A statement as the handler hands it over (the store does not verify). */
const statement = (n: number) => ({
  kind: 'consent' as const,
  publisher: publisher.address,
  subscriber: account(n).address,
  timestampMs: NOW,
  signature: `0x${'11'.repeat(65)}`,
  proof: Uint8Array.of(1),
  signerKind: 'eoa' as const,
  receivedAt: NOW,
});

describe('sqliteStore while another connection holds the write lock', () => {
  it('waits between tries, never in SQLite: the event loop keeps turning, reads answer, the write gives up with StoreUnavailableError', async () => {
    const path = join(dir.path, 'locked.db');
    const store = await sqliteStore(path);
    await store.apply(statement(1));
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      const started = performance.now();
      const write = store.apply(statement(2)).then(
        () => assert.fail('the write went through a held lock'),
        (error: unknown) => error,
      );
      assert.equal((await store.get(publisher.address, account(1).address))?.state, 'allowed', 'a read answers meanwhile');
      await store.check();
      const error = await write;
      const waited = performance.now() - started;
      assert.ok(error instanceof StoreUnavailableError, String(error));
      assert.match(error.message, /stayed locked by another connection for 5000 ms/);
      assert.ok(waited >= SQLITE_LOCK_WAIT_MS - 100 && waited < SQLITE_LOCK_WAIT_MS + 2_000, `gave up after ${Math.round(waited)} ms`);
      delay.disable();
      assert.ok(delay.max / 1e6 < 500, `the event loop stood still for ${Math.round(delay.max / 1e6)} ms`);
    } finally {
      delay.disable();
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.equal(await store.get(publisher.address, account(2).address), undefined, 'nothing stored');
    await store.apply(statement(2));
    await store.close();
  });

  it('writes once a short lock is let go, within the wait', async () => {
    const path = join(dir.path, 'briefly-locked.db');
    const store = await sqliteStore(path);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    setTimeout(() => {
      holder.exec('ROLLBACK');
      holder.close();
    }, 300);
    assert.equal((await store.apply(statement(3))).created, true);
    await store.close();
  });

  it('a closed store cannot answer: StoreUnavailableError', async () => {
    const store = await sqliteStore(join(dir.path, 'closed.db'));
    await store.close();
    await assert.rejects(store.check(), StoreUnavailableError);
  });
});

describe('faults: outages are told apart from bugs', () => {
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('SQLite: busy, I/O, full disk and a closed database are outages; SQL errors are not', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_DBMOVED']) {
      assert.ok(sqliteFault(withCode(code)) instanceof StoreUnavailableError, code);
    }
    assert.ok(sqliteFault(new TypeError('The database connection is not open')) instanceof StoreUnavailableError);
    const bug = withCode('SQLITE_ERROR', 'no such table: consent');
    assert.equal(sqliteFault(bug), bug);
  });

  it('PostgreSQL: connection, resources, cancelled statements and shutdowns are outages; SQL errors and bugs are not', () => {
    for (const code of ['57014', '57P01', '08006', '53300', '40001', 'ECONNREFUSED', 'EPIPE', '']) {
      assert.ok(postgresFault(withCode(code)) instanceof StoreUnavailableError, code || 'no code');
    }
    for (const error of [withCode('42P01'), withCode('23505'), new TypeError('x is not a function')]) {
      assert.equal(postgresFault(error), error);
    }
  });
});

describe('the endpoint when the store cannot answer', () => {
  const post = async (n: number) =>
    new Request('http://127.0.0.1/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await consentBody(account(n))),
    });
  const handlerOn = (store: ConsentStore) =>
    createConsentHandler({ publishers: [publisher.address], store, now: () => NOW, rateLimit: { perMinute: 0 }, log: false });

  it('answers 503 store_unavailable with Retry-After and no receipt; a store bug stays a bare 500', async () => {
    const base = memoryStore();
    const down: ConsentStore = { ...base, apply: async () => Promise.reject(new StoreUnavailableError('the database is down')) };
    const broken: ConsentStore = { ...base, apply: async () => Promise.reject(new Error('a bug')) };
    const told = mock.method(console, 'error', () => {});
    try {
      const response = await handlerOn(down)(await post(1601));
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '5');
      const body = await response.json();
      assert.deepEqual([body.error.code, body.receipt], ['store_unavailable', undefined]);
      assert.match(String(told.mock.calls[0]?.arguments[0]), /answered 503 store_unavailable: the database is down/);
      assert.equal((await handlerOn(broken)(await post(1602))).status, 500);
      assert.doesNotMatch(told.mock.calls.map((call) => String(call.arguments[0])).join('\n'), /\n\s+at /, 'no stack trace');
    } finally {
      told.mock.restore();
    }
    assert.equal(await base.get(publisher.address, account(1601).address), undefined);
  });
});

describe('healthCheck', () => {
  it('answers 200 while the store answers, 503 when its check fails or takes over the deadline, and tells the operator once', async () => {
    const base = memoryStore();
    let check: () => Promise<void> = async () => {};
    const health = healthCheck({ ...base, check: () => check() }, 200);
    const told = mock.method(console, 'error', () => {});
    try {
      assert.equal((await health()).status, 200);
      check = () => new Promise(() => {});
      const started = performance.now();
      const hanging = await health();
      assert.ok(performance.now() - started < 1_000);
      assert.equal(hanging.status, 503);
      assert.equal(hanging.headers.get('retry-after'), '5');
      assert.equal((await hanging.json()).error.code, 'store_unavailable');
      check = async () => Promise.reject(new StoreUnavailableError('down'));
      assert.equal((await health()).status, 503);
      check = async () => {};
      assert.equal((await health()).status, 200);
      const lines = told.mock.calls.map((call) => String(call.arguments[0]));
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.match(lines[0]!, /\/health answers 503 until the store answers: .*within 200 ms/);
      assert.match(lines[1]!, /the store answers again/);
    } finally {
      told.mock.restore();
    }
  });
});
