// The webhook queue each store keeps (memory, SQLite, PostgreSQL on a real, throwaway cluster):
// which statements fire an event and which do not, the event queued with its change or not at all,
// the oldest event of each pair handed out at a time under a lease, retries counted and due later,
// the cap, erasure; and, on PostgreSQL, two instances claiming at once never get the same event.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { checksumAddress } from '../../src/core/index.js';
import {
  memoryStore,
  postgresStore,
  sqliteStore,
  type ApplyOptions,
  type ConsentStore,
  type LeasedEvent,
  type SignedStatement,
  type WebhookQueue,
} from '../../src/server/index.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { NOW, tempDir } from './server-fixtures.js';

const PUBLISHER = checksumAddress('0x' + 'ab'.repeat(20));
const OTHER_PUBLISHER = checksumAddress('0x' + 'cd'.repeat(20));
const reader = (n: number) => checksumAddress(`0x${n.toString(16).padStart(40, '0')}`);
const QUEUE: ApplyOptions = { queueEvent: { maxQueued: 100 } };
const LEASE_MS = 60_000;

/** A statement as the handler hands it over (the store does not verify). */
function statement(kind: 'consent' | 'unsubscribe', subscriber: string, timestampMs: number, publisher = PUBLISHER): SignedStatement {
  const fields = { publisher, subscriber, timestampMs, signature: `0x${'11'.repeat(65)}`, signerKind: 'eoa' as const, receivedAt: timestampMs };
  return kind === 'consent' ? { kind, ...fields, proof: Uint8Array.from([1, 2, 3]) } : { kind, ...fields };
}

