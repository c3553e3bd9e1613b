// Defines <xmtp-subscribe>; import this file (or `xmtp-subscribe/subscribe`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpSubscribe } from './xmtp-subscribe.component.js';

export { XmtpSubscribe };
// Its events' details, so `import 'xmtp-subscribe/subscribe'` alone types `event.detail`.
export type {
  XmtpConsentSignedDetail,
  XmtpErrorDetail,
  XmtpStatusChangeDetail,
  XmtpSubscribedDetail,
  XmtpUnsubscribedDetail,
} from '../shared/events.js';

defineElement('xmtp-subscribe', XmtpSubscribe);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-subscribe': XmtpSubscribe;
  }
}
