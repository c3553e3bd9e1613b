// Type tests (checked by `npm run typecheck`, never run): every element's events are typed on
// `addEventListener`, through the GlobalEventHandlersEventMap that events.ts derives.
import type {} from '../../src/index.js';

const subscribe = document.querySelector('xmtp-subscribe')!;

subscribe.addEventListener('xmtp-subscribed', (event) => event.detail.subscriber.toLowerCase());
subscribe.addEventListener('xmtp-status-change', (event) => event.detail.previous === 'idle');
document.addEventListener('xmtp-signature', (event) => event.detail.parsed.kind);

// @ts-expect-error the detail of xmtp-subscribed has no `text`
subscribe.addEventListener('xmtp-subscribed', (event) => event.detail.text);

// @ts-expect-error the detail of xmtp-error has a `code`, never a number
document.addEventListener('xmtp-error', (event) => event.detail.code.toFixed());
