// npm run bench [-- --short]: consent proofs per second through the full handler (verify + store)
// on SQLite and on PostgreSQL (BENCH_POSTGRES_URL, or else a throwaway local cluster when Debian's
// PostgreSQL is installed), next to the bare signature-recovery
// rate (viem's recoverMessageAddress) measured in the same run on the same machine, with the ratios.
// A benchmark, not a test: nothing fails on a slow machine. --short takes a few seconds, for CI.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverMessageAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { bytesToBase64, consentMessage, encodeConsentProof } from '../src/core/index.js';
import { createConsentHandler, memoryStore, postgresStore, sqliteStore, type ConsentStore } from '../src/server/index.js';
import { startPostgres } from '../test/support/postgres.mjs';

const SHORT = process.argv.includes('--short');
const PROOFS = SHORT ? 300 : 3000;
const WARMUP_PROOFS = SHORT ? 30 : 200;
/** Each figure is the median of this many rounds, each over its own slice of the proofs. */
const ROUNDS = 3;
/** Requests in flight at once: it changes nothing for SQLite (synchronous) but overlaps PostgreSQL's round trips. */
const CONCURRENCY = 16;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL;

/** A publisher of the benchmark's own, so rows it writes into a PostgreSQL database are easy to tell apart. */
const publisher = privateKeyToAccount(`0x${'be'.repeat(32)}`).address;

interface SignedProof {
  message: string;
  signature: `0x${string}`;
  body: string;
}

/** Fresh readers each run (random keys), so every proof is a new row even in a database kept between runs. */
async function signProofs(count: number): Promise<SignedProof[]> {
  const timestampMs = Date.now();
  const message = consentMessage(publisher, timestampMs);
  const proofs: SignedProof[] = [];
  for (let i = 0; i < count; i++) {
    const reader = privateKeyToAccount(generatePrivateKey());
    const signature = await reader.signMessage({ message });
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    proofs.push({ message, signature, body: JSON.stringify({ publisher, subscriber: reader.address, consentProof }) });
  }
  return proofs;
}

/** Items per second of `work` over `items`, `concurrency` at a time. */
async function perSecond<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return items.length / ((performance.now() - started) / 1000);
}

/** A rate in items per second: the median of the rounds, and the slowest and fastest round. */
interface Rate {
  median: number;
  min: number;
  max: number;
}

/** The rate of `measure` over `ROUNDS` rounds, each on its own slice of `proofs`. */
async function medianRate(proofs: SignedProof[], measure: (slice: SignedProof[]) => Promise<number>): Promise<Rate> {
  const size = Math.ceil(proofs.length / ROUNDS);
  const rates: number[] = [];
  for (let i = 0; i < proofs.length; i += size) rates.push(await measure(proofs.slice(i, i + size)));
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)]!, min: rates[0]!, max: rates.at(-1)! };
}

const recoveryRate = (proofs: SignedProof[]) =>
  perSecond(proofs, 1, async ({ message, signature }) => {
    await recoverMessageAddress({ message, signature });
  });

/** Proofs per second through the handler on `store`, each answered 201 (a new row). */
function handlerRate(store: ConsentStore, proofs: SignedProof[]): Promise<number> {
  const handler = createConsentHandler({
    publishers: [publisher],
    store,
    rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
    log: false,
  });
  return perSecond(proofs, CONCURRENCY, async ({ body }) => {
    const request = new Request('http://127.0.0.1/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const response = await handler(request);
    if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${await response.text()}`);
  });
}

/** Runs `use` on `store`, then closes it. */
async function closing<T>(store: ConsentStore, use: (store: ConsentStore) => Promise<T>): Promise<T> {
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Runs `use` on a SQLite store in a fresh file, removed after. */
async function withSqlite<T>(use: (store: ConsentStore) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'xmtp-subscribe-bench-'));
  try {
    return await closing(await sqliteStore(join(dir, 'bench.db')), use);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** On BENCH_POSTGRES_URL, or on a throwaway local cluster; a string saying why not when neither works. */
async function withPostgres(use: (store: ConsentStore) => Promise<Rate>): Promise<Rate | string> {
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

async function main(): Promise<void> {
  console.log(
    `machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `Node ${process.version}, ${process.platform} ${process.arch}`,
  );
  const signingStarted = performance.now();
  const [warmup, proofs] = [await signProofs(WARMUP_PROOFS), await signProofs(PROOFS)];
  const signingRate = (WARMUP_PROOFS + PROOFS) / ((performance.now() - signingStarted) / 1000);
  const mode = SHORT ? ' (--short)' : '';
  console.log(`${PROOFS} proofs by distinct readers${mode}; signing ran at ${signingRate.toFixed(0)}/s`);

  // Warm the JIT on every path before anything is measured.
  await recoveryRate(warmup);
  await handlerRate(memoryStore(), warmup);

  const recovery = await medianRate(proofs, recoveryRate);
  const throughStore = (store: ConsentStore) => medianRate(proofs, (slice) => handlerRate(store, slice));
  const rows: [string, Rate | string][] = [
    ['signature recovery alone (viem recoverMessageAddress)', recovery],
    ['handler + memoryStore (verify, no storage)', await throughStore(memoryStore())],
    ['handler + sqliteStore (WAL, synchronous=FULL)', await withSqlite(throughStore)],
    ['handler + postgresStore', await withPostgres(throughStore)],
  ];
  const columns = (name: string, rate: string, range: string, ratio: string) =>
    console.log(`${name.padEnd(54)}${rate.padStart(9)}  ${range.padEnd(14)}${ratio}`);
  columns('', 'proofs/s', `(${ROUNDS} rounds)`, '× recovery');
  for (const [name, rate] of rows) {
    if (typeof rate === 'string') console.log(`${name.padEnd(54)}  ${rate}`);
    else {
      const range = `${rate.min.toFixed(0)}–${rate.max.toFixed(0)}`;
      columns(name, rate.median.toFixed(0), range, (rate.median / recovery.median).toFixed(2));
    }
  }
}

await main();
