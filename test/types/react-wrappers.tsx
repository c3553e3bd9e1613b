// Type tests (checked by `npm run typecheck`, never run): the generated React wrappers take the
// elements' properties and type their `onXmtp…` event props from events.ts.
import { XmtpLinkAddress, XmtpSubscribe } from '../../src/react/index.js';

export const typed = (
  <>
    <XmtpSubscribe
      publisher="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
      publisherName="The Gazette"
      onXmtpSubscribed={(event) => event.detail.subscriber.toLowerCase()}
      onXmtpConsentSigned={(event) => event.detail.consentProof.length}
      onXmtpStatusChange={(event) => event.detail.previous === 'idle'}
    />
    <XmtpLinkAddress inboxId="ab" onXmtpSignature={(event) => event.detail.parsed.kind} />
  </>
);

// @ts-expect-error the detail of xmtp-subscribed has no `text`
export const wrongDetail = <XmtpSubscribe onXmtpSubscribed={(event) => event.detail.text} />;

// @ts-expect-error <xmtp-link-address> fires no xmtp-subscribed
export const wrongEvent = <XmtpLinkAddress onXmtpSubscribed={() => {}} />;
