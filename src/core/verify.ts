// Verifies the two signed statements a reader makes about a publisher's list, the consent proof
// (SIGNATURES.md §1) and the withdrawal (§6), by XMTP's consent rules: fresh, then signed by the
// subscriber over the rebuilt text.
import type { Client, Hex } from 'viem';
import { describe, tryChecksumAddress } from './address.js';
import { CONSENT_TEXT } from './consent.js';
import { LATEST_TIMESTAMP_MS } from './fields.js';
import { checksummedSenderText, type SenderTextFormat } from './sender-text.js';
import {
  isHexSignature,
  isPlainSignature,
  recoverPlainSigner,
  verifySmartWallet,
  type SignerKind,
} from './signature.js';
import { UNSUBSCRIBE_TEXT } from './unsubscribe.js';

export { ChainUnavailableError, type SignerKind } from './signature.js';

/** XMTP's freshness window: a proof may be at most 30 days old. */
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export type VerifyFailureReason = 'invalid_signature' | 'stale_proof' | 'future_proof' | 'invalid_address';
export type VerifyResult = { ok: true; signer: SignerKind } | { ok: false; reason: VerifyFailureReason };

/** A reader's signed statement about a publisher: who, when (the ms the text was built from) and the signature. */
export interface ConsentProof {
  publisher: string;
  subscriber: string;
  timestampMs: number;
  signature: string;
}

/** A signed withdrawal has the same parts as a consent proof; only the signed text differs. */
export type UnsubscribeProof = ConsentProof;

export interface VerifyOptions {
  /** The verifier's clock, in ms; defaults to `Date.now()`. */
  now?: number;
  /** How old a proof may be; defaults to 30 days (XMTP's rule). */
  maxAgeMs?: number;
  /** How far ahead of `now` a proof may be, for a fast client clock; defaults to 0 (XMTP's rule). */
  maxFutureMs?: number;
  /** A viem public client; with it, smart-contract wallet signatures (ERC-1271, ERC-6492) verify too. */
  client?: Client;
  /**
   * Recovers the EIP-55 address that made a plain wallet's signature (`0x` + 65 bytes) over the
   * text, or `undefined`; viem's recovery by default. The server passes its own (native or in
   * worker threads), which must give the same verdicts.
   */
  recoverSigner?: (text: string, signature: string) => Promise<string | undefined>;
}

/**
 * Checks a consent proof the way XMTP does: addresses, then freshness, then an EIP-191 signature
 * by the subscriber over the rebuilt text; with a `client`, a smart-contract wallet's signature is
 * asked on chain. Never throws on a bad proof; it rejects only on wrong options (a `TypeError`) or
 * with a `ChainUnavailableError` when the chain gives no verdict, since then nothing can be decided.
 */
export function verifyConsentProof(proof: ConsentProof, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifySenderStatement(CONSENT_TEXT, proof, options);
}

/** Checks a signed withdrawal (SIGNATURES.md §6) exactly as `verifyConsentProof` checks a consent proof. */
export function verifyUnsubscribe(proof: UnsubscribeProof, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifySenderStatement(UNSUBSCRIBE_TEXT, proof, options);
}

/** The rules both statements share, for addresses in any casing; `format` is the text's kind. */
async function verifySenderStatement(
  format: SenderTextFormat,
  proof: ConsentProof,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const rules = verifyRules(options);
  const publisher = tryChecksumAddress(proof?.publisher);
  const subscriber = tryChecksumAddress(proof?.subscriber);
  if (!publisher || !subscriber) return { ok: false, reason: 'invalid_address' };
  return verdict(format, { ...proof, publisher, subscriber }, rules);
}

/**
 * The verdict `verifyConsentProof` (`format` CONSENT_TEXT) or `verifyUnsubscribe` (UNSUBSCRIBE_TEXT)
 * gives, for a proof whose publisher and subscriber are EIP-55 checksummed already (the server
 * checksums each as it reads a body): nothing here hashes them again. Both are used as given: the
 * caller must have checksummed them.
 */
export async function verifyChecksummedStatement(
  format: SenderTextFormat,
  proof: ConsentProof,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  return verdict(format, proof, verifyRules(options));
}

type VerifyRules = Required<Omit<VerifyOptions, 'client'>> & Pick<VerifyOptions, 'client'>;

/** `options` with their defaults; a `TypeError` for a clock or window that is not a number of ms. */
function verifyRules(options: VerifyOptions): VerifyRules {
  const { now = Date.now(), maxAgeMs = DEFAULT_MAX_AGE_MS, maxFutureMs = 0, client, recoverSigner = recoverPlainSigner } =
    options ?? {};
  for (const [name, value] of Object.entries({ now, maxAgeMs, maxFutureMs })) {
    // A NaN here would make every freshness comparison false and let any signed proof through.
    if (!Number.isFinite(value) || value < 0) {
      throw new TypeError(`${name} must be a finite, non-negative number of ms, got ${describe(value)}`);
    }
  }
  return { now, maxAgeMs, maxFutureMs, client, recoverSigner };
}

/** Freshness, then the signature over the rebuilt text, for a proof with checksummed addresses. */
async function verdict(
  format: SenderTextFormat,
  { publisher, subscriber, timestampMs, signature }: ConsentProof,
  { now, maxAgeMs, maxFutureMs, client, recoverSigner }: VerifyRules,
): Promise<VerifyResult> {
  // A timestamp that is not a positive whole number of ms cannot fall inside the window.
  if (!Number.isSafeInteger(timestampMs) || timestampMs <= 0 || timestampMs < now - maxAgeMs) {
    return { ok: false, reason: 'stale_proof' };
  }
  if (timestampMs > now + maxFutureMs) return { ok: false, reason: 'future_proof' };

  if (!isHexSignature(signature)) return { ok: false, reason: 'invalid_signature' };
  if (timestampMs > LATEST_TIMESTAMP_MS) return { ok: false, reason: 'future_proof' };
  const message = checksummedSenderText(format, publisher, timestampMs);
  if (isPlainSignature(signature) && (await recoverSigner(message, signature)) === subscriber) {
    return { ok: true, signer: 'eoa' };
  }
  if (!client) return { ok: false, reason: 'invalid_signature' };
  return verifySmartWallet(client, subscriber as Hex, message, signature as Hex);
}
