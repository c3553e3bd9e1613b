// The findings of issue 11, each replayed as an attacker would, on the real xmtp-subscribe-server
// process (or the handler behind a real Node server) over loopback HTTP: proxies and forged
// X-Forwarded-For, junk that costs chain calls or a reader's budget, a hanging chain, a locked
// SQLite file, a PostgreSQL database that is locked or down, requests Node cannot turn into a
// `Request`, an endless body after a 413, too many connections, secrets in URLs. Each test is
// bounded (30 s) and failed on the code before the fix.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { serializeErc6492Signature } from 'viem';
import { createConsentHandler, memoryStore, nodeListener, sqliteStore } from '../../src/server/index.js';
import { freePort } from '../support/chain.mjs';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { cli, cliScratch, killClis } from './cli-process.js';
import { account, consentBody, publisher, signedProof, withdrawalBody } from './server-fixtures.js';

const TEST_LIMIT = { timeout: 30_000 };

const dir = cliScratch();

/** Starts the CLI for the served publisher on a fresh SQLite file (unless `args` name a store); resolves its endpoint. */
async function server(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const store = args.includes('--postgres') ? [] : ['--db', join(dir.path, `${name}.db`)];
  const started = cli(['--publisher', publisher.address, ...store, '--port', '0', ...args], env);
  const endpoint = await started.endpoint();
  return { ...started, endpoint, port: Number(new URL(endpoint).port), db: join(dir.path, `${name}.db`) };
}

const json = { 'content-type': 'application/json' };

function post(endpoint: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(endpoint, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
}

/** A reader's status asked with no receipt: always 200 `unknown`, and a request like any for the budgets. */
function statusOf(endpoint: string, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ publisher: publisher.address, subscriber: account(1000).address });
  return fetch(`${endpoint}?${query}`, { headers });
}

/** `reader` named in a body whose consent proof `impostor` signed: junk that fails verification. */
async function junkNaming(reader: { address: string }, impostor = account(999)) {
  const { consentProof } = await signedProof(impostor, publisher.address, Date.now());
  return { publisher: publisher.address, subscriber: reader.address, consentProof };
}

/**
 * A withdrawal naming `reader` whose signature is wrapped as ERC-6492 (a factory call that deploys
 * nothing): junk that goes to the chain whoever the subscriber is.
 */
async function wrappedJunkNaming(reader: { address: string }) {
  const timestampMs = Date.now();
  const { signature } = await signedProof(account(999), publisher.address, timestampMs);
  const wrapped = serializeErc6492Signature({ address: account(5).address, data: '0x1234', signature });
  return { publisher: publisher.address, subscriber: reader.address, unsubscribe: { timestampMs, signature: wrapped } };
}

/** Milliseconds `work` took, and what it resolved. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Writes `text` on a new connection to `port`, then, with `bodyBytes`, keeps writing spaces until the
 * server closes or that many were written; resolves with what the server answered and how much was written.
 */
function raw(port: number, text: string, bodyBytes = 0): Promise<{ answer: string; written: number }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!socket.destroyed && written < bodyBytes) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.once('connect', () => {
      socket.write(text);
      pump();
    });
    socket.setEncoding('utf8').on('data', (data: string) => (answer += data));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ answer, written }));
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

/** The status and JSON body of a raw answer, its body chunked or not. */
function parsed(answer: string): { status: number; body: any } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const [head, ...rest] = answer.split('\r\n\r\n');
  let text = rest.join('\r\n\r\n');
  if (/\r\ntransfer-encoding: chunked/i.test(head!)) {
    let body = '';
    for (let size = 0; (size = parseInt(text, 16)) > 0; ) {
      const start = text.indexOf('\r\n') + 2;
      body += text.slice(start, start + size);
      text = text.slice(start + size + 2);
    }
    text = body;
  }
  return { status, body: text ? JSON.parse(text) : undefined };
}

