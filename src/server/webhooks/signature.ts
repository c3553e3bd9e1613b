// How a webhook receiver knows a POST came from this server: an HMAC-SHA256 of the raw body with the
// shared secret, in the X-Xmtp-Subscribe-Signature header as `sha256=<hex>`.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Xmtp-Subscribe-Signature';

/** The header's value for `body` signed with `secret`. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
