// Every browser entry point at once: the main entry, core, React (wrappers and JSX), the JSX types
// and a locale; each resolves and its types hold under the consumer's settings.
import { XmtpError, XmtpSubscribe, englishStrings, registerLocale, type XmtpSubscribedDetail } from 'xmtp-subscribe';
import { consentMessage, inboxId, parseSignatureText, verifyConsentProof, type VerifyResult } from 'xmtp-subscribe/core';
import type { XmtpIntrinsicElements } from 'xmtp-subscribe/jsx';
import 'xmtp-subscribe/locales/fr';
import { XmtpLinkAddress, XmtpSubscribe as XmtpSubscribeComponent } from 'xmtp-subscribe/react';
import type {} from 'xmtp-subscribe/react/jsx';

const button: XmtpSubscribe | null = document.querySelector('xmtp-subscribe');
button?.addEventListener('xmtp-subscribed', (event) => {
  const detail: XmtpSubscribedDetail = event.detail;
  return detail.subscriber.toLowerCase();
});
document.addEventListener('xmtp-error', (event) => event.detail.code === 'user-rejected');
// @ts-expect-error the detail of xmtp-subscribed has no `text`
button?.addEventListener('xmtp-subscribed', (event) => event.detail.text);

export const errorCode = (error: unknown) => (error instanceof XmtpError ? error.code : undefined);
export const words: string = englishStrings.subscribe;
export const register: typeof registerLocale = registerLocale;

export const text: string = consentMessage('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', Date.now());
export const parsed = parseSignatureText(text).kind;
export const inbox: string = inboxId('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
export const verified: Promise<VerifyResult> = verifyConsentProof({
  publisher: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  subscriber: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  timestampMs: Date.now(),
  signature: '0x00',
});

export const wrapped = (
  <>
    <XmtpSubscribeComponent publisher="0x70997970C51812dc3A010C7d01b50e0d17dc79C8" onXmtpSubscribed={(event) => event.detail.consentedAt} />
    <XmtpLinkAddress inboxId="ab" onXmtpSignature={(event) => event.detail.parsed.kind} />
    <xmtp-subscribe publisher="0x70997970C51812dc3A010C7d01b50e0d17dc79C8" onxmtp-unsubscribed={(event) => event.detail.changedAt} />
  </>
);
// @ts-expect-error <xmtp-link-address> fires no xmtp-subscribed
export const wrongEvent = <XmtpLinkAddress onXmtpSubscribed={() => {}} />;

export type SubscribeProps = XmtpIntrinsicElements['xmtp-subscribe'];
