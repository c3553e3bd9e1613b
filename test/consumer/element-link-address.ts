// `import 'xmtp-subscribe/link-address'` alone (no main entry in this program): the tag, its class and its
// events are typed, `event.detail` included.
import { XmtpLinkAddress, type XmtpSignatureDetail } from 'xmtp-subscribe/link-address';

const element: XmtpLinkAddress | null = document.querySelector('xmtp-link-address');
element?.addEventListener('xmtp-signature', (event) => {
  const detail: XmtpSignatureDetail = event.detail;
  return detail.signer.toLowerCase();
});
element?.addEventListener('xmtp-status-change', (event) => event.detail.previous === 'idle');
element?.addEventListener('xmtp-error', (event) => event.detail.message.length);
// @ts-expect-error an event's detail is typed, so a field it lacks is an error
element?.addEventListener('xmtp-signature', (event) => event.detail.noSuchField);

export const created: XmtpLinkAddress = document.createElement('xmtp-link-address');
