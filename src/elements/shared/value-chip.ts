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

/** `0x7099…79C8`: the start and end of a long value, as people compare addresses. */
export const shortValue = (value: string) => (value.length > 13 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value);

export function valueChip(value: string, { full, onToggle, label = '', part = 'value' }: ValueChipOptions) {
  return html`<button
    part=${part}
    class="value mono"
    type="button"
    title=${value}
    aria-expanded=${full ? 'true' : 'false'}
    @click=${onToggle}
  >${label ? html`<span class="visually-hidden">${label} </span>` : nothing}${full ? value : shortValue(value)}</button>`;
}
