// XMTP's inbox id (SIGNATURES.md §3): SHA-256 of the lowercase address followed by a decimal nonce.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe } from './address.js';
import { addressField } from './fields.js';

const MAX_NONCE = 2n ** 64n - 1n;

/**
 * The id of the inbox `address` creates with `nonce` (XMTP's JavaScript SDKs use 1 for a new
 * inbox, Android 0; real SDKs look the id up on the network first), as 64 lowercase hex digits.
 */
export function inboxId(address: string, nonce: number | bigint = 1): string {
  const owner = addressField(address, 'address');
  const valid =
    typeof nonce === 'bigint' ? nonce >= 0n && nonce <= MAX_NONCE : Number.isSafeInteger(nonce) && nonce >= 0;
  if (!valid) {
    throw new TypeError(
      `nonce must be a whole number from 0 to 2^64 - 1 (a safe integer or a bigint), got ${describe(nonce)}`,
    );
  }
  return bytesToHex(sha256(utf8ToBytes(`${owner}${nonce}`)));
}
