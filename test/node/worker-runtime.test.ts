// xmtp-subscribe/server in a worker runtime: test/support/worker-entry.ts (the whole public entry
// point, a memory store) bundled with esbuild as a Cloudflare worker is bundled, then served by
// workerd, Cloudflare's runtime, without Node compatibility. The bundle must build with nothing
// external (a static `node:` import anywhere fails it) and the optional peers absent: better-sqlite3,
// pg and secp256k1 are aliased to paths that do not exist, as in a worker project that never
// installed them. Then a real consent proof is posted, its status read, a forged one refused.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { freePort } from '../support/chain.mjs';
import { account, consentBody, publisher } from './server-fixtures.js';

const TEST_LIMIT = { timeout: 60_000 };
const ENTRY = resolve(import.meta.dirname, '../support/worker-entry.ts');
/** The workerd binary for this platform, as the `workerd` package finds it. */
const WORKERD: string = createRequire(import.meta.url)('workerd').default;
/** The optional peers, as a worker project has them: not installed. */
const ABSENT_PEERS = { 'better-sqlite3': '/nonexistent/better-sqlite3', pg: '/nonexistent/pg', secp256k1: '/nonexistent/secp256k1' };
/** A static or dynamic import, an export-from or a require of a `node:` module in the bundle. */
const NODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:/;

let dir: string;
let workerd: ChildProcess | undefined;
let endpoint: string;
let bundle: string;

/** `entry` as a Cloudflare project bundles a worker (wrangler's conditions), in one ES module. */
async function bundleWorker(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    alias: ABSENT_PEERS,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** workerd's configuration: one worker from `worker.js`, no compatibility flags (no nodejs_compat). */
const CONFIG = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .consentWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const consentWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-06-01",
);
`;

/** Resolves once workerd answers HTTP at `url`; rejects when it exits first or takes over 20 s. */
async function answering(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`workerd exited (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`workerd did not answer within 20 s: ${stderr()}`);
}

before(async () => {
  bundle = await bundleWorker(ENTRY);
  dir = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-workerd-'));
  writeFileSync(join(dir, 'worker.js'), bundle);
  writeFileSync(join(dir, 'config.capnp'), CONFIG);
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}/consent`;
  let stderr = '';
  workerd = spawn(WORKERD, ['serve', join(dir, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  workerd.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await answering(endpoint, workerd, () => stderr);
});

after(async () => {
  if (workerd && workerd.exitCode === null && workerd.signalCode === null) {
    const exited = once(workerd, 'exit');
    workerd.kill();
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(body: unknown) {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('xmtp-subscribe/server in workerd (a Cloudflare worker, no Node compatibility)', () => {
  it('bundles for a worker with no node: import, and every export with the optional peers left to run time', async () => {
    assert.doesNotMatch(bundle, NODE_IMPORT);
    // The worker's bundle keeps only what it uses; the entry point itself keeps every store.
    const everything = await bundleWorker(resolve(import.meta.dirname, '../../src/server/index.ts'));
    assert.doesNotMatch(everything, NODE_IMPORT);
    for (const peer of Object.keys(ABSENT_PEERS)) assert.match(everything, new RegExp(`import\\("${peer}[/"]`), `${peer} is imported on demand`);
  });

  it('keeps a real consent proof (201, then 200 for the same one) and answers its status with the receipt', TEST_LIMIT, async () => {
    const reader = account(0x3001);
    const at = Math.floor(Date.now() / 1000) * 1000; // XMTP's consent text names whole seconds
    const body = await consentBody(reader, { timestampMs: at });
    const created = await post(body);
    const answer = (await created.json()) as { status: string; subscriber: string; created: boolean; receipt: string };
    assert.equal(created.status, 201, JSON.stringify(answer));
    assert.equal(answer.status, 'allowed');
    assert.equal(answer.subscriber, reader.address);
    assert.equal(answer.created, true);
    assert.equal(typeof answer.receipt, 'string');

    const query = new URLSearchParams({ publisher: publisher.address, subscriber: reader.address, receipt: answer.receipt });
    const status = await fetch(`${endpoint}?${query}`);
    assert.equal(status.status, 200);
    assert.deepEqual(await status.json(), { status: 'allowed', consentedAt: at });

    const again = await post(body);
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { created: boolean }).created, false);
  });

  it('refuses a proof signed by another key: 403 invalid_signature', TEST_LIMIT, async () => {
    const [reader, impostor] = [account(0x3002), account(0x3003)];
    const forged = { ...(await consentBody(impostor, { timestampMs: Date.now() })), subscriber: reader.address };
    const refused = await post(forged);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'invalid_signature');
  });
});
