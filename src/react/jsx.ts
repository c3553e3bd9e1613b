// xmtp-subscribe/react/jsx: lets React 19 code write the tags themselves (`<xmtp-subscribe …>`) with
// typed props; import it once for its types: `import type {} from 'xmtp-subscribe/react/jsx'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { XmtpIntrinsicElements, XmtpTagElements } from '../elements/shared/jsx.js';

/** Each tag's props in React: the element's own, and React's for any HTML element. */
type XmtpReactElements = {
  [Tag in keyof XmtpIntrinsicElements]: XmtpIntrinsicElements[Tag] &
    DetailedHTMLProps<HTMLAttributes<XmtpTagElements[Tag]>, XmtpTagElements[Tag]>;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends XmtpReactElements {}
  }
}
