// The typed DOM events of every element: bubbling, composed, prefixed `xmtp-`.
import type { ParsedSignatureText } from '../../core/parse.js';
import type { XmtpErrorCode } from '../../internal/errors.js';
import type { Status } from './status.js';

export interface XmtpStatusChangeDetail {
  status: Status;
  previous: Status;
}

export interface XmtpConsentSignedDetail {
  /** The publisher, EIP-55 checksummed, as in the signed text. */
  publisher: string;
  /** The reader's address that signed. */
  subscriber: string;
  timestampMs: number;
  signature: string;
  /** Standard base64 of XMTP's ConsentProofPayload bytes, ready to POST. */
  consentProof: string;
}

export interface XmtpSubscribedDetail {
  publisher: string;
  subscriber: string;
  /** When the reader signed, in ms (the proof's timestamp). */
  consentedAt: number;
  /** False when the list already had a record of this reader: on it, or left earlier. */
  created: boolean;
  /**
   * The endpoint's receipt for this reader: with it, `GET endpoint?publisher&subscriber&receipt`
   * answers this reader's state (and nobody else's). Absent when the endpoint gave none.
   */
  receipt?: string;
}

export interface XmtpUnsubscribedDetail {
  publisher: string;
  subscriber: string;
  /** When the reader signed the withdrawal, in ms (whole seconds, as the list keeps it). */
  changedAt: number;
  /** As for `xmtp-subscribed`. */
  receipt?: string;
}

export interface XmtpSignatureDetail {
  /** The exact text that was signed. */
  text: string;
  signature: `0x${string}`;
  /** The account that signed, EIP-55 checksummed. */
  signer: `0x${string}`;
  /** What the text says, as `parseSignatureText` reads it. */
  parsed: ParsedSignatureText;
}

export interface XmtpErrorDetail {
  code: XmtpErrorCode;
  message: string;
  serverCode?: string;
}

export interface XmtpEventDetails {
  'xmtp-status-change': XmtpStatusChangeDetail;
  'xmtp-consent-signed': XmtpConsentSignedDetail;
  'xmtp-subscribed': XmtpSubscribedDetail;
  'xmtp-unsubscribed': XmtpUnsubscribedDetail;
  'xmtp-signature': XmtpSignatureDetail;
  'xmtp-error': XmtpErrorDetail;
}

/** Each event as a listener receives it: a `CustomEvent` carrying its detail. */
export type XmtpEventMap = { [Name in keyof XmtpEventDetails]: CustomEvent<XmtpEventDetails[Name]> };

declare global {
  interface GlobalEventHandlersEventMap extends XmtpEventMap {}
}

/** Dispatches a typed event from `target`; answers false when a cancelable one was prevented. */
export function emit<K extends keyof XmtpEventDetails>(
  target: EventTarget,
  name: K,
  detail: XmtpEventDetails[K],
  { cancelable = false } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
