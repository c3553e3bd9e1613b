// QR codes drawn as inline SVG (no inline styles, so a strict CSP is fine), with the encoder loaded
// only the first time one is shown: until then, and if it cannot load, the code's place stays empty
// and the text next to it (a link, a copy button) still works.
import type { ReactiveControllerHost } from 'lit';
import { html, nothing } from './help-lit.js';
import type { QrDrawing } from './qr-matrix.js';

/** Modules of light margin around a code, as scanners expect. */
const QUIET_ZONE = 4;

/** The drawings made, by text, for every element of the page; `null` when the encoder could not load. */
const drawn = new Map<string, QrDrawing | null>();
let encoder: Promise<typeof import('./qr-matrix.js')> | undefined;

/** Draws QR codes for one element, which renders again once a drawing is ready. */
export class QrCodes {
  #pending = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The QR code of `text`, named `label` for assistive technology; empty while the encoder loads. */
  render(text: string, label: string) {
    const drawing = drawn.get(text);
    if (drawing === undefined) void this.#draw(text);
    if (!drawing) return nothing;
    const side = drawing.size + 2 * QUIET_ZONE;
    return html`<svg part="qr" class="qr" role="img" aria-label=${label} viewBox="0 0 ${side} ${side}">
      <rect class="qr-light" width=${side} height=${side}></rect>
      <path class="qr-dark" transform="translate(${QUIET_ZONE} ${QUIET_ZONE})" d=${drawing.path}></path>
    </svg>`;
  }

  async #draw(text: string): Promise<void> {
    if (this.#pending.has(text)) return;
    this.#pending.add(text);
    try {
      const { qrDrawing } = await (encoder ??= import('./qr-matrix.js'));
      // A page's URL and a pairing URI or two: a handful of entries at most.
      if (drawn.size > 16) drawn.clear();
      drawn.set(text, qrDrawing(text));
    } catch (error) {
      drawn.set(text, null);
      console.warn('xmtp-subscribe: the QR code encoder could not load', error);
    } finally {
      this.#pending.delete(text);
    }
    this.host.requestUpdate();
  }
}
