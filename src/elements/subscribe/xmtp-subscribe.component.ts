// <xmtp-subscribe>: a reader signs XMTP's consent for a publisher, and the proof reaches its list.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { checksumAddress } from '../../core/address.js';
import { bytesToBase64 } from '../../core/base64.js';
import { consentMessage, encodeConsentProof } from '../../core/consent.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { findInOutbox, type OutboxEntry } from '../../delivery/outbox.js';
import { resolveEndpoint } from '../../delivery/endpoint.js';
import { fill } from '../shared/strings.js';
import { getJson } from '../../delivery/submit.js';
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

  #config: Config | undefined;
  /** True when the host took over delivery of the signed proof (it prevented `xmtp-consent-signed`). */
  #handedOver = false;
  #lookedForReturningReader = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.inputsChanged(changed)) return;
    this.#config = this.readConfig(() => ({
      publisher: checksumAddress(this.publisher, 'publisher'),
      endpoint: this.endpoint ? resolveEndpoint(this.endpoint) : undefined,
    }));
  }

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
    if (!this.#config || this.status !== 'idle') return;
    const waiting = findInOutbox<ConsentBody>(this.#outboxPrefix());
    if (waiting) return this.runStep(() => this.#deliver(waiting));
    const account = await this.wallet.grantedAccount();
    if (account && (await this.alreadyDone(account)) && this.status === 'idle') this.setStatus('done');
  }

  override render() {
    const words = this.words;
    const config = this.#config;
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

  protected override async deliverQueued(): Promise<void> {
    const waiting = findInOutbox<ConsentBody>(this.#outboxPrefix());
    if (waiting) await this.#deliver(waiting);
  }

  /** A returning reader: the endpoint's GET decides; without an answer, this browser's memory does. */
  protected override async alreadyDone(subscriber: `0x${string}`): Promise<boolean> {
    const { publisher, endpoint } = this.#config!;
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

  protected async signAndDeliver(subscriber: `0x${string}`): Promise<void> {
    this.setStatus('signing');
    const { publisher, endpoint } = this.#config!;
    const timestampMs = Date.now();
    const signature = await this.wallet.signMessage(consentMessage(publisher, timestampMs), subscriber);
    const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
    const proof = { publisher, subscriber, timestampMs, signature, consentProof };
    this.#handedOver = !emit(this, 'xmtp-consent-signed', proof, { cancelable: true }) || !endpoint;
    if (this.#handedOver) return this.setStatus('done');
    const body = { publisher, subscriber, consentProof };
    await this.#deliver({ id: `${this.#outboxPrefix()}${subscriber}`, endpoint: endpoint!, body, attempts: 0 });
  }

  /** Sends a saved proof; a network failure leaves it saved and the element `queued`. */
  async #deliver(entry: ConsentEntry): Promise<void> {
    const sent = await this.send<ConsentAnswer>(entry);
    if (!sent) return;
    const { answer } = sent;
    const { publisher, subscriber } = entry.body;
    rememberSubscription(publisher, subscriber, answer.consentedAt);
    this.setStatus('done');
    emit(this, 'xmtp-subscribed', {
      publisher,
      subscriber,
      consentedAt: answer.consentedAt,
      created: answer.created ?? false,
    });
  }

  /** Outbox ids of this element's proofs: one per endpoint, publisher and subscriber. */
  #outboxPrefix(): string {
    const { endpoint, publisher } = this.#config!;
    return `consent|${endpoint}|${publisher}|`;
  }

  #name(): string {
    return this.publisherName || this.words.unnamedPublisher;
  }
}
