// `import 'xmtp-subscribe/unlink-address'` alone (no main entry in this program): the tag, its class and its
// events are typed, `event.detail` included.
import { XmtpUnlinkAddress, type XmtpSignatureDetail } from 'xmtp-subscribe/unlink-address';

const element: XmtpUnlinkAddress | null = document.querySelector('xmtp-unlink-address');
element?.addEventListener('xmtp-signature', (event) => {
  const detail: XmtpSignatureDetail = event.detail;
  return detail.signer.toLowerCase();
});
element?.addEventListener('xmtp-status-change', (event) => event.detail.previous === 'idle');
element?.addEventListener('xmtp-error', (event) => event.detail.message.length);
// @ts-expect-error an event's detail is typed, so a field it lacks is an error
element?.addEventListener('xmtp-signature', (event) => event.detail.noSuchField);

export const created: XmtpUnlinkAddress = document.createElement('xmtp-unlink-address');
