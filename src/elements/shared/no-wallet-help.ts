// What a reader without a wallet in this browser can do next: on a phone, open the page in a wallet
// app's own browser; on a computer, learn what a wallet is and where to find one, or scan the page's
// QR code to carry it to the wallet app on their phone.
import type { TemplateResult } from 'lit/html.js';
import { onPhone, walletAppLinks } from '../../wallet/app-links.js';
import { html, nothing } from './help-lit.js';
import type { XmtpStrings } from './strings.js';

/** Where to find a wallet: the Ethereum Foundation's neutral list, not any one vendor. */
const FIND_A_WALLET = 'https://ethereum.org/en/wallets/find-wallet/';

export function noWalletHelp(words: XmtpStrings, qrCode: (text: string, label: string) => TemplateResult | typeof nothing) {
  if (onPhone()) {
    return html`<div part="wallet-apps">
      <p>${words.openInWalletApp}</p>
      <ul class="wallet-apps">
        ${walletAppLinks(location.href).map(
          ({ name, href }) => html`<li><a part="wallet-app" class="wallet" href=${href}>${name}</a></li>`,
        )}
      </ul>
    </div>`;
  }
  return html`<div part="wallet-help" class="muted stack">
    <p>
      ${words.whatIsAWallet}
      <a href=${FIND_A_WALLET} target="_blank" rel="noopener noreferrer">${words.findAWallet}</a>
    </p>
    <p>${words.scanToOpenPage}</p>
    ${qrCode(location.href, words.pageQrLabel)}
  </div>`;
}
