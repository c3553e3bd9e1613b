// The layout of the identity prompts: what the text does, in a list, then who signs.
import { css } from 'lit';

export const signatureRequestStyles = css`
  [part='heading'] {
    font-weight: 700;
  }

  /* A change that hands over control of the inbox stands out from the list of actions. */
  .warning {
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: 8px;
    font-weight: 600;
  }

  .warning::before {
    content: '⚠ ';
  }

  ul {
    margin: 0;
    padding-inline-start: 1.25rem;
    display: grid;
    gap: 0.375rem;
  }
`;
