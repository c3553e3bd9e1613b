// xmtp-subscribe/svelte: types the tags in Svelte 5 markup (svelte-check), events included; import
// it once for its types: `import type {} from 'xmtp-subscribe/svelte'`. Nothing runs.
import type { HTMLAttributes } from 'svelte/elements';
import type { XmtpIntrinsicElements, XmtpTagElements, XmtpTagEvents } from './elements/shared/jsx.js';

/** Svelte 4's `on:xmtp-…` directives, still accepted by Svelte 5. */
type XmtpSvelteDirectives<Events> = { [Name in keyof Events & string as `on:${Name}`]?: (event: Events[Name]) => void };

/** Each tag's attributes in Svelte: its own properties, attributes and `onxmtp-…` listeners, and any HTML element's. */
export type XmtpSvelteElements = {
  [Tag in keyof XmtpTagElements]: HTMLAttributes<XmtpTagElements[Tag]> & XmtpIntrinsicElements[Tag] & XmtpSvelteDirectives<XmtpTagEvents[Tag]>;
};

declare module 'svelte/elements' {
  interface SvelteHTMLElements extends XmtpSvelteElements {}
}
