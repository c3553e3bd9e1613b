// Defines <xmtp-unlink-address>; import this file (or `xmtp-subscribe/unlink-address`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpUnlinkAddress } from './xmtp-unlink-address.component.js';

export { XmtpUnlinkAddress };

defineElement('xmtp-unlink-address', XmtpUnlinkAddress);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-unlink-address': XmtpUnlinkAddress;
  }
}
