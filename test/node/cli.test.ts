// The xmtp-subscribe-server command, run as a real process on 127.0.0.1 with a throwaway SQLite file.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sqliteStore } from '../../src/server/index.js';
import { account, consentBody, publisher, tempDir } from './server-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVING = /^xmtp-subscribe-server: serving (http:\/\/127\.0\.0\.1:\d+\/consent)$/;

let dir: Awaited<ReturnType<typeof tempDir>>;
const children = new Set<ChildProcess>();

before(async () => {
  dir = await tempDir();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await dir.remove();
});

/** Starts the CLI; `exited` resolves with its exit code and everything it printed. */
function cli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { cwd: ROOT });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
  /** The endpoint URL from the line the server prints once it listens. */
  const endpoint = () =>
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const url = stdout.split('\n')[0]!.match(SERVING)?.[1];
        if (url) resolve(url);
      });
      void exited.then(({ stderr }) => reject(new Error(`the server exited before serving: ${stderr}`)));
    });
  return { child, exited, endpoint };
}

describe('xmtp-subscribe-server', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']).exited;
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: xmtp-subscribe-server --publisher/);
    assert.match(stdout, /--rate-limit N/);
  });

  for (const [name, args, message] of [
    ['a bad publisher', ['--publisher', '0x12'], /--publisher must be a 0x-prefixed 40-hex address, got '0x12'/],
    ['no publisher', [], /--publisher is required/],
    ['an unknown flag', ['--publisher', publisher.address, '--colour'], /Unknown option '--colour'/],
    ['a port that is not a number', ['--publisher', publisher.address, '--port', 'http'], /--port must be a whole number/],
    ['an origin that is not one', ['--publisher', publisher.address, '--origin', 'news.example'], /origin like https/],
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
