// xmtp-subscribe: defines every element and exports their classes and types.
export { XmtpLinkAddress } from './elements/link-address/xmtp-link-address.js';
export { XmtpSignatureRequest } from './elements/signature-request/xmtp-signature-request.js';
export { XmtpSubscribe } from './elements/subscribe/xmtp-subscribe.js';
export { XmtpUnlinkAddress } from './elements/unlink-address/xmtp-unlink-address.js';
export { XmtpError, type XmtpErrorCode } from './internal/errors.js';
export type {
  XmtpConsentSignedDetail,
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
  XmtpSubscribedDetail,
  XmtpUnsubscribedDetail,
} from './elements/shared/events.js';
export type { Status } from './elements/shared/status.js';
export { englishStrings, registerLocale, type XmtpStrings } from './elements/shared/strings.js';
export type { Eip1193Provider } from './wallet/eip1193.js';
