// <xmtp-subscribe>: a reader signs XMTP's consent for a publisher, and the proof reaches its list;
// once on the list, the same card lets them leave it with a signed withdrawal.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Address } from '../../core/address.js';
import { addressShaped, checksumAddress } from '../../core/address.js';
import { bytesToBase64 } from '../../core/base64.js';
import { consentMessage, encodeConsentProof } from '../../core/consent.js';
import { unsubscribeMessage } from '../../core/unsubscribe.js';
import { findInOutbox, removeFromOutbox, type OutboxEntry } from '../../delivery/outbox.js';
import { getJson } from '../../delivery/submit.js';
import { XmtpError } from '../../internal/errors.js';
import { resolveHttpUrl } from '../../internal/http-url.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { InputsController } from '../shared/inputs-controller.js';
import { SigningFlow } from '../shared/signing-flow.js';
import { BUSY_STATUSES } from '../shared/status.js';
import { fill } from '../shared/strings.js';
import { shortValue } from '../shared/value-chip.js';
import { XmtpElement } from '../shared/xmtp-element.js';
import {
  forgetMembership,
  recallMembership,
  rememberedSubscribers,
  rememberMembership,
} from './subscription-memory.js';
import { subscribeStyles } from './xmtp-subscribe.styles.js';

/** Where a subscribed reader is sent to read messages, unless the page says otherwise. */
const DEFAULT_INBOX_URL = 'https://xmtp.chat/';

interface Config {
  publisher: `0x${string}`;
  /** Absolute URL of the allowed-contacts endpoint, if the page gave one. */
  endpoint: string | undefined;
  inboxUrl: string;
}

/** The two statements a reader posts: the endpoint's request bodies. */
interface ConsentBody {
  publisher: string;
  subscriber: Address;
  consentProof: string;
}

interface WithdrawalBody {
  publisher: string;
  subscriber: Address;
  unsubscribe: { timestampMs: number; signature: string };
}

/** What the endpoint answers to a statement (201 or 200) and to a GET with the reader's receipt. */
interface ListAnswer {
  status: 'allowed' | 'unsubscribed' | 'unknown';
  consentedAt?: number;
  changedAt?: number;
  created?: boolean;
  receipt?: string;
}

/**
 * Asks the reader's wallet for XMTP's "Grant inbox consent to sender" signature and posts the
 * signed consent proof to the publisher's allowed-contacts list.
 *
 * Connecting and signing are two clicks when the wallet had to ask for the connection (mobile
 * wallets open only on a user gesture); one click when it was already connected. A subscribed
 * reader sees the account on the list, where to read messages, and **Unsubscribe**, which signs a
 * withdrawal and posts it to the same endpoint.
 *
 * @tag xmtp-subscribe
 * @summary A subscribe button that gets an XMTP consent signature and delivers the proof.
 *
 * @attr publisher - The publisher's sending address, any casing: shown as written, EIP-55
 *   checksummed once the reader clicks or opens the exact message (a mixed-case address with a
 *   wrong checksum is refused then, as `invalid-config`), and signed checksummed.
 * @attr endpoint - The allowed-contacts endpoint URL (absolute or relative to the page). Without it
 *   the element only emits `xmtp-consent-signed`.
 * @attr publisher-name - The publisher's name, as the reader knows it.
 * @attr inbox-url - Where a subscribed reader can read messages: an XMTP app (https://xmtp.chat/
 *   by default).
 * @attr variant - `compact`: the button alone, who and what on demand (and always before signing).
 *
 * @fires xmtp-consent-signed - `{ publisher, subscriber, timestampMs, signature, consentProof }`
 *   once the wallet signed; `consentProof` is standard base64 of XMTP's `ConsentProofPayload`.
 *   Cancelable: `preventDefault()` and deliver the proof yourself (the element then posts nothing).
 * @fires xmtp-subscribed - `{ publisher, subscriber, consentedAt, created, receipt }` once the endpoint
 *   stored the proof (`created: false` when the list already had a record of this reader: on it, or
 *   left earlier).
 * @fires xmtp-unsubscribed - `{ publisher, subscriber, changedAt, receipt }` once the endpoint stored
 *   the reader's signed withdrawal: they left the list.
 *
 * @csspart publisher - The line naming the publisher.
 * @csspart name - The publisher's name.
 * @csspart address - The publisher's sending address (also a `value`).
 * @csspart summary - The one line saying what signing does.
 * @csspart subscriber - Once subscribed: the line naming the account on the list.
 * @csspart read-messages - Once subscribed: where messages can be read.
 * @csspart inbox-link - The link to that XMTP app.
 * @csspart unsubscribe-summary - Once subscribed: what unsubscribing does.
 * @csspart unsubscribe - The button that leaves the list.
 * @csspart stay - While leaving: the button that keeps the subscription instead.
 * @csspart details - In the compact variant: the disclosure holding who and what.
 *
 * @cssproperty --xmtp-min-height - The card's least height, the one a page reserves before the
 *   script loads: 15.5em, or 5.75em for the compact variant.
 */
