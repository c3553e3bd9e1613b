// xmtp-subscribe: defines every element and exports their classes and types.
export { XmtpSubscribe } from './elements/subscribe/xmtp-subscribe.js';
export { XmtpError, type XmtpErrorCode } from './elements/shared/errors.js';
export type {
  XmtpConsentSignedDetail,
  XmtpErrorDetail,
  XmtpStatusChangeDetail,
  XmtpSubscribedDetail,
} from './elements/shared/events.js';
export type { Status } from './elements/shared/status.js';
export { englishStrings, type XmtpStrings } from './elements/shared/strings.js';
export type { Eip1193Provider } from './wallet/eip1193.js';
