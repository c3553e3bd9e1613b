// The layout the consent text (SIGNATURES.md §1) and the withdrawal (§6) share: a header, the time
// and the publisher's address, a footer. Each kind names only its header and footer, so both are
// built, parsed and verified the same way.
import { checksumAddress } from './address.js';
import { assertTimestamp } from './fields.js';

/** The two lines that tell one sender text from another. */
export interface SenderTextFormat {
  header: string;
  footer: string;
}

/**
 * The text in `format` for `publisher` (EIP-55 checksummed, as verifiers rebuild it) at
 * `timestampMs`, written as `toUTCString()` does, in whole seconds.
 */
export function senderText({ header, footer }: SenderTextFormat, publisher: string, timestampMs: number): string {
  const sender = checksumAddress(publisher, 'publisher');
  assertTimestamp(timestampMs, 0);
  return [header, '', `Current Time: ${new Date(timestampMs).toUTCString()}`, `From Address: ${sender}`, '', footer].join(
    '\n',
  );
}
