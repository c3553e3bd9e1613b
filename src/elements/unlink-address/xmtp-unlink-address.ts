// Defines <xmtp-unlink-address>; import this file (or `xmtp-subscribe/unlink-address`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpUnlinkAddress } from './xmtp-unlink-address.component.js';

export { XmtpUnlinkAddress };
// Its events' details, so `import 'xmtp-subscribe/unlink-address'` alone types `event.detail`.
export type {
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
} from '../shared/events.js';

defineElement('xmtp-unlink-address', XmtpUnlinkAddress);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-unlink-address': XmtpUnlinkAddress;
  }
}
