// <xmtp-subscribe>: a reader signs XMTP's consent for a publisher, and the proof reaches its list.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { checksumAddress } from '../../core/address.js';
import { bytesToBase64 } from '../../core/base64.js';
import { consentMessage, encodeConsentProof } from '../../core/consent.js';
import type { Eip1193Provider } from '../../wallet/eip1193.js';
import { WalletController } from '../../wallet/wallet-controller.js';
import { classifyWalletError } from '../../wallet/wallet-error.js';
import { baseStyles } from '../shared/base.styles.js';
import { XmtpError } from '../shared/errors.js';
import { emit, type XmtpConsentSignedDetail } from '../shared/events.js';
import { shortAddress } from '../shared/format.js';
import { BUSY_STATUSES } from '../shared/status.js';
import { getJson, postJson } from '../shared/submit.js';
import { XmtpElement } from '../shared/xmtp-element.js';
import { forgetSubscription, recallSubscription, rememberSubscription } from './subscription-memory.js';
import { subscribeStyles } from './xmtp-subscribe.styles.js';

interface Config {
  publisher: `0x${string}`;
  /** Absolute URL of the allowed-contacts endpoint, if the page gave one. */
  endpoint: string | undefined;
}

/** What the endpoint answers to a POST (201 or 200) and to a GET for a known pair. */
interface ConsentAnswer {
  status: 'allowed';
  consentedAt: number;
  created?: boolean;
}

/**
 * Asks the reader's wallet for XMTP's "Grant inbox consent to sender" signature and posts the
 * signed consent proof to the publisher's allowed-contacts list.
 *
 * Connecting and signing are two clicks when the wallet had to ask for the connection (mobile
 * wallets open only on a user gesture); one click when it was already connected.
 *
 * @tag xmtp-subscribe
 * @summary A subscribe button that gets an XMTP consent signature and delivers the proof.
 *
 * @attr publisher - The publisher's sending address, any casing; shown EIP-55 checksummed.
 * @attr endpoint - The allowed-contacts endpoint URL (absolute or relative to the page). Without it
 *   the element only emits `xmtp-consent-signed`.
 * @attr publisher-name - The publisher's name, as the reader knows it.
 * @attr status - Read-only: `idle`, `connecting`, `connected`, `signing`, `submitting`, `done` or
 *   `error` (`picking` and `queued` are reserved for wallet choice and retried delivery).
 *
 * @fires xmtp-status-change - `{ status, previous }` on every change of `status`.
 * @fires xmtp-consent-signed - `{ publisher, subscriber, timestampMs, signature, consentProof }`
 *   once the wallet signed. Cancelable: `preventDefault()` and deliver the proof yourself.
 * @fires xmtp-subscribed - `{ publisher, subscriber, consentedAt, created }` once the endpoint stored it.
 * @fires xmtp-error - `{ code, message, serverCode? }`; the element stays usable.
 *
 * @csspart base - The card around everything.
 * @csspart publisher - The line naming the publisher.
 * @csspart name - The publisher's name.
 * @csspart address - The button showing the sending address, short or full.
 * @csspart summary - The one line saying what signing does.
 * @csspart message-details - The disclosure holding the exact message.
 * @csspart message-toggle - Its summary ("Show the exact message").
 * @csspart message - The exact text the wallet will sign.
 * @csspart account - The line naming the connected account.
 * @csspart button - The action button (subscribe, sign, try again).
 * @csspart status - The live region with progress, success and errors.
 * @csspart error - Also on the status while it shows an error.
 * @csspart done - Also on the status once subscribed.
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
 * @cssstate idle - And one state for every other `status` value, e.g. `:state(signing)`.
 */
export class XmtpSubscribe extends XmtpElement {
  static override styles = [baseStyles, subscribeStyles];

  static override properties: PropertyDeclarations = {
    publisher: {},
    endpoint: {},
    publisherName: { attribute: 'publisher-name' },
    provider: { attribute: false },
    showFullAddress: { state: true },
  };

  /** The publisher's sending address. */
  publisher = '';

