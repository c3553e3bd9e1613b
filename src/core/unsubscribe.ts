// The withdrawal, "Withdraw inbox consent from sender" (SIGNATURES.md §6): this project's own text,
// since XMTP has none; laid out like the consent text so both are built and verified the same way.
import { senderText, type SenderTextFormat } from './sender-text.js';

/** Deliberately not `XMTP : …`: this is no XMTP protocol message. */
export const UNSUBSCRIBE_HEADER = 'Unsubscribe : Withdraw inbox consent from sender';
export const UNSUBSCRIBE_FOOTER = 'Signing this stops messages from this sender. It costs nothing.';
export const UNSUBSCRIBE_TEXT: SenderTextFormat = { header: UNSUBSCRIBE_HEADER, footer: UNSUBSCRIBE_FOOTER };

/**
 * The exact text a reader signs to leave `publisher`'s list, with the publisher EIP-55 checksummed
 * and the time in whole seconds, as the server rebuilds it.
 */
export function unsubscribeMessage(publisher: string, timestampMs: number): string {
  return senderText(UNSUBSCRIBE_TEXT, publisher, timestampMs);
}
