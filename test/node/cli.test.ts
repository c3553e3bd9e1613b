// The xmtp-subscribe-server command, run as a real process on 127.0.0.1 with a throwaway SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sqliteStore } from '../../src/server/index.js';
import { cli, killClis } from './cli-process.js';
import { account, consentBody, publisher, tempDir } from './server-fixtures.js';

let dir: Awaited<ReturnType<typeof tempDir>>;

before(async () => {
  dir = await tempDir();
});

after(async () => {
  killClis();
  await dir.remove();
});

describe('xmtp-subscribe-server', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']).exited;
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: xmtp-subscribe-server --publisher/);
    assert.match(stdout, /--rate-limit N/);
    assert.match(stdout, /--rpc-url URL/);
  });

  for (const [name, args, message] of [
    ['a bad publisher', ['--publisher', '0x12'], /--publisher must be a 0x-prefixed 40-hex address, got '0x12'/],
    ['no publisher', [], /--publisher is required/],
    ['an unknown flag', ['--publisher', publisher.address, '--colour'], /Unknown option '--colour'/],
    ['a port that is not a number', ['--publisher', publisher.address, '--port', 'http'], /--port must be a whole number/],
    ['an origin that is not one', ['--publisher', publisher.address, '--origin', 'news.example'], /origin like https/],
    ['an RPC URL that is not http', ['--publisher', publisher.address, '--rpc-url', 'localhost:8545'], /--rpc-url must be an http/],
  ] as const) {
    it(`exits 2 with a clear message for ${name}`, async () => {
      const { code, stderr } = await cli(['--db', join(dir.path, 'refused.db'), '--port', '0', ...args]).exited;
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.match(stderr, /--help/);
    });
  }

  it('serves /consent and /health, and on SIGTERM exits 0 with the records in the file', async () => {
    const db = join(dir.path, 'served.db');
    const server = cli(['--publisher', publisher.address.toLowerCase(), '--db', db, '--port', '0']);
    const endpoint = await server.endpoint();
    const reader = account(700);

    const posted = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await consentBody(reader, { timestampMs: Date.now() })),
    });
    assert.equal(posted.status, 201);
    const status = await fetch(`${endpoint}?publisher=${publisher.address}&subscriber=${reader.address}`);
    assert.equal((await status.json()).status, 'allowed');
    const health = await fetch(new URL('/health', endpoint));
    assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
    const elsewhere = await fetch(new URL('/elsewhere', endpoint));
    assert.equal(elsewhere.status, 404);
    assert.equal((await elsewhere.json()).error.code, 'not_found');

    server.child.kill('SIGTERM');
    const { code, stdout } = await server.exited;
    assert.equal(code, 0);
    assert.equal(stdout, `xmtp-subscribe-server: serving ${endpoint}\n`);
    const store = await sqliteStore(db);
    assert.equal((await store.get(publisher.address, reader.address))?.subscriber, reader.address);
    await store.close();
  });

  it('applies --origin and --rate-limit, and exits 0 on SIGINT', async () => {
    const server = cli([
      ...['--publisher', publisher.address, '--db', join(dir.path, 'flags.db'), '--port', '0'],
      ...['--origin', 'https://news.example', '--rate-limit', '1'],
    ]);
    const endpoint = await server.endpoint();
    const ask = () => fetch(`${endpoint}?publisher=${publisher.address}&subscriber=${publisher.address}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    assert.equal((await (await ask()).json()).error.code, 'origin_not_allowed');
    assert.equal((await ask()).status, 429);
    server.child.kill('SIGINT');
    assert.equal((await server.exited).code, 0);
  });
});
