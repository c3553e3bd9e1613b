// The small wallet picker every element shows when several wallets are there to choose from.
import type { Connector } from '../../wallet/connector.js';
import { html, nothing } from './help-lit.js';

export interface PickerOptions {
  heading: string;
  cancel: string;
  onPick: (wallet: Connector) => void;
  onCancel: () => void;
}

/** Only data: images, as EIP-6963 requires: nothing is fetched, and a strict CSP stays happy. */
const isDataImage = (icon: string) => /^data:image\//.test(icon);

export function walletPicker(wallets: readonly Connector[], { heading, cancel, onPick, onCancel }: PickerOptions) {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };
  return html`
    <div part="picker" class="picker" role="group" aria-labelledby="picker-heading" @keydown=${onKeydown}>
      <p id="picker-heading" part="picker-heading">${heading}</p>
      <ul part="wallets" class="wallets">
        ${wallets.map(
          (wallet) => html`<li>
            <button part="wallet" class="wallet" type="button" @click=${() => onPick(wallet)}>
              ${wallet.icon && isDataImage(wallet.icon)
                ? html`<img part="wallet-icon" src=${wallet.icon} alt="" width="24" height="24" />`
                : nothing}
              ${wallet.name}
            </button>
          </li>`,
        )}
      </ul>
      <button part="cancel" class="link" type="button" @click=${onCancel}>${cancel}</button>
    </div>
  `;
}
