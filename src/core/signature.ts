// Wallet signature checks shared by the consent and identity verifiers: plain (EOA) shape and
// recovery, and smart-contract wallets (ERC-1271, ERC-6492) asked on chain through a viem client.
import type { Client, Hex } from 'viem';
import {
  BaseError,
  ExecutionRevertedError,
  encodeDeployData,
  erc6492SignatureValidatorAbi,
  erc6492SignatureValidatorByteCode,
  hashMessage,
  hexToBool,
  isErc6492Signature,
  isHex,
  recoverMessageAddress,
} from 'viem';
import { call } from 'viem/actions';

export type SignerKind = 'eoa' | 'erc1271' | 'erc6492';
/** What a signature check can say by itself; each verifier adds its own failure reasons. */
export type SignatureCheck = { ok: true; signer: SignerKind } | { ok: false; reason: 'invalid_signature' };

/**
 * The chain could not say whether a smart-contract wallet signed: it is unreachable, timed out or
 * answered with an error that is no verdict. Nothing about the signature can be decided; try later.
 */
export class ChainUnavailableError extends Error {
  override name = 'ChainUnavailableError';
}

const HEX = /^0x[0-9a-fA-F]*$/;
const PLAIN_SIGNATURE_HEX_LENGTH = 2 + 65 * 2;
const VALID_V = new Set([0, 1, 27, 28]);
const INVALID: SignatureCheck = { ok: false, reason: 'invalid_signature' };

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

/**
 * Asks the chain whether `address`, a smart-contract wallet, signed `message` (EIP-191): ERC-1271
 * for a deployed wallet, ERC-6492 for a signature wrapped with the factory call that deploys it.
 * Rejects with a `ChainUnavailableError` when the chain gives no verdict.
 */
export async function verifySmartWallet(
  client: Client,
  address: Hex,
  message: string,
  signature: Hex,
): Promise<SignatureCheck> {
  if (signature.length <= 2 || signature.length % 2 !== 0) return INVALID;
  if (!(await universalValidatorAccepts(client, address, hashMessage(message), signature))) return INVALID;
  return { ok: true, signer: isErc6492Signature(signature) ? 'erc6492' : 'erc1271' };
}

/**
 * Runs ERC-6492's universal signature validator in an `eth_call`, without deploying it: it runs the
 * factory call of a wrapped signature, then asks the wallet's ERC-1271 `isValidSignature`, and
 * answers one byte. A revert is its "no" too (a failed deployment, a wallet that reverts); any other
 * failure means the chain gave no verdict. viem's `verifyMessage` cannot be used: it answers `false`
 * for an unreachable chain as well.
 */
async function universalValidatorAccepts(client: Client, address: Hex, hash: Hex, signature: Hex): Promise<boolean> {
  const validation = encodeDeployData({
    abi: erc6492SignatureValidatorAbi,
    bytecode: erc6492SignatureValidatorByteCode,
    args: [address, hash, signature],
  });
  try {
    // No CCIP-Read: a wallet's revert must never make this server fetch a URL the wallet chose.
    const { data } = await call({ ...client, ccipRead: false }, { data: validation });
    return data !== undefined && hexToBool(data);
  } catch (error) {
    if (isRevert(error)) return false;
    const reason = error instanceof BaseError ? [error.shortMessage, error.details].filter(Boolean).join(' ') : `${error}`;
    const message = `the chain could not be reached to verify a smart-contract wallet signature: ${reason}`;
    throw new ChainUnavailableError(message, { cause: error });
  }
}

/**
 * Whether the node answered the call with a revert, rather than not answering it: viem's
 * `ExecutionRevertedError` (code 3 or "execution reverted": geth, anvil and most providers), or an
 * error that carries revert data (hardhat answers -32603 with `data: { data: '0x…' }`).
 */
function isRevert(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk((cause) => cause instanceof ExecutionRevertedError || isHex(revertData(cause))) !== null
  );
}

function revertData(error: unknown): unknown {
  const data = (error as { data?: unknown } | null)?.data;
  return typeof data === 'object' && data !== null ? (data as { data?: unknown }).data : data;
}
