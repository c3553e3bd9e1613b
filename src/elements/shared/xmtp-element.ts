// The plumbing every xmtp-* element shares: its controllers (status, words, wallet, focus), the
// shared properties, and the templates of the common controls. The flow itself is a SigningFlow.
import { LitElement, type PropertyDeclarations } from 'lit';
import type { XmtpError } from '../../internal/errors.js';
import { VERSION } from '../../internal/version.js';
import type { Connector } from '../../wallet/connector.js';
import type { Eip1193Provider } from '../../wallet/eip1193.js';
import { WalletController } from '../../wallet/wallet-controller.js';
import { walletConnectConnector } from '../../wallet/walletconnect/connector.js';
import { controls } from './controls.js';
import { FocusController } from './focus-controller.js';
import type { InputsController } from './inputs-controller.js';
import { LocaleController } from './locale-controller.js';
import type { SigningFlow } from './signing-flow.js';
import { BUSY_STATUSES, type Status } from './status.js';
import { StatusController } from './status-controller.js';
import type { XmtpStrings } from './strings.js';
import { valueChip } from './value-chip.js';
import { walletHelpFor } from './wallet-help-loader.js';

// Reactive properties are declared with `static properties`, not decorators: the decorators cost
// about 500 bytes gzip in the CDN file.
/**
 * What every xmtp-* element shares: a click connects the wallet (with a picker when several
 * announced themselves), then signs with the account shown; statuses, events, strings and styling.
 *
 * @attr status - Read-only: `idle`, `checking` (a returning reader's subscription is being
 *   confirmed), `picking` (wallet picker open), `connecting`, `connected`,
 *   `signing`, `submitting`, `queued` (signed and saved, delivery will be retried), `done` or `error`.
 * @attr theme - `light` (the default), `dark`, or `auto` to follow the reader's system.
 * @attr label - The action button's words before the first click ("Subscribe", "Connect wallet").
 * @attr strings - Replacement texts as JSON, such as `{"subscribe":"Join"}` (see `strings`).
 * @attr disabled - Turns the element's actions off.
 * @attr walletconnect-project-id - A WalletConnect Cloud project id: offers WalletConnect (a phone
 *   wallet by QR code or app link) beside the browser's wallets. Its add-on loads only when picked.
 * @attr walletconnect-relay-url - The WalletConnect relay's WebSocket URL, for a self-hosted relay;
 *   `wss://relay.walletconnect.org` by default.
 *
 * @fires xmtp-status-change - `{ status, previous }` on every change of `status`.
 * @fires xmtp-error - `{ code, message, serverCode? }`; the element stays usable.
 *
 * @csspart base - The card around everything.
 * @csspart value - Every address, id or key shown short: a button that shows it in full.
 * @csspart message-details - The disclosure holding the exact text to sign.
 * @csspart message-toggle - Its summary ("Show the exact message").
 * @csspart message - The exact text the wallet will sign.
 * @csspart account - The line naming the connected account.
 * @csspart button - The action button.
 * @csspart picker - The wallet picker, when several wallets announced themselves.
 * @csspart picker-heading - Its heading.
 * @csspart wallets - Its list of wallets.
 * @csspart wallet - One wallet's button.
 * @csspart wallet-icon - That wallet's icon.
 * @csspart cancel - The button that closes the picker.
 * @csspart switch-wallet - After a connect attempt, the button that offers the other wallets again.
 * @csspart wallet-apps - On a phone without a wallet: the links that open the page in wallet apps.
 * @csspart wallet-app - One of those links.
 * @csspart wallet-help - On a computer without a wallet: what a wallet is, where to find one, and
 *   the page's QR code to open it on a phone.
 * @csspart qr - Every QR code (the page's, a WalletConnect pairing's): an SVG image.
 * @csspart walletconnect - While a phone wallet is being paired: the QR code or app link, copy and cancel.
 * @csspart walletconnect-open - Its link that opens the pairing in a wallet app.
 * @csspart walletconnect-copy - Its button that copies the pairing link.
 * @csspart walletconnect-cancel - Its button that gives up on the pairing.
 * @csspart status - The live region with progress, success and errors.
 * @csspart error - Also on the status while it shows an error.
 * @csspart done - Also on the status once done.
 *
 * @cssproperty --xmtp-accent - Button and focus colour.
 * @cssproperty --xmtp-accent-contrast - Text on the accent colour.
 * @cssproperty --xmtp-surface - Card background.
 * @cssproperty --xmtp-text - Text colour.
 * @cssproperty --xmtp-muted - Secondary text colour.
 * @cssproperty --xmtp-border - Border colour.
 * @cssproperty --xmtp-danger - Error text colour.
 * @cssproperty --xmtp-success - Success text colour.
 * @cssproperty --xmtp-radius - Corner radius of the card.
 * @cssproperty --xmtp-font - Font family.
 * @cssproperty --xmtp-font-mono - Font family of addresses and the message.
 * @cssproperty --xmtp-font-size - Base font size.
 * @cssproperty --xmtp-max-width - Largest width of the card.
 *
 * @cssstate idle - And one state for every other `status` value, such as `:state(signing)`.
 */