export class XmtpSubscribe extends XmtpElement {
  static override styles = [baseStyles, subscribeStyles];

  static override properties: PropertyDeclarations = {
    publisher: {},
    endpoint: {},
    publisherName: { attribute: 'publisher-name' },
    inboxUrl: { attribute: 'inbox-url' },
    variant: { reflect: true },
  };

  /**
   * The publisher's sending address, any casing; shown as written until the reader acts, then
   * checksummed, and always signed EIP-55 checksummed. Required.
   */
  publisher = '';

  /**
   * The allowed-contacts endpoint, absolute or relative to the page; the status GET uses the same
   * URL. Without it the element only emits `xmtp-consent-signed`.
   */
  endpoint = '';

  /** The name the reader knows the publisher by. */
  publisherName = '';

  /** Where a subscribed reader can read messages: an XMTP app. */
  inboxUrl = DEFAULT_INBOX_URL;

  /**
   * `compact`: the button alone, with who and what behind a disclosure; the card opens on them
   * before anything is signed (the first click never signs).
   */
  variant: 'compact' | undefined;

  /**
   * The publisher is shown as the page wrote it, and checksummed only once it is needed: when the
   * reader acts (a click, or opening the exact message), or when a returning reader or a connected
   * wallet is looked up. Keccak's first run would be the costliest work of a page load, and most
   * visitors never click.
   */
  #checksummed = false;

  /** The exact message is written only while the reader has it open. */
  #messageOpen = false;

