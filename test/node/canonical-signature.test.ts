// canonicalSignature: every spelling XMTP's consent validator accepts comes out as one form, which
// still recovers to the same signer; anything that is no 65-byte signature is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { recoverMessageAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { canonicalSignature, consentMessage } from '../../src/core/index.js';
import { SECP256K1_N } from '../../src/core/canonical-signature.js';
import { highSTwin, sOf, vOf, withV } from './signature-edits.js';

const reader = privateKeyToAccount(`0x${'a1'.repeat(32)}`);
const MESSAGE = consentMessage('0x90F79bf6EB2c4f870365E785982E1f101E93b906', Date.UTC(2025, 0, 15, 12));
const HALF_N = SECP256K1_N / 2n;
const hex32 = (value: bigint) => value.toString(16).padStart(64, '0');
const upper = (signature: string) => `0x${signature.slice(2).toUpperCase()}`;

/** Signatures of MESSAGE-like texts by `reader`, one with v = 27 and one with v = 28. */
async function signaturesWithEachV(): Promise<Hex[]> {
  const found = new Map<number, Hex>();
  for (let i = 0; found.size < 2; i++) {
    const signature = await reader.signMessage({ message: `${MESSAGE} ${i}` });
    found.set(vOf(signature), signature);
  }
  return [found.get(27)!, found.get(28)!];
}

describe('canonicalSignature', () => {
  it('uses the curve order @noble/curves has', () => {
    assert.equal(SECP256K1_N, secp256k1.Point.CURVE().n);
  });

  it('leaves a wallet’s own signature (lowercase, low s, v 27/28) as it is', async () => {
    for (const signature of await signaturesWithEachV()) {
      assert.ok(sOf(signature) <= HALF_N);
      assert.equal(canonicalSignature(signature), signature);
    }
  });

  it('writes every accepted variant as the same bytes, which recover to the same signer', async () => {
    const signature = await reader.signMessage({ message: MESSAGE });
    const v = vOf(signature);
    const twin = highSTwin(signature);
    const variants = [
      upper(signature),
      withV(signature, v - 27),
      twin,
      upper(twin),
      withV(twin, vOf(twin) - 27),
    ];
    for (const variant of variants) {
      assert.equal(canonicalSignature(variant), signature, variant);
      assert.equal(await recoverMessageAddress({ message: MESSAGE, signature: variant.toLowerCase() as Hex }), reader.address);
    }
    assert.equal(await recoverMessageAddress({ message: MESSAGE, signature: canonicalSignature(twin) }), reader.address);
  });

  it('is idempotent', async () => {
    const twin = highSTwin(await reader.signMessage({ message: MESSAGE }));
    assert.equal(canonicalSignature(canonicalSignature(twin)), canonicalSignature(twin));
  });

  it('keeps s = n/2 (rounded down) and turns s = n/2 + 1 into it, flipping v', () => {
    const r = hex32(12345n);
    assert.equal(canonicalSignature(`0x${r}${hex32(HALF_N)}1b`), `0x${r}${hex32(HALF_N)}1b`);
    assert.equal(canonicalSignature(`0x${r}${hex32(HALF_N + 1n)}1b`), `0x${r}${hex32(HALF_N)}1c`);
    assert.equal(canonicalSignature(`0x${r}${hex32(SECP256K1_N - 1n)}00`), `0x${r}${hex32(1n)}1c`);
  });

  it('refuses what is not a 65-byte 0x-hex signature with v 0, 1, 27 or 28, saying what is wrong', async () => {
    const signature = await reader.signMessage({ message: MESSAGE });
    const r = hex32(7n);
    const cases: [unknown, RegExp][] = [
      [undefined, /must be 0x followed by 65 bytes/],
      [42, /must be 0x followed by 65 bytes/],
      [signature.slice(2), /must be 0x followed by 65 bytes/],
      [signature.slice(0, -2), /must be 0x followed by 65 bytes/],
      [`${signature}1b`, /must be 0x followed by 65 bytes/],
      [`${signature.slice(0, -3)}g1b`, /must be 0x followed by 65 bytes/],
      [withV(signature, 29), /v \(its last byte\) must be 0, 1, 27 or 28, got 29/],
      [withV(signature, 2), /got 2$/],
      [`0x${hex32(0n)}${hex32(5n)}1b`, /r and s must each be from 1 to n - 1/],
      [`0x${r}${hex32(0n)}1b`, /r and s must each be from 1 to n - 1/],
      [`0x${r}${hex32(SECP256K1_N)}1b`, /r and s must each be from 1 to n - 1/],
      [`0x${hex32(SECP256K1_N)}${hex32(5n)}1b`, /r and s must each be from 1 to n - 1/],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => canonicalSignature(input as string), { name: 'TypeError', message }, String(input));
    }
  });
});
