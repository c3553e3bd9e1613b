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
export function senderText(format: SenderTextFormat, publisher: string, timestampMs: number): string {
  return checksummedSenderText(format, checksumAddress(publisher, 'publisher'), timestampMs);
}

/**
 * `senderText` for a `publisher` the caller has EIP-55 checksummed already, used as given: a
 * verifier that checksummed it on reading saves a keccak.
 */
export function checksummedSenderText({ header, footer }: SenderTextFormat, publisher: string, timestampMs: number): string {
  assertTimestamp(timestampMs, 0);
  return [header, '', `Current Time: ${new Date(timestampMs).toUTCString()}`, `From Address: ${publisher}`, '', footer].join(
    '\n',
  );
}
