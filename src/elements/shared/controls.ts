// What every prompt shows below its own content: the connected account, the wallet picker while it
// is open, a phone wallet's pairing while it waits, the action button and the live status region.
import { html, nothing } from 'lit';
import type { Connector } from '../../wallet/connector.js';
import { BUSY_STATUSES, type Status } from './status.js';
import { actionLabel, statusText, type Wording } from './status-text.js';
import type { WalletHelp } from './wallet-help.js';

export interface ControlsView {
  status: Status;
  /** The connected account, every signature is made with it. */
  account: string | undefined;
  wording: Wording;
  wallets: readonly Connector[];
  /** The page turned the element off, or its inputs are wrong: the action does nothing. */
  disabled: boolean;
  /** The last statement was refused for good: no action would change that. */
  refused: boolean;
  /** There is another wallet to switch to. */
  canSwitch: boolean;
  /** While a phone wallet is being paired (WalletConnect): the URI to show. */
  pairingUri: string | undefined;
  /** The rare controls (help without a wallet, a pairing): undefined until loaded on first need. */
  help: () => WalletHelp | undefined;
  onAction: () => void;
  onPick: (wallet: Connector) => void;
  onCancelPick: () => void;
  onSwitch: () => void;
  onCancelPairing: () => void;
}

export function controls(view: ControlsView) {
  const { status, account, wording, wallets, disabled, onPick, onCancelPick, pairingUri } = view;
  const { words } = wording;
  const done = status === 'done';
  const parts = status === 'error' ? 'status error' : done ? 'status done' : 'status';
  const attempted = status === 'connected' || status === 'error';
  return html`
    ${account && !done
      ? html`<p part="account" class="muted">${words.signingAs} <span class="mono">${account}</span></p>`
      : nothing}
    ${status === 'picking'
      ? view.help()?.walletPicker(wallets, words, { onPick, onCancel: onCancelPick })
      : nothing}
    ${status === 'connecting' && pairingUri
      ? view.help()?.walletConnectPairing({
          uri: pairingUri,
          words,
          onCancel: view.onCancelPairing,
        })
      : nothing}
    ${done || status === 'picking' || view.refused
      ? nothing
      : html`<button
          part="button"
          class="action"
          type="button"
          aria-disabled=${BUSY_STATUSES.has(status) || disabled ? 'true' : 'false'}
          @click=${view.onAction}
        >
          ${actionLabel(status, wording)}
        </button>`}
    ${attempted && view.canSwitch && !disabled
      ? html`<button part="switch-wallet" class="link" type="button" @click=${view.onSwitch}>${words.useAnotherWallet}</button>`
      : nothing}
    <p part=${parts} class="status ${status}" role="status" tabindex="-1">${statusText(status, wording)}</p>
    ${status === 'error' && wording.failure?.code === 'no-wallet' && !wording.walletFound
      ? view.help()?.noWalletHelp(words)
      : nothing}
  `;
}