  /** The allowed-contacts endpoint; the status GET uses the same URL. */
  endpoint = '';

  /** The publisher's name, as the reader knows it. */
  publisherName = '';

  /** Any EIP-1193 provider (WalletConnect, an SDK, a test wallet); wins over `window.ethereum`. */
  provider: Eip1193Provider | undefined;

  private showFullAddress = false;

  readonly #wallet = new WalletController(this, () => this.provider);
  #config: Config | XmtpError = new XmtpError('invalid-config', 'publisher is missing');
  /** A signed proof the endpoint has not acknowledged: retried on the next click, never re-signed. */
  #undelivered: XmtpConsentSignedDetail | undefined;
  /** True when the host took over delivery of the signed proof (it prevented `xmtp-consent-signed`). */
  #handedOver = false;
  #focusStatusWhenDone = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('publisher') && !changed.has('endpoint')) return;
    this.#config = this.#readConfig();
    if (this.#config instanceof XmtpError) this.fail(this.#config);
    else if (this.failure?.code === 'invalid-config') this.setStatus('idle');
  }

  protected override updated(): void {
    if (this.status === 'done' && this.#focusStatusWhenDone) {
      this.#focusStatusWhenDone = false;
      this.renderRoot.querySelector<HTMLElement>('[part~="status"]')?.focus();
    }
  }

  override render() {
    const text = this.text;
    const name = this.publisherName || text.unnamedPublisher;
    const config = this.#config instanceof XmtpError ? undefined : this.#config;
    const account = this.#wallet.account;
    return html`
      <div part="base" class="base">
        ${config ? this.#renderPublisher(name, config.publisher) : nothing}
        <p part="summary">${text.consentSummary(name)}</p>
        ${config ? this.#renderMessage(config.publisher) : nothing}
        ${account && this.status !== 'done'
          ? html`<p part="account" class="muted">${text.signingAs} <span class="mono">${account}</span></p>`
          : nothing}
        ${this.status === 'done' ? nothing : this.#renderButton(config !== undefined)}
        <p part=${this.#statusParts()} class="status ${this.status}" role="status" tabindex="-1">
          ${this.#statusText(name)}
        </p>
      </div>
    `;
  }

