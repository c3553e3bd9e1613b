// npm run bench [-- --short]: consent proofs per second, each figure a ratio to bare pure-JS signature
// recovery on one core (@noble/curves 2, the server's fallback) measured in the same run on the
// same machine, before the in-process rows and again before the HTTP rows. In process: the handler called directly (verify + store) on memory, SQLite and
// PostgreSQL (BENCH_POSTGRES_URL, or else a throwaway local cluster when Debian's PostgreSQL is
// installed). Over HTTP on 127.0.0.1: the CLI (SQLite, its default threads, --quiet), posted to
// at concurrency 1, 16 and 64, with p50/p99 latency, once with the native binding (secp256k1) and
// once with it hidden (scripts/bench-without-native.mjs), as an install without it runs. The load
// generator shares the machine's CPUs with the server, so it is a lean one of its own
// (scripts/bench-client.ts: one keep-alive connection per request in flight, raw HTTP/1.1).
// A benchmark, not a test: nothing fails on a slow machine. --short takes a few seconds, for CI.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { recoverMessageAddress, type Hex } from 'viem';
import { bytesToBase64, checksumAddress, consentMessage, encodeConsentProof } from '../src/core/index.js';
import { createConsentHandler, memoryStore, postgresStore, sqliteStore, type ConsentStore } from '../src/server/index.js';
import { eip191Hash, nativeRecovery, pureRecovery } from '../src/server/recovery/signer-recovery.js';
import { startPostgres } from '../test/support/postgres.mjs';
import { benchConnection, jsonPost } from './bench-client.js';

const SHORT = process.argv.includes('--short');
/** Proofs per in-process figure (split over the rounds) and per HTTP figure. */
const PROOFS = SHORT ? 150 : 3000;
const HTTP_PROOFS = SHORT ? 80 : 1500;
const WARMUP_PROOFS = SHORT ? 20 : 200;
/** Each in-process figure is the median of this many rounds, each over its own slice of the proofs. */
const ROUNDS = 3;
/** Requests in flight at once in process. */
const CONCURRENCY = 16;
const HTTP_CONCURRENCY = [1, 16, 64];
const THREADS = availableParallelism();
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL;
const ROOT = join(import.meta.dirname, '..');

/** A publisher of the benchmark's own, so rows it writes into a PostgreSQL database are easy to tell apart. */
const publisher = checksumAddress(`0x${'be'.repeat(20)}`);

interface SignedProof {
  message: string;
  signature: string;
  body: string;
}

const native = (await nativeRecovery()).recovery;
const nativeBinding = native && (await import('secp256k1/bindings.js')).default;

/** Signs `hash` with `secretKey`: r, s and the recovery id, natively when secp256k1 loads (the readers' wallets do this part). */
const sign = nativeBinding
  ? (hash: Uint8Array, secretKey: Uint8Array) => {
      const { signature, recid } = nativeBinding.ecdsaSign(hash, secretKey);
      return { rs: signature, recovery: recid };
    }
  : (hash: Uint8Array, secretKey: Uint8Array) => {
      const recovered = secp256k1.sign(hash, secretKey, { prehash: false, format: 'recovered' });
      return { rs: recovered.subarray(1), recovery: recovered[0]! };
    };

/** Fresh readers each run (random keys), so every proof is a new row even in a database kept between runs. */
function signProofs(count: number): SignedProof[] {
  const timestampMs = Date.now();
  const message = consentMessage(publisher, timestampMs);
  const hash = eip191Hash(message);
  const proofs: SignedProof[] = [];
  for (let i = 0; i < count; i++) {
    const { rs, recovery } = sign(hash, secp256k1.utils.randomSecretKey());
    const signature = `0x${Buffer.from(rs).toString('hex')}${(27 + recovery).toString(16)}`;
    const subscriber = (native ?? pureRecovery).recover(message, signature)!;
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    proofs.push({ message, signature, body: JSON.stringify({ publisher, subscriber, consentProof }) });
  }
  return proofs;
}

/**
 * Items per second of `work` over `items`, `concurrency` at a time, and each item's latency in ms.
 * `work` is told which of the `concurrency` slots (0 to concurrency - 1) it runs in.
 */
async function measure<T>(items: T[], concurrency: number, work: (item: T, slot: number) => Promise<void>): Promise<Run> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const worker = async (slot: number) => {
    while (next < items.length) {
      const item = items[next++]!;
      const sent = performance.now();
      await work(item, slot);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, slot) => worker(slot)));
  const rate = items.length / ((performance.now() - started) / 1000);
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))]!;
  return { rate, p50: at(0.5), p99: at(0.99) };
}

