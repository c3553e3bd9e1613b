// The lit templates of the rare controls render with: the copy of the element that shows them,
// handed over when their module loads (./wallet-help-loader.ts). So the CDN's help file carries no
// lit of its own (it was more than half of it), and its templates are always rendered by the same
// lit that made them, whichever copy of the elements loaded it.
import type { html as litHtml, nothing as litNothing } from 'lit/html.js';

export let html: typeof litHtml;
export let nothing: typeof litNothing;

/** Renders the rare controls with `lit`: the host's `html` and `nothing`. */
export function useLit(lit: { html: typeof litHtml; nothing: typeof litNothing }): void {
  ({ html, nothing } = lit);
}