  #renderPublisher(name: string, publisher: string) {
    const full = this.showFullAddress;
    return html`
      <div part="publisher" class="publisher">
        <span part="name" class="name">${name}</span>
        <button
          part="address"
          class="address mono"
          type="button"
          title=${publisher}
          aria-expanded=${full ? 'true' : 'false'}
          @click=${() => (this.showFullAddress = !full)}
        >
          <span class="visually-hidden">${this.text.sendingAddress}</span>
          ${full ? publisher : shortAddress(publisher)}
        </button>
      </div>
    `;
  }

  #renderMessage(publisher: `0x${string}`) {
    return html`
      <details part="message-details">
        <summary part="message-toggle">${this.text.showMessage}</summary>
        <pre part="message">${consentMessage(publisher, Date.now())}</pre>
        <p class="muted">${this.text.messageTimeNote}</p>
      </details>
    `;
  }

  #renderButton(configured: boolean) {
    const text = this.text;
    const busy = BUSY_STATUSES.has(this.status);
    const label = {
      idle: text.subscribe,
      picking: text.subscribe,
      connecting: text.connecting,
      connected: text.sign,
      signing: text.signing,
      submitting: text.submitting,
      queued: text.retry,
      done: text.subscribe,
      error: this.failure?.code === 'invalid-config' ? text.subscribe : text.retry,
    }[this.status];
    return html`
      <button
        part="button"
        class="action"
        type="button"
        aria-disabled=${busy || !configured ? 'true' : 'false'}
        @click=${this.#onAction}
      >
        ${label}
      </button>
    `;
  }

  #statusParts(): string {
    if (this.status === 'error') return 'status error';
    return this.status === 'done' ? 'status done' : 'status';
  }

  #statusText(name: string): string {
    const text = this.text;
    switch (this.status) {
      case 'connecting':
        return text.statusConnecting;
      case 'connected':
        return text.statusConnected;
      case 'signing':
        return text.statusSigning;
      case 'submitting':
        return text.statusSubmitting;
      case 'done':
        return this.#handedOver ? text.statusSigned : text.statusSubscribed(name);
      case 'error': {
        const failure = this.failure!;
        const human = text.errors[failure.code];
        return failure.code === 'rejected-by-server' ? `${human} (${failure.message})` : human;
      }
      default:
        return '';
    }
  }

  #readConfig(): Config | XmtpError {
    try {
      const publisher = checksumAddress(this.publisher, 'publisher');
      return { publisher, endpoint: this.endpoint ? resolveEndpoint(this.endpoint) : undefined };
    } catch (error) {
      return new XmtpError('invalid-config', (error as Error).message);
    }
  }

  #onAction = async (event: Event): Promise<void> => {
    const config = this.#config;
    if (BUSY_STATUSES.has(this.status) || config instanceof XmtpError) return;
    this.#focusStatusWhenDone = this.shadowRoot?.activeElement === event.currentTarget;
    try {
      if (this.#undelivered) await this.#deliver(config, this.#undelivered);
      else if (this.status === 'idle' || !this.#wallet.account) await this.#connect(config);
      else await this.#sign(config, this.#wallet.account);
    } catch (error) {
      this.fail(error instanceof XmtpError ? error : classifyWalletError(error));
    }
  };

  async #connect(config: Config): Promise<void> {
    this.setStatus('connecting');
    const { account, prompted } = await this.#wallet.connect();
    if (await this.#isSubscribed(config, account)) return this.setStatus('done');
    // A wallet that just asked the reader to connect gets a second, deliberate click to sign.
    if (prompted) return this.setStatus('connected');
    await this.#sign(config, account);
  }

  async #sign(config: Config, subscriber: `0x${string}`): Promise<void> {
    this.setStatus('signing');
    const { publisher, endpoint } = config;
    const timestampMs = Date.now();
    const signature = await this.#wallet.signMessage(consentMessage(publisher, timestampMs), subscriber);
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    const proof = { publisher, subscriber, timestampMs, signature, consentProof };
    const deliverHere = emit(this, 'xmtp-consent-signed', proof, { cancelable: true }) && endpoint;
    if (!deliverHere) {
      this.#handedOver = true;
      return this.setStatus('done');
    }
    this.#undelivered = proof;
    await this.#deliver(config, proof);
  }

  async #deliver(config: Config, proof: XmtpConsentSignedDetail): Promise<void> {
    this.setStatus('submitting');
    const { publisher, subscriber, consentProof } = proof;
    const answer = await postJson<ConsentAnswer>(config.endpoint!, { publisher, subscriber, consentProof });
    this.#undelivered = undefined;
    rememberSubscription(publisher, subscriber, answer.consentedAt);
    this.#handedOver = false;
    this.setStatus('done');
    emit(this, 'xmtp-subscribed', {
      publisher,
      subscriber,
      consentedAt: answer.consentedAt,
      created: answer.created ?? false,
    });
  }

  /** A returning reader: the endpoint's GET decides; without an answer, this browser's memory does. */
  async #isSubscribed({ publisher, endpoint }: Config, subscriber: string): Promise<boolean> {
    const remembered = recallSubscription(publisher, subscriber) !== undefined;
    if (!endpoint) return remembered;
    const url = new URL(endpoint);
    url.searchParams.set('publisher', publisher);
    url.searchParams.set('subscriber', subscriber);
    try {
      const answer = await getJson<ConsentAnswer>(url.href);
      if (answer?.status === 'allowed') rememberSubscription(publisher, subscriber, answer.consentedAt);
      else forgetSubscription(publisher, subscriber);
      return answer?.status === 'allowed';
    } catch {
      return remembered;
    }
  }
}

function resolveEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw new TypeError(`endpoint must be a URL, got '${endpoint}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`endpoint must be an http(s) URL, got '${endpoint}'`);
  }
  return url.href;
}
