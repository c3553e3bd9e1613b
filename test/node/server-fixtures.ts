// Shared by the server tests: fixed accounts, real signed consent proofs and withdrawals, and
// throwaway directories.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { bytesToBase64, consentMessage, encodeConsentProof, unsubscribeMessage } from '../../src/core/index.js';
import { encodeVarint } from '../../src/core/protobuf.js';

/** The server's clock in every handler test: 2025-01-15T12:00:00Z. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A wallet with a fixed private key: the same `n` always gives the same address. */
export function account(n: number): PrivateKeyAccount {
  return privateKeyToAccount(`0x${n.toString(16).padStart(64, '0')}`);
}

/** The publisher every server under test serves. */
export const publisher = account(1);
/** A publisher no server under test serves. */
export const strangerPublisher = account(2);

/** A real consent proof: `signer` signs XMTP's consent text for `publisherAddress` at `timestampMs`. */
export async function signedProof(signer: PrivateKeyAccount, publisherAddress: string, timestampMs: number) {
  const signature = await signer.signMessage({ message: consentMessage(publisherAddress, timestampMs) });
  const proof = encodeConsentProof(signature, timestampMs);
  return { signature, proof, consentProof: bytesToBase64(proof) };
}

/** The JSON body a page posts: `reader`'s proof for the served publisher, fields overridable. */
export async function consentBody(
  reader: PrivateKeyAccount,
  { timestampMs = NOW, publisherAddress = publisher.address } = {},
): Promise<Record<string, unknown>> {
  const { consentProof } = await signedProof(reader, publisherAddress, timestampMs);
  return { publisher: publisherAddress, subscriber: reader.address, consentProof };
}

/** `signer`'s signature of the withdrawal text (SIGNATURES.md §6) for `publisherAddress` at `timestampMs`. */
export function signedWithdrawal(signer: PrivateKeyAccount, publisherAddress: string, timestampMs: number) {
  return signer.signMessage({ message: unsubscribeMessage(publisherAddress, timestampMs) });
}

/** The JSON body a page posts to leave the list: `reader`'s withdrawal for the served publisher, fields overridable. */
export async function withdrawalBody(
  reader: PrivateKeyAccount,
  { timestampMs = NOW, publisherAddress = publisher.address } = {},
): Promise<{ publisher: string; subscriber: string; unsubscribe: { timestampMs: number; signature: string } }> {
  const signature = await signedWithdrawal(reader, publisherAddress, timestampMs);
  return { publisher: publisherAddress, subscriber: reader.address, unsubscribe: { timestampMs, signature } };
}

/**
 * ConsentProofPayload bytes built by hand, for payloads the encoder refuses to make: any
 * signature text, a zero timestamp, or a field left out.
 */
export function rawPayload({ signature, timestamp }: { signature?: string; timestamp?: number }): Uint8Array {
  const out: number[] = [];
  if (signature !== undefined) {
    const text = new TextEncoder().encode(signature);
    out.push(0x0a);
    encodeVarint(text.length, out);
    out.push(...text);
  }
  if (timestamp !== undefined) {
    out.push(0x10);
    encodeVarint(timestamp, out);
  }
  out.push(0x18, 0x01);
  return Uint8Array.from(out);
}

/** A fresh directory under the system's temp dir, and how to remove it. */
export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'xmtp-subscribe-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
