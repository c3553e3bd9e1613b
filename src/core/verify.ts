// Verifies a consent proof by XMTP's rules (SIGNATURES.md §1): fresh, then signed by the subscriber.
import type { Client, Hex } from 'viem';
import { recoverMessageAddress } from 'viem';
import { verifyMessage } from 'viem/actions';
import { describe, tryChecksumAddress } from './address.js';
import { LATEST_TIMESTAMP_MS, consentMessage } from './consent.js';

/** XMTP's freshness window: a proof may be at most 30 days old. */
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The suffix ERC-6492 appends to a signature made by a wallet that is not yet deployed. */
const ERC6492_SUFFIX = '6492649264926492649264926492649264926492649264926492649264926492';
const HEX = /^0x[0-9a-fA-F]*$/;
const PLAIN_SIGNATURE_HEX_LENGTH = 2 + 65 * 2;
const VALID_V = new Set([0, 1, 27, 28]);

export type SignerKind = 'eoa' | 'erc1271' | 'erc6492';
export type VerifyFailureReason = 'invalid_signature' | 'stale_proof' | 'future_proof' | 'invalid_address';
export type VerifyResult = { ok: true; signer: SignerKind } | { ok: false; reason: VerifyFailureReason };

export interface ConsentProof {
  publisher: string;
  subscriber: string;
  timestampMs: number;
  signature: string;
}

export interface VerifyOptions {
  /** The verifier's clock, in ms; defaults to `Date.now()`. */
  now?: number;
  /** How old a proof may be; defaults to 30 days (XMTP's rule). */
  maxAgeMs?: number;
  /** How far ahead of `now` a proof may be, for a fast client clock; defaults to 0 (XMTP's rule). */
  maxFutureMs?: number;
  /** A viem public client; with it, smart-contract wallet signatures (ERC-1271, ERC-6492) verify too. */
  client?: Client;
}

/**
 * Checks a consent proof the way XMTP does: addresses, then freshness, then an EIP-191 signature
 * by the subscriber over the rebuilt text. Never throws on a bad proof; it rejects only on wrong
 * options (a `TypeError`) or when a given `client` cannot reach its chain, since then nothing can
 * be decided.
 */
export async function verifyConsentProof(proof: ConsentProof, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { now = Date.now(), maxAgeMs = DEFAULT_MAX_AGE_MS, maxFutureMs = 0, client } = options;
  for (const [name, value] of Object.entries({ now, maxAgeMs, maxFutureMs })) {
    // A NaN here would make every freshness comparison false and let any signed proof through.
    if (!Number.isFinite(value) || value < 0) {
      throw new TypeError(`${name} must be a finite, non-negative number of ms, got ${describe(value)}`);
    }
  }
  const publisher = tryChecksumAddress(proof?.publisher);
  const subscriber = tryChecksumAddress(proof?.subscriber);
  if (!publisher || !subscriber) return { ok: false, reason: 'invalid_address' };

  // A timestamp that is not a positive whole number of ms cannot fall inside the window.
  const { timestampMs, signature } = proof;
  if (!Number.isSafeInteger(timestampMs) || timestampMs <= 0 || timestampMs < now - maxAgeMs) {
    return { ok: false, reason: 'stale_proof' };
  }
  if (timestampMs > now + maxFutureMs) return { ok: false, reason: 'future_proof' };

  if (typeof signature !== 'string' || !HEX.test(signature)) return { ok: false, reason: 'invalid_signature' };
  if (timestampMs > LATEST_TIMESTAMP_MS) return { ok: false, reason: 'future_proof' };
  const message = consentMessage(publisher, timestampMs);
  if (isPlainSignature(signature)) {
    // Recovery throws when r or s is out of range or r is no point's x: a bad signature, not an error.
    const recovered = await recoverMessageAddress({ message, signature: signature.toLowerCase() as Hex }).catch(
      () => undefined,
    );
    if (recovered === subscriber) return { ok: true, signer: 'eoa' };
  }
  if (!client) return { ok: false, reason: 'invalid_signature' };
  return verifySmartWallet(client, subscriber, message, signature as Hex);
}

/** `0x` + 65 bytes with v of 0, 1, 27 or 28: the only shape XMTP accepts from a plain wallet. */
function isPlainSignature(signature: string): boolean {
  return signature.length === PLAIN_SIGNATURE_HEX_LENGTH && VALID_V.has(Number.parseInt(signature.slice(-2), 16));
}

async function verifySmartWallet(client: Client, address: Hex, message: string, signature: Hex): Promise<VerifyResult> {
  if (signature.length <= 2 || signature.length % 2 !== 0) return { ok: false, reason: 'invalid_signature' };
  let valid: boolean;
  try {
    valid = await verifyMessage(client, { address, message, signature });
  } catch (error) {
    throw new Error(`could not verify a smart-contract wallet signature on the chain: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!valid) return { ok: false, reason: 'invalid_signature' };
  return { ok: true, signer: signature.toLowerCase().endsWith(ERC6492_SUFFIX) ? 'erc6492' : 'erc1271' };
}
