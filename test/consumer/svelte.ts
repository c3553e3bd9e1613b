// xmtp-subscribe/svelte: svelte/elements knows each tag's attributes, properties and event attributes.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from 'xmtp-subscribe/svelte';

export const subscribe: SvelteHTMLElements['xmtp-subscribe'] = {
  publisher: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  'publisher-name': 'The Gazette',
  class: 'wide',
  'onxmtp-subscribed': (event) => event.detail.subscriber.toLowerCase(),
  'on:xmtp-error': (event) => event.detail.code === 'network',
};
export const link: SvelteHTMLElements['xmtp-link-address'] = { 'inbox-id': 'ab', 'onxmtp-signature': (event) => event.detail.parsed.kind };
// @ts-expect-error the detail of xmtp-subscribed has no `text`
export const wrongDetail: SvelteHTMLElements['xmtp-subscribe'] = { 'onxmtp-subscribed': (event) => event.detail.text };
// @ts-expect-error theme is light, dark or auto
export const wrongTheme: SvelteHTMLElements['xmtp-subscribe'] = { theme: 'blue' };
