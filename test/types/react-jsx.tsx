// Type tests (checked by `npm run typecheck`, never run): the tags are typed in React 19 JSX once
// `xmtp-subscribe/react/jsx` is imported.
import type {} from '../../src/react/jsx.js';

export const typed = (
  <>
    <xmtp-subscribe
      publisher="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
      publisher-name="The Gazette"
      theme="dark"
      onxmtp-subscribed={(event) => event.detail.subscriber.toLowerCase()}
      onxmtp-error={(event) => event.detail.code === 'network'}
    />
    <xmtp-link-address inbox-id="ab" address="0x70997970C51812dc3A010C7d01b50e0d17dc79C8" />
  </>
);

// @ts-expect-error theme is light or dark
export const wrongTheme = <xmtp-subscribe theme="blue" />;

// @ts-expect-error the detail of xmtp-subscribed has no `text`
export const wrongDetail = <xmtp-subscribe onxmtp-subscribed={(event) => event.detail.text} />;
