// The layout of <xmtp-subscribe>: who the sender is, what signing does, one action.
import { css } from 'lit';

export const subscribeStyles = css`
  /* The height a page reserves before the script loads (the README's :not(:defined) rule), kept
     once defined, so the card never makes the page jump. */
  :host {
    min-height: var(--xmtp-min-height, 15.5em);
  }

  :host([variant='compact']) {
    min-height: var(--xmtp-min-height, 5.75em);
  }

  .publisher {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }

  /* Compact: the button alone, no card around it; who and what open beneath it. */
  :host([variant='compact']) .base {
    padding: 0;
    border: 0;
    background: none;
  }

  .about {
    display: grid;
    gap: 0.75rem;
    margin-top: 0.5rem;
    font-size: var(--xmtp-font-size, 1rem);
  }

  .name {
    font-weight: 700;
    font-size: 1.0625em;
  }
`;