  protected readonly inputs = new InputsController<Config>(
    this,
    this.state,
    () => [this.publisher, this.endpoint, this.inboxUrl, this.#checksummed],
    () => ({
      publisher: this.#checksummed ? checksumAddress(this.publisher, 'publisher') : addressShaped(this.publisher, 'publisher'),
      endpoint: this.endpoint ? resolveHttpUrl(this.endpoint, 'endpoint') : undefined,
      inboxUrl: resolveHttpUrl(this.inboxUrl, 'inbox-url'),
    }),
  );

  readonly #subscribing = new SigningFlow(this, this.state, this.wallet, {
    confirm: () => this.variant === 'compact',
    alreadyDone: async (account) => this.#isSubscribed(account),
    sign: (account) => this.#signConsent(account),
    resend: () => this.#resend(),
  });

  readonly #leavingFlow = new SigningFlow(this, this.state, this.wallet, {
    origin: 'done',
    checkAccount: (account) => this.#checkSubscriber(account),
    sign: (account) => this.#signWithdrawal(account),
    resend: () => this.#resend(),
  });

  /** The reader asked to leave the list: the action button runs the withdrawal. */
  #leaving = false;
  /** The reader has just left the list, which the status says while idle. */
  #left = false;
  /** The account on the list, once known. */
  #subscriber: Address | undefined;
  /** True when the host took over delivery of the signed proof (it prevented `xmtp-consent-signed`). */
  #handedOver = false;
  #lookedForReturningReader = false;

  protected get flow(): SigningFlow {
    return this.#leaving ? this.#leavingFlow : this.#subscribing;
  }

  /**
   * Subscribes, as pressing the button does: call it from the reader's click (wallets open only
   * on a user gesture). Does nothing once subscribed, while busy, or when `disabled`.
   */
  subscribe(): void {
    if (this.status !== 'done' && !this.#leaving) this.press();
  }

  /** Leaves the list, as pressing **Unsubscribe** does: only once subscribed, with an endpoint. */
  unsubscribe(): void {
    if (this.status === 'done' && this.#subscriber && this.inputs.value?.endpoint) this.#leave();
  }

  override reset(): void {
    if (BUSY_STATUSES.has(this.status)) return;
    this.#leaving = false;
    this.#left = false;
    this.requestUpdate();
    super.reset();
  }

  protected override press(): void {
    this.#checksum();
    super.press();
  }

  #checksum(): void {
    if (this.#checksummed) return;
    this.#checksummed = true;
    this.inputs.hostUpdate();
    this.requestUpdate();
  }

  // Here, once the controllers have read the inputs and before rendering: a returning reader's
  // first frame already says `checking`, and no second update follows this one.
  protected override update(changed: PropertyValues<this>): void {
    if (!this.#lookedForReturningReader || changed.has('provider')) {
      this.#lookedForReturningReader = true;
      void this.#welcomeBack();
    }
    super.update(changed);
  }

  /**
   * On load: a statement this browser signed but could not deliver is sent again; the readers this
   * browser remembers on the list are checked with the endpoint (`checking`), once, so that no
   * click ever waits on the network before the wallet opens; a reader whose wallet already granted
   * this site their account is shown subscribed, no click needed.
   */
  async #welcomeBack(): Promise<void> {
    if (!this.inputs.value || this.status !== 'idle') return;
    const remembered = rememberedSubscribers(this.inputs.value.publisher);
    const checking = remembered.length > 0;
    // The endpoint and the outbox know the publisher checksummed.
    if (checking) this.#checksum();
    if (!this.inputs.value) return;
    if (checking) this.state.set('checking');
    const [account] = await Promise.all([this.wallet.grantedAccount(), ...remembered.map((reader) => this.#confirm(reader))]);
    if (account) this.#checksum();
    if (!this.inputs.value) return;
    if (account && (this.#waiting('unsubscribe', account) || this.#waiting('consent', account))) {
      this.#subscriber = account;
      return this.flow.run(() => this.#resend());
    }
    const subscribed = account !== undefined && this.#isSubscribed(account);
    if (this.status === (checking ? 'checking' : 'idle')) this.state.set(subscribed ? 'done' : 'idle');
  }

  override render() {
    const config = this.inputs.value;
    const subscribed = this.status === 'done';
    const about = html`${config
      ? html`<div part="publisher" class="publisher">
          <span part="name" class="name">${this.publisherName || this.words.unnamedPublisher}</span>
          ${this.renderValue(config.publisher, this.words.sendingAddress, 'value address')}
        </div>`
      : nothing}
    ${subscribed ? nothing : this.#renderStatement(config)}`;
    // Compact: who and what on demand, and always open once connected, before the sign click.
    const compact = this.variant === 'compact' && !this.#leaving;
    return html`
      <div part="base" class="base">
        ${compact ? nothing : about} ${this.renderControls()}
        ${compact
          ? html`<details part="details" ?open=${this.status === 'connected'}>
              <summary>${this.words.aboutThis}</summary>
              <div class="about">${about}</div>
            </details>`
          : nothing}
        ${subscribed && config ? this.#renderSubscription(config) : nothing}
        ${this.#leaving && (this.status === 'connected' || this.status === 'error')
          ? html`<button part="stay" class="link" type="button" @click=${this.#stay}>${this.words.staySubscribed}</button>`
          : nothing}
      </div>
    `;
  }

  /** What signing does, in one line, and the exact text on demand: the consent, or the withdrawal. */
  #renderStatement(config: Config | undefined) {
    const words = this.words;
    const account = this.wallet.account;
    const sender = this.#sender();
    const summary = this.#leaving
      ? words.unsubscribeSummary
      : account
        ? words.consentSummaryAccount
        : words.consentSummary;
    const message = this.#leaving ? unsubscribeMessage : consentMessage;
    return html`
      <p part="summary">${fill(summary, { sender, account: account && shortValue(account) })}</p>
      ${config
        ? html`<details part="message-details" @toggle=${this.#toggleMessage}>
            <summary part="message-toggle">${words.showMessage}</summary>
            <pre part="message">${this.#messageOpen ? message(config.publisher, Date.now()) : ''}</pre>
            <p class="muted">${words.messageTimeNote}</p>
          </details>`
        : nothing}
    `;
  }

  /** Once subscribed: which account, where to read, and how to leave. */
  #renderSubscription({ endpoint, inboxUrl }: Config) {
    const words = this.words;
    const subscriber = this.#subscriber;
    const link = html`<a part="inbox-link" href=${inboxUrl} target="_blank" rel="noopener noreferrer"
      >${new URL(inboxUrl).host}</a
    >`;
    return html`
      ${subscriber
        ? html`<p part="subscriber">${fill(words.subscribedAs, { account: this.renderValue(subscriber) })}</p>`
        : nothing}
      <p part="read-messages">${fill(words.readMessages, { link })}</p>
      ${endpoint && subscriber
        ? html`<p part="unsubscribe-summary" class="muted">${fill(words.unsubscribeSummary, { sender: this.#sender() })}</p>
            <button
              part="unsubscribe"
              class="link"
              type="button"
              aria-disabled=${this.disabled ? 'true' : 'false'}
              @click=${this.#leave}
            >
              ${words.unsubscribe}
            </button>`
        : nothing}
    `;
  }

  protected startLabel(): string {
    return this.words.subscribe;
  }

  protected signLabel(): string {
    return this.#leaving ? this.words.signToUnsubscribe : this.words.signToSubscribe;
  }

  protected doneText(): string {
    return this.#handedOver ? this.words.statusHandedOver : this.#statusWithName(this.words.statusSubscribed);
  }

  protected override idleText(): string {
    return this.#left ? this.#statusWithName(this.words.statusUnsubscribed) : '';
  }

  #toggleMessage = (event: Event): void => {
    this.#messageOpen = (event.target as HTMLDetailsElement).open;
    // The message names the publisher checksummed: opening it is acting, and a mistyped checksum is refused here too.
    if (this.#messageOpen) this.#checksum();
    this.requestUpdate();
  };

  #leave = (): void => {
    if (this.disabled) return;
    this.#leaving = true;
    this.press();
  };

  #stay = (): void => {
    this.#leaving = false;
    this.state.set('done');
  };

  /**
   * Asks the endpoint, with the remembered receipt, whether a reader this browser remembers is
   * still on the list, and forgets them if not; without an answer, the memory stands.
   */
  async #confirm(subscriber: string): Promise<void> {
    const { publisher, endpoint } = this.inputs.value!;
    const receipt = recallMembership(publisher, subscriber)?.receipt;
    if (!endpoint || !receipt) return;
    // The same URL as the POST, its own query kept (a key, a list name), with the reader's added.
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries({ publisher, subscriber, receipt })) url.searchParams.set(name, value);
    const answer = await getJson<ListAnswer>(url.href).catch(() => undefined);
    if (answer && answer.status !== 'allowed') forgetMembership(publisher, subscriber);
  }

  /** Whether `account` is on the list, as this browser knows it (confirmed with the endpoint on load). */
  #isSubscribed(account: Address): boolean {
    const subscribed = recallMembership(this.inputs.value!.publisher, account) !== undefined;
    if (subscribed) this.#subscriber = account;
    return subscribed;
  }

  /** Only the account on the list can sign its withdrawal. */
  #checkSubscriber(account: Address): void {
    if (account !== this.#subscriber) {
      throw new XmtpError('wrong-account', `${this.#subscriber} is on the list; the wallet is on ${account}`);
    }
  }

  async #signConsent(subscriber: Address): Promise<void> {
    const { publisher, endpoint } = this.inputs.value!;
    const timestampMs = Date.now();
    const signature = await this.wallet.signMessage(consentMessage(publisher, timestampMs), subscriber);
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    const proof = { publisher, subscriber, timestampMs, signature, consentProof };
    this.#subscriber = subscriber;
    this.#handedOver = !emit(this, 'xmtp-consent-signed', proof, { cancelable: true }) || !endpoint;
    if (this.#handedOver) return this.state.set('done');
    // The newest statement is the one that counts: a withdrawal still waiting is dropped.
    removeFromOutbox(this.#outboxId('unsubscribe', subscriber));
    const body = { publisher, subscriber, consentProof };
    await this.#deliverConsent({ id: this.#outboxId('consent', subscriber), endpoint: endpoint!, body, attempts: 0 });
  }

  async #signWithdrawal(subscriber: Address): Promise<void> {
    const { publisher, endpoint } = this.inputs.value!;
    const timestampMs = Date.now();
    const signature = await this.wallet.signMessage(unsubscribeMessage(publisher, timestampMs), subscriber);
    removeFromOutbox(this.#outboxId('consent', subscriber));
    const body = { publisher, subscriber, unsubscribe: { timestampMs, signature } };
    await this.#deliverWithdrawal({ id: this.#outboxId('unsubscribe', subscriber), endpoint: endpoint!, body, attempts: 0 });
  }

  /** Sends a saved proof; a network failure leaves it saved and the element `queued`. */
  async #deliverConsent(entry: OutboxEntry<ConsentBody>): Promise<void> {
    const sent = await this.#subscribing.deliver<ListAnswer>(entry);
    if (!sent) return;
    const { status, consentedAt = 0, created = false, receipt } = sent.answer;
    const { publisher, subscriber } = entry.body;
    if (status !== 'allowed') throw notNewest(subscriber);
    rememberMembership(publisher, subscriber, { consentedAt, ...(receipt ? { receipt } : {}) });
    this.#subscriber = subscriber;
    this.#left = false;
    this.state.set('done');
    emit(this, 'xmtp-subscribed', { publisher, subscriber, consentedAt, created, ...(receipt ? { receipt } : {}) });
  }

  /** Sends a saved withdrawal; once the list has it, the reader is back at the start, off the list. */
  async #deliverWithdrawal(entry: OutboxEntry<WithdrawalBody>): Promise<void> {
    const sent = await this.#leavingFlow.deliver<ListAnswer>(entry);
    if (!sent) return;
    const { status, changedAt = 0, receipt } = sent.answer;
    const { publisher, subscriber } = entry.body;
    if (status !== 'unsubscribed') throw notNewest(subscriber);
    forgetMembership(publisher, subscriber);
    this.#leaving = false;
    this.#left = true;
    this.#subscriber = undefined;
    this.state.set('idle');
    emit(this, 'xmtp-unsubscribed', { publisher, subscriber, changedAt, ...(receipt ? { receipt } : {}) });
  }

  /**
   * Sends again what the reader on the list signed and this browser still holds: their withdrawal,
   * else their consent. Only their own, for this element's endpoint and publisher.
   */
  async #resend(): Promise<void> {
    const subscriber = this.#subscriber;
    if (!subscriber) return;
    const withdrawal = this.#waiting('unsubscribe', subscriber);
    if (withdrawal) {
      this.#leaving = true;
      return this.#deliverWithdrawal(withdrawal);
    }
    const consent = this.#waiting('consent', subscriber);
    if (consent) await this.#deliverConsent(consent);
  }

  /** The statement of `kind` that `subscriber` signed and that waits in the outbox, if well formed. */
  #waiting<Kind extends 'consent' | 'unsubscribe'>(kind: Kind, subscriber: Address) {
    const { endpoint, publisher } = this.inputs.value!;
    if (!endpoint) return undefined;
    type Body = Kind extends 'consent' ? ConsentBody : WithdrawalBody;
    return findInOutbox<Body>(this.#outboxId(kind, subscriber), endpoint, (body: Partial<ConsentBody & WithdrawalBody>) =>
      body.publisher === publisher &&
      body.subscriber === subscriber &&
      (kind === 'consent'
        ? typeof body.consentProof === 'string'
        : typeof body.unsubscribe?.timestampMs === 'number' && typeof body.unsubscribe.signature === 'string'),
    );
  }

  /** Outbox ids of this element's statements: one per kind, endpoint, publisher and subscriber. */
  #outboxId(kind: 'consent' | 'unsubscribe', subscriber: Address): string {
    const { endpoint, publisher } = this.inputs.value!;
    return `${kind}|${endpoint}|${publisher}|${subscriber}`;
  }

  /** The publisher as the summaries name it: its name and short address, or the address alone. */
  #sender(): string {
    const address = shortValue(this.inputs.value?.publisher ?? this.publisher);
    return this.publisherName ? `${this.publisherName} (${address})` : address;
  }

  /** A status sentence naming the publisher: its name, or its short address. */
  #statusWithName(template: string): string {
    const name = this.publisherName || shortValue(this.inputs.value?.publisher ?? this.publisher);
    return fill(template, { name }).join('');
  }
}

/** The list kept a statement newer than the one just signed (a device clock set back in time). */
function notNewest(subscriber: string): XmtpError {
  return new XmtpError('rejected-by-server', `the list holds a newer statement of ${subscriber}`, 'not_newest');
}
