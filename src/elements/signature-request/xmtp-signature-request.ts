// Defines <xmtp-signature-request>; import this file (or `xmtp-subscribe/signature-request`) to use the tag.
import { defineElement } from '../shared/define.js';
import { XmtpSignatureRequest } from './xmtp-signature-request.component.js';

export { XmtpSignatureRequest };
// Its events' details, so `import 'xmtp-subscribe/signature-request'` alone types `event.detail`.
export type {
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
} from '../shared/events.js';

defineElement('xmtp-signature-request', XmtpSignatureRequest);

declare global {
  interface HTMLElementTagNameMap {
    'xmtp-signature-request': XmtpSignatureRequest;
  }
}
