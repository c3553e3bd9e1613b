// The part of the optional peer `secp256k1` (5.x, CommonJS, no types of its own) that recovery uses:
// its native binding alone, never the package's pure-JS fallback (elliptic), which is slower than ours.
declare module 'secp256k1/bindings.js' {
  const binding: {
    ecdsaRecover(signature: Uint8Array, recoveryId: number, messageHash: Uint8Array, compressed: false): Uint8Array;
    /** Used by the benchmark to sign its proofs quickly. */
    ecdsaSign(messageHash: Uint8Array, secretKey: Uint8Array): { signature: Uint8Array; recid: number };
  };
  export default binding;
}
