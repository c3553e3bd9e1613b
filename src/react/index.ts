// xmtp-subscribe/react: every element as a React component (via @lit/react), with typed event props.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type {
  XmtpConsentSignedDetail,
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
  XmtpSubscribedDetail,
} from '../elements/shared/events.js';
import { XmtpLinkAddress as LinkAddressElement } from '../elements/link-address/xmtp-link-address.js';
import { XmtpSignatureRequest as SignatureRequestElement } from '../elements/signature-request/xmtp-signature-request.js';
import { XmtpSubscribe as SubscribeElement } from '../elements/subscribe/xmtp-subscribe.js';
import { XmtpUnlinkAddress as UnlinkAddressElement } from '../elements/unlink-address/xmtp-unlink-address.js';

const event = <Detail>(name: string) => name as EventName<CustomEvent<Detail>>;

const everyElementEvents = {
  onXmtpStatusChange: event<XmtpStatusChangeDetail>('xmtp-status-change'),
  onXmtpError: event<XmtpErrorDetail>('xmtp-error'),
};

const signatureEvents = { ...everyElementEvents, onXmtpSignature: event<XmtpSignatureDetail>('xmtp-signature') };

/** `<xmtp-subscribe>`: props are its properties; `onXmtpSubscribed` and friends are its events. */
export const XmtpSubscribe = createComponent({
  tagName: 'xmtp-subscribe',
  elementClass: SubscribeElement,
  react: React,
  displayName: 'XmtpSubscribe',
  events: {
    ...everyElementEvents,
    onXmtpConsentSigned: event<XmtpConsentSignedDetail>('xmtp-consent-signed'),
    onXmtpSubscribed: event<XmtpSubscribedDetail>('xmtp-subscribed'),
  },
});

export const XmtpSignatureRequest = createComponent({
  tagName: 'xmtp-signature-request',
  elementClass: SignatureRequestElement,
  react: React,
  displayName: 'XmtpSignatureRequest',
  events: signatureEvents,
});

export const XmtpLinkAddress = createComponent({
  tagName: 'xmtp-link-address',
  elementClass: LinkAddressElement,
  react: React,
  displayName: 'XmtpLinkAddress',
  events: signatureEvents,
});

export const XmtpUnlinkAddress = createComponent({
  tagName: 'xmtp-unlink-address',
  elementClass: UnlinkAddressElement,
  react: React,
  displayName: 'XmtpUnlinkAddress',
  events: signatureEvents,
});
