// `import 'xmtp-subscribe/subscribe'` alone (no main entry in this program): the tag, its class and its
// events are typed, `event.detail` included.
import { XmtpSubscribe, type XmtpSubscribedDetail } from 'xmtp-subscribe/subscribe';

const element: XmtpSubscribe | null = document.querySelector('xmtp-subscribe');
element?.addEventListener('xmtp-subscribed', (event) => {
  const detail: XmtpSubscribedDetail = event.detail;
  return detail.subscriber.toLowerCase();
});
element?.addEventListener('xmtp-status-change', (event) => event.detail.previous === 'idle');
element?.addEventListener('xmtp-error', (event) => event.detail.message.length);
// @ts-expect-error an event's detail is typed, so a field it lacks is an error
element?.addEventListener('xmtp-subscribed', (event) => event.detail.noSuchField);

export const created: XmtpSubscribe = document.createElement('xmtp-subscribe');
