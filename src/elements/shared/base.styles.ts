// The design tokens and controls every element shares; pages theme them with --xmtp-* properties.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_accent: var(--xmtp-accent, #4b32d9);
    --_accent-contrast: var(--xmtp-accent-contrast, #ffffff);
    --_surface: var(--xmtp-surface, #ffffff);
    --_text: var(--xmtp-text, #17151f);
    --_muted: var(--xmtp-muted, #55525f);
    --_border: var(--xmtp-border, #d9d6e3);
    --_danger: var(--xmtp-danger, #b42318);
    --_success: var(--xmtp-success, #05603a);
    --_radius: var(--xmtp-radius, 12px);
    --_font: var(--xmtp-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--xmtp-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);

    display: block;
    max-width: var(--xmtp-max-width, 28rem);
    font-family: var(--_font);
    font-size: var(--xmtp-font-size, 1rem);
    line-height: 1.45;
    color: var(--_text);
  }

  /* The dark palette, twice: for theme="dark", and for theme="auto" on a dark system (light is the
     default: a dark card on a white page surprises). One selector list cannot hold both, and a
     shared fragment would keep this sheet from being minified. */
  :host([theme='dark']) {
    --_accent: var(--xmtp-accent, #a594ff);
    --_accent-contrast: var(--xmtp-accent-contrast, #120d2b);
    --_surface: var(--xmtp-surface, #17151f);
    --_text: var(--xmtp-text, #f2f0f7);
    --_muted: var(--xmtp-muted, #b7b3c4);
    --_border: var(--xmtp-border, #3a3647);
    --_danger: var(--xmtp-danger, #ff8a80);
    --_success: var(--xmtp-success, #6ee7a8);
    color-scheme: dark;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_accent: var(--xmtp-accent, #a594ff);
      --_accent-contrast: var(--xmtp-accent-contrast, #120d2b);
      --_surface: var(--xmtp-surface, #17151f);
      --_text: var(--xmtp-text, #f2f0f7);
      --_muted: var(--xmtp-muted, #b7b3c4);
      --_border: var(--xmtp-border, #3a3647);
      --_danger: var(--xmtp-danger, #ff8a80);
      --_success: var(--xmtp-success, #6ee7a8);
      color-scheme: dark;
    }
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: border-box;
  }

  .base {
    display: grid;
    gap: 0.75rem;
    padding: 1rem 1.25rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  p {
    margin: 0;
  }

  .mono {
    font-family: var(--_mono);
    font-size: 0.875em;
    overflow-wrap: anywhere;
    /* Addresses and hex read left to right, even in right-to-left text. */
    direction: ltr;
    unicode-bidi: isolate;
  }

  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .value {
    min-height: 24px;
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
    /* At least 24 px tall, the smallest target WCAG 2.2 allows. */
    padding-block: 0.125rem;
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

  .link {
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_muted);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .action {
    justify-self: start;
    min-height: 2.75rem;
    padding: 0.625rem 1.25rem;
    border: 0;
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition: filter 120ms ease;
  }

  .action:hover {
    filter: brightness(1.08);
  }

  .action[aria-disabled='true'] {
    cursor: progress;
    filter: saturate(0.6);
  }

  :host([disabled]) .action {
    cursor: not-allowed;
    opacity: 0.6;
  }

  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  /* Kept in the page even when empty, so assistive technology hears its first message. */
  .status:empty {
    margin-top: -0.75rem;
  }

  .status.error {
    color: var(--_danger);
  }

  .status.done {
    color: var(--_success);
    font-weight: 600;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
    }
  }
`;
