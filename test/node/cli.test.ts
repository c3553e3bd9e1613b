// The xmtp-subscribe-server command, run as a real process on 127.0.0.1 with throwaway SQLite files:
// serving, and the operator's commands count, forget and backup (export has its own file).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteStore, type ConsentStore } from '../../src/server/index.js';
import { cli, cliScratch } from './cli-process.js';
import { account, consentBody, NOW, publisher, strangerPublisher } from './server-fixtures.js';

/** The permission bits of `path`, in octal. */
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

const dir = cliScratch();

describe('xmtp-subscribe-server', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']).exited;
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: xmtp-subscribe-server --publisher/);
    assert.match(stdout, /--rate-limit N/);
    assert.match(stdout, /--rpc-url URL/);
    for (const usage of [
      /xmtp-subscribe-server export --publisher 0x… \[--db FILE \| --postgres URL\]\s+\[--state allowed\|unsubscribed\|all\]/,
      /xmtp-subscribe-server count --publisher 0x…/,
      /xmtp-subscribe-server forget --subscriber 0x… \[--publisher 0x…\]/,
      /xmtp-subscribe-server backup --to FILE \[--db FILE\]/,
    ]) {
      assert.match(stdout, usage);
    }
    for (const command of ['export', 'count', 'forget', 'backup']) {
      assert.equal((await cli([command, '--help']).exited).stdout, stdout, `${command} --help prints the same usage`);
    }
  });

  it('prints its version for --version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const { code, stdout } = await cli(['--version']).exited;
    assert.deepEqual([code, stdout], [0, `xmtp-subscribe-server ${version}\n`]);
  });

  for (const [name, args, message] of [
    ['a bad publisher', ['--publisher', '0x12'], /--publisher must be a 0x-prefixed 40-hex address, got '0x12'/],
    ['a proxy that is no address', ['--publisher', publisher.address, '--trust-proxy', '10.0.0.1,proxy.lan'], /--trust-proxy takes how many proxies.*got 'proxy\.lan'/],
    ['a connection cap that is no number', ['--publisher', publisher.address, '--max-connections', 'many'], /--max-connections must be a whole number/],
    ['a chain timeout of 0', ['--publisher', publisher.address, '--chain-timeout-ms', '0'], /chainTimeoutMs must be above 0/],
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

  it('serves /consent and /health from a file readable by its owner only, and on SIGTERM exits 0 with the records in it', async () => {
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
    const { receipt } = await posted.json();
    const status = await fetch(`${endpoint}?publisher=${publisher.address}&subscriber=${reader.address}&receipt=${receipt}`);
    assert.equal((await status.json()).status, 'allowed');
    for (const file of [db, `${db}-wal`, `${db}-shm`]) assert.equal(modeOf(file), '600', file);
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

describe('xmtp-subscribe-server settings from the environment', () => {
  it('takes every serving flag from XMTP_SUBSCRIBE_*, lists comma-separated; a flag on the command line wins', async () => {
    const db = join(dir.path, 'environment.db');
    const server = cli(['--port', '0', '--rate-limit', '2'], {
      XMTP_SUBSCRIBE_PUBLISHER: `${strangerPublisher.address}, ${publisher.address}`,
      XMTP_SUBSCRIBE_DB: db,
      XMTP_SUBSCRIBE_PORT: '1',
      XMTP_SUBSCRIBE_RATE_LIMIT: '1',
      XMTP_SUBSCRIBE_ORIGIN: 'https://news.example,https://blog.example',
      XMTP_SUBSCRIBE_QUIET: 'yes',
    });
    const endpoint = await server.endpoint();
    const reader = account(730);
    const posted = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
      body: JSON.stringify(await consentBody(reader, { timestampMs: Date.now() })),
    });
    assert.equal(posted.status, 201, 'the second publisher of the list is served, the second origin allowed');
    const ask = () => fetch(`${endpoint}?publisher=${publisher.address}&subscriber=${reader.address}`);
    assert.deepEqual([(await ask()).status, (await ask()).status], [200, 429], '--rate-limit 2 won over XMTP_SUBSCRIBE_RATE_LIMIT=1');
    server.child.kill('SIGTERM');
    const { code, stderr } = await server.exited;
    assert.deepEqual([code, stderr], [0, ''], 'XMTP_SUBSCRIBE_QUIET=yes');
    const store = await sqliteStore(db);
    assert.equal((await store.get(publisher.address, reader.address))?.state, 'allowed', 'kept in XMTP_SUBSCRIBE_DB');
    await store.close();
  });

  it('names the variable a wrong value came from', async () => {
    const env = { XMTP_SUBSCRIBE_PUBLISHER: publisher.address, XMTP_SUBSCRIBE_DB: join(dir.path, 'refused.db') };
    for (const [variable, value, message] of [
      ['XMTP_SUBSCRIBE_RATE_LIMIT', 'lots', /XMTP_SUBSCRIBE_RATE_LIMIT must be a whole number, got 'lots'/],
      ['XMTP_SUBSCRIBE_QUIET', 'maybe', /XMTP_SUBSCRIBE_QUIET must be 1 or 0/],
      ['XMTP_SUBSCRIBE_TRUST_PROXY', 'proxy.lan', /XMTP_SUBSCRIBE_TRUST_PROXY takes how many proxies/],
    ] as const) {
      const { code, stderr } = await cli([], { ...env, [variable]: value }).exited;
      assert.equal(code, 2, variable);
      assert.match(stderr, message);
    }
  });

  it("reads the store, but never a command's own flags, from the environment", async () => {
    const db = await filledFile('environment-count.db');
    const counted = await cli(['count', '--publisher', publisher.address], { XMTP_SUBSCRIBE_DB: db }).exited;
    assert.deepEqual([counted.code, counted.stdout], [0, 'allowed 2\nunsubscribed 1\n']);
    const env = { XMTP_SUBSCRIBE_DB: db, XMTP_SUBSCRIBE_PUBLISHER: strangerPublisher.address };
    const forgotten = await cli(['forget', '--subscriber', account(710).address], env).exited;
    assert.equal(forgotten.stdout, `deleted 2 records of ${account(710).address} from every list\n`, 'not narrowed to one list');
  });
});

/** A SQLite file holding, for the publisher, two allowed readers and one who left; and one reader of another list. */
async function filledFile(name: string): Promise<string> {
  const db = join(dir.path, name);
  const store = await sqliteStore(db);
  const statement = (n: number, kind: 'consent' | 'unsubscribe', list = publisher.address) => {
    const fields = { publisher: list, subscriber: account(n).address, timestampMs: NOW, signature: `0x${'11'.repeat(65)}` };
    const kept = { ...fields, signerKind: 'eoa' as const, receivedAt: NOW };
    return kind === 'consent' ? { kind, ...kept, proof: Uint8Array.of(1) } : { kind, ...kept };
  };
  for (const item of [
    statement(710, 'consent'),
    statement(711, 'consent'),
    statement(712, 'consent'),
    statement(712, 'unsubscribe'),
    statement(710, 'consent', strangerPublisher.address),
  ]) {
    await store.apply(item);
  }
  await store.close();
  return db;
}

describe('xmtp-subscribe-server count', () => {
  it('prints how many readers of a publisher are allowed and how many unsubscribed', async () => {
    const db = await filledFile('count.db');
    const { code, stdout, stderr } = await cli(['count', '--db', db, '--publisher', publisher.address.toLowerCase()]).exited;
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'allowed 2\nunsubscribed 1\n');
    assert.equal((await cli(['count', '--db', db, '--publisher', strangerPublisher.address]).exited).stdout, 'allowed 1\nunsubscribed 0\n');
  });

  it('exits 2 without --publisher, and 1 for a file that does not exist (rather than creating it)', async () => {
    const { code, stderr } = await cli(['count', '--db', join(dir.path, 'count.db')]).exited;
    assert.deepEqual([code, stderr.match(/count needs --publisher/) !== null], [2, true]);
    const missing = await cli(['count', '--db', join(dir.path, 'nowhere.db'), '--publisher', publisher.address]).exited;
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nowhere\.db does not exist/);
  });
});

