// Signature recovery in worker threads, so a server recovers on every core while its main thread
// keeps the one rate limiter and the one store writer. Each job goes to the worker with the fewest
// jobs in flight; the jobs a turn of the event loop asks for go to a worker in one message (a
// message costs more than a native recovery). A worker that dies is replaced at once and its jobs
// are sent again, once; a job that finds no worker able to answer (a second death, or the pool
// closed) is refused with a 503, so no request hangs and nothing is stored for it. A worker that
// dies before it is ready (its module cannot load) is not replaced; with none left, recovery runs
// in the main thread. Idle workers never keep the process alive.
import type { Worker } from 'node:worker_threads';
import { oneLine, tellOperator } from '../operator-log.js';
import { Refusal } from '../refusal.js';
import type { RecoveryAnswer, RecoveryJob, READY } from './recovery-worker.js';
import type { RecoveryKind, SignerRecovery } from './signer-recovery.js';

/** When a page may try again after a worker was lost. */
const RETRY_AFTER_S = 1;
/** A job is sent to a new worker at most this many times after its worker died. */
const RESENDS = 1;

export interface RecoveryPool {
  /** Resolves once every first worker is ready to recover (or has failed to start). */
  ready: Promise<void>;
  /** The EIP-55 signer of `signature` over `message`, or `undefined`; rejects with a 503 `Refusal` when no worker can answer. */
  recover(message: string, signature: string): Promise<string | undefined>;
  /** The workers now running, for tests that stop one on purpose. */
  workers(): Worker[];
  /** Stops every worker; jobs still in flight are refused with a 503. */
  close(): Promise<void>;
}

interface PendingJob extends RecoveryJob {
  resends: number;
  resolve(signer: string | undefined): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Every job sent and not yet answered, by id. */
  jobs: Map<number, PendingJob>;
  /** Jobs waiting to be posted together, after the current turn of the event loop. */
  outbox: RecoveryJob[];
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_MODULE = new URL(`./recovery-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * A worker on recovery-worker. From source (the tests and the bench run under tsx), it registers tsx
 * itself: Node 20's workers do not inherit the parent's module hooks.
 */
function recoveryWorker(kind: RecoveryKind): Worker {
  // Taken here, not imported: bundlers inline this module into xmtp-subscribe/server, which also
  // loads in worker runtimes, where there is no node:worker_threads (and no pool is started).
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const workerData = { kind };
  if (!FROM_SOURCE) return new Worker(WORKER_MODULE, { workerData });
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_MODULE.href)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/** `threads` workers recovering with `recovery`'s kind; `recovery` itself is the main thread's fallback. */
export function startRecoveryPool({ threads, recovery }: { threads: number; recovery: SignerRecovery }): RecoveryPool {
  let nextId = 0;
  let closed = false;
  let slots: Slot[] = [];

  const spawn = () => {
    const slot: Slot = { worker: recoveryWorker(recovery.kind), jobs: new Map(), outbox: [] };
    let ready = false;
    let failure: unknown;
    const started = new Promise<void>((resolve) => {
      slot.worker.once('message', () => resolve());
      slot.worker.once('exit', () => resolve());
    });
    slot.worker.on('message', (answers: RecoveryAnswer[] | typeof READY) => {
      if (typeof answers === 'string') return void (ready = true);
      for (const { id, signer } of answers) {
        const job = slot.jobs.get(id);
        if (!job) continue;
        slot.jobs.delete(id);
        job.resolve(signer);
      }
      if (slot.jobs.size === 0) slot.worker.unref();
    });
    // 'error' (an uncaught exception) is followed by 'exit': the jobs are handled there, once.
    slot.worker.on('error', (error) => (failure = error));
    slot.worker.on('exit', (code) => {
      slots = slots.filter((other) => other !== slot);
      const orphans = [...slot.jobs.values()];
      slot.jobs.clear();
      slot.outbox = [];
      if (closed) {
        for (const job of orphans) job.reject(unavailable('the server is shutting down'));
        return;
      }
      if (ready) spawn();
      else tellOperator(`${notReady(failure, code)}; ${capacity(slots.length)}`);
      for (const job of orphans) {
        if (job.resends++ < RESENDS) send(job);
        else job.reject(unavailable('the worker verifying it stopped'));
      }
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    slot.worker.unref();
    slots.push(slot);
    return started;
  };

  const send = (job: PendingJob) => {
    if (slots.length === 0) return job.resolve(recovery.recover(job.message, job.signature));
    const slot = slots.reduce((least, candidate) => (candidate.jobs.size < least.jobs.size ? candidate : least));
    // A worker with jobs keeps the process alive until it has answered them.
    if (slot.jobs.size === 0) slot.worker.ref();
    slot.jobs.set(job.id, job);
    slot.outbox.push({ id: job.id, message: job.message, signature: job.signature });
    if (slot.outbox.length === 1) setImmediate(() => post(slot));
  };

  const post = (slot: Slot) => {
    const batch = slot.outbox;
    slot.outbox = [];
    // A worker that died meanwhile had these jobs in `jobs`: they were sent again from there.
    if (slots.includes(slot)) slot.worker.postMessage(batch);
  };

  const starting = Array.from({ length: threads }, spawn);
  // Keeps the process alive while the first workers load, so `ready` settles even in a bare script.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const ready = Promise.all(starting).then(() => clearInterval(keepAlive));

  return {
    ready,
    recover(message, signature) {
      if (closed) return Promise.reject(unavailable('the server is shutting down'));
      return new Promise((resolve, reject) => send({ id: nextId++, message, signature, resends: 0, resolve, reject }));
    },
    workers: () => slots.map(({ worker }) => worker),
    async close() {
      closed = true;
      clearInterval(keepAlive);
      await Promise.all(slots.map(({ worker }) => worker.terminate()));
    },
  };
}

/**
 * Why a worker ended before it was ready: its error (its module could not load), or none when it
 * was stopped while starting.
 */
function notReady(failure: unknown, code: number): string {
  if (failure !== undefined) return `a signature recovery worker could not start: ${oneLine(failure)}`;
  return `a signature recovery worker was stopped before it was ready (exit code ${code})`;
}

/** What recovers signatures now that `workers` are left. */
function capacity(workers: number): string {
  return workers === 0 ? 'none left: signatures are recovered in the main thread' : `${workers} left`;
}

function unavailable(why: string): Refusal {
  return new Refusal(503, 'verification_unavailable', `the signature could not be verified now (${why}); nothing was stored, try again`, {
    'retry-after': `${RETRY_AFTER_S}`,
  });
}
