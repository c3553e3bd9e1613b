// xmtp-subscribe/jsx: JSX types for the tags themselves, for React 19, Preact, Solid or any JSX.
// Properties are set as properties; `on<event-name>` props listen to the elements' events.
import type { XmtpLinkAddress } from './elements/link-address/xmtp-link-address.component.js';
import type {
  XmtpConsentSignedDetail,
  XmtpErrorDetail,
  XmtpSignatureDetail,
  XmtpStatusChangeDetail,
  XmtpSubscribedDetail,
} from './elements/shared/events.js';
import type { XmtpSignatureRequest } from './elements/signature-request/xmtp-signature-request.component.js';
import type { XmtpSubscribe } from './elements/subscribe/xmtp-subscribe.component.js';
import type { XmtpUnlinkAddress } from './elements/unlink-address/xmtp-unlink-address.component.js';

type Listener<Detail> = (event: CustomEvent<Detail>) => void;

/** What every element takes: its shared properties and events. */
interface SharedProps {
  theme?: 'light' | 'dark';
  strings?: XmtpSubscribe['strings'];
  provider?: XmtpSubscribe['provider'];
  'onxmtp-status-change'?: Listener<XmtpStatusChangeDetail>;
  'onxmtp-error'?: Listener<XmtpErrorDetail>;
}

type SignaturePromptProps<Element extends XmtpSignatureRequest> = SharedProps &
  Partial<Pick<Element, 'text' | 'inboxId' | 'actions' | 'time' | 'signer' | 'endpoint'>> & {
    'inbox-id'?: string;
    'onxmtp-signature'?: Listener<XmtpSignatureDetail>;
  };

/** The element class behind each tag. */
export interface XmtpTagElements {
  'xmtp-subscribe': XmtpSubscribe;
  'xmtp-signature-request': XmtpSignatureRequest;
  'xmtp-link-address': XmtpLinkAddress;
  'xmtp-unlink-address': XmtpUnlinkAddress;
}

/** The props of each tag; merge it into your framework's `JSX.IntrinsicElements`. */
export interface XmtpIntrinsicElements {
  'xmtp-subscribe': SharedProps &
    Partial<Pick<XmtpSubscribe, 'publisher' | 'endpoint' | 'publisherName'>> & {
      'publisher-name'?: string;
      'onxmtp-consent-signed'?: Listener<XmtpConsentSignedDetail>;
      'onxmtp-subscribed'?: Listener<XmtpSubscribedDetail>;
    };
  'xmtp-signature-request': SignaturePromptProps<XmtpSignatureRequest>;
  'xmtp-link-address': SignaturePromptProps<XmtpLinkAddress> & Partial<Pick<XmtpLinkAddress, 'address'>>;
  'xmtp-unlink-address': SignaturePromptProps<XmtpUnlinkAddress> & Partial<Pick<XmtpUnlinkAddress, 'address'>>;
}
