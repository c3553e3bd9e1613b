// Who signed a plain wallet's EIP-191 signature: the address the public key recovered from it hashes
// to. Two implementations give the same verdict on every input (test/node/verify-native.test.ts):
// libsecp256k1 through the optional peer `secp256k1` (about 18× faster), and @noble/curves 2 in
// pure JavaScript. Both run synchronously, in the main thread or in the recovery pool's workers.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { checksumAddress } from '../../core/address.js';
import { SECP256K1_N } from '../../core/canonical-signature.js';

/** The EIP-55 address that made `signature` over `message`, or `undefined` when none did. */
export type RecoverSigner = (message: string, signature: string) => string | undefined;

export type RecoveryKind = 'native' | 'pure';

export interface SignerRecovery {
  kind: RecoveryKind;
  recover: RecoverSigner;
}

/** The public key of a signature's key, uncompressed (65 bytes, 0x04 first); throws when there is none. */
type RecoverPublicKey = (rs: Uint8Array, recoveryId: 0 | 1, messageHash: Uint8Array) => Uint8Array;

const PLAIN_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/** Recovery by @noble/curves 2 (pure JavaScript). */
export const pureRecovery: SignerRecovery = {
  kind: 'pure',
  recover: recoverWith((rs, recoveryId, messageHash) =>
    secp256k1.Signature.fromBytes(rs, 'compact').addRecoveryBit(recoveryId).recoverPublicKey(messageHash).toBytes(false),
  ),
};

/**
 * Recovery by libsecp256k1 when the optional peer `secp256k1` is installed with a native build for
 * this platform; else `undefined` and why not, in a few words. Never its pure-JS fallback.
 */
export async function nativeRecovery(): Promise<{ recovery?: SignerRecovery; reason: string }> {
  let binding: (typeof import('secp256k1/bindings.js'))['default'];
  try {
    binding = (await import('secp256k1/bindings.js')).default;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    return { reason: missing ? 'secp256k1 is not installed' : `secp256k1 did not load (${(error as Error).message.split('\n')[0]})` };
  }
  const recover = recoverWith((rs, recoveryId, messageHash) => binding.ecdsaRecover(rs, recoveryId, messageHash, false));
  return { recovery: { kind: 'native', recover }, reason: 'secp256k1 native binding' };
}

/** The best recovery here: native when it loads, else pure. */
export async function bestRecovery(): Promise<SignerRecovery> {
  return (await nativeRecovery()).recovery ?? pureRecovery;
}

/**
 * A `RecoverSigner` on `publicKeyOf`. What either implementation might judge differently is decided
 * here, before it is asked: the shape (65 bytes, v 0, 1, 27 or 28, so the recovery id is 0 or 1)
 * and r and s from 1 to n − 1. A high s is not refused: it recovers the same key, as with viem, and
 * each verifier decides whether it accepts that.
 */
function recoverWith(publicKeyOf: RecoverPublicKey): RecoverSigner {
  return (message, signature) => {
    if (!PLAIN_SIGNATURE.test(signature)) return undefined;
    const v = Number.parseInt(signature.slice(130), 16);
    if (v !== 0 && v !== 1 && v !== 27 && v !== 28) return undefined;
    const r = BigInt(`0x${signature.slice(2, 66)}`);
    const s = BigInt(`0x${signature.slice(66, 130)}`);
    if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) return undefined;
    let publicKey: Uint8Array;
    try {
      publicKey = publicKeyOf(hexToBytes(signature.slice(2, 130)), (v % 27) as 0 | 1, eip191Hash(message));
    } catch {
      // r is no point's x, or the key would be the point at infinity: no key made this signature.
      return undefined;
    }
    return checksumAddress(`0x${bytesToHex(keccak_256(publicKey.subarray(1))).slice(24)}`);
  };
}

/** The hash a wallet signs for `personal_sign` (EIP-191 version 0x45) of `message`. */
export function eip191Hash(message: string): Uint8Array {
  const text = utf8ToBytes(message);
  const prefix = utf8ToBytes(`\x19Ethereum Signed Message:\n${text.length}`);
  const whole = new Uint8Array(prefix.length + text.length);
  whole.set(prefix);
  whole.set(text, prefix.length);
  return keccak_256(whole);
}
