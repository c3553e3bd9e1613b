// Wallet signature checks shared by the consent and identity verifiers: plain (EOA) shape and
// recovery, and smart-contract wallets (ERC-1271, ERC-6492) through a viem client.
import type { Client, Hex } from 'viem';
import { recoverMessageAddress } from 'viem';
import { verifyMessage } from 'viem/actions';

export type SignerKind = 'eoa' | 'erc1271' | 'erc6492';
/** What a signature check can say by itself; each verifier adds its own failure reasons. */
export type SignatureCheck = { ok: true; signer: SignerKind } | { ok: false; reason: 'invalid_signature' };

/** The suffix ERC-6492 appends to a signature made by a wallet that is not yet deployed. */
const ERC6492_SUFFIX = '6492649264926492649264926492649264926492649264926492649264926492';
const HEX = /^0x[0-9a-fA-F]*$/;
const PLAIN_SIGNATURE_HEX_LENGTH = 2 + 65 * 2;
const VALID_V = new Set([0, 1, 27, 28]);

/** A `0x`-prefixed hex string, of any length and casing. */
export function isHexSignature(signature: unknown): signature is string {
  return typeof signature === 'string' && HEX.test(signature);
}

/** `0x` + 65 bytes with v of 0, 1, 27 or 28: the only shape XMTP accepts from a plain wallet. */
export function isPlainSignature(signature: string): boolean {
  return signature.length === PLAIN_SIGNATURE_HEX_LENGTH && VALID_V.has(Number.parseInt(signature.slice(-2), 16));
}

/**
 * The EIP-55 address whose key made `signature` (EIP-191) over `message`, or `undefined`.
 * Recovery throws when r or s is out of range or r is no point's x: a bad signature, not an error.
 */
export function recoverPlainSigner(message: string, signature: string): Promise<Hex | undefined> {
  return recoverMessageAddress({ message, signature: signature.toLowerCase() as Hex }).catch(() => undefined);
}

/** Asks the chain whether `address`, a smart-contract wallet, signed `message`. */
export async function verifySmartWallet(
  client: Client,
  address: Hex,
  message: string,
  signature: Hex,
): Promise<SignatureCheck> {
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
