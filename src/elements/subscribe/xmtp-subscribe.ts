// Defines <xmtp-subscribe>; import this file (or `xmtp-subscribe/subscribe`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpSubscribe } from './xmtp-subscribe.component.js';

export { XmtpSubscribe };

defineElement('xmtp-subscribe', XmtpSubscribe);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-subscribe': XmtpSubscribe;
  }
}
