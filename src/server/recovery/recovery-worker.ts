// A recovery pool's worker (recovery-pool.ts): says `ready` once loaded, then recovers the signer of
// each job in each batch it is sent, with the implementation the pool chose, and answers the batch
// with the jobs' ids. Only the crypto runs here.
import { parentPort, workerData } from 'node:worker_threads';
import { nativeRecovery, pureRecovery, type RecoveryKind } from './signer-recovery.js';

export interface RecoveryJob {
  id: number;
  message: string;
  signature: string;
}

export interface RecoveryAnswer {
  id: number;
  signer: string | undefined;
}

export const READY = 'ready';

const kind = (workerData as { kind: RecoveryKind }).kind;
const { recover } = kind === 'native' ? ((await nativeRecovery()).recovery ?? pureRecovery) : pureRecovery;
const port = parentPort!;
port.on('message', (jobs: RecoveryJob[]) => {
  port.postMessage(jobs.map(({ id, message, signature }): RecoveryAnswer => ({ id, signer: recover(message, signature) })));
});
port.postMessage(READY);
