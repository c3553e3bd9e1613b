// How a handler recovers signers: the best implementation here (native when the optional peer
// `secp256k1` loads, else pure), in `verifyThreads` worker threads or, with 0, in the calling
// thread. Set up on the first statement (or `recovery()`, which the CLI calls before it listens),
// which waits until the workers are ready; not when the handler is created: creating a handler
// stays synchronous, and a runtime without worker threads or native modules never loads them.
import type { RecoveryPool } from './recovery-pool.js';
import { bestRecovery, type RecoveryKind } from './signer-recovery.js';

export interface HandlerRecovery {
  recoverSigner(text: string, signature: string): Promise<string | undefined>;
  /** Which implementation recovers, and in how many workers (0: the calling thread). */
  describe(): Promise<{ kind: RecoveryKind; threads: number }>;
  /** Stops the workers, if any were started. */
  close(): Promise<void>;
}

export function handlerRecovery(threads: number): HandlerRecovery {
  let ready: Promise<{ recover: (text: string, signature: string) => Promise<string | undefined>; kind: RecoveryKind; pool?: RecoveryPool }>;
  let closed = false;
  const setUp = () =>
    (ready ??= (async () => {
      const recovery = await bestRecovery();
      if (threads === 0 || closed) return { kind: recovery.kind, recover: async (text, signature) => recovery.recover(text, signature) };
      const { startRecoveryPool } = await import('./recovery-pool.js');
      const pool = startRecoveryPool({ threads, recovery });
      await pool.ready;
      return { kind: recovery.kind, recover: pool.recover, pool };
    })());
  return {
    async recoverSigner(text, signature) {
      return (await setUp()).recover(text, signature);
    },
    async describe() {
      return { kind: (await setUp()).kind, threads };
    },
    async close() {
      closed = true;
      if (ready) await (await ready).pool?.close();
    },
  };
}