/** One measured pass: proofs per second and latency quantiles in ms. */
interface Run {
  rate: number;
  p50: number;
  p99: number;
}

/** A figure: the median rate of the rounds, the slowest and fastest round, and latencies (of the median round). */
interface Figure extends Run {
  min: number;
  max: number;
}

/** `pass` over `ROUNDS` rounds, each on its own slice of `proofs`. */
async function roundRuns(proofs: SignedProof[], pass: (slice: SignedProof[]) => Promise<Run>): Promise<Run[]> {
  const size = Math.ceil(proofs.length / ROUNDS);
  const runs: Run[] = [];
  for (let i = 0; i < proofs.length; i += size) runs.push(await pass(proofs.slice(i, i + size)));
  return runs;
}

/** The figure of `runs`: the median round, and the slowest and fastest. */
function figureOf(runs: Run[]): Figure {
  const sorted = [...runs].sort((a, b) => a.rate - b.rate);
  return { ...sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!.rate, max: sorted.at(-1)!.rate };
}

/** The figure of `pass` over `ROUNDS` rounds, each on its own slice of `proofs`. */
async function rounds(proofs: SignedProof[], pass: (slice: SignedProof[]) => Promise<Run>): Promise<Figure> {
  return figureOf(await roundRuns(proofs, pass));
}

/** Bare recovery on one core, no handler: `recover` over each proof, one at a time. */
const bareRecovery = (recover: (message: string, signature: string) => unknown) => (proofs: SignedProof[]) =>
  measure(proofs, 1, async ({ message, signature }) => {
    await recover(message, signature);
  });

/**
 * The figure of the handler, called directly, on `store`, each proof answered 201 (a new row). One
 * handler for every round: its threads start (and are ready) before the clock runs.
 */
