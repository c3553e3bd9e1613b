// Signature recovery: libsecp256k1 (the optional peer `secp256k1`) and @noble/curves 2 (the pure
// fallback) give viem's verdict on every input, and neither accepts what the other refuses: XMTP's
// texts, every spelling of v, high-s twins, r and s at and past their bounds, r that is no point's
// x, and a few hundred random proofs with and without a corrupted byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recoverMessageAddress, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { consentMessage, unsubscribeMessage } from '../../src/core/index.js';
import { isPlainSignature } from '../../src/core/signature.js';
import { verifyConsentProof } from '../../src/core/verify.js';
import { nativeRecovery, pureRecovery, type SignerRecovery } from '../../src/server/recovery/signer-recovery.js';
import { SECP256K1_N, highSTwin, sOf, withV } from './signature-edits.js';
import { UPSTREAM_ENABLE_TEXT, UPSTREAM_TEXT } from './xmtp-vectors.js';

const native = (await nativeRecovery()).recovery;
const hex32 = (value: bigint) => value.toString(16).padStart(64, '0');
const withR = (signature: string, r: bigint) => `0x${hex32(r)}${signature.slice(66)}`;
const withS = (signature: string, s: bigint) => `${signature.slice(0, 66)}${hex32(s)}${signature.slice(130)}`;
const PUBLISHER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const XMTP_TEXTS = [
  UPSTREAM_TEXT,
  UPSTREAM_ENABLE_TEXT,
  consentMessage(PUBLISHER, Date.UTC(2025, 0, 15, 12)),
  unsubscribeMessage(PUBLISHER, Date.UTC(2025, 0, 15, 12)),
];

/** viem's verdict, the reference, for what the verifiers pass on to recovery (65 bytes, v 0, 1, 27 or 28). */
async function viemSigner(message: string, signature: string): Promise<string | undefined> {
  if (!isPlainSignature(signature)) return undefined;
  return recoverMessageAddress({ message, signature: signature.toLowerCase() as Hex }).catch(() => undefined);
}

/** Asserts that both implementations give viem's signer (or none) for `signature` over `message`. */
async function agree(message: string, signature: string, expected?: string): Promise<string | undefined> {
  const reference = await viemSigner(message, signature);
  if (expected !== undefined) assert.equal(reference, expected, `viem on ${signature}`);
  assert.equal(pureRecovery.recover(message, signature), reference, `pure on ${signature}`);
  assert.equal(native!.recover(message, signature), reference, `native on ${signature}`);
  return reference;
}

/** Every spelling of a signature XMTP's consent validator takes, and each one's edits that no key made. */
function variants(signature: string): string[] {
  const twin = highSTwin(signature);
  const r = BigInt(signature.slice(0, 66));
  const s = sOf(signature);
  return [
    signature,
    withV(signature, signature.endsWith('1b') ? 0 : 1),
    `0x${signature.slice(2).toUpperCase()}`,
    twin,
    withV(twin, twin.endsWith('1b') ? 0 : 1),
    // The twin without its v flipped, and a v flipped alone: another key, or none.
    withV(signature, signature.endsWith('1b') ? 28 : 27),
    withS(signature, SECP256K1_N - s),
    // Recovery ids 2 and 3 (r + n as x) and v that is no recovery id are refused before any curve maths.
    withV(signature, 2),
    withV(signature, 3),
    withV(signature, 29),
    withV(signature, 0x1c + 35),
    withR(signature, 0n),
    withS(signature, 0n),
    withR(signature, SECP256K1_N),
    withS(signature, SECP256K1_N),
    withR(signature, SECP256K1_N + 1n),
    withS(signature, SECP256K1_N - 1n),
    withR(signature, SECP256K1_N - 1n),
    withR(signature, r ^ 1n),
    withR(signature, 2n ** 256n - 1n),
    signature.slice(0, -2),
    `${signature}00`,
  ];
}

describe('signature recovery, native and pure', () => {
  it('has the native binding in this repository (a dev dependency)', () => {
    assert.ok(native, 'secp256k1 is installed with a prebuild for this platform');
    assert.equal(native.kind, 'native');
  });

  it('recovers the signer of XMTP’s texts, in every spelling, and refuses every edit no key made', async () => {
    for (const text of XMTP_TEXTS) {
      for (const key of [`0x${'a1'.repeat(32)}`, `0x${'0'.repeat(63)}1`, generatePrivateKey()] as const) {
        const signer = privateKeyToAccount(key);
        const signature = await signer.signMessage({ message: text });
        const [original, zeroOne, upper, twin, twinZeroOne, ...edits] = variants(signature);
        for (const spelling of [original!, zeroOne!, upper!, twin!, twinZeroOne!]) await agree(text, spelling, signer.address);
        for (const edit of edits) assert.notEqual(await agree(text, edit), signer.address, edit);
      }
    }
  });

  it('agrees on a few hundred random proofs, and on each with a corrupted byte', async () => {
    for (let i = 0; i < 300; i++) {
      const signer = privateKeyToAccount(generatePrivateKey());
      const message = consentMessage(PUBLISHER, Date.UTC(2025, 0, 1) + i * 1000);
      const signature = await signer.signMessage({ message });
      await agree(message, signature, signer.address);
      const at = 2 + Math.floor(Math.random() * 128);
      const digit = ((Number.parseInt(signature[at]!, 16) + 1 + Math.floor(Math.random() * 15)) % 16).toString(16);
      await agree(message, signature.slice(0, at) + digit + signature.slice(at + 1));
    }
  });

  it('gives verifyConsentProof the same verdicts as viem, high-s twins accepted as XMTP’s consent validator does', async () => {
    const now = Date.UTC(2025, 0, 15, 12);
    const signer = privateKeyToAccount(`0x${'b2'.repeat(32)}`);
    const signature = await signer.signMessage({ message: consentMessage(PUBLISHER, now) });
    for (const candidate of variants(signature)) {
      const proof = { publisher: PUBLISHER, subscriber: signer.address, timestampMs: now, signature: candidate };
      const reference = await verifyConsentProof(proof, { now });
      for (const recovery of [pureRecovery, native!] as SignerRecovery[]) {
        const recoverSigner = async (text: string, sig: string) => recovery.recover(text, sig);
        assert.deepEqual(await verifyConsentProof(proof, { now, recoverSigner }), reference, `${recovery.kind} on ${candidate}`);
      }
    }
  });
});
