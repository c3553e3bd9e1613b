// `import 'xmtp-subscribe/signature-request'` alone (no main entry in this program): the tag, its class and its
// events are typed, `event.detail` included.
import { XmtpSignatureRequest, type XmtpSignatureDetail } from 'xmtp-subscribe/signature-request';

const element: XmtpSignatureRequest | null = document.querySelector('xmtp-signature-request');
element?.addEventListener('xmtp-signature', (event) => {
  const detail: XmtpSignatureDetail = event.detail;
  return detail.signer.toLowerCase();
});
element?.addEventListener('xmtp-status-change', (event) => event.detail.previous === 'idle');
element?.addEventListener('xmtp-error', (event) => event.detail.message.length);
// @ts-expect-error an event's detail is typed, so a field it lacks is an error
element?.addEventListener('xmtp-signature', (event) => event.detail.noSuchField);

export const created: XmtpSignatureRequest = document.createElement('xmtp-signature-request');
