// Real servers for the browser tests, started, stopped, restarted and inspected by commands
// (`executeServerCommand` from @web/test-runner-commands): consent servers, each on its own SQLite
// file and port, a collector that keeps what identity prompts POST to their endpoint, and a local
// chain (started on first use) for smart-contract wallets.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToBase64 } from '../../dist/core/index.js';
import { createConsentHandler, nodeListener, sqliteStore } from '../../dist/server/index.js';
import { startChain } from './chain.mjs';

/**
 * A stored record as the browser tests read it: the pair, its `state`, the newest consent proof's
 * fields at the top level as before (null when the reader never consented), the newest
 * `withdrawal` (or null), and how many receipts the pair holds.
 */
function shownRecord(record) {
  if (!record) return null;
  const { publisher, subscriber, state, consent, withdrawal } = record;
  return {
    publisher,
    subscriber,
    state,
    timestampMs: consent?.timestampMs ?? null,
    signature: consent?.signature ?? null,
    proof: consent ? bytesToBase64(consent.proof) : null,
    signerKind: consent?.signerKind ?? null,
    receivedAt: consent?.receivedAt ?? null,
    withdrawal: withdrawal ?? null,
    receipts: record.receiptHashes.length,
  };
}

/** A fetch answer as plain data: status, parsed JSON body, and its headers but `date`, which says only when. */
async function answered(response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, body: await response.json(), headers };
}

export function consentServerPlugin() {
  const servers = new Map();
  let directory;
  let nextId = 1;
  let chainStarting;
  /** The hardhat chain, started by the first test that needs it and shared by all. */
  const localChain = () => (chainStarting ??= startChain());

  const listen = (server, port = 0) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server.address().port));
    });

  const stopListening = (server) =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  /** Answers CORS for the test page's origin, keeps every JSON POST body, answers 204. */
  function collector(received) {
    return (request, response) => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
      if (request.method === 'OPTIONS') return response.writeHead(204, cors).end();
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body: JSON.parse(body) });
        response.writeHead(204, cors).end();
      });
    };
  }

  const commands = {
    async 'collector:start'() {
      const id = nextId++;
      const received = [];
      const server = createServer(collector(received));
      const port = await listen(server);
      servers.set(id, { server, received, port });
      return { id, endpoint: `http://127.0.0.1:${port}/signatures` };
    },
    async 'collector:received'({ id }) {
      return { received: servers.get(id).received };
    },
    async 'consent-server:start'({ publishers, allowedOrigins, chain = false }) {
      const id = nextId++;
      const client = chain ? (await localChain()).client : undefined;
      const store = await sqliteStore(join(directory, `consent-${id}.db`));
      const handler = createConsentHandler({
        publishers,
        store,
        allowedOrigins,
        client,
        rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
        log: false,
      });
      const listener = nodeListener(handler);
      const server = createServer((request, response) => {
        if (new URL(request.url, 'http://127.0.0.1').pathname === '/consent') listener(request, response);
        else response.writeHead(404).end();
      });
      const port = await listen(server);
      servers.set(id, { server, store, port });
      return { id, endpoint: `http://127.0.0.1:${port}/consent` };
    },
    async 'consent-server:stop'({ id }) {
      await stopListening(servers.get(id).server);
      return { stopped: true };
    },
    async 'consent-server:restart'({ id }) {
      const entry = servers.get(id);
      await listen(entry.server, entry.port);
      return { restarted: true };
    },
    async 'consent-server:record'({ id, publisher, subscriber }) {
      return { record: shownRecord(await servers.get(id).store.get(publisher, subscriber)) };
    },
    /** How many readers of `publisher` are in `state` (allowed by default, like the list). */
    async 'consent-server:count'({ id, publisher, state = 'allowed' }) {
      let count = 0;
      for await (const _ of servers.get(id).store.list(publisher, { state })) count++;
      return { count };
    },
    /**
     * What the server answers a status GET for the pair, asked from here (no page, no CORS): with
     * `receipt` when given, else without one. `{ status, body, headers }`, so a test can compare a
     * member's answer without their receipt with a stranger's, byte for byte.
     */
    async 'consent-server:status'({ id, publisher, subscriber, receipt }) {
      const url = new URL(`http://127.0.0.1:${servers.get(id).port}/consent`);
      url.search = new URLSearchParams({ publisher, subscriber, ...(receipt === undefined ? {} : { receipt }) }).toString();
      return answered(await fetch(url));
    },
    /** POSTs `body` (an object) to the server from here, as a replaying stranger could: `{ status, body, headers }`. */
    async 'consent-server:post'({ id, body }) {
      const url = `http://127.0.0.1:${servers.get(id).port}/consent`;
      const headers = { 'content-type': 'application/json' };
      return answered(await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) }));
    },
    /** A new smart-contract wallet of `owner` on the chain: `{ address, deployed, factory, factoryData }`. */
    async 'smart-wallet:create'({ owner, deployed }) {
      return (await localChain()).smartWallet(owner, { deployed });
    },
  };

  return {
    name: 'consent-server',
    serverStart() {
      directory = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-browser-'));
    },
    async serverStop() {
      for (const { server, store } of servers.values()) {
        if (server.listening) await stopListening(server);
        await store?.close();
      }
      await chainStarting?.then((chain) => chain.stop(), () => {});
      rmSync(directory, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      return commands[command]?.(payload ?? {});
    },
  };
}
