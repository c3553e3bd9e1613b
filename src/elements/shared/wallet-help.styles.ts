// The styles of the rare controls (./wallet-help.ts), adopted by an element when they first show.
// A string, not lit's `css`, so that the file loaded on demand carries no copy of lit's styling code.
export const walletHelpStyles = [
  '.wallets,.wallet-apps{display:grid;gap:.5rem;margin:.5rem 0;padding:0;list-style:none}',
  '.wallet{display:flex;align-items:center;gap:.625rem;width:100%;min-height:2.75rem;padding:.5rem .75rem;',
  'border:1px solid var(--_border);border-radius:calc(var(--_radius) - 4px);background:transparent;color:inherit;',
  'font:inherit;cursor:pointer;text-align:start}',
  '.wallet:hover{border-color:var(--_accent)}',
  'a.wallet{text-decoration:none}',
  // A few lines and controls in a column, each as wide as its content (help, a pairing).
  '.stack{display:grid;justify-items:start;gap:.5rem}',
  // Dark modules on white whatever the theme: scanners read codes that way round.
  '.qr{display:block;width:min(100%,12rem);height:auto;margin-block:.25rem}',
  '.qr-light{fill:#fff}',
  '.qr-dark{fill:#000}',
].join('');
