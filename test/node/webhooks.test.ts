// Webhooks end to end (DESIGN.md, "Package and builds"): a local receiver on 127.0.0.1 that fails
// (500), hangs past the timeout, then recovers gets every change of state, with a signature that
// the README's snippet verifies, the same id and bytes on every attempt, each reader's events in
// order, and no answer to a reader ever waiting on it. Then the real CLI: SIGKILLed with deliveries
// in flight and restarted, it still delivers everything; two CLI processes on one PostgreSQL
// database deliver every event, never one event twice at once. Also: redirects are not followed, an
// event is given up after maxAttempts, and a full queue stores the change but not its event.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { createConsentHandler, memoryStore, nodeListener, sqliteStore, type ConsentStore, type WebhookOptions } from '../../src/server/index.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver.mjs';
import { cli, killClis } from './cli-process.js';
import { account, consentBody, publisher, tempDir, withdrawalBody } from './server-fixtures.js';

const SECRET = 'a test secret, long enough';

let dir: Awaited<ReturnType<typeof tempDir>>;
let receiver: WebhookReceiver;

before(async () => {
  dir = await tempDir();
});

after(async () => {
  killClis();
  await dir.remove();
});

/** Resolves once `done()` holds, checking every 50 ms; fails after `timeoutMs`. */
async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > giveUpAt) assert.fail(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The server's clock in these tests is the real one: the statements are signed just before they are posted. */
const secondsAgo = (s: number) => Date.now() - (Date.now() % 1000) - s * 1000;

function post(endpoint: string, body: unknown): Promise<Response> {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Checks what a receiver got: every attempt signed, each event's attempts the same bytes, each pair's events in order. */
function assertWellFormed(received: ReceivedWebhook[]): void {
  assert.ok(received.length > 0);
  for (const request of received) {
    assert.ok(request.verified, `the signature of ${request.raw} verifies with the README's snippet`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.match(String(request.headers['user-agent']), /^xmtp-subscribe\//);
  }
  const bytesById = new Map<string, string>();
  for (const { body, raw } of received) {
    assert.equal(bytesById.get(body.id) ?? raw, raw, `every attempt of ${body.id} carries the same bytes`);
    bytesById.set(body.id, raw);
  }
}

describe('delivery from the handler', () => {
  let store: ConsentStore;
  before(async () => {
    receiver = await startWebhookReceiver(SECRET);
    store = await sqliteStore(join(dir.path, 'handler.db'));
  });
  after(async () => {
    await store.close();
    await receiver.stop();
  });

  it('gets every change of state to a receiver that fails, then hangs, then recovers, signed, once per id, in order', { timeout: 60_000 }, async () => {
    const webhook: WebhookOptions = { url: receiver.url, secret: SECRET, timeoutMs: 500 };
    const handler = createConsentHandler({ publishers: [publisher.address], store, webhook, log: false, rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 } });
    const server = createServer(nodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/consent`;
    try {
      const [alice, bob, carol] = [account(1201), account(1202), account(1203)];
      const [joined, left, back, later] = [secondsAgo(50), secondsAgo(40), secondsAgo(30), secondsAgo(20)];
      receiver.behaviour = 'fail';
      const answers = [];
      answers.push(await post(endpoint, await consentBody(alice, { timestampMs: joined })));
      answers.push(await post(endpoint, await consentBody(bob, { timestampMs: joined })));
      await until(() => receiver.received.length >= 2, 'the first, failed attempts');

      // While the receiver hangs, answers do not wait for it.
      receiver.behaviour = 'hang';
      const started = performance.now();
      answers.push(await post(endpoint, await withdrawalBody(alice, { timestampMs: left })));
      answers.push(await post(endpoint, await consentBody(alice, { timestampMs: back })));
      answers.push(await post(endpoint, await consentBody(bob, { timestampMs: later }))); // newer, still allowed: no event
      answers.push(await post(endpoint, await withdrawalBody(carol, { timestampMs: later }))); // never on the list: no event
      const answeringMs = performance.now() - started;
      assert.deepEqual(answers.map((answer) => answer.status), [201, 201, 200, 200, 200, 200]);
      assert.ok(answeringMs < 400, `4 answers took ${answeringMs.toFixed(0)} ms while the receiver hung`);
      await until(() => receiver.received.some((request) => request.answered === 'hang'), 'an attempt that hangs');
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the timeout

      receiver.behaviour = 'ok';
      await until(() => receiver.delivered().length === 4, 'four events delivered');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more comes
      assertWellFormed(receiver.received);
      const delivered = receiver.delivered().map(({ body }) => [body.type, body.subscriber, body.at]);
      assert.deepEqual(
        delivered.filter(([, subscriber]) => subscriber === alice.address),
        [['subscribed', alice.address, joined], ['unsubscribed', alice.address, left], ['subscribed', alice.address, back]],
        "alice's events in the order of her statements",
      );
      assert.deepEqual(delivered.filter(([, subscriber]) => subscriber === bob.address).map(([type]) => type), ['subscribed']);
      assert.equal(receiver.received.filter((request) => request.answered === 'ok').length, 4, 'each event delivered once, once it could be');
      assert.ok(receiver.received.some((request) => request.answered === 'fail'));
      const attempts = new Map<string, number>();
      for (const { body } of receiver.received) attempts.set(body.id, (attempts.get(body.id) ?? 0) + 1);
      assert.ok([...attempts.values()].some((count) => count >= 2), 'some event was retried, with its id unchanged');
    } finally {
      await handler.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('delivery limits', () => {
  let local: WebhookReceiver;
  before(async () => {
    local = await startWebhookReceiver(SECRET);
  });
  after(async () => {
    await local.stop();
  });

  /** A handler on a memory store with `webhook` (the receiver's URL and secret, and `extra`), and a consent posted to it. */
  async function handlerWith(extra: Partial<WebhookOptions>, readers: number[]) {
    const handler = createConsentHandler({
      publishers: [publisher.address],
      store: memoryStore(),
      webhook: { url: local.url, secret: SECRET, timeoutMs: 500, ...extra },
      log: false,
    });
    const statuses = [];
    for (const n of readers) {
      const body = JSON.stringify(await consentBody(account(n), { timestampMs: secondsAgo(5) }));
      const request = new Request('http://127.0.0.1/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      statuses.push((await handler(request)).status);
    }
    return { handler, statuses };
  }

  it('follows no redirect: a 3xx is a failed attempt, and the event is retried', async () => {
    local.behaviour = 'redirect';
    const { handler } = await handlerWith({}, [1301]);
    try {
      await until(() => local.received.length >= 2, 'a second attempt after the redirect');
      assert.deepEqual(local.received.map((request) => request.path), [new URL(local.url).pathname, new URL(local.url).pathname]);
      assert.equal(local.received[0]!.body.id, local.received[1]!.body.id);
    } finally {
      await handler.close();
      local.received.length = 0;
    }
  });

  it('gives an event up after maxAttempts, and tells the operator', async () => {
    local.behaviour = 'fail';
    const told = mock.method(console, 'error', () => {});
    const { handler } = await handlerWith({ maxAttempts: 2 }, [1302]);
    try {
      await until(() => told.mock.calls.some((call) => /given up after 2 attempts/.test(String(call.arguments[0]))), 'the event given up');
      await new Promise((resolve) => setTimeout(resolve, 2500)); // past the next retry it would have had
      assert.equal(local.received.length, 2);
      assert.ok(told.mock.calls.some((call) => /not delivered \(HTTP 500\); retrying with backoff/.test(String(call.arguments[0]))));
    } finally {
      told.mock.restore();
      await handler.close();
      local.received.length = 0;
    }
  });

  it('stores and answers a change when the queue is full, and tells the operator its event was not queued', async () => {
    local.behaviour = 'hang';
    const told = mock.method(console, 'error', () => {});
    const { handler, statuses } = await handlerWith({ maxQueued: 2 }, [1303, 1304, 1305]);
    try {
      assert.deepEqual(statuses, [201, 201, 201]);
      const lines = told.mock.calls.map((call) => String(call.arguments[0])).filter((line) => /was not queued/.test(line));
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, new RegExp(`holds 2 events, its limit, so the subscribed event of ${account(1305).address}`));
    } finally {
      told.mock.restore();
      await handler.close();
      local.received.length = 0;
    }
  });

  it('refuses a webhook without an http(s) URL or a long enough secret, at once', () => {
    const options = { publishers: [publisher.address], store: memoryStore() };
    assert.throws(() => createConsentHandler({ ...options, webhook: { url: 'ftp://127.0.0.1/x', secret: SECRET } }), /webhook.url must be an http or https URL/);
    assert.throws(() => createConsentHandler({ ...options, webhook: { url: local.url, secret: 'short' } }), /webhook.secret must be at least 16 characters/);
  });
});

describe('the CLI with --webhook', () => {
  before(async () => {
    receiver = await startWebhookReceiver(SECRET);
  });
  after(async () => {
    await receiver.stop();
  });

  function startServer(args: string[]) {
    const server = cli(
      ['--publisher', publisher.address, '--port', '0', '--rate-limit', '0', '--quiet', '--webhook', receiver.url, '--webhook-timeout-ms', '1000', ...args],
      { XMTP_SUBSCRIBE_WEBHOOK_SECRET: SECRET },
    );
    return { ...server, endpoint: server.endpoint() };
  }

  it('loses no event when SIGKILLed between commit and delivery, nor across a restart, and prints no secret', { timeout: 90_000 }, async () => {
    const db = join(dir.path, 'cli.db');
    const readers = Array.from({ length: 6 }, (_, i) => account(1400 + i));
    // Deliveries hang: every event is committed and in flight (leased) when the server is killed.
    receiver.behaviour = 'hang';
    let server = startServer(['--db', db]);
    let endpoint = await server.endpoint;
    for (const reader of readers.slice(0, 4)) assert.equal((await post(endpoint, await consentBody(reader, { timestampMs: secondsAgo(60) }))).status, 201);
    await until(() => receiver.received.length >= 4, 'every event in flight');
    server.child.kill('SIGKILL');
    assert.equal((await server.exited).code, null);
    const beforeKill = new Set(receiver.received.map((request) => request.body.id));

    // Restarted, with the receiver failing: more changes, then a clean restart in between.
    receiver.behaviour = 'fail';
    server = startServer(['--db', db]);
    endpoint = await server.endpoint;
    for (const reader of readers.slice(4)) assert.equal((await post(endpoint, await consentBody(reader, { timestampMs: secondsAgo(60) }))).status, 201);
    assert.equal((await post(endpoint, await withdrawalBody(readers[0]!, { timestampMs: secondsAgo(30) }))).status, 200);
    await until(() => receiver.received.some((request) => request.answered === 'fail'), 'a failed attempt');
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);

    receiver.behaviour = 'ok';
    server = startServer(['--db', db]);
    await server.endpoint;
    // The events killed in flight wait for their leases (timeout + 5 s) to run out.
    await until(() => receiver.delivered().length === 7, 'all seven events delivered', 40_000);
    assertWellFormed(receiver.received);
    const delivered = receiver.delivered();
    assert.deepEqual(
      delivered.map(({ body }) => body.subscriber).filter((subscriber) => subscriber !== readers[0]!.address).sort(),
      readers.slice(1).map((reader) => reader.address).sort(),
    );
    assert.deepEqual(delivered.filter(({ body }) => body.subscriber === readers[0]!.address).map(({ body }) => body.type), ['subscribed', 'unsubscribed']);
    for (const id of beforeKill) assert.ok(delivered.some(({ body }) => body.id === id), `${id}, in flight at the kill, arrived with the same id`);
    server.child.kill('SIGTERM');
    const { code, stderr } = await server.exited;
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, new RegExp(SECRET));
  });

  it('exits 2 for a --webhook without a secret, a secret without a --webhook, or a URL that is not http(s)', async () => {
    const base = ['--publisher', publisher.address, '--db', join(dir.path, 'flags.db')];
    const withoutSecret = await cli([...base, '--webhook', receiver.url]).exited;
    assert.equal(withoutSecret.code, 2);
    assert.match(withoutSecret.stderr, /--webhook needs --webhook-secret/);
    const withoutUrl = await cli(base, { XMTP_SUBSCRIBE_WEBHOOK_SECRET: SECRET }).exited;
    assert.equal(withoutUrl.code, 2);
    assert.match(withoutUrl.stderr, /XMTP_SUBSCRIBE_WEBHOOK_SECRET needs --webhook/);
    const notHttp = await cli([...base, '--webhook', 'ftp://user:pw@127.0.0.1/hook', '--webhook-secret', SECRET]).exited;
    assert.equal(notHttp.code, 2);
    assert.match(notHttp.stderr, /webhook.url must be an http or https URL, got 'ftp:\/\/127\.0\.0\.1\/…'/);
  });
});

describe('two CLI processes with --webhook on one PostgreSQL database', () => {
  let postgres: ThrowawayPostgres;
  before(async () => {
    [postgres, receiver] = await Promise.all([startPostgres(), startWebhookReceiver(SECRET)]);
  });
  after(async () => {
    await Promise.all([postgres.stop(), receiver.stop()]);
  });

  it('deliver every event, never one event twice at once', { timeout: 60_000 }, async () => {
    receiver.answerDelayMs = 200; // deliveries overlap the other instance's claims
    const servers = [0, 1].map(() =>
      cli(['--publisher', publisher.address, '--postgres', postgres.url, '--port', '0', '--rate-limit', '0', '--quiet', '--webhook', receiver.url], {
        XMTP_SUBSCRIBE_WEBHOOK_SECRET: SECRET,
      }),
    );
    const endpoints = await Promise.all(servers.map((server) => server.endpoint()));
    const readers = Array.from({ length: 30 }, (_, i) => account(1500 + i));
    const bodies = await Promise.all(readers.map((reader) => consentBody(reader, { timestampMs: secondsAgo(10) })));
    const statuses = await Promise.all(bodies.map((body, i) => post(endpoints[i % 2]!, body).then((response) => response.status)));
    assert.deepEqual(new Set(statuses), new Set([201]));
    await until(() => receiver.delivered().length === 30, 'thirty events delivered');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assertWellFormed(receiver.received);
    assert.equal(receiver.mostInFlightForOneEvent(), 1);
    assert.equal(receiver.received.length, 30, 'each delivered once');
    for (const server of servers) server.child.kill('SIGTERM');
    assert.deepEqual((await Promise.all(servers.map((server) => server.exited))).map(({ code }) => code), [0, 0]);
  });
});
