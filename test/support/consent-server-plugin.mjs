// Real consent servers for the browser tests: started, stopped, restarted and inspected by commands
// (`executeServerCommand` from @web/test-runner-commands), each on its own SQLite file and port.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToBase64 } from '../../dist/core/index.js';
import { createConsentHandler, nodeListener, sqliteStore } from '../../dist/server/index.js';

export function consentServerPlugin() {
  const servers = new Map();
  let directory;
  let nextId = 1;

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

  const commands = {
    async 'consent-server:start'({ publishers, allowedOrigins }) {
      const id = nextId++;
      const store = await sqliteStore(join(directory, `consent-${id}.db`));
      const handler = createConsentHandler({ publishers, store, allowedOrigins, rateLimit: { perMinute: 0 } });
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
      const record = await servers.get(id).store.get(publisher, subscriber);
      return { record: record ? { ...record, proof: bytesToBase64(record.proof) } : null };
    },
    async 'consent-server:count'({ id, publisher }) {
      let count = 0;
      for await (const _ of servers.get(id).store.list(publisher)) count++;
      return { count };
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
        await store.close();
      }
      rmSync(directory, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      return commands[command]?.(payload ?? {});
    },
  };
}