export abstract class XmtpElement extends LitElement {
  /** The xmtp-subscribe release this class comes from, so two copies on one page can be told apart. */
  static readonly version = VERSION;

  static override properties: PropertyDeclarations = {
    status: { reflect: true },
    theme: { reflect: true },
    label: {},
    strings: { converter: { fromAttribute: parseStrings } },
    disabled: { type: Boolean, reflect: true },
    provider: { attribute: false },
    walletconnectProjectId: { attribute: 'walletconnect-project-id' },
    walletconnectRelayUrl: { attribute: 'walletconnect-relay-url' },
  };

  /**
   * Where the element is in its flow (read-only): `idle`, `checking`, `picking`, `connecting`,
   * `connected`, `signing`, `submitting`, `queued`, `done` or `error`. Style it with `[status=…]`
   * or `:state(…)`.
   * @readonly
   */
  status: Status = 'idle';

  /** `light` (the default), `dark`, or `auto` to follow the reader's system (`prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto' | undefined;

  /** The action button's words before the first click; the locale's by default. */
  label = '';

  /**
   * Replacement texts, over the locale of the nearest `lang` (English by default); as an attribute,
   * JSON such as `{"subscribe":"Join"}`.
   */
  strings: Partial<XmtpStrings> | undefined;

  /** Turns the element's actions off (the button stays, announced as unavailable). */
  disabled = false;

  /**
   * An EIP-1193 provider to use (WalletConnect, the Coinbase Wallet SDK, your own); wins over
   * announced wallets and `window.ethereum`.
   */
  provider: Eip1193Provider | undefined;

  /**
   * A WalletConnect Cloud project id: WalletConnect is offered beside the browser's wallets (and is
   * the way forward when there is none). Its add-on loads only when a reader picks it.
   */
  walletconnectProjectId = '';

  /** The WalletConnect relay's WebSocket URL (a self-hosted relay); WalletConnect's own by default. */
  walletconnectRelayUrl = '';

