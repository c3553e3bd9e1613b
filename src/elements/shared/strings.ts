// Every text the elements show, in English; a page replaces any of them through `strings`.
import type { XmtpErrorCode } from './errors.js';

export interface XmtpStrings {
  /** Stands in for the publisher's name when the page gives none. */
  unnamedPublisher: string;
  consentSummary: (publisherName: string) => string;
  sendingAddress: string;
  showFullAddress: string;
  showShortAddress: string;
  showMessage: string;
  messageTimeNote: string;
  signingAs: string;
  subscribe: string;
  connecting: string;
  sign: string;
  signing: string;
  submitting: string;
  retry: string;
  statusConnecting: string;
  statusConnected: string;
  statusSigning: string;
  statusSubmitting: string;
  statusSubscribed: (publisherName: string) => string;
  /** Done, when the host took over delivery of the signed proof. */
  statusSigned: string;
  errors: Record<XmtpErrorCode, string>;
}

export const englishStrings: XmtpStrings = {
  unnamedPublisher: 'This sender',
  consentSummary: (name) =>
    `Allow ${name} to send messages to your main inbox. Signing costs nothing and sends no transaction.`,
  sendingAddress: 'Sending address',
  showFullAddress: 'Show the full sending address',
  showShortAddress: 'Show the short sending address',
  showMessage: 'Show the exact message',
  messageTimeNote: 'The time is filled in when you sign.',
  signingAs: 'Signing as',
  subscribe: 'Subscribe',
  connecting: 'Connecting…',
  sign: 'Sign to subscribe',
  signing: 'Check your wallet…',
  submitting: 'Subscribing…',
  retry: 'Try again',
  statusConnecting: 'Waiting for your wallet to connect.',
  statusConnected: 'Wallet connected. Sign to subscribe.',
  statusSigning: 'Confirm the signature in your wallet.',
  statusSubmitting: 'Adding you to the list.',
  statusSubscribed: (name) => `Subscribed. ${name} can now reach your inbox.`,
  statusSigned: 'Signed. Your subscription is being delivered.',
  errors: {
    'no-wallet': 'No wallet found. Install a wallet extension, or open this page in your wallet app.',
    'user-rejected': 'The wallet did not sign. Nothing was shared.',
    'wrong-account': 'Your wallet switched accounts. Check the account shown, then sign again.',
    'invalid-config': 'This subscribe button is not set up correctly.',
    network: 'Could not reach the server. Your signature is kept: try again.',
    'rejected-by-server': 'The server refused this subscription.',
  },
};

/** English with a page's replacements on top; error texts merge one by one. */
export function mergeStrings(overrides: Partial<XmtpStrings> | undefined): XmtpStrings {
  if (!overrides) return englishStrings;
  return { ...englishStrings, ...overrides, errors: { ...englishStrings.errors, ...overrides.errors } };
}
