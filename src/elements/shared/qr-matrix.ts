// The QR encoder, in a file of its own: loaded only when a QR code is shown (the CDN build serves it
// as xmtp-subscribe-qr.js), so its 2 KB never count in the element's file. lean-qr's "nano" build:
// the smallest encoder measured (byte mode only, which URLs and WalletConnect URIs need).
import { generate } from 'lean-qr/nano';

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The dark modules as one SVG path on a grid of one unit per module, row by row. */
  path: string;
}

export function qrDrawing(text: string): QrDrawing {
  const code = generate(text);
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      const start = x;
      while (code.get(x + 1, y)) x++;
      path += `M${start} ${y}h${x - start + 1}v1H${start}z`;
    }
  }
  return { size: code.size, path };
}
