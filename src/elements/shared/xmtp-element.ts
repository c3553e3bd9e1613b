// The shape every xmtp-* element shares: a click that connects the wallet and then signs, the
// status lifecycle with custom states and typed events, replaceable strings, the common controls.
import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Eip1193Provider } from '../../wallet/eip1193.js';
import { WalletController } from '../../wallet/wallet-controller.js';
import { classifyWalletError } from '../../wallet/wallet-error.js';
import { DeliveryController } from '../../delivery/delivery-controller.js';
import { XmtpError } from '../../internal/errors.js';
import { emit } from './events.js';
import type { OutboxEntry } from '../../delivery/outbox.js';
import { BUSY_STATUSES, type Status } from './status.js';
import { actionLabel, statusText, type Wording } from './status-text.js';
import { LOCALE_REGISTERED, localeStrings, mergeStrings, type XmtpStrings } from './strings.js';
import { walletPicker } from './wallet-picker.js';

/** Properties that are the element's own state or presentation, not inputs to read again. */
const OWN_STATE: ReadonlySet<PropertyKey> = new Set(['status', 'theme', 'strings', 'provider']);

// Reactive properties are declared with `static properties`, not decorators: the decorators cost
// about 500 bytes gzip in the CDN file.
/**
 * What every xmtp-* element shares: a click connects the wallet (with a picker when several
 * announced themselves), then signs with the account shown; statuses, events, strings and styling.
 *
 * @attr status - Read-only: `idle`, `picking` (wallet picker open), `connecting`, `connected`,
 *   `signing`, `submitting`, `queued` (signed and saved, delivery will be retried), `done` or `error`.
 * @attr theme - `light` or `dark`; without it the element follows the reader's system.
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
  static override properties: PropertyDeclarations = {
    status: { reflect: true },
    theme: { reflect: true },
    strings: { attribute: false },
    provider: { attribute: false },
  };

  /**
   * Where the element is in its flow (read-only): `idle`, `picking`, `connecting`, `connected`,
   * `signing`, `submitting`, `queued`, `done` or `error`. Style it with `[status=…]` or `:state(…)`.
   */
  status: Status = 'idle';

  /** `light` or `dark`; without it the element follows the reader's system (`prefers-color-scheme`). */
  theme: 'light' | 'dark' | undefined;

  /** Replacement texts, over the locale of the nearest `lang` (English by default). */
  strings: Partial<XmtpStrings> | undefined;

  /**
   * An EIP-1193 provider to use (WalletConnect, the Coinbase Wallet SDK, your own); wins over
   * announced wallets and `window.ethereum`.
   */
  provider: Eip1193Provider | undefined;

  /** The values (addresses, ids) the reader asked to see in full. */
  #expanded = new Set<string>();

  /** The failure being shown while `status` is `error`. */
  protected failure: XmtpError | undefined;

  protected readonly wallet = new WalletController(this, () => this.provider);

  readonly #delivery = new DeliveryController(this, () => {
    if (this.status === 'queued') void this.runStep(() => this.deliverQueued());
  });

  /** What is wrong with the page's attributes, if anything; the element is disabled meanwhile. */
  protected configError: XmtpError | undefined;

  readonly #internals = this.attachInternals();
  #focusStatusWhenDone = false;

  /** The words the element shows: the locale of its nearest `lang`, with the page's `strings` on top. */
  protected get words(): XmtpStrings {
    return mergeStrings(localeStrings(this.#lang()), this.strings);
  }

  /** The nearest `lang`, looking through shadow roots up to the document. */
  #lang(): string {
    for (let node: Node | null = this; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
      if (node instanceof HTMLElement && node.lang) return node.lang;
    }
    return '';
  }

  /** Signs with `account` (the one shown) and delivers the result; statuses from `signing` on. */
  protected abstract signAndDeliver(account: `0x${string}`): Promise<void>;

  /** The label of the action button before the first click. */
  protected abstract startLabel(): string;

  /** The label of the action button once connected. */
  protected abstract signLabel(): string;

  /** What the status region says once done. */
  protected abstract doneText(): string;

  /** Sends the signature waiting in the outbox again (status `queued`). */
  protected async deliverQueued(): Promise<void> {}

  /**
   * Sends a signed payload through the outbox and answers `{ answer }`, the endpoint's JSON; or,
   * when the network fails, leaves it saved, shows `queued` and answers undefined.
   */
  protected async send<T>(entry: OutboxEntry): Promise<{ answer: T } | undefined> {
    this.setStatus('submitting');
    try {
      return { answer: await this.#delivery.send<T>(entry) };
    } catch (error) {
      if (!(error instanceof XmtpError && error.code === 'network')) throw error;
      this.queue(error);
      return undefined;
    }
  }

  /** Throws a `wrong-account` `XmtpError` when `account` may not sign here; runs before any signature. */
  protected checkAccount(_account: `0x${string}`): void {}

  /** Whether the connected reader needs nothing more (a returning subscriber). */
  protected async alreadyDone(_account: `0x${string}`): Promise<boolean> {
    return false;
  }

  /** Whether an update carries a change of the page's inputs, not only of the element's own state. */
  protected inputsChanged(changed: PropertyValues): boolean {
    return [...changed.keys()].some((name) => !OWN_STATE.has(name));
  }

  /**
   * Reads the page's attributes with `read` (call it from `willUpdate`): answers its result, or,
   * when it throws, shows why as an `invalid-config` error and answers undefined.
   */
  protected readConfig<T>(read: () => T): T | undefined {
    try {
      const config = read();
      this.configError = undefined;
      if (this.failure?.code === 'invalid-config') this.setStatus('idle');
      return config;
    } catch (error) {
      this.configError = new XmtpError('invalid-config', (error as Error).message);
      this.fail(this.configError);
      return undefined;
    }
  }

  protected setStatus(status: Status): void {
    const previous = this.status;
    if (status !== 'error') this.failure = undefined;
    if (previous === status) return;
    this.status = status;
    this.#showState(previous, status);
    emit(this, 'xmtp-status-change', { status, previous });
  }

  protected fail(failure: XmtpError): void {
    this.#report(failure, 'error');
  }

  /** A network failure after signing: the signature is saved and will be sent again. */
  protected queue(failure: XmtpError): void {
    this.#report(failure, 'queued');
  }

  #report(failure: XmtpError, status: 'error' | 'queued'): void {
    this.setStatus(status);
    this.failure = failure;
    this.requestUpdate();
    emit(this, 'xmtp-error', {
      code: failure.code,
      message: failure.message,
      ...(failure.serverCode ? { serverCode: failure.serverCode } : {}),
    });
  }

  protected override willUpdate(_changed: PropertyValues): void {
    // The wallet disconnected or dropped the account while waiting for the sign click.
    if (this.status === 'connected' && !this.wallet.account) this.setStatus('idle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#showState(undefined, this.status);
    addEventListener(LOCALE_REGISTERED, this.#onLocale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener(LOCALE_REGISTERED, this.#onLocale);
  }

  #onLocale = (): void => this.requestUpdate();

  protected override updated(changed: PropertyValues): void {
    if (this.status === 'done' && this.#focusStatusWhenDone) {
      this.#focusStatusWhenDone = false;
      this.#focus('status');
    }
    // Keyboard and screen reader users land in the picker when it opens, and back on the flow after.
    if (changed.get('status') === 'picking') this.#focus(this.status === 'done' ? 'status' : 'button');
    if (changed.has('status') && this.status === 'picking') this.#focus('wallet');
  }

  #focus(part: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  /**
   * An address or id, short until the reader asks for it in full; `label` names it for screen
   * readers where the sentence around it does not, `part` lets pages style it.
   */
  protected renderValue(value: string, label = '', part = 'value') {
    const full = this.#expanded.has(value);
    const short = value.length > 13 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
    const toggle = () => {
      if (!this.#expanded.delete(value)) this.#expanded.add(value);
      this.requestUpdate();
    };
    return html`<button
      part=${part}
      class="value mono"
      type="button"
      title=${value}
      aria-expanded=${full ? 'true' : 'false'}
      @click=${toggle}
    >${label ? html`<span class="visually-hidden">${label} </span>` : nothing}${full ? value : short}</button>`;
  }

  /** The connected account, the action button and the live status region. */
  protected renderControls() {
    const account = this.wallet.account;
    const done = this.status === 'done';
    const wording: Wording = {
      words: this.words,
      start: this.startLabel(),
      sign: this.signLabel(),
      done: done ? this.doneText() : '',
      failure: this.failure,
      configError: this.configError,
    };
    const parts = this.status === 'error' ? 'status error' : done ? 'status done' : 'status';
    return html`
      ${account && !done
        ? html`<p part="account" class="muted">${this.words.signingAs} <span class="mono">${account}</span></p>`
        : nothing}
      ${this.status === 'picking'
        ? walletPicker(this.wallet.wallets, {
            heading: this.words.chooseWallet,
            cancel: this.words.cancel,
            onPick: (wallet) => {
              this.wallet.choose(wallet);
              void this.runStep(() => this.#connect());
            },
            onCancel: () => this.setStatus('idle'),
          })
        : nothing}
      ${done || this.status === 'picking'
        ? nothing
        : html`<button
            part="button"
            class="action"
            type="button"
            aria-disabled=${BUSY_STATUSES.has(this.status) || this.configError ? 'true' : 'false'}
            @click=${this.#onAction}
          >
            ${actionLabel(this.status, wording)}
          </button>`}
      <p part=${parts} class="status ${this.status}" role="status" tabindex="-1">${statusText(this.status, wording)}</p>
    `;
  }

  #onAction = (event: Event): void => {
    if (BUSY_STATUSES.has(this.status) || this.configError) return;
    this.#focusStatusWhenDone = this.shadowRoot?.activeElement === event.currentTarget;
    const account = this.wallet.account;
    if (this.status === 'queued') void this.runStep(() => this.deliverQueued());
    // After a wrong account, connect again: the wallet may have switched without telling.
    else if (this.status === 'idle' || !account || this.failure?.code === 'wrong-account') {
      if (this.wallet.needsChoice) this.setStatus('picking');
      else void this.runStep(() => this.#connect());
    } else {
      void this.runStep(async () => {
        this.checkAccount(account);
        await this.signAndDeliver(account);
      });
    }
  };

  /** Runs a step of the flow; whatever it throws becomes a classified, shown error. */
  protected async runStep(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.fail(error instanceof XmtpError ? error : classifyWalletError(error));
    }
  }

  async #connect(): Promise<void> {
    this.setStatus('connecting');
    const { account, prompted } = await this.wallet.connect();
    this.checkAccount(account);
    if (await this.alreadyDone(account)) return this.setStatus('done');
    // A wallet that just asked the reader to connect gets a second, deliberate click to sign.
    if (prompted) return this.setStatus('connected');
    await this.signAndDeliver(account);
  }

  #showState(previous: Status | undefined, next: Status): void {
    const states = this.#internals.states;
    // Browsers without CustomStateSet (or with only `--dashed` names) still get the attribute.
    try {
      if (previous) states?.delete(previous);
      states?.add(next);
    } catch {
      /* the `status` attribute carries the same information */
    }
  }
}
