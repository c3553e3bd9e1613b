// The one form a plain-wallet signature is kept in: lowercase hex, low s, v 27/28. XMTP's consent
// validator accepts several spellings of the same signature (uppercase, v 0/1, the high-s twin);
// storing this form makes them all the same bytes. Used by the server; the elements never import it.
import { describe } from './address.js';

/**
 * The order n of secp256k1's group. Written out rather than imported: core stays free of
 * @noble/curves, which only the server's signature recovery uses (a test checks the two agree).
 */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = SECP256K1_N / 2n;
const PLAIN_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/** The s of a 65-byte signature: the 32 bytes after r. */
function sOf(signature: string): bigint {
  return BigInt(`0x${signature.slice(66, 130)}`);
}

/** Whether a 65-byte signature's s is above n/2 (EIP-2): the high-s twin of the same key's signature. */
export function hasHighS(signature: string): boolean {
  return sOf(signature) > HALF_N;
}

/**
 * `signature` (`0x` + 65 bytes, v 0, 1, 27 or 28, any casing) in canonical form: lowercase hex,
 * s at most n/2 (a high s becomes n − s and v flips, which recovers the same signer), v 27 or 28.
 * Throws a `TypeError` saying what is wrong for anything else, including r or s outside 1 to n − 1,
 * which no key can have made.
 */
export function canonicalSignature(signature: string): `0x${string}` {
  if (typeof signature !== 'string' || !PLAIN_SIGNATURE.test(signature)) {
    throw new TypeError(`signature must be 0x followed by 65 bytes (130 hex digits), got ${describe(signature)}`);
  }
  const v = Number.parseInt(signature.slice(130), 16);
  if (v !== 0 && v !== 1 && v !== 27 && v !== 28) {
    throw new TypeError(`signature's v (its last byte) must be 0, 1, 27 or 28, got ${v}`);
  }
  const r = BigInt(`0x${signature.slice(2, 66)}`);
  const s = sOf(signature);
  if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) {
    throw new TypeError(`signature's r and s must each be from 1 to n - 1 of secp256k1, got ${describe(signature)}`);
  }
  const parity = v % 27;
  const [lowS, lowParity] = s > HALF_N ? [SECP256K1_N - s, parity ^ 1] : [s, parity];
  return `0x${hex32(r)}${hex32(lowS)}${(27 + lowParity).toString(16)}`;
}

function hex32(value: bigint): string {
  return value.toString(16).padStart(64, '0');
}