/** The request log lines (JSON) a CLI printed on stderr. */
function logLines(stderr: string): any[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/**
 * A JSON-RPC chain stand-in on 127.0.0.1 that counts the methods it is asked: every address has
 * code (`contracts`) or none, an `eth_call` answers "not valid", or (`hang`) nothing is ever answered.
 */
async function fakeChain(mode: { contracts?: boolean; hang?: boolean }) {
  const methods: string[] = [];
  const chain: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (data) => (text += data));
    req.on('end', () => {
      const { id, method } = JSON.parse(text);
      methods.push(method);
      if (mode.hang) return;
      const result =
        method === 'eth_getCode' ? (mode.contracts ? '0x6001' : '0x') : method === 'eth_chainId' ? '0x1' : '0x00';
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    });
  });
  await new Promise<void>((resolve) => chain.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(chain.address() as AddressInfo).port}`,
    methods,
    count: (method: string) => methods.filter((known) => known === method).length,
    close: () => {
      chain.closeAllConnections();
      chain.close();
    },
  };
}

describe('finding: behind a reverse proxy, readers shared one budget and a forged X-Forwarded-For escaped it', () => {
  it('--trust-proxy 1 gives each forwarded client its own budget, and a forged first entry changes nothing', TEST_LIMIT, async () => {
    const { endpoint, child, exited } = await server('proxy-hops', ['--trust-proxy', '1', '--rate-limit', '1', '--quiet']);
    // This test is the proxy: it appends the address its client came from.
    const from = (client: string, forged?: string) => ({ 'x-forwarded-for': forged ? `${forged}, ${client}` : client });
    assert.equal((await statusOf(endpoint, from('203.0.113.1'))).status, 200);
    assert.equal((await statusOf(endpoint, from('203.0.113.2'))).status, 200, 'another reader behind the proxy');
    const forged = await statusOf(endpoint, from('203.0.113.1', '198.51.100.77'));
    assert.equal(forged.status, 429, 'a forged first entry does not escape the budget');
    assert.ok(Number(forged.headers.get('retry-after')) > 0);
    child.kill('SIGTERM');
    assert.equal((await exited).code, 0);
  });

  it('--trust-proxy with addresses trusts only those proxies, IPv4 and IPv6, and logs the client behind them', TEST_LIMIT, async () => {
    const { endpoint, child, errors } = await server('proxy-list', ['--trust-proxy', '10.0.0.0/8,127.0.0.1,::1', '--rate-limit', '1']);
    const chain = { 'x-forwarded-for': '198.51.100.9, 2001:db8::7, 10.1.2.3' };
    assert.equal((await statusOf(endpoint, chain)).status, 200);
    assert.equal((await statusOf(endpoint, chain)).status, 429, 'the client is 2001:db8::7, behind two trusted proxies');
    assert.equal((await statusOf(endpoint, { 'x-forwarded-for': '2001:db8::8' })).status, 429, 'one budget per IPv6 /64');
    assert.equal((await statusOf(endpoint, { 'x-forwarded-for': '2001:db9::8' })).status, 200);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.deepEqual(
      logLines(errors()).map((entry) => entry.clientIp),
      ['2001:db8::7', '2001:db8::7', '2001:db8::8', '2001:db9::8'],
    );
  });

  it('a handler with trustProxy: true behind nodeListener charges the right-most entry, not the first', TEST_LIMIT, async () => {
    const handler = createConsentHandler({ publishers: [publisher.address], store: memoryStore(), trustProxy: true, rateLimit: { perMinute: 1 }, log: false });
    const node = createServer(nodeListener(handler));
    await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(node.address() as AddressInfo).port}/consent`;
      for (let i = 0; i < 3; i++) {
        const response = await statusOf(endpoint, { 'x-forwarded-for': `192.0.2.${i}, 203.0.113.50` });
        assert.equal(response.status, i === 0 ? 200 : 429, `forged entry 192.0.2.${i}`);
      }
    } finally {
      node.closeAllConnections();
      node.close();
    }
  });
});

