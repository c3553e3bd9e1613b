// Every text the elements show, in English; a page replaces any of them through `strings`.
// `{name}` marks where a value goes, so a translation can move it.
import type { XmtpErrorCode } from '../../internal/errors.js';

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
  /** A refusal because the signed time was off: the reader's clock. */
  refusedClock: string;
  /** A refusal because the list could not verify the signature. */
  refusedSignature: string;
  /** Before a warning, such as a recovery address change, for screen readers. */
  warning: string;
  /** Why a prompt refused a text, one plain sentence each; `{value}` is the address it names. */
  blocked: Record<BlockReason, string>;
}

export const englishStrings: XmtpStrings = {
  unnamedPublisher: 'This sender',
  consentSummary: 'Let {sender} message you on XMTP. Free: no transaction. You can unsubscribe at any time.',
  consentSummaryAccount:
    'Let {sender} message {account} on XMTP. Free: no transaction. You can unsubscribe at any time.',
  unsubscribeSummary: 'Stop {sender} from messaging you: you leave its list. Free: no transaction.',
  sendingAddress: 'Sending address',
  inbox: 'Inbox',
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
  connectWallet: 'Connect wallet',
  chooseWallet: 'Choose a wallet',
  useAnotherWallet: 'Use another wallet',
  openInWalletApp: 'Open this page in your wallet app:',
  whatIsAWallet: 'A wallet is an app that keeps your Ethereum account and signs for you.',
  findAWallet: 'Find a wallet',
  scanToOpenPage: 'Have a wallet app on your phone? Scan this code to open this page there.',
  pageQrLabel: 'QR code of this page',
  walletConnectHeading: 'Connect a phone wallet with WalletConnect',
  walletConnectScan: 'Scan this code with your phone’s wallet app to connect it.',
  walletConnectTap: 'Open your wallet app to connect it, then come back to this page.',
  walletConnectQrLabel: 'WalletConnect QR code to scan with your wallet app',
  walletConnectOpen: 'Open in your wallet app',
  copyLink: 'Copy the link',
  linkCopied: 'Link copied',
  cancel: 'Cancel',
  aboutThis: 'What this does',
  sign: 'Sign',
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
  statusSigned: 'Signed. This page now has your signature.',
  statusSent: 'Signed and sent.',
  requestHeading: 'Your wallet will be asked to sign this XMTP request:',
  signWith: 'Sign with {signer}.',
  signWithNewAddress: 'Sign with {signer}, the address being added.',
  signWithRecoveryAddress: "Sign with {signer}, your inbox's recovery address.",
  actions: {
    'create-inbox':
      'Create an XMTP inbox owned by {value}. {value} also becomes its recovery address, which can later add or remove addresses and apps.',
    'grant-app': 'Let the app installation {value} read and send messages for inbox {inbox}.',
    'link-address':
      'Join inbox {inbox} with {value}: whoever controls inbox {inbox} will read and send the messages of {value}.',
    'unlink-address': 'Remove {value} from inbox {inbox}: it will no longer receive that inbox\'s messages.',
    'revoke-app':
      'Remove the app installation {value} from inbox {inbox}: it can no longer read or send its messages.',
    'change-recovery-address':
      'Give {value} the power to recover inbox {inbox}: it will be able to add and remove addresses and apps, and to undo this change.',
    'link-passkey':
      'Join inbox {inbox} with the passkey {value}: whoever holds it will read and send the messages of inbox {inbox}.',
    'unlink-passkey': 'Remove the passkey {value} from inbox {inbox}: it will no longer sign in to it.',
    consent: 'Let {value} message you on XMTP. Free: no transaction. You can unsubscribe at any time.',
    unsubscribe: 'Stop {value} from messaging you: you leave its list. Free: no transaction.',
    'create-identity': 'Create your legacy XMTP (V2) identity key.',
    'enable-identity':
      'Unlock your legacy XMTP (V2) keys stored on the network. Whoever holds this signature can decrypt them: sign only in apps you trust.',
  },
  errors: {
    'no-wallet': 'No wallet found. Install a wallet extension, or open this page in your wallet app.',
    'user-rejected': 'The wallet did not sign. Nothing was shared.',
    'wrong-account': 'Your wallet is on another account than the one needed. Switch accounts, then try again.',
    'invalid-config': 'This button is not set up correctly, so nothing can be signed here.',
    network: 'Could not reach the server. Try again in a moment.',
    'rejected-by-server': 'The list did not accept this, so nothing was stored. Let the site know.',
    unexpected: 'Something went wrong in this page, not in your wallet. Reload the page and try again.',
  },
  refusedClock: 'Your device’s clock looks wrong, so the list refused the signature. Set the clock right, then reload.',
  refusedSignature: 'The list could not verify your wallet’s signature, so nothing was stored. Try another wallet.',
  warning: 'Warning:',
  blocked: {
    'not-xmtp': 'Blocked: this is not an XMTP signature text, so it is not signed here.',
    recovery: 'Blocked: this would also give {value} the power to recover your inbox.',
    'other-action': 'Blocked: this text asks for something else than this page describes.',
    'other-address': 'Blocked: this text is about {value}, not the address this page names.',
    'other-inbox': 'Blocked: this text is for another inbox than the one this page names.',
  },
};

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

/** The strings for `lang`: that exact tag, else its language alone (`fr-CA` → `fr`), else English. */
export function localeStrings(lang: string): XmtpStrings {
  const tag = lang.toLowerCase();
  return locales().get(tag) ?? locales().get(tag.split('-')[0]!) ?? englishStrings;
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
