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
`;
