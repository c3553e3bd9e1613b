// The layout of <xmtp-subscribe>: who the sender is, what signing does, one action.
import { css } from 'lit';

export const subscribeStyles = css`
  .publisher {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }

  .name {
    font-weight: 700;
    font-size: 1.0625em;
  }

  .address {
    padding: 0.125rem 0.375rem;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: transparent;
    color: inherit;
    cursor: pointer;
    text-align: start;
  }

  details {
    font-size: 0.875em;
  }

  summary {
    cursor: pointer;
    color: var(--_muted);
    width: fit-content;
  }

  pre {
    margin: 0.5rem 0 0.25rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
    font-family: var(--_mono);
    font-size: 0.8125rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