async function handlerFigure(store: ConsentStore, proofs: SignedProof[]): Promise<Figure> {
  const handler = createConsentHandler({
    publishers: [publisher],
    store,
    rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
    log: false,
    verifyThreads: THREADS,
  });
  try {
    await handler.recovery();
    return await rounds(proofs, (slice) =>
      measure(slice, CONCURRENCY, async ({ body }) => {
        const request = new Request('http://127.0.0.1/consent', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const response = await handler(request);
        if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${await response.text()}`);
      }),
    );
  } finally {
    await handler.close();
  }
}

/** Runs `use` on `store`, then closes it. */
async function closing<T>(store: ConsentStore, use: (store: ConsentStore) => Promise<T>): Promise<T> {
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Runs `use` in a fresh temporary directory, removed after. */
async function inTemporaryDirectory<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'xmtp-subscribe-bench-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const withSqlite = <T>(use: (store: ConsentStore) => Promise<T>) =>
  inTemporaryDirectory(async (dir) => closing(await sqliteStore(join(dir, 'bench.db')), use));

/** On BENCH_POSTGRES_URL, or on a throwaway local cluster; a string saying why not when neither works. */
async function withPostgres(use: (store: ConsentStore) => Promise<Figure>): Promise<Figure | string> {
  if (POSTGRES_URL) return closing(await postgresStore(POSTGRES_URL), use);
  let cluster: Awaited<ReturnType<typeof startPostgres>>;
  try {
    cluster = await startPostgres();
  } catch (error) {
    return `not measured: no PostgreSQL here (${(error as Error).message.split('\n')[0]}); set BENCH_POSTGRES_URL`;
  }
  try {
    return await closing(await postgresStore(cluster.url), use);
  } finally {
    await cluster.stop();
  }
}

/**
 * The CLI serving a fresh SQLite file, for the length of `use`: `--quiet` (no request log), no rate
 * limits, its default recovery threads (one per core); with `withoutNative`, the package secp256k1
 * cannot be found, as in an install without it.
 */
async function withCli<T>(withoutNative: boolean, use: (endpoint: string) => Promise<T>): Promise<T> {
  return inTemporaryDirectory(async (dir) => {
    const hide = withoutNative ? ['--import', './scripts/bench-without-native.mjs'] : [];
    const args = [...hide, '--import', 'tsx', 'src/server/cli.ts', '--publisher', publisher, '--db', join(dir, 'http.db')];
    const flags = ['--port', '0', '--quiet', '--rate-limit', '0', '--subscriber-rate-limit', '0'];
    const child = spawn(process.execPath, [...args, ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const endpoint = /serving (http:\S+)/.exec(line)?.[1];
      if (!endpoint) throw new Error(`the CLI did not say where it serves: ${line}`);
      return await use(endpoint);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
}

/**
 * Posts `proofs` to `endpoint` over `concurrency` keep-alive connections (bench-client.ts), one
 * request in flight on each, each answered 201. The requests are serialized and the connections
 * opened before the clock runs.
 */
async function httpPass(endpoint: string, proofs: SignedProof[], concurrency: number): Promise<Run> {
  const url = new URL(endpoint);
  const requests = proofs.map(({ body }) => jsonPost(url, body));
  const connections = await Promise.all(Array.from({ length: concurrency }, () => benchConnection(url)));
  try {
    return await measure(requests, concurrency, (request, slot) => connections[slot]!.post(request));
  } finally {
    for (const connection of connections) connection.close();
  }
}

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`machine: ${availableParallelism()} CPUs (nproc), ${cpu}, Node ${process.version}, ${process.platform} ${process.arch}`);
  const signingStarted = performance.now();
  const [warmup, proofs] = [signProofs(WARMUP_PROOFS), signProofs(PROOFS)];
  const httpProofs = HTTP_CONCURRENCY.map(() => signProofs(HTTP_PROOFS));
  const signed = WARMUP_PROOFS + PROOFS + HTTP_CONCURRENCY.length * HTTP_PROOFS;
  const signingRate = signed / ((performance.now() - signingStarted) / 1000);
  const mode = SHORT ? ' (--short)' : '';
  console.log(`${signed} proofs by distinct readers${mode}; signing ran at ${signingRate.toFixed(0)}/s`);

  // Warm the JIT on every path before anything is measured.
  const pureBare = bareRecovery(pureRecovery.recover);
  await pureBare(warmup);
  await handlerFigure(memoryStore(), warmup);

  // Measured here and again just before the HTTP rows, a minute later: every ratio is to the median
  // of both sets of rounds, so a machine whose speed drifts during the run skews no ratio alone.
  const baselineRuns = await roundRuns(proofs, pureBare);
  const rows: [string, Figure | string][] = [
    [
      'recovery alone, viem recoverMessageAddress, one core',
      await rounds(proofs, bareRecovery((message, signature) => recoverMessageAddress({ message, signature: signature as Hex }))),
    ],
    [
      'recovery alone, native (secp256k1), one core',
      native ? await rounds(proofs, bareRecovery(native.recover)) : 'not measured: secp256k1 did not load',
    ],
  ];
  const kind = native ? 'native' : 'pure';
  const inProcess = `in process, ${kind}, ${THREADS} threads, concurrency ${CONCURRENCY}`;
  const throughStore = (store: ConsentStore) => handlerFigure(store, proofs);
  rows.push(
    [`${inProcess}: memoryStore`, await throughStore(memoryStore())],
    [`${inProcess}: sqliteStore`, await withSqlite(throughStore)],
    [`${inProcess}: postgresStore`, await withPostgres(throughStore)],
  );
  baselineRuns.push(...(await roundRuns(proofs, pureBare)));
  const baseline = figureOf(baselineRuns);
  rows.unshift([`recovery alone, pure JS (@noble/curves 2), one core (${baselineRuns.length} rounds)`, baseline]);
  for (const withoutNative of native ? [false, true] : [true]) {
    await withCli(withoutNative, async (endpoint) => {
      await httpPass(endpoint, warmup, CONCURRENCY);
      for (const [i, concurrency] of HTTP_CONCURRENCY.entries()) {
        const run = await httpPass(endpoint, httpProofs[i]!, concurrency);
        const name = `HTTP, CLI + SQLite, ${withoutNative ? 'pure' : 'native'}, ${THREADS} threads, concurrency ${concurrency}`;
        rows.push([name, { ...run, min: run.rate, max: run.rate }]);
      }
    });
  }

  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const columns = (name: string, rate: string, range: string, ratio: string, p50: string, p99: string) =>
    console.log(`${name.padEnd(width)}${rate.padStart(9)}  ${range.padEnd(14)}${ratio.padStart(11)}${p50.padStart(9)}${p99.padStart(9)}`);
  columns('', 'proofs/s', `(${ROUNDS} rounds)`, '× baseline', 'p50 ms', 'p99 ms');
  for (const [name, figure] of rows) {
    if (typeof figure === 'string') console.log(`${name.padEnd(width)}  ${figure}`);
    else {
      const range = figure.min === figure.max ? '(one run)' : `${figure.min.toFixed(0)}–${figure.max.toFixed(0)}`;
      const ratio = (figure.rate / baseline.rate).toFixed(2);
      columns(name, figure.rate.toFixed(0), range, ratio, figure.p50.toFixed(2), figure.p99.toFixed(2));
    }
  }
  console.log(
    `baseline: the first row (bare pure-JS recovery on one core), ${ROUNDS} rounds before the in-process rows and ${ROUNDS} before the HTTP rows; HTTP rows include the load generator on the same machine`,
  );
}

await main();
