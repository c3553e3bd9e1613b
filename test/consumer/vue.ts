// xmtp-subscribe/vue: Vue's GlobalComponents know each tag, its properties and its event listeners.
import type { GlobalComponents } from 'vue';
import type {} from 'xmtp-subscribe/vue';

type Props<Tag extends keyof GlobalComponents> = GlobalComponents[Tag] extends new () => { $props: infer P } ? P : never;

export const subscribe: Props<'xmtp-subscribe'> = {
  publisher: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  publisherName: 'The Gazette',
  class: 'wide',
  onXmtpSubscribed: (event) => event.detail.subscriber.toLowerCase(),
  onXmtpStatusChange: (event) => event.detail.previous === 'idle',
};
export const link: Props<'xmtp-link-address'> = { inboxId: 'ab', onXmtpSignature: (event) => event.detail.parsed.kind };
// @ts-expect-error the detail of xmtp-subscribed has no `text`
export const wrongDetail: Props<'xmtp-subscribe'> = { onXmtpSubscribed: (event) => event.detail.text };
// @ts-expect-error theme is light, dark or auto
export const wrongTheme: Props<'xmtp-subscribe'> = { theme: 'blue' };