describe('xmtp-subscribe-server forget', () => {
  it('deletes a reader from one list, or from every list, and prints how many records', async () => {
    const db = await filledFile('forget.db');
    const reader = account(710).address;
    const one = await cli(['forget', '--db', db, '--subscriber', reader.toLowerCase(), '--publisher', strangerPublisher.address]).exited;
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, `deleted 1 record of ${reader} from ${strangerPublisher.address}'s list\n`);
    await cli(['forget', '--db', db, '--subscriber', account(712).address]).exited;
    const every = await cli(['forget', '--db', db, '--subscriber', reader]).exited;
    assert.equal(every.stdout, `deleted 1 record of ${reader} from every list\n`);
    const none = await cli(['forget', '--db', db, '--subscriber', reader]).exited;
    assert.equal(none.stdout, `deleted 0 records of ${reader} from every list\n`);

    const store = await sqliteStore(db);
    const left: string[] = [];
    for await (const record of store.list(publisher.address, { state: 'all' })) left.push(record.subscriber);
    assert.deepEqual(left, [account(711).address]);
    await store.close();
  });

  for (const [problem, args, message] of [
    ['no --subscriber', [], /forget needs --subscriber/],
    ['a --subscriber that is no address', ['--subscriber', '0x12'], /--subscriber must be a 0x-prefixed 40-hex address/],
    ['a --publisher that is no address', ['--subscriber', publisher.address, '--publisher', 'x'], /--publisher must be/],
  ] as const) {
    it(`exits 2 with a clear message for ${problem}`, async () => {
      const { code, stderr } = await cli(['forget', '--db', join(dir.path, 'forget.db'), ...args]).exited;
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }
});

describe('xmtp-subscribe-server backup', () => {
  it('copies the file while a server writes to it: consistent, complete up to the copy, readable by its owner only', async () => {
    const db = join(dir.path, 'live.db');
    const server = cli(['--publisher', publisher.address, '--db', db, '--port', '0', '--rate-limit', '0', '--quiet']);
    const endpoint = await server.endpoint();
    const post = async (n: number) => {
      const body = JSON.stringify(await consentBody(account(720 + n), { timestampMs: Date.now() }));
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 201);
    };
    for (let n = 0; n < 20; n++) await post(n);
    // Writes go on during the copy.
    let writing = true;
    const more = (async () => {
      for (let n = 20; writing && n < 200; n++) await post(n);
    })();
    const to = join(dir.path, 'backup.db');
    const { code, stdout, stderr } = await cli(['backup', '--db', db, '--to', to]).exited;
    writing = false;
    await more;
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `backed up ${db} to ${to}\n`);
    assert.equal(modeOf(to), '600');
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);

    const raw = new Database(to, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
    const copy: ConsentStore = await sqliteStore(to);
    const copied: string[] = [];
    for await (const record of copy.list(publisher.address)) copied.push(record.subscriber);
    await copy.close();
    const first = Array.from({ length: 20 }, (_, n) => account(720 + n).address);
    assert.ok(first.every((address) => copied.includes(address)), 'every record written before the copy is in it');
  });

  it('refuses to overwrite a file, and a SQLite file that does not exist', async () => {
    const db = await filledFile('backup-source.db');
    const existing = await cli(['backup', '--db', db, '--to', db]).exited;
    assert.equal(existing.code, 1);
    assert.match(existing.stderr, /backup-source\.db already exists: back up to a new file/);
    const missing = await cli(['backup', '--db', join(dir.path, 'nowhere.db'), '--to', join(dir.path, 'x.db')]).exited;
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nowhere\.db does not exist/);
  });

  for (const [problem, args, message] of [
    ['no --to', [], /backup needs --to/],
    ['--postgres, which pg_dump backs up', ['--to', 'x.dump', '--postgres', 'postgres://127.0.0.1/consent'], /for PostgreSQL use pg_dump/],
  ] as const) {
    it(`exits 2 with a clear message for ${problem}`, async () => {
      const { code, stderr } = await cli(['backup', ...args]).exited;
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }
});