describe('finding: with --rpc-url, every junk post cost an eth_call, and a hanging chain held a request 41 s', () => {
  it('a junk 65-byte signature naming a plain wallet costs one cached code lookup and no eth_call', TEST_LIMIT, async () => {
    const chain = await fakeChain({ contracts: false });
    try {
      const { endpoint } = await server('junk-eoa', ['--rpc-url', chain.url, '--quiet']);
      const reader = account(1101);
      for (let i = 0; i < 5; i++) {
        const response = await post(endpoint, await junkNaming(reader));
        assert.equal(response.status, 403);
        assert.equal((await response.json()).error.code, 'invalid_signature');
      }
      assert.equal(chain.count('eth_call'), 0);
      assert.equal(chain.count('eth_getCode'), 1, 'the lookup is cached');
      assert.equal((await post(endpoint, await consentBody(reader, { timestampMs: Date.now() }))).status, 201);
      assert.equal(chain.methods.length, 1, 'a plain wallet never reaches the chain');
    } finally {
      chain.close();
    }
  });

  it('a hanging chain is given up after 3 s, once, without retries: 503 chain_unavailable with Retry-After', TEST_LIMIT, async () => {
    const chain = await fakeChain({ hang: true });
    try {
      const { endpoint, errors } = await server('hanging-chain', ['--rpc-url', chain.url, '--quiet']);
      const body = await wrappedJunkNaming(account(1102));
      const { ms, value: response } = await timed(() => post(endpoint, body));
      assert.equal(response.status, 503);
      assert.equal((await response.json()).error.code, 'chain_unavailable');
      assert.ok(Number(response.headers.get('retry-after')) > 0);
      assert.ok(ms >= 2_900 && ms < 8_000, `answered after ${Math.round(ms)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(chain.methods, ['eth_call'], 'one call, never retried');
      assert.match(errors(), /answered 503 chain_unavailable: .*(timed out|did not answer within 3000 ms)/);
    } finally {
      chain.close();
    }
  });

  it('chain calls from one client IP are budgeted: 429 with Retry-After once spent', TEST_LIMIT, async () => {
    const chain = await fakeChain({ contracts: true });
    try {
      const { endpoint } = await server('chain-budget', ['--rpc-url', chain.url, '--chain-ip-rate-limit', '3', '--quiet']);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(endpoint, await junkNaming(account(1103)))).status);
      // A code lookup and a call, then a call: the third call is the budget's last.
      assert.deepEqual(statuses, [403, 403, 429, 429]);
      assert.equal(chain.methods.length, 3);
    } finally {
      chain.close();
    }
  });
});

describe('finding: junk naming a reader spent that reader’s budget, so their real proof got 429', () => {
  it('requests that fail verification are charged to their client IP only', TEST_LIMIT, async () => {
    const { endpoint } = await server('junk-reader', ['--subscriber-rate-limit', '2', '--rate-limit', '0', '--quiet']);
    const reader = account(1201);
    for (let i = 0; i < 10; i++) assert.equal((await post(endpoint, await junkNaming(reader))).status, 403);
    const real = await consentBody(reader, { timestampMs: Date.now() });
    assert.equal((await post(endpoint, real)).status, 201, 'the junk did not delay the reader');
    // Posts of one statement that verifies still count: the budget bounds what one statement costs.
    assert.equal((await post(endpoint, real)).status, 200);
    assert.equal((await post(endpoint, real)).status, 429);
  });
});

describe('finding: replaying a reader’s old proof spent that reader’s budget, so their withdrawal got 429', () => {
  it('replays of one statement spend only its own budget: the reader’s newer withdrawal is stored', TEST_LIMIT, async () => {
    const { endpoint } = await server('replay-reader', ['--rate-limit', '0', '--quiet']);
    const reader = account(1202);
    const signedAt = Date.now() - 24 * 60 * 60 * 1000;
    const replayed = await consentBody(reader, { timestampMs: signedAt });
    const replays = [];
    for (let i = 0; i < 12; i++) replays.push((await post(endpoint, replayed)).status);
    assert.deepEqual(replays, [201, ...Array(9).fill(200), 429, 429], 'replays are limited, 10 a minute');
    const withdrawal = await post(endpoint, await withdrawalBody(reader, { timestampMs: Date.now() }));
    assert.equal(withdrawal.status, 200, 'the replays did not delay the reader');
    const { status, receipt } = await withdrawal.json();
    assert.equal(status, 'unsubscribed');
    const query = new URLSearchParams({ publisher: publisher.address, subscriber: reader.address, receipt });
    assert.equal((await (await fetch(`${endpoint}?${query}`)).json()).status, 'unsubscribed', 'and stored');
    assert.equal((await post(endpoint, replayed)).status, 429, 'the replayed proof is still limited');
  });
});

describe('finding: another process holding the SQLite write lock froze the whole server', () => {
  it('/health and a status GET answer at once while POSTs wait without blocking, then get 503 store_unavailable', TEST_LIMIT, async () => {
    const { endpoint, db, errors } = await server('locked', ['--quiet']);
    const readers = [account(1301), account(1302), account(1303)];
    const bodies = await Promise.all(readers.map((reader) => consentBody(reader, { timestampMs: Date.now() })));
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const posts = bodies.map((body) => timed(() => post(endpoint, body)));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await timed(() => fetch(new URL('/health', endpoint)));
      assert.equal(health.value.status, 200);
      assert.ok(health.ms < 1_000, `/health took ${Math.round(health.ms)} ms`);
      const status = await timed(() => statusOf(endpoint));
      assert.equal(status.value.status, 200);
      assert.ok(status.ms < 1_000, `the status GET took ${Math.round(status.ms)} ms`);
      for (const { ms, value: response } of await Promise.all(posts)) {
        assert.equal(response.status, 503);
        assert.equal((await response.json()).error.code, 'store_unavailable');
        assert.equal(response.headers.get('retry-after'), '5');
        assert.ok(ms < 10_000, `the POST took ${Math.round(ms)} ms`);
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const store = await sqliteStore(db);
    for (const reader of readers) assert.equal(await store.get(publisher.address, reader.address), undefined, 'nothing stored');
    await store.close();
    assert.equal((await post(endpoint, bodies[0])).status, 201, 'served again once the lock is gone');
    assert.match(errors(), /answered 503 store_unavailable: the SQLite database stayed locked/);
  });
});

describe('finding: a malformed Host header or a TRACE answered 500 with a stack trace in the log', () => {
  it('answers 400, 405 or 431 in JSON, one log line each, never a stack trace, and counts them against the client', TEST_LIMIT, async () => {
    const { port, errors, child } = await server('unreadable', ['--rate-limit', '6']);
    const requests: [string, number, string][] = [
      ['TRACE /consent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405, 'method_not_allowed'],
      ['GET /consent HTTP/1.1\r\nHost: [bad\r\nConnection: close\r\n\r\n', 400, 'bad_request'],
      ['GET /consent?publisher=x HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'bad_request'],
      ['FOO /consent HTTP/1.1\r\nHost: x\r\n\r\n', 405, 'method_not_allowed'],
      ['NOT HTTP AT ALL\r\n\r\n', 400, 'bad_request'],
      [`GET /consent HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request_header_fields_too_large'],
      ['TRACE /consent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 429, 'rate_limited'],
    ];
    for (const [text, status, code] of requests) {
      const answer = parsed((await raw(port, text)).answer);
      assert.equal(answer.status, status, text.slice(0, 40));
      assert.equal(answer.body.error.code, code, text.slice(0, 40));
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.doesNotMatch(errors(), /\n\s+at |internal_error/);
    assert.deepEqual(
      logLines(errors()).map(({ method, path, status }) => [method, path, status]),
      [
        ['TRACE', '/consent', 405],
        ['GET', '/consent', 400],
        ['GET', '/consent', 400],
        ['FOO', '/consent', 405],
        ['-', '-', 400],
        ['GET', '/consent', 431],
        ['TRACE', '/consent', 429],
      ],
    );
  });
});

describe('finding: after a 413 the server kept reading the body (35 GB drained on one connection)', () => {
  for (const [framing, head] of [
    ['a declared Content-Length', 'Content-Length: 10000000000\r\n'],
    ['a chunked body', 'Transfer-Encoding: chunked\r\n'],
  ] as const) {
    it(`answers 413 and closes the connection on ${framing}, having read little of it`, TEST_LIMIT, async () => {
      const { port } = await server(`endless-${framing.length}`, ['--quiet']);
      const chunked = head.startsWith('Transfer');
      // A chunked body is one endless chunk; the server stops after its limit.
      const text = `POST /consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${head}\r\n${chunked ? 'fffffffff\r\n' : ''}`;
      const { answer, written } = await raw(port, text, 512 * 1024 * 1024);
      assert.ok(written < 64 * 1024 * 1024, `the client could write ${written >> 20} MB`);
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /\r\nconnection: close\r\n/i);
      assert.equal(parsed(answer).body.error.code, 'payload_too_large');
    });
  }

  it('closes, rather than drains, a connection whose body a 429 left unread', TEST_LIMIT, async () => {
    const { port } = await server('unread-429', ['--quiet', '--rate-limit', '1']);
    await raw(port, 'GET /consent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const text = 'POST /consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n';
    const { answer, written } = await raw(port, text, 512 * 1024 * 1024);
    assert.match(answer, /^HTTP\/1\.1 429 /);
    assert.ok(written < 64 * 1024 * 1024, `the client could write ${written >> 20} MB`);
  });
});

describe('--max-connections', () => {
  it('closes connections beyond the cap at once, and serves again when one goes', TEST_LIMIT, async () => {
    const { port, endpoint } = await server('capped', ['--max-connections', '2', '--quiet']);
    const open = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(refused.answer, '', 'the third connection is closed unanswered');
    open[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await fetch(new URL('/health', endpoint))).status, 200);
    open[1]!.destroy();
  });
});

describe('findings on PostgreSQL: no statement timeout, and /health said 200 while the database was down', () => {
  let postgres: ThrowawayPostgres;

  before(async () => {
    postgres = await startPostgres();
  });

  after(async () => {
    killClis();
    await postgres?.stop().catch(() => {});
  });

  it('a statement blocked by a lock is cancelled: 503 store_unavailable with Retry-After, nothing stored', TEST_LIMIT, async () => {
    const { endpoint, child } = await server('pg-locked', ['--postgres', postgres.url, '--quiet']);
    const reader = account(1401);
    const body = await consentBody(reader, { timestampMs: Date.now() });
    const locker = new pg.Client(postgres.url);
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE consent IN ACCESS EXCLUSIVE MODE');
      const { ms, value: response } = await timed(() => post(endpoint, body));
      assert.equal(response.status, 503);
      assert.equal((await response.json()).error.code, 'store_unavailable');
      assert.equal(response.headers.get('retry-after'), '5');
      assert.ok(ms >= 4_500 && ms < 12_000, `answered after ${Math.round(ms)} ms`);
      await locker.query('ROLLBACK');
      const { rows } = await locker.query('SELECT count(*)::int AS n FROM consent WHERE subscriber = $1', [reader.address]);
      assert.equal(rows[0].n, 0, 'nothing stored');
    } finally {
      await locker.end();
    }
    assert.equal((await post(endpoint, body)).status, 201, 'served again once the lock is gone');
    child.kill('SIGTERM');
  });

  it('/health answers 503 store_unavailable within a second once the database is down, and POSTs 503', TEST_LIMIT, async () => {
    const { endpoint } = await server('pg-down', ['--postgres', postgres.url, '--quiet']);
    assert.equal((await fetch(new URL('/health', endpoint))).status, 200);
    await postgres.stop();
    const { ms, value: health } = await timed(() => fetch(new URL('/health', endpoint)));
    assert.equal(health.status, 503);
    assert.equal((await health.json()).error.code, 'store_unavailable');
    assert.ok(ms < 1_500, `/health took ${Math.round(ms)} ms`);
    const posted = await post(endpoint, await consentBody(account(1402), { timestampMs: Date.now() }));
    assert.equal(posted.status, 503);
    assert.equal((await posted.json()).error.code, 'store_unavailable');
  });
});

describe('a URL with a password is never printed', () => {
  it('not the PostgreSQL password when the database cannot be reached, nor when the URL is refused', TEST_LIMIT, async () => {
    const printed = async (args: string[], env: Record<string, string> = {}) => {
      const { code, stdout, stderr } = await cli(['--publisher', publisher.address, ...args], env).exited;
      assert.doesNotMatch(stdout + stderr, /pg-secret|reader:/);
      return { code, stderr };
    };
    const refused = await printed(['--postgres', 'mysql://reader:pg-secret-1@db.example/consent']);
    assert.deepEqual([refused.code, refused.stderr.match(/--postgres must be a postgres:\/\/ URL, got 'mysql:\/\/db\.example\/…'/) !== null], [2, true]);
    const environment = await printed([], { XMTP_SUBSCRIBE_POSTGRES: 'mysql://reader:pg-secret-2@db/x' });
    assert.match(environment.stderr, /XMTP_SUBSCRIBE_POSTGRES must be a postgres:\/\/ URL/);
    const down = await printed(['--postgres', `postgres://reader:pg-secret-3@127.0.0.1:${await freePort()}/consent`]);
    assert.equal(down.code, 1);
  });

  it('not the RPC URL’s password or path, when the URL is refused or the chain fails', TEST_LIMIT, async () => {
    const secretUrl = `http://rpc:rpc-secret@127.0.0.1:${await freePort()}/v3/API-KEY-1234`;
    const refused = await cli(['--publisher', publisher.address, '--rpc-url', secretUrl.replace('http', 'ws')]).exited;
    assert.doesNotMatch(refused.stderr, /rpc-secret|API-KEY-1234/);
    assert.equal(refused.code, 2);
    const running = await server('rpc-secret', ['--rpc-url', secretUrl]);
    assert.equal((await post(running.endpoint, await wrappedJunkNaming(account(1501)))).status, 503);
    running.child.kill('SIGTERM');
    await running.exited;
    assert.match(running.errors(), /answered 503 chain_unavailable/);
    assert.doesNotMatch(running.errors(), /rpc-secret|API-KEY-1234/);
  });
});
