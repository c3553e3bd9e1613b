// xmtp-subscribe/react/jsx: lets React 19 code write the tags themselves (`<xmtp-subscribe …>`) with
// typed props; import it once for its types: `import type {} from 'xmtp-subscribe/react/jsx'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { XmtpIntrinsicElements, XmtpTagElements } from '../jsx.js';

type ReactProps<Tag extends keyof XmtpIntrinsicElements> = XmtpIntrinsicElements[Tag] &
  DetailedHTMLProps<HTMLAttributes<XmtpTagElements[Tag]>, XmtpTagElements[Tag]>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'xmtp-subscribe': ReactProps<'xmtp-subscribe'>;
      'xmtp-signature-request': ReactProps<'xmtp-signature-request'>;
      'xmtp-link-address': ReactProps<'xmtp-link-address'>;
      'xmtp-unlink-address': ReactProps<'xmtp-unlink-address'>;
    }
  }
}
