// xmtp-subscribe/jsx: JSX types for the tags themselves, for React 19, Preact, Solid or any JSX.
// Properties are set as properties; `on<event-name>` props listen to the elements' events.
export type { XmtpIntrinsicElements, XmtpTagElements } from './elements/shared/jsx.js';
