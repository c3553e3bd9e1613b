// Every text the elements show, in English; a page replaces any of them through `strings`.
// `{name}` marks where a value goes, so a translation can move it.
import type { XmtpErrorCode } from '../../internal/errors.js';
import { helpEnglish } from './strings-help.js';
import { requestEnglish } from './strings-request.js';

/** Why an identity prompt refuses a text for what it says; each has one plain sentence. */
export type BlockReason = 'not-xmtp' | 'recovery' | 'other-action' | 'other-address' | 'other-inbox';

export interface XmtpStrings {
  /** Stands in for the publisher's name when the page gives none. */
  unnamedPublisher: string;
  /** What signing the consent does; `{sender}` is the publisher's name and short address. */
  consentSummary: string;
  /** The same once a wallet is connected; `{account}` is the reader's short address. */
  consentSummaryAccount: string;
  /** What signing the withdrawal does (unsubscribing). */
  unsubscribeSummary: string;
  sendingAddress: string;
  inbox: string;
  showMessage: string;
  messageTimeNote: string;
  signingAs: string;
  subscribe: string;
  signToSubscribe: string;
  unsubscribe: string;
  signToUnsubscribe: string;
  staySubscribed: string;
  /** Once subscribed: `{account}` is the reader's address. */
  subscribedAs: string;
  /** Once subscribed: `{link}` is the link to an XMTP app (`inbox-url`). */
  readMessages: string;
  checking: string;
  connectWallet: string;
  chooseWallet: string;
  useAnotherWallet: string;
  /** On a phone without a wallet in the browser, before the links to wallet apps. */
  openInWalletApp: string;
  /** On a computer without a wallet: what a wallet is, before a link to find one. */
  whatIsAWallet: string;
  findAWallet: string;
  /** On a computer without a wallet, before the QR code of the page. */
  scanToOpenPage: string;
  /** What the page's QR code is, for screen readers. */
  pageQrLabel: string;
  /** The WalletConnect pairing panel's name, for screen readers. */
  walletConnectHeading: string;
  /** On a computer, above the WalletConnect QR code. */
  walletConnectScan: string;
  /** On a phone, above the link that opens the wallet app. */
  walletConnectTap: string;
  /** What the WalletConnect QR code is, for screen readers. */
  walletConnectQrLabel: string;
  walletConnectOpen: string;
  copyLink: string;
  linkCopied: string;
  cancel: string;
  /** The compact card's disclosure of who and what. */
  aboutThis: string;
  sign: string;
  connecting: string;
  signing: string;
  submitting: string;
  retry: string;
  sendNow: string;
  statusChecking: string;
  statusPicking: string;
  statusConnecting: string;
  statusConnected: string;
  statusSigning: string;
  statusSubmitting: string;
  statusQueued: string;
  statusSubscribed: string;
  /** After leaving the list. */
  statusUnsubscribed: string;
  /** Done, when the page took over delivery of the signed consent. */
  statusHandedOver: string;
  /** Done, when the signature went to the page only. */
  statusSigned: string;
  /** Done, when the signature went to the page and its endpoint. */
  statusSent: string;
  requestHeading: string;
  signWith: string;
  signWithNewAddress: string;
  signWithRecoveryAddress: string;
  /** One plain sentence per XMTP action or legacy text; `{value}` is its address, id or key. */
  actions: Record<
    | 'create-inbox'
    | 'grant-app'
    | 'link-address'
    | 'unlink-address'
    | 'revoke-app'
    | 'change-recovery-address'
    | 'link-passkey'
    | 'unlink-passkey'
    | 'consent'
    | 'unsubscribe'
    | 'create-identity'
    | 'enable-identity',
    string
  >;
  errors: Record<XmtpErrorCode, string>;
  /** `no-wallet` when a wallet is there: it is disconnected, locked, or shared no account. */
  walletNotConnected: string;
  /** A refusal because the signed time was off: the reader's clock. */
  refusedClock: string;
  /** A refusal because the list could not verify the signature. */
  refusedSignature: string;
  /** Before a warning, such as a recovery address change, for screen readers. */
  warning: string;
  /** Why a prompt refused a text, one plain sentence each; `{value}` is the address it names. */
  blocked: Record<BlockReason, string>;
}

/** The texts of the controls few readers see, whose English loads with them (./strings-help.ts). */
export type HelpWord =
  | 'chooseWallet'
  | 'cancel'
  | 'openInWalletApp'
  | 'whatIsAWallet'
  | 'findAWallet'
  | 'scanToOpenPage'
  | 'pageQrLabel'
  | 'walletConnectHeading'
  | 'walletConnectScan'
  | 'walletConnectTap'
  | 'walletConnectQrLabel'
  | 'walletConnectOpen'
  | 'copyLink'
  | 'linkCopied';

/** The texts only the identity prompts show (./strings-request.ts). */
export type RequestWord =
  | 'requestHeading'
  | 'signWith'
  | 'signWithNewAddress'
  | 'signWithRecoveryAddress'
  | 'actions'
  | 'warning'
  | 'blocked'
  | 'inbox'
  | 'sign'
  | 'connectWallet'
  | 'statusSent'
  | 'statusSigned';

