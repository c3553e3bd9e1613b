// What the action button and the live status region say in each status: wording only, no state.
import type { XmtpError } from '../../internal/errors.js';
import type { Status } from './status.js';
import type { XmtpStrings } from './strings.js';

/** The words an element speaks with, and its own labels for the steps that differ by element. */
export interface Wording {
  words: XmtpStrings;
  /** The button before the first click ("Subscribe", "Connect wallet"). */
  start: string;
  /** The button once connected ("Sign to subscribe", "Sign"). */
  sign: string;
  /** The status once done. */
  done: string;
  /** The status while idle: empty, unless a flow just ended there (the reader left the list). */
  idle: string;
  failure: XmtpError | undefined;
  /** The element's own plain words for the failure shown, when it has better ones than its code's. */
  explained: string | undefined;
  configError: XmtpError | undefined;
  /** A wallet is there: a `no-wallet` failure then means it is not connected, not that there is none. */
  walletFound: boolean;
}

export function actionLabel(status: Status, { words, start, sign, configError }: Wording): string {
  switch (status) {
    case 'checking':
      return words.checking;
    case 'connecting':
      return words.connecting;
    case 'connected':
      return sign;
    case 'signing':
      return words.signing;
    case 'submitting':
      return words.submitting;
    case 'queued':
      return words.sendNow;
    case 'error':
      return configError ? start : words.retry;
    default:
      return start;
  }
}

export function statusText(status: Status, { words, done, idle, failure, explained, walletFound }: Wording): string {
  switch (status) {
    case 'idle':
      return idle;
    case 'checking':
      return words.statusChecking;
    case 'picking':
      return words.statusPicking;
    case 'connecting':
      return words.statusConnecting;
    case 'connected':
      return words.statusConnected;
    case 'signing':
      return words.statusSigning;
    case 'submitting':
      return words.statusSubmitting;
    case 'queued':
      return words.statusQueued;
    case 'done':
      return done;
    case 'error': {
      // One plain sentence for the reader; the details go to developers in `xmtp-error`.
      const { code, serverCode = '' } = failure!;
      if (explained) return explained;
      if (code === 'no-wallet' && walletFound) return words.walletNotConnected;
      if (serverCode === 'stale_proof' || serverCode === 'future_proof') return words.refusedClock;
      return serverCode === 'invalid_signature' ? words.refusedSignature : words.errors[code];
    }
  }
}
