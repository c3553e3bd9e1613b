// <xmtp-subscribe>: a reader signs XMTP's consent for a publisher, and the proof reaches its list.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Address } from 'viem';
import { checksumAddress } from '../../core/address.js';
import { bytesToBase64 } from '../../core/base64.js';
import { consentMessage, encodeConsentProof } from '../../core/consent.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { findInOutbox, type OutboxEntry } from '../../delivery/outbox.js';
import { resolveEndpoint } from '../../delivery/endpoint.js';
import { fill } from '../shared/strings.js';
import { getJson } from '../../delivery/submit.js';
import { InputsController } from '../shared/inputs-controller.js';
import { SigningFlow } from '../shared/signing-flow.js';
import { XmtpElement } from '../shared/xmtp-element.js';
import { forgetSubscription, recallSubscription, rememberSubscription } from './subscription-memory.js';
import { subscribeStyles } from './xmtp-subscribe.styles.js';

interface Config {
  publisher: `0x${string}`;
  /** Absolute URL of the allowed-contacts endpoint, if the page gave one. */
  endpoint: string | undefined;
}

/** What is POSTed: the endpoint's request body. */
interface ConsentBody {
  publisher: string;
  subscriber: string;
  consentProof: string;
}

type ConsentEntry = OutboxEntry<ConsentBody>;

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
 *
 * @fires xmtp-consent-signed - `{ publisher, subscriber, timestampMs, signature, consentProof }`
 *   once the wallet signed; `consentProof` is standard base64 of XMTP's `ConsentProofPayload`.
 *   Cancelable: `preventDefault()` and deliver the proof yourself (the element then posts nothing).
 * @fires xmtp-subscribed - `{ publisher, subscriber, consentedAt, created }` once the endpoint stored
 *   the proof (`created: false` when the reader was already on the list).
 *
 * @csspart publisher - The line naming the publisher.
 * @csspart name - The publisher's name.
 * @csspart address - The publisher's sending address (also a `value`).
 * @csspart summary - The one line saying what signing does.
 */
export class XmtpSubscribe extends XmtpElement {
  static override styles = [baseStyles, subscribeStyles];

  static override properties: PropertyDeclarations = {
    publisher: {},
    endpoint: {},
    publisherName: { attribute: 'publisher-name' },
  };

  /** The publisher's sending address, any casing; shown and signed EIP-55 checksummed. Required. */
  publisher = '';

  /**
   * The allowed-contacts endpoint, absolute or relative to the page; the status GET uses the same
   * URL. Without it the element only emits `xmtp-consent-signed`.
   */
  endpoint = '';

  /** The name the reader knows the publisher by. */
  publisherName = '';

  protected readonly inputs = new InputsController<Config>(
    this,
    this.state,
    () => [this.publisher, this.endpoint],
    () => ({
      publisher: checksumAddress(this.publisher, 'publisher'),
      endpoint: this.endpoint ? resolveEndpoint(this.endpoint) : undefined,
    }),
  );

  protected readonly flow = new SigningFlow(this, this.state, this.wallet, {
    alreadyDone: (subscriber) => this.#isSubscribed(subscriber),
    sign: (subscriber) => this.#signConsent(subscriber),
    resend: () => this.#resend(),
  });

  /** True when the host took over delivery of the signed proof (it prevented `xmtp-consent-signed`). */
  #handedOver = false;
  #lookedForReturningReader = false;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#lookedForReturningReader || changed.has('provider')) {
      this.#lookedForReturningReader = true;
      void this.#welcomeBack();
    }
  }

  /**
   * On load: a proof this browser signed but could not deliver is sent again; a returning reader
   * whose wallet already granted this site is shown subscribed, no click needed.
   */
  async #welcomeBack(): Promise<void> {
    if (!this.inputs.value || this.status !== 'idle') return;
    const waiting = findInOutbox<ConsentBody>(this.#outboxPrefix());
    if (waiting) return this.flow.run(() => this.#deliver(waiting));
    const account = await this.wallet.grantedAccount();
    if (account && (await this.#isSubscribed(account)) && this.status === 'idle') this.state.set('done');
  }

  override render() {
    const words = this.words;
    const config = this.inputs.value;
    return html`
      <div part="base" class="base">
        ${config
          ? html`<div part="publisher" class="publisher">
              <span part="name" class="name">${this.#name()}</span>
              ${this.renderValue(config.publisher, words.sendingAddress, 'value address')}
            </div>`
          : nothing}
        <p part="summary">${fill(words.consentSummary, { name: this.#name() })}</p>
        ${config
          ? html`<details part="message-details">
              <summary part="message-toggle">${words.showMessage}</summary>
              <pre part="message">${consentMessage(config.publisher, Date.now())}</pre>
              <p class="muted">${words.messageTimeNote}</p>
            </details>`
          : nothing}
        ${this.renderControls()}
      </div>
    `;
  }

  protected startLabel(): string {
    return this.words.subscribe;
  }

  protected signLabel(): string {
    return this.words.signToSubscribe;
  }

  protected doneText(): string {
    const words = this.words;
    return this.#handedOver ? words.statusHandedOver : fill(words.statusSubscribed, { name: this.#name() }).join('');
  }

  async #resend(): Promise<void> {
    const waiting = findInOutbox<ConsentBody>(this.#outboxPrefix());
    if (waiting) await this.#deliver(waiting);
  }

  /** A returning reader: the endpoint's GET decides; without an answer, this browser's memory does. */
  async #isSubscribed(subscriber: Address): Promise<boolean> {
    const { publisher, endpoint } = this.inputs.value!;
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

  async #signConsent(subscriber: Address): Promise<void> {
    const { publisher, endpoint } = this.inputs.value!;
    const timestampMs = Date.now();
    const signature = await this.wallet.signMessage(consentMessage(publisher, timestampMs), subscriber);
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    const proof = { publisher, subscriber, timestampMs, signature, consentProof };
    this.#handedOver = !emit(this, 'xmtp-consent-signed', proof, { cancelable: true }) || !endpoint;
    if (this.#handedOver) return this.state.set('done');
    const body = { publisher, subscriber, consentProof };
    await this.#deliver({ id: `${this.#outboxPrefix()}${subscriber}`, endpoint: endpoint!, body, attempts: 0 });
  }

  /** Sends a saved proof; a network failure leaves it saved and the element `queued`. */
  async #deliver(entry: ConsentEntry): Promise<void> {
    const sent = await this.flow.deliver<ConsentAnswer>(entry);
    if (!sent) return;
    const { answer } = sent;
    const { publisher, subscriber } = entry.body;
    rememberSubscription(publisher, subscriber, answer.consentedAt);
    this.state.set('done');
    emit(this, 'xmtp-subscribed', {
      publisher,
      subscriber,
      consentedAt: answer.consentedAt,
      created: answer.created ?? false,
    });
  }

  /** Outbox ids of this element's proofs: one per endpoint, publisher and subscriber. */
  #outboxPrefix(): string {
    const { endpoint, publisher } = this.inputs.value!;
    return `consent|${endpoint}|${publisher}|`;
  }

  #name(): string {
    return this.publisherName || this.words.unnamedPublisher;
  }
}