/** The English every element shows. */
export const commonEnglish: Omit<XmtpStrings, HelpWord | RequestWord> = {
  unnamedPublisher: 'This sender',
  consentSummary: 'Let {sender} message you on XMTP. Free: no transaction. You can unsubscribe at any time.',
  consentSummaryAccount:
    'Let {sender} message {account} on XMTP. Free: no transaction. You can unsubscribe at any time.',
  unsubscribeSummary: 'Stop {sender} from messaging you: you leave its list. Free: no transaction.',
  sendingAddress: 'Sending address',
  showMessage: 'Show the exact message',
  messageTimeNote: 'The time is filled in when you sign.',
  signingAs: 'Signing as',
  subscribe: 'Subscribe',
  signToSubscribe: 'Sign to subscribe',
  unsubscribe: 'Unsubscribe',
  signToUnsubscribe: 'Sign to unsubscribe',
  staySubscribed: 'Stay subscribed',
  subscribedAs: 'Subscribed as {account}.',
  readMessages: 'Read its messages in any XMTP app, such as {link}.',
  checking: 'Checking…',
  useAnotherWallet: 'Use another wallet',
  aboutThis: 'What this does',
  connecting: 'Connecting…',
  signing: 'Check your wallet…',
  submitting: 'Sending…',
  retry: 'Try again',
  sendNow: 'Send now',
  statusChecking: 'Checking your subscription.',
  statusPicking: 'Several wallets are installed: choose the one to sign with.',
  statusConnecting: 'Waiting for your wallet to connect.',
  statusConnected: 'Wallet connected. Check the details, then sign.',
  statusSigning: 'Confirm the signature in your wallet.',
  statusSubmitting: 'Sending your signature.',
  statusQueued: 'The server cannot be reached. Your signature is saved in this browser and will be sent automatically.',
  statusSubscribed: 'You are on the list of {name}.',
  statusUnsubscribed: 'You left the list of {name}. You can subscribe again at any time.',
  statusHandedOver: 'Signed. This page will deliver your subscription.',
  errors: {
    'no-wallet': 'No wallet found. Install a wallet extension, or open this page in your wallet app.',
    'user-rejected': 'The wallet did not sign. Nothing was shared.',
    'wrong-account': 'Your wallet is on another account than the one needed. Switch accounts, then try again.',
    'invalid-config': 'This button is not set up correctly, so nothing can be signed here.',
    network: 'Could not reach the server. Try again in a moment.',
    'rejected-by-server': 'The list did not accept this, so nothing was stored. Let the site know.',
    unexpected: 'Something went wrong in this page, not in your wallet. Reload the page and try again.',
  },
  walletNotConnected: 'Your wallet is not connected. Open it, then try again.',
  refusedClock: 'Your device’s clock looks wrong, so the list refused the signature. Set the clock right, then reload.',
  refusedSignature: 'The list could not verify your wallet’s signature, so nothing was stored. Try another wallet.',
};

/** Every English text, as pages and translators read them. */
export const englishStrings: XmtpStrings = { ...commonEnglish, ...helpEnglish, ...requestEnglish };

/**
 * The registered locales. They live on `globalThis` under a registry symbol so that a locale file
 * loaded as its own script reaches the elements of the CDN file, which is a separate bundle.
 */
function locales(): Map<string, XmtpStrings> {
  const global = globalThis as { [LOCALES]?: Map<string, XmtpStrings> };
  return (global[LOCALES] ??= new Map());
}

const LOCALES = Symbol.for('xmtp-subscribe.locales');

/** Fired on `globalThis` when a locale registers, so elements already shown can speak it. */
export const LOCALE_REGISTERED = 'xmtp-locale-registered';

/** Registers the strings for `lang` (a BCP 47 tag such as `fr` or `pt-BR`). */
export function registerLocale(lang: string, strings: XmtpStrings): void {
  locales().set(lang.toLowerCase(), strings);
  globalThis.dispatchEvent?.(new Event(LOCALE_REGISTERED));
}

/**
 * The strings for `lang`: that exact tag, else its language alone (`fr-CA` → `fr`), else English.
 * English without the help's and the identity prompts' texts: the code that shows them adds their
 * English, so that each file carries only the words it can show.
 */
export function localeStrings(lang: string): XmtpStrings {
  const tag = lang.toLowerCase();
  return locales().get(tag) ?? locales().get(tag.split('-')[0]!) ?? (commonEnglish as XmtpStrings);
}

/** `base` with a page's replacements on top; action and error texts merge one by one. */
export function mergeStrings(base: XmtpStrings, overrides: Partial<XmtpStrings> | undefined): XmtpStrings {
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    actions: { ...base.actions, ...overrides.actions },
    errors: { ...base.errors, ...overrides.errors },
    blocked: { ...base.blocked, ...overrides.blocked },
  };
}

/** `template` with each `{key}` replaced by `values[key]`, as parts lit can render in order. */
export function fill<T>(template: string, values: Record<string, T>): (string | T)[] {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? (values[part] ?? `{${part}}`) : part));
}
