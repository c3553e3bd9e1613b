// xmtp-subscribe/vue: types the tags in Vue templates (vue-tsc, Volar), events included; import it
// once for its types: `import type {} from 'xmtp-subscribe/vue'`. Nothing runs: Vue still needs
// `compilerOptions.isCustomElement` to leave the tags to the browser.
import type { EmitFn, HTMLAttributes } from 'vue';
import type { XmtpTagElements, XmtpTagEvents, XmtpTagProperties } from './elements/shared/jsx.js';

/** `xmtp-status-change` → `xmtpStatusChange`. */
type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Name;

/** The listener props Vue checks for `@xmtp-…` on a tag: `onXmtpSubscribed` (and `onXmtp-subscribed`). */
type XmtpVueListeners<Events> = {
  [Name in keyof Events & string as `on${Capitalize<CamelCase<Name>>}` | `on${Capitalize<Name>}`]?: (event: Events[Name]) => void;
};

/** What Vue's template checker sees for a tag: the element, with its props and emits (as Vue's guide on custom elements types them). */
export type XmtpVueElement<Tag extends keyof XmtpTagElements> = new () => XmtpTagElements[Tag] & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: HTMLAttributes & XmtpTagProperties[Tag] & XmtpVueListeners<XmtpTagEvents[Tag]>;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<{ [Name in keyof XmtpTagEvents[Tag]]: (event: XmtpTagEvents[Tag][Name]) => void }>;
};

/** Every tag, for `GlobalComponents`. */
export type XmtpVueComponents = { [Tag in keyof XmtpTagElements]: XmtpVueElement<Tag> };

declare module 'vue' {
  interface GlobalComponents extends XmtpVueComponents {}
}
