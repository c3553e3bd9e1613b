// The one form a verified statement is stored in. The server accepts every spelling XMTP's
// validator accepts, but keeps one: so a variant of a stored statement is byte-identical to it,
// and no record holds bytes an attacker chose (unknown protobuf fields, odd casing, a high s).
import { canonicalSignature } from '../core/canonical-signature.js';
import { encodeConsentProof } from '../core/consent.js';
import type { SignerKind } from '../core/verify.js';

/**
 * A plain wallet's signature in canonical form (lowercase, low s, v 27/28). A smart-contract
 * wallet's is only lowercased: its bytes are its contract's business, and another spelling might
 * no longer satisfy it.
 */
export function storedSignature(signature: string, signerKind: SignerKind): string {
  return signerKind === 'eoa' ? canonicalSignature(signature) : signature.toLowerCase();
}

/** `timestampMs` down to its whole second: what the text signs, so the signature still verifies. */
export function wholeSecond(timestampMs: number): number {
  return timestampMs - (timestampMs % 1000);
}

interface ConsentParts {
  signature: string;
  timestampMs: number;
  signerKind: SignerKind;
}

/**
 * A consent proof as stored: the canonical signature and the signed second, re-encoded as a
 * ConsentProofPayload with `payload_version` 1 and only its three fields, still a proof XMTP's
 * validator accepts.
 */
export function canonicalConsent({ signature, timestampMs, signerKind }: ConsentParts) {
  const stored = { signature: storedSignature(signature, signerKind), timestampMs: wholeSecond(timestampMs) };
  return { ...stored, proof: encodeConsentProof(stored.signature, stored.timestampMs) };
}
