// The signature recovery pool (verifyThreads): every job answered with the signer, a worker that
// dies replaced and its jobs sent again, a job whose worker dies twice refused with a 503 instead of
// hanging, and a pool that never keeps the process alive: idle, or after the handler's close().
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { bytesToBase64, consentMessage, encodeConsentProof } from '../../src/core/index.js';
import { createConsentHandler, sqliteStore } from '../../src/server/index.js';
import { Refusal } from '../../src/server/refusal.js';
import { startRecoveryPool } from '../../src/server/recovery/recovery-pool.js';
import { pureRecovery } from '../../src/server/recovery/signer-recovery.js';

const PUBLISHER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const NOW = Date.UTC(2025, 0, 15, 12);
const MESSAGE = consentMessage(PUBLISHER, NOW);

interface Signed {
  address: string;
  signature: string;
}

let signed: Signed[];
before(async () => {
  signed = await Promise.all(
    Array.from({ length: 40 }, async () => {
      const reader = privateKeyToAccount(generatePrivateKey());
      return { address: reader.address, signature: await reader.signMessage({ message: MESSAGE }) };
    }),
  );
});

/** The lines `use` tells the operator (console.error), kept from the test's output. */
async function operatorLines(use: () => Promise<void>): Promise<string[]> {
  const told = mock.method(console, 'error', () => {});
  try {
    await use();
    return told.mock.calls.map((call) => String(call.arguments[0]));
  } finally {
    told.mock.restore();
  }
}

/** Resolves when `worker` has said it is ready (its first message); an idle worker alone keeps no process alive. */
async function ready(worker: Worker): Promise<void> {
  worker.ref();
  await once(worker, 'message');
  worker.unref();
}

describe('the recovery pool', () => {
  it('answers every job with its signer, in two workers', async () => {
    const pool = startRecoveryPool({ threads: 2, recovery: pureRecovery });
    try {
      const signers = await Promise.all(signed.map(({ signature }) => pool.recover(MESSAGE, signature)));
      assert.deepEqual(signers, signed.map(({ address }) => address));
      assert.equal(await pool.recover(MESSAGE, `0x${'00'.repeat(65)}`), undefined);
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker killed with jobs in flight and sends them again: every job is answered', async () => {
    const pool = startRecoveryPool({ threads: 2, recovery: pureRecovery });
    try {
      await Promise.all(pool.workers().map(ready));
      const answers = Promise.all(signed.map(({ signature }) => pool.recover(MESSAGE, signature)));
      const [victim] = pool.workers();
      await victim!.terminate();
      assert.deepEqual(await answers, signed.map(({ address }) => address));
      assert.equal(pool.workers().length, 2, 'the dead worker was replaced');
      assert.ok(!pool.workers().includes(victim!));
    } finally {
      await pool.close();
    }
  });

  it('refuses with a 503 a job whose worker died twice, and keeps answering in the main thread', async () => {
    const pool = startRecoveryPool({ threads: 1, recovery: pureRecovery });
    try {
      await ready(pool.workers()[0]!);
      const answer = pool.recover(MESSAGE, signed[0]!.signature);
      const told = await operatorLines(async () => {
        await pool.workers()[0]!.terminate();
        // The replacement dies before it is ready: it is not replaced in turn (a module that cannot load would loop).
        await pool.workers()[0]!.terminate();
      });
      // Stopped while starting, it did not fail: the operator is told that, not "could not start".
      assert.equal(told.length, 1);
      const stopped = 'a signature recovery worker was stopped before it was ready \\(exit code [01]\\)';
      assert.match(told[0]!, new RegExp(`^xmtp-subscribe: ${stopped}; none left: signatures are recovered in the main thread$`));
      await assert.rejects(answer, (error: unknown) => {
        assert.ok(error instanceof Refusal);
        assert.equal(error.status, 503);
        assert.equal(error.code, 'verification_unavailable');
        assert.equal(error.headers['retry-after'], '1');
        return true;
      });
      assert.equal(pool.workers().length, 0);
      assert.equal(await pool.recover(MESSAGE, signed[1]!.signature), signed[1]!.address);
    } finally {
      await pool.close();
    }
  });

  it('names the error of a worker that could not start, and how many are left', async () => {
    const pool = startRecoveryPool({ threads: 2, recovery: pureRecovery });
    try {
      const told = await operatorLines(async () => {
        const [failing] = pool.workers();
        const exited = new Promise((resolve) => failing!.once('exit', resolve));
        // What Node reports when a worker's module throws as it loads: 'error', then 'exit'.
        failing!.emit('error', new Error('Cannot find module secp256k1'));
        await failing!.terminate();
        await exited;
      });
      const couldNotStart = 'a signature recovery worker could not start: Cannot find module secp256k1';
      assert.deepEqual(told, [`xmtp-subscribe: ${couldNotStart}; 1 left`]);
      assert.equal(pool.workers().length, 1);
      assert.equal(await pool.recover(MESSAGE, signed[0]!.signature), signed[0]!.address);
    } finally {
      await pool.close();
    }
  });

  it('refuses with a 503 what is in flight when it closes, and everything after', async () => {
    const pool = startRecoveryPool({ threads: 1, recovery: pureRecovery });
    const answer = pool.recover(MESSAGE, signed[0]!.signature);
    // Closed while its worker starts: a worker stopped by close() is no news for the operator.
    assert.deepEqual(await operatorLines(() => pool.close()), []);
    await assert.rejects(answer, { status: 503 });
    await assert.rejects(pool.recover(MESSAGE, signed[0]!.signature), { status: 503 });
  });
});

describe('a handler with verifyThreads', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xmtp-subscribe-pool-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every proof it acknowledged, recovering in its threads, and close() stops them', async () => {
    const store = await sqliteStore(join(dir, 'pool.db'));
    const handler = createConsentHandler({
      publishers: [PUBLISHER],
      store,
      verifyThreads: 2,
      rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
      log: false,
      now: () => NOW,
    });
    try {
      const statuses = await Promise.all(
        signed.map(async ({ address, signature }) => {
          const consentProof = bytesToBase64(encodeConsentProof(signature, NOW));
          const body = JSON.stringify({ publisher: PUBLISHER, subscriber: address, consentProof });
          const request = new Request('http://127.0.0.1/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          return (await handler(request)).status;
        }),
      );
      assert.deepEqual(statuses, signed.map(() => 201));
      for (const { address } of signed) assert.equal((await store.get(PUBLISHER, address))?.state, 'allowed');
      assert.equal((await handler.recovery()).threads, 2);
    } finally {
      await handler.close();
      await store.close();
    }
  });

  it('rejects a verifyThreads that is not a whole number', () => {
    for (const verifyThreads of [-1, 1.5, Number.NaN]) {
      assert.throws(() => createConsentHandler({ publishers: [PUBLISHER], store: {} as never, verifyThreads }), TypeError);
    }
  });

  it('never keeps the process alive: a script that leaves its pool open ends once idle', async () => {
    const script = `
      import { startRecoveryPool } from './src/server/recovery/recovery-pool.ts';
      import { pureRecovery } from './src/server/recovery/signer-recovery.ts';
      const pool = startRecoveryPool({ threads: 2, recovery: pureRecovery });
      console.log(await pool.recover(${JSON.stringify(MESSAGE)}, ${JSON.stringify(signed[0]!.signature)}));
    `;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '../..'),
      timeout: 20_000,
    });
    const { stdout } = await run;
    assert.equal(stdout.trim(), signed[0]!.address, 'the job kept it alive until answered, then it exited');
  });
});
