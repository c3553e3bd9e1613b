// What a reader sees while a phone wallet is being paired (WalletConnect): on a computer, the pairing
// URI as a QR code to scan; on a phone, a link that opens the wallet app (tapped by the reader: a
// wallet app opens only from their gesture). Both also offer the URI to copy, and a way back.
import type { TemplateResult } from 'lit/html.js';
import { onPhone } from '../../wallet/app-links.js';
import { html, nothing } from './help-lit.js';
import type { XmtpStrings } from './strings.js';

export interface PairingView {
  uri: string;
  words: XmtpStrings;
  /** The QR code of a text, named for assistive technology (drawn once the encoder loaded). */
  qrCode: (text: string, label: string) => TemplateResult | typeof nothing;
  /** The reader copied the URI: shown on the copy button until the next pairing. */
  copied: boolean;
  onCopy: () => void;
  onCancel: () => void;
}

export function walletConnectPairing({ uri, words, qrCode, copied, onCopy, onCancel }: PairingView) {
  const phone = onPhone();
  return html`<div part="walletconnect" class="stack" role="group" aria-label=${words.walletConnectHeading}>
    <p>${phone ? words.walletConnectTap : words.walletConnectScan}</p>
    ${phone ? nothing : qrCode(uri, words.walletConnectQrLabel)}
    <a part="walletconnect-open" class=${phone ? 'wallet' : 'link'} href=${uri}>${words.walletConnectOpen}</a>
    <button part="walletconnect-copy" class="link" type="button" @click=${onCopy}>
      ${copied ? words.linkCopied : words.copyLink}
    </button>
    <button part="walletconnect-cancel" class="link" type="button" @click=${onCancel}>${words.cancel}</button>
  </div>`;
}
