// Defines <xmtp-link-address>; import this file (or `xmtp-subscribe/link-address`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpLinkAddress } from './xmtp-link-address.component.js';

export { XmtpLinkAddress };
// Its events' details, so `import 'xmtp-subscribe/link-address'` alone types `event.detail`.
export type {
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
} from '../shared/events.js';

defineElement('xmtp-link-address', XmtpLinkAddress);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-link-address': XmtpLinkAddress;
  }
}
