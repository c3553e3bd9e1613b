// verifyConsentProof against XMTP's verification rules (SIGNATURES.md §1), with real wallet
// signatures; and verifyUnsubscribe (§6) through the very same suite, since it must verify alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import {
  DEFAULT_MAX_AGE_MS,
  consentMessage,
  decodeConsentProof,
  encodeConsentProof,
  unsubscribeMessage,
  verifyConsentProof,
  verifyUnsubscribe,
  type ConsentProof,
  type VerifyOptions,
} from '../../src/core/index.js';
import { SECP256K1_N as N, highSTwin, sOf, vOf, withV } from './signature-edits.js';

// Well-known test keys (the first two of Hardhat's and Anvil's default accounts): never real funds.
const subscriber = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const stranger = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
/** The publisher (a third default account's address, EIP-55 checksummed). */
const PUBLISHER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
/** A whole second, so SIGNED_AT + 999 is still in the same second. */
const SIGNED_AT = Date.UTC(2024, 0, 15, 12, 0, 0);

/** Both statements, each with the text its signature is over. */
const VERIFIERS = [
  { name: 'verifyConsentProof', verify: verifyConsentProof, textOf: consentMessage },
  { name: 'verifyUnsubscribe', verify: verifyUnsubscribe, textOf: unsubscribeMessage },
] as const;

function proof(signature: string, overrides: Partial<ConsentProof> = {}): ConsentProof {
  return { publisher: PUBLISHER, subscriber: subscriber.address, timestampMs: SIGNED_AT, signature, ...overrides };
}

