// The layout of the identity prompts: what the text does, in a list, then who signs.
import { css } from 'lit';

export const signatureRequestStyles = css`
  [part='heading'] {
    font-weight: 700;
  }

  ul {
    margin: 0;
    padding-inline-start: 1.25rem;
    display: grid;
    gap: 0.375rem;
  }
`;
