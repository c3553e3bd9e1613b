// An address, id or key shown short, which the reader can open in full: a `value` part.
import { html, nothing } from 'lit';

export interface ValueChipOptions {
  /** Shown in full rather than short. */
  full: boolean;
  onToggle: () => void;
  /** Names the value for screen readers where the sentence around it does not. */
  label?: string;
  /** The parts it carries, so pages can style it. */
  part?: string;
}

export function valueChip(value: string, { full, onToggle, label = '', part = 'value' }: ValueChipOptions) {
  const short = value.length > 13 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
  return html`<button
    part=${part}
    class="value mono"
    type="button"
    title=${value}
    aria-expanded=${full ? 'true' : 'false'}
    @click=${onToggle}
  >${label ? html`<span class="visually-hidden">${label} </span>` : nothing}${full ? value : short}</button>`;
}