  /** The status, the only way it changes, and the failure shown. */
  protected readonly state = new StatusController(this, this.attachInternals());
  protected readonly locale = new LocaleController(this, () => this.strings);
  protected readonly wallet = new WalletController(this, () => this.provider, () => this.#addOns());
  /** Keeps keyboard focus on the flow as its controls come and go. */
  protected readonly flowFocus = new FocusController(this);

  /** The page's inputs, read and checked; the action is disabled while they are invalid. */
  protected abstract readonly inputs: InputsController<unknown>;

  /** The flow the action button runs. */
  protected abstract readonly flow: SigningFlow;

  /** The values (addresses, ids) the reader asked to see in full. */
  #expanded = new Set<string>();

  /** The WalletConnect connector of the current attributes, made once per project and relay. */
  #walletConnect: Connector | undefined;
  #walletConnectFor = '';

  /** The connectors this page enabled: WalletConnect, when it gave a project id. */
  #addOns(): readonly Connector[] {
    const projectId = this.walletconnectProjectId;
    if (!projectId) return [];
    const relayUrl = this.walletconnectRelayUrl || undefined;
    const key = `${projectId} ${relayUrl}`;
    if (key !== this.#walletConnectFor) {
      this.#walletConnect = walletConnectConnector({ projectId, ...(relayUrl ? { relayUrl } : {}) });
      this.#walletConnectFor = key;
    }
    return [this.#walletConnect!];
  }

  /** The words the element shows: the locale of its nearest `lang`, with the page's `strings` on top. */
  protected get words(): XmtpStrings {
    return this.locale.words;
  }

  /** The element's own label of the action button before the first click (the page's `label` wins). */
  protected abstract startLabel(): string;

  /** The label of the action button once connected. */
  protected abstract signLabel(): string;

  /** What the status region says once done. */
  protected abstract doneText(): string;

  /** The element's own plain words for `failure`, when it has better ones than its code's. */
  protected explain(_failure: XmtpError): string | undefined {
    return undefined;
  }

  /** What the status region says while idle: nothing, unless a flow just ended there. */
  protected idleText(): string {
    return '';
  }

  /**
   * An address or id, short until the reader asks for it in full; `label` names it for screen
   * readers where the sentence around it does not, `part` lets pages style it.
   */
  protected renderValue(value: string, label = '', part = 'value') {
    const onToggle = () => {
      if (!this.#expanded.delete(value)) this.#expanded.add(value);
      this.requestUpdate();
    };
    return valueChip(value, { full: this.#expanded.has(value), onToggle, label, part });
  }

  /** The action button was pressed, by the reader or by the page: the flow takes its next step. */
  protected press(): void {
    if (!(this.disabled || this.inputs.error)) this.flow.advance();
  }

  /**
   * Back to the start: a shown error, even a final refusal, is cleared and the action offered again.
   * Does nothing while the element waits on the wallet or a server's answer; from `queued`, the saved
   * statement stays saved and is sent on the next load, no longer retried while the page is open.
   */
  reset(): void {
    if (!BUSY_STATUSES.has(this.status)) this.state.set('idle');
  }

  /** The connected account, the wallet picker, the action button and the live status region. */
  protected renderControls() {
    const { status, flow, wallet } = this;
    // The rare controls are fetched before they can show: with several wallets a click opens the
    // picker; a WalletConnect pairing shows once its add-on has loaded.
    if (wallet.wallets.length > 1 || (status === 'connecting' && this.walletconnectProjectId)) walletHelpFor(this);
    return controls({
      status,
      account: wallet.account,
      wallets: wallet.wallets,
      disabled: this.disabled || !!this.inputs.error,
      refused: this.state.refused,
      canSwitch: wallet.canSwitch,
      pairingUri: wallet.pairingUri,
      help: () => walletHelpFor(this),
      wording: {
        words: this.words,
        start: this.label || this.startLabel(),
        sign: this.signLabel(),
        done: status === 'done' ? this.doneText() : '',
        idle: status === 'idle' ? this.idleText() : '',
        failure: this.state.failure,
        explained: this.state.failure && this.explain(this.state.failure),
        configError: this.inputs.error,
        walletFound: wallet.found,
      },
      onAction: () => this.press(),
      onPick: (chosen) => flow.pick(chosen),
      onCancelPick: () => flow.cancelPick(),
      onSwitch: () => flow.switchWallet(),
      onCancelPairing: () => flow.cancelConnect(),
    });
  }
}

/** The `strings` attribute: JSON of replacement texts; anything else is reported and ignored. */
function parseStrings(value: string | null): Partial<XmtpStrings> | undefined {
  try {
    const strings: unknown = JSON.parse(value ?? 'null');
    if (strings && typeof strings === 'object' && !Array.isArray(strings)) return strings;
  } catch {
    /* reported below */
  }
  if (value !== null) console.warn(`xmtp-subscribe: the strings attribute must be a JSON object of texts, got ${value}`);
  return undefined;
}
