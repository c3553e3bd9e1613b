// The styles of the rare controls (./wallet-help.ts), adopted by an element when they first show.
// A string, not lit's `css`, so that the file loaded on demand carries no copy of lit's styling code.
export const walletHelpStyles = [
  '.wallet-apps{display:grid;gap:.5rem;margin:.5rem 0;padding:0;list-style:none}',
  'a.wallet{text-decoration:none}',
  // A few lines and controls in a column, each as wide as its content (help, a pairing).
  '.stack{display:grid;justify-items:start;gap:.5rem}',
  // Dark modules on white whatever the theme: scanners read codes that way round.
  '.qr{display:block;width:min(100%,12rem);height:auto;margin-block:.25rem}',
  '.qr-light{fill:#fff}',
  '.qr-dark{fill:#000}',
].join('');
