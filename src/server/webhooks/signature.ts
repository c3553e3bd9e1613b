// How a webhook receiver knows a POST came from this server: an HMAC-SHA256 of the raw body with the
// shared secret, in the X-Xmtp-Subscribe-Signature header as `sha256=<hex>`. Computed with
// @noble/hashes, not node:crypto, so the handler also runs in worker runtimes.
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

export const SIGNATURE_HEADER = 'X-Xmtp-Subscribe-Signature';

/** The header's value for `body` signed with `secret`. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(body)))}`;
}
