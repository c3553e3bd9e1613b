// Verifies a wallet's signature of an XMTP identity text (SIGNATURES.md §2, §4) by XMTP's identity
// rules: the text parses strictly, the signature is 65 bytes with low s, and it recovers to the signer.
import type { Client, Hex } from 'viem';
import { tryChecksumAddress } from './address.js';
import { hasHighS } from './canonical-signature.js';
import { parseSignatureText } from './parse.js';
import {
  isHexSignature,
  isPlainSignature,
  recoverPlainSigner,
  verifySmartWallet,
  type SignerKind,
} from './signature.js';

export type IdentityVerifyFailureReason = 'invalid_signature' | 'invalid_address' | 'invalid_text';
export type IdentityVerifyResult =
  | { ok: true; signer: SignerKind }
  | { ok: false; reason: IdentityVerifyFailureReason };

export interface IdentitySignature {
  /** The signed text: an "Authenticate to inbox" text or a legacy V2 identity text. */
  text: string;
  /** The signature hex as the wallet returned it, `0x`-prefixed. */
  signature: string;
  /** The address that should have signed, any casing. */
  signer: string;
}

export interface IdentityVerifyOptions {
  /** A viem public client; with it, smart-contract wallet signatures (ERC-1271, ERC-6492) verify too. */
  client?: Client;
}

/**
 * Checks that `signer` signed `text` (EIP-191), which must be one of XMTP's identity texts: the
 * V3 "Authenticate to inbox" text or a legacy V2 one. A consent text or a withdrawal is
 * `invalid_text` here; each is judged, with its freshness window, by `verifyConsentProof` or
 * `verifyUnsubscribe`. Who may sign which action (the new address for a link, the recovery
 * address for an unlink) depends on the inbox's state on the network and is the caller's check.
 * Never throws on a bad input; it rejects only with a `ChainUnavailableError` when a given
 * `client`'s chain gives no verdict.
 */
export async function verifyIdentitySignature(
  input: IdentitySignature,
  options: IdentityVerifyOptions = {},
): Promise<IdentityVerifyResult> {
  const signer = tryChecksumAddress(input?.signer);
  if (!signer) return { ok: false, reason: 'invalid_address' };
  const { text, signature } = input;
  try {
    const { kind } = parseSignatureText(text);
    if (kind === 'consent' || kind === 'unsubscribe') return { ok: false, reason: 'invalid_text' };
  } catch {
    return { ok: false, reason: 'invalid_text' };
  }
  if (!isHexSignature(signature)) return { ok: false, reason: 'invalid_signature' };
  if (isPlainSignature(signature) && (await recoverPlainSigner(text, signature)) === signer) {
    // The signer's own key made it. Its high-s twin recovers the same key, but XMTP refuses it, and
    // so must we; it never goes to the chain either, whose ecrecover would accept it.
    return hasHighS(signature) ? { ok: false, reason: 'invalid_signature' } : { ok: true, signer: 'eoa' };
  }
  const client = options?.client;
  if (!client) return { ok: false, reason: 'invalid_signature' };
  return verifySmartWallet(client, signer, text, signature as Hex);
}