describe('test fixtures', () => {
  it('derive the well-known addresses from the fixed keys', () => {
    assert.equal(subscriber.address, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    assert.equal(stranger.address, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });
});

for (const { name, verify, textOf } of VERIFIERS) {
  /** The subscriber's (or `account`'s) wallet signature of the statement's text. */
  function sign(timestampMs = SIGNED_AT, account: PrivateKeyAccount = subscriber, publisher = PUBLISHER): Promise<Hex> {
    return account.signMessage({ message: textOf(publisher, timestampMs) });
  }

  /** The first signatures, over consecutive seconds from SIGNED_AT, with v = 27 and v = 28. */
  async function signaturesWithEachV(): Promise<Array<{ timestampMs: number; signature: Hex }>> {
    const found = new Map<number, { timestampMs: number; signature: Hex }>();
    for (let k = 0; found.size < 2; k++) {
      const timestampMs = SIGNED_AT + k * SECOND;
      const signature = await sign(timestampMs);
      if (!found.has(vOf(signature))) found.set(vOf(signature), { timestampMs, signature });
    }
    return [found.get(27)!, found.get(28)!];
  }

  async function assertVerifies(candidate: ConsentProof, options: VerifyOptions = { now: SIGNED_AT }): Promise<void> {
    assert.deepEqual(await verify(candidate, options), { ok: true, signer: 'eoa' });
  }

  async function assertFails(
    candidate: unknown,
    reason: string,
    options: VerifyOptions = { now: SIGNED_AT },
  ): Promise<void> {
    assert.deepEqual(await verify(candidate as ConsentProof, options), { ok: false, reason });
  }

  describe(name, () => {
    describe('a valid proof', () => {
      it('verifies as a plain wallet signature', async () => {
        await assertVerifies(proof(await sign()));
      });

      it('verifies with the publisher and subscriber given in any casing', async () => {
        const signature = await sign();
        for (const casing of [(a: string) => a.toLowerCase(), (a: string) => `0x${a.slice(2).toUpperCase()}`]) {
          await assertVerifies(proof(signature, { publisher: casing(PUBLISHER), subscriber: casing(subscriber.address) }));
        }
      });

      it("uses the verifier's clock when no now is given", async () => {
        const timestampMs = Date.now();
        await assertVerifies(proof(await sign(timestampMs), { timestampMs }), {});
      });

      it("refuses the other statement's signature: a consent is no withdrawal, and back", async () => {
        const other = textOf === consentMessage ? unsubscribeMessage : consentMessage;
        const signature = await subscriber.signMessage({ message: other(PUBLISHER, SIGNED_AT) });
        await assertFails(proof(signature), 'invalid_signature');
      });
    });

    describe('freshness', () => {
      it('uses a 30-day window by default', () => {
        assert.equal(DEFAULT_MAX_AGE_MS, 30 * DAY);
      });

      it('passes a proof exactly 30 days old and fails one 30 days + 1 ms old with stale_proof', async () => {
        const valid = proof(await sign());
        await assertVerifies(valid, { now: SIGNED_AT + 30 * DAY });
        await assertFails(valid, 'stale_proof', { now: SIGNED_AT + 30 * DAY + 1 });
      });

      it('passes a proof made at now, and fails one at now + 1 ms with future_proof by default', async () => {
        // SIGNED_AT + 1 is in the signed second, so only the clock decides.
        const signature = await sign();
        await assertVerifies(proof(signature), { now: SIGNED_AT });
        await assertFails(proof(signature, { timestampMs: SIGNED_AT + 1 }), 'future_proof', { now: SIGNED_AT });
      });

      it('passes now + 1 ms with maxFutureMs: 1, and fails now + 2 ms', async () => {
        const signature = await sign();
        await assertVerifies(proof(signature, { timestampMs: SIGNED_AT + 1 }), { now: SIGNED_AT, maxFutureMs: 1 });
        await assertFails(proof(signature, { timestampMs: SIGNED_AT + 2 }), 'future_proof', {
          now: SIGNED_AT,
          maxFutureMs: 1,
        });
      });

      it('honours a shorter maxAgeMs', async () => {
        const valid = proof(await sign());
        await assertVerifies(valid, { now: SIGNED_AT + SECOND, maxAgeMs: SECOND });
        await assertFails(valid, 'stale_proof', { now: SIGNED_AT + SECOND + 1, maxAgeMs: SECOND });
      });

      it('honours a longer maxAgeMs', async () => {
        const valid = proof(await sign());
        await assertFails(valid, 'stale_proof', { now: SIGNED_AT + 45 * DAY });
        await assertVerifies(valid, { now: SIGNED_AT + 45 * DAY, maxAgeMs: 60 * DAY });
      });

      it('fails a timestamp past year 9999 as future_proof, without throwing', async () => {
        await assertFails(proof(await sign(), { timestampMs: Date.UTC(10000, 0, 1) }), 'future_proof');
      });
    });

    describe('whole seconds', () => {
      it('verifies any timestamp in the signed UTC second', async () => {
        const signature = await sign(SIGNED_AT);
        for (const timestampMs of [SIGNED_AT, SIGNED_AT + 1, SIGNED_AT + 500, SIGNED_AT + 999]) {
          await assertVerifies(proof(signature, { timestampMs }), { now: SIGNED_AT + DAY });
        }
      });

      it('verifies a signature made at a fractional second against the whole second', async () => {
        await assertVerifies(proof(await sign(SIGNED_AT + 500), { timestampMs: SIGNED_AT }));
      });

      it('fails a timestamp in the next or the previous second with invalid_signature', async () => {
        const signature = await sign(SIGNED_AT);
        for (const timestampMs of [SIGNED_AT + SECOND, SIGNED_AT - 1]) {
          await assertFails(proof(signature, { timestampMs }), 'invalid_signature', { now: SIGNED_AT + DAY });
        }
      });
    });

    describe('signature shape', () => {
      it('verifies v as 27/28 and as 0/1', async () => {
        for (const { timestampMs, signature } of await signaturesWithEachV()) {
          const v = vOf(signature);
          await assertVerifies(proof(signature, { timestampMs }), { now: timestampMs });
          await assertVerifies(proof(withV(signature, v - 27), { timestampMs }), { now: timestampMs });
        }
      });

      it('rejects v outside 0, 1, 27 and 28', async () => {
        for (const { timestampMs, signature } of await signaturesWithEachV()) {
          const v = vOf(signature);
          // 29/30 is what XMTP's validator would map back onto 27/28; 2/3 onto 0/1; 37/38 is EIP-155 style.
          for (const bad of [v + 2, v - 25, v + 10]) {
            await assertFails(proof(withV(signature, bad), { timestampMs }), 'invalid_signature', { now: timestampMs });
          }
        }
      });

      it('rejects a 64-byte signature', async () => {
        await assertFails(proof((await sign()).slice(0, -2)), 'invalid_signature');
      });

      it('rejects a 66-byte signature', async () => {
        await assertFails(proof(`${await sign()}1b`), 'invalid_signature');
      });

      it('rejects a signature without 0x', async () => {
        await assertFails(proof((await sign()).slice(2)), 'invalid_signature');
      });

      it('accepts uppercase hex', async () => {
        const signature = await sign();
        await assertVerifies(proof(`0x${signature.slice(2).toUpperCase()}`));
      });

      it('accepts the high-s twin, with the same signer', async () => {
        for (const { timestampMs, signature } of await signaturesWithEachV()) {
          const twin = highSTwin(signature);
          assert.ok(sOf(signature) <= N / 2n, 'the wallet signs with low s');
          assert.ok(sOf(twin) > N / 2n, 'the twin has high s');
          assert.notEqual(vOf(twin), vOf(signature));
          await assertVerifies(proof(twin, { timestampMs }), { now: timestampMs });
          await assertVerifies(proof(withV(twin, vOf(twin) - 27), { timestampMs }), { now: timestampMs });
          // Without flipping v the twin recovers another key.
          await assertFails(proof(withV(twin, vOf(signature)), { timestampMs }), 'invalid_signature', {
            now: timestampMs,
          });
        }
      });

      it('rejects a signature by a different key', async () => {
        await assertFails(proof(await sign(SIGNED_AT, stranger)), 'invalid_signature');
      });

      it('verifies the stranger only as the stranger', async () => {
        await assertVerifies(proof(await sign(SIGNED_AT, stranger), { subscriber: stranger.address }));
      });

      it('rejects a signature for another publisher', async () => {
        const other = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
        await assertFails(proof(await sign(SIGNED_AT, subscriber, other)), 'invalid_signature');
      });

      it('rejects a text signed with the publisher in lowercase', async () => {
        const message = textOf(PUBLISHER, SIGNED_AT).replace(PUBLISHER, PUBLISHER.toLowerCase());
        assert.ok(message.includes(`From Address: ${PUBLISHER.toLowerCase()}`));
        const signature = await subscriber.signMessage({ message });
        for (const publisher of [PUBLISHER, PUBLISHER.toLowerCase()]) {
          await assertFails(proof(signature, { publisher }), 'invalid_signature');
        }
      });
    });

    describe('bad input never throws', () => {
      const badAddresses: Array<[string, unknown]> = [
        ['too short', '0x1234567890abcdef'],
        ['not hex', `0x${'z'.repeat(40)}`],
        ['a wrong checksum', PUBLISHER.replace('Cd', 'cD')],
        ['an empty string', ''],
        ['undefined', undefined],
        ['a number', 42],
      ];
      for (const [label, bad] of badAddresses) {
        it(`answers invalid_address for a publisher that is ${label}`, async () => {
          await assertFails(proof(await sign(), { publisher: bad as string }), 'invalid_address');
        });
        it(`answers invalid_address for a subscriber that is ${label}`, async () => {
          await assertFails(proof(await sign(), { subscriber: bad as string }), 'invalid_address');
        });
      }

      it('answers invalid_address for a missing proof', async () => {
        await assertFails(undefined, 'invalid_address');
        await assertFails(null, 'invalid_address');
        await assertFails({}, 'invalid_address');
      });

      const badSignatures: Array<[string, unknown]> = [
        ['undefined', undefined],
        ['null', null],
        ['a number', 123],
        ['an empty string', ''],
        ['a bare 0x', '0x'],
        ['not hex', 'hello'],
        ['an odd number of hex digits', `0x${'ab'.repeat(64)}1`],
        ['r = 0', `0x${'00'.repeat(32)}${'11'.repeat(32)}1b`],
        ['s = 0', `0x${'11'.repeat(32)}${'00'.repeat(32)}1b`],
        ['r = n', `0x${N.toString(16)}${'11'.repeat(32)}1b`],
        ['all 0xff', `0x${'ff'.repeat(64)}1c`],
        ['an r that is no point on the curve', `0x${'05'.repeat(32)}${'01'.repeat(32)}1b`],
      ];
      for (const [label, signature] of badSignatures) {
        it(`answers invalid_signature for a signature that is ${label}`, async () => {
          await assertFails(proof(signature as string), 'invalid_signature');
        });
      }

      const badTimestamps: Array<[string, unknown]> = [
        ['NaN', Number.NaN],
        ['negative', -SIGNED_AT],
        ['zero', 0],
        ['fractional', SIGNED_AT + 0.5],
        ['Infinity', Number.POSITIVE_INFINITY],
        ['a numeric string', String(SIGNED_AT)],
        ['undefined', undefined],
      ];
      for (const [label, timestampMs] of badTimestamps) {
        it(`answers stale_proof for a timestamp that is ${label}`, async () => {
          await assertFails(proof(await sign(), { timestampMs: timestampMs as number }), 'stale_proof');
        });
      }
    });

    describe('precedence', () => {
      it('reports stale_proof, not invalid_signature, for a stale proof with a bad signature', async () => {
        const byStranger = await sign(SIGNED_AT, stranger);
        await assertFails(proof(byStranger), 'stale_proof', { now: SIGNED_AT + 31 * DAY });
        await assertFails(proof('0xnot-a-signature'), 'stale_proof', { now: SIGNED_AT + 31 * DAY });
      });

      it('reports future_proof, not invalid_signature, for a future proof with a bad signature', async () => {
        await assertFails(proof(await sign(SIGNED_AT, stranger)), 'future_proof', { now: SIGNED_AT - DAY });
      });

      it('reports invalid_address before freshness', async () => {
        await assertFails(proof(await sign(), { subscriber: 'nobody' }), 'invalid_address', { now: SIGNED_AT + 31 * DAY });
      });
    });
  });
}

describe('verifyConsentProof: the payload', () => {
  it('verifies the fields decoded from its payload, whatever payloadVersion says', async () => {
    // verifyConsentProof takes no version: the payload's version field cannot change the outcome.
    const signature = await subscriber.signMessage({ message: consentMessage(PUBLISHER, SIGNED_AT) });
    const payload = [...encodeConsentProof(signature, SIGNED_AT)];
    assert.deepEqual(payload.slice(-2), [0x18, 0x01]);
    for (const bytes of [payload, payload.slice(0, -2), [...payload.slice(0, -1), 7]]) {
      const decoded = decodeConsentProof(Uint8Array.from(bytes));
      const candidate = proof(decoded.signature, { timestampMs: decoded.timestamp });
      assert.deepEqual(await verifyConsentProof(candidate, { now: SIGNED_AT }), { ok: true, signer: 'eoa' });
    }
  });
});

describe('verifyConsentProof and verifyUnsubscribe options', () => {
  it('throws a TypeError for a clock or window that is not a finite, non-negative number', async () => {
    const proof = {
      publisher: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      subscriber: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      timestampMs: 1_700_000_000_000,
      signature: `0x${'11'.repeat(65)}`,
    };
    for (const options of [{ now: Number.NaN }, { maxAgeMs: Number.NaN }, { maxFutureMs: -1 }, { now: Infinity }]) {
      await assert.rejects(verifyConsentProof(proof, options), TypeError, JSON.stringify(options));
      await assert.rejects(verifyUnsubscribe(proof, options), TypeError, JSON.stringify(options));
    }
  });
});
