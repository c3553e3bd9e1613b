// Edits of a 65-byte signature for the tests of XMTP's signature rules: its v, and its high-s twin.

/** The secp256k1 group order. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The signature with its last byte (v) replaced. */
export function withV(signature: string, v: number): string {
  return signature.slice(0, -2) + v.toString(16).padStart(2, '0');
}

export const vOf = (signature: string) => Number.parseInt(signature.slice(-2), 16);
export const sOf = (signature: string) => BigInt(`0x${signature.slice(66, 130)}`);

/** The same signature with s' = n - s and the recovery bit flipped (27 <-> 28, 0 <-> 1): same signer. */
export function highSTwin(signature: string): string {
  const v = vOf(signature);
  const flipped = v === 27 ? 28 : v === 28 ? 27 : v ^ 1;
  return withV(signature.slice(0, 66) + (SECP256K1_N - sOf(signature)).toString(16).padStart(64, '0') + '00', flipped);
}