/** The events claimed, as their bodies. */
async function claimed(queue: WebhookQueue, limit = 100): Promise<{ leased: LeasedEvent[]; bodies: Record<string, unknown>[] }> {
  const leased = await queue.claim(limit, LEASE_MS);
  return { leased, bodies: leased.map((event) => JSON.parse(event.body)) };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let postgres: ThrowawayPostgres;
let opened = 0;

before(async () => {
  [dir, postgres] = await Promise.all([tempDir(), startPostgres()]);
});

after(async () => {
  await Promise.all([dir.remove(), postgres.stop()]);
});

/** A new, empty PostgreSQL database of the test cluster; its URL. */
async function newDatabase(): Promise<string> {
  const name = `queue_${opened++}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.href;
}

const stores: [string, () => Promise<ConsentStore>][] = [
  ['memoryStore', async () => memoryStore()],
  ['sqliteStore', () => sqliteStore(join(dir.path, `queue-${opened++}.db`))],
  ['postgresStore', async () => postgresStore(await newDatabase())],
];

for (const [name, open] of stores) {
  describe(`${name}: the webhook queue`, () => {
    let store: ConsentStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('queues joining and leaving the list, and nothing that leaves the list as it was', async () => {
      const apply = async (kind: 'consent' | 'unsubscribe', n: number, at: number) =>
        (await store.apply(statement(kind, reader(n), NOW + at * 1000), undefined, QUEUE)).webhook?.event.type;
      const fired = [
        await apply('consent', 1, 0), // new reader
        await apply('consent', 1, 1), // newer consent while allowed
        await apply('unsubscribe', 1, 2), // leaves
        await apply('unsubscribe', 1, 3), // newer withdrawal while unsubscribed
        await apply('consent', 1, 1), // an older consent: changes nothing
        await apply('consent', 1, 4), // back on the list
        await apply('unsubscribe', 2, 0), // never on the list
        await apply('consent', 2, 1), // joins after all
      ];
      assert.deepEqual(fired, ['subscribed', undefined, 'unsubscribed', undefined, undefined, 'subscribed', undefined, 'subscribed']);
      assert.equal((await store.apply(statement('unsubscribe', reader(3), NOW + 5000), undefined)).webhook, undefined);
      assert.equal((await store.apply(statement('consent', reader(3), NOW + 6000))).webhook, undefined, 'without queueEvent nothing is queued');

      // The oldest of each pair at a time, oldest first; reader 3's consent was never queued.
      const first = await claimed(store.webhookQueue!);
      assert.deepEqual(
        first.bodies.map(({ type, subscriber, at }) => [type, subscriber, at]),
        [['subscribed', reader(1), NOW], ['subscribed', reader(2), NOW + 1000]],
      );
      assert.deepEqual(Object.keys(first.bodies[0]!), ['type', 'publisher', 'subscriber', 'at', 'id']);
      assert.deepEqual((await claimed(store.webhookQueue!)).leased, [], 'leased events are not handed out again');

      for (const event of first.leased) await store.webhookQueue!.remove(event);
      const second = await claimed(store.webhookQueue!);
      assert.deepEqual(second.bodies.map(({ type, at }) => [type, at]), [['unsubscribed', NOW + 2000]]);
      await store.webhookQueue!.remove(second.leased[0]!);
      const third = await claimed(store.webhookQueue!);
      assert.deepEqual(third.bodies.map(({ type, at }) => [type, at]), [['subscribed', NOW + 4000]]);
      await store.webhookQueue!.remove(third.leased[0]!);
      assert.deepEqual((await claimed(store.webhookQueue!)).leased, []);
    });

    it('counts a failed attempt, hands the same event (same id, same bytes) out again once due, and heeds only its lease', async () => {
      const { webhook } = await store.apply(statement('consent', reader(10), NOW), undefined, QUEUE);
      const [event] = (await claimed(store.webhookQueue!)).leased;
      assert.equal(event!.id, webhook!.event.id);
      assert.equal(event!.attempts, 0);
      await store.webhookQueue!.remove({ ...event!, lease: 'another claim' });
      await store.webhookQueue!.retry({ ...event!, lease: 'another claim' }, 0);
      assert.deepEqual((await claimed(store.webhookQueue!)).leased, [], 'still leased: another claim cannot touch it');

      await store.webhookQueue!.retry(event!, 300);
      assert.deepEqual((await claimed(store.webhookQueue!)).leased, [], 'not due yet');
      await new Promise((resolve) => setTimeout(resolve, 400));
      const [again] = (await claimed(store.webhookQueue!)).leased;
      assert.deepEqual([again!.id, again!.body, again!.attempts], [event!.id, event!.body, 1]);
      assert.notEqual(again!.lease, event!.lease);
      await store.webhookQueue!.remove(again!);
    });

    it('hands out a lease that ran out again', async () => {
      await store.apply(statement('consent', reader(11), NOW), undefined, QUEUE);
      const [event] = await store.webhookQueue!.claim(10, 200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [again] = await store.webhookQueue!.claim(10, LEASE_MS);
      assert.equal(again!.id, event!.id);
      await store.webhookQueue!.remove(again!);
    });

    it('stores a change but queues no event once maxQueued wait', async () => {
      const small = { queueEvent: { maxQueued: 2 } };
      const results = [];
      for (const n of [20, 21, 22]) results.push(await store.apply(statement('consent', reader(n), NOW), undefined, small));
      assert.deepEqual(results.map((result) => [result.created, result.webhook?.queued]), [[true, true], [true, true], [true, false]]);
      assert.equal((await store.get(PUBLISHER, reader(22)))?.state, 'allowed');
      const { leased } = await claimed(store.webhookQueue!);
      assert.equal(leased.length, 2);
      for (const event of leased) await store.webhookQueue!.remove(event);
    });

    it('drops the waiting events of a reader it forgets, on one list or on all', async () => {
      await store.apply(statement('consent', reader(30), NOW), undefined, QUEUE);
      await store.apply(statement('consent', reader(30), NOW, OTHER_PUBLISHER), undefined, QUEUE);
      await store.apply(statement('consent', reader(31), NOW), undefined, QUEUE);
      assert.equal(await store.forget(reader(30), OTHER_PUBLISHER), 1);
      assert.deepEqual((await claimed(store.webhookQueue!)).bodies.map(({ subscriber, publisher }) => [subscriber, publisher]), [
        [reader(30), PUBLISHER],
        [reader(31), PUBLISHER],
      ]);
      const other = await store.apply(statement('consent', reader(32), NOW), undefined, QUEUE);
      assert.equal(await store.forget(reader(32)), 1);
      const left = await store.webhookQueue!.claim(10, LEASE_MS);
      assert.ok(!left.some((event) => event.id === other.webhook!.event.id));
    });
  });
}

describe('postgresStore: two instances on one database', () => {
  it('never hand out the same event to both, however their claims interleave', async () => {
    const url = await newDatabase();
    const [a, b] = [await postgresStore(url), await postgresStore(url)];
    try {
      for (let n = 0; n < 60; n++) await (n % 2 ? a : b).apply(statement('consent', reader(100 + n), NOW), undefined, QUEUE);
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).webhookQueue!.claim(5, LEASE_MS)));
      // Whatever a claim skipped while another held it locked is handed out by a later one.
      const rest = await a.webhookQueue!.claim(100, LEASE_MS);
      const ids = [...claims.flat(), ...rest].map((event) => event.id);
      assert.equal(ids.length, 60, 'every event handed out');
      assert.equal(new Set(ids).size, 60, 'none twice');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
