// <xmtp-signature-request>: shows any XMTP signature text in plain words, then gets it signed.
import { html, nothing, type PropertyDeclarations } from 'lit';
import type { Address } from '../../core/address.js';
import { checksumAddress } from '../../core/address.js';
import { identityText, type IdentityAction } from '../../core/identity.js';
import { parseSignatureText, SignatureTextError, type ParsedSignatureText } from '../../core/parse.js';
import { baseStyles } from '../shared/base.styles.js';
import { XmtpError } from '../../internal/errors.js';
import { emit } from '../shared/events.js';
import { findInOutbox, type OutboxEntry } from '../../delivery/outbox.js';
import { resolveHttpUrl } from '../../internal/http-url.js';
import { fill, mergeStrings, type XmtpStrings } from '../shared/strings.js';
import { requestEnglish } from '../shared/strings-request.js';
import { InputsController } from '../shared/inputs-controller.js';
import { SigningFlow } from '../shared/signing-flow.js';
import { shortValue } from '../shared/value-chip.js';
import { XmtpElement } from '../shared/xmtp-element.js';
import { BlockedText } from './blocked-text.js';
import { signatureRequestStyles } from './xmtp-signature-request.styles.js';

/** The request once read: the exact text to sign, what it says, who must sign it, where it goes. */
export interface SignatureRequest {
  text: string;
  parsed: ParsedSignatureText;
  signer: `0x${string}` | undefined;
  endpoint: string | undefined;
}

/** What is POSTed to the endpoint. */
interface SignatureBody {
  text: string;
  signature: `0x${string}`;
  signer: `0x${string}`;
}

/** One line of plain words: which sentence, and the address, id or key it names. */
interface Statement {
  sentence: keyof XmtpStrings['actions'];
  value?: string;
}

/** A `time` attribute: milliseconds, or a date and time that `Date.parse` reads (ISO 8601). */
const timeConverter = {
  fromAttribute: (value: string | null) =>
    value === null ? undefined : /^\d+$/.test(value) ? Number(value) : new Date(value),
};

/**
 * Shows an XMTP signature text (the V3 "Authenticate to inbox" texts, the consent text and its
 * withdrawal, the legacy V2 identity texts) in plain words, and gets it signed by the expected
 * account. The text is parsed strictly before anything else: a text that is not exactly one of
 * XMTP's formats (or the withdrawal) is refused and no wallet is ever asked to sign it.
 *
 * @tag xmtp-signature-request
 * @summary A prompt that explains an XMTP signature text and gets it signed.
 *
 * @attr text - The signature text, as an XMTP SDK produced it.
 * @attr inbox-id - With `actions` (a property) and `time`, the fields to build an identity text
 *   when no `text` is given.
 * @attr time - When the identity text is dated: milliseconds or ISO 8601; the first render's time by default.
 * @attr signer - The address that must sign; a different connected account is refused.
 * @attr endpoint - Where to POST `{ text, signature, signer }` once signed (optional).
 *
 * @fires xmtp-signature - `{ text, signature, signer, parsed }` once the wallet signed.
 *
 * @csspart heading - The line introducing the request.
 * @csspart inbox - The line naming the inbox.
 * @csspart statements - The list of what signing does, one item per action.
 * @csspart statement - One item of that list.
 * @csspart warning - A change that hands over the inbox (a recovery address change), shown apart.
 * @csspart signer - The line naming who must sign.
 */
export class XmtpSignatureRequest extends XmtpElement {
  static override styles = [baseStyles, signatureRequestStyles];

  static override properties: PropertyDeclarations = {
    text: {},
    inboxId: { attribute: 'inbox-id' },
    actions: { attribute: false },
    time: { converter: timeConverter },
    signer: {},
    endpoint: {},
  };

  /** The signature text, as the XMTP SDK produced it; parsed strictly before anything else. */
  text = '';

  /** With `actions` and `time`, the fields to build the identity text when no `text` is given. */
  inboxId = '';

  /** The actions of the built identity text, e.g. `[{ type: 'revoke-app', installationId }]`. */
  actions: IdentityAction[] | undefined;

  /** When a built text is dated: ms, a `Date`, or ISO 8601 as the attribute; the first render's time by default. */
  time: Date | number | undefined;

  /** The address that must sign; a different connected account is refused (`wrong-account`). */
  signer = '';

  /** Optional: where to POST `{ text, signature, signer }` (JSON) once signed. */
  endpoint = '';

  /** The request as read from the attributes, once valid. */
  protected readonly inputs = new InputsController<SignatureRequest>(
    this,
    this.state,
    () => this.inputValues(),
    () => this.readRequest(),
  );

  protected readonly flow = new SigningFlow(this, this.state, this.wallet, {
    checkAccount: (account) => this.#checkAccount(account),
    sign: (account) => this.#sign(account),
    resend: () => this.#resend(),
  });

  #builtAt = Date.now();

  /** The shared words, and the identity prompts' own English where a locale or the page left one out. */
  protected override get words(): XmtpStrings {
    return mergeStrings(requestEnglish as XmtpStrings, super.words);
  }

  /** The attributes and properties the request is read from; presets add theirs. */
  protected inputValues(): unknown[] {
    return [this.text, this.inboxId, this.actions, this.time, this.signer, this.endpoint];
  }

  /**
   * Reads and checks the attributes; throws an `Error` saying what is wrong, a `BlockedText` when
   * the text itself is refused. Presets add rules.
   */
  protected readRequest(): SignatureRequest {
    const text = this.text || this.buildText();
    return {
      text,
      parsed: parseOrBlock(text),
      signer: this.signer ? checksumAddress(this.signer, 'signer') : undefined,
      endpoint: this.endpoint ? resolveHttpUrl(this.endpoint, 'endpoint') : undefined,
    };
  }

  /** The identity text built from `inbox-id`, the actions and `time`, when the page gave no `text`. */
  protected buildText(): string {
    const actions = this.builtActions();
    if (!this.inboxId || !actions) {
      throw new TypeError('give a signature text (text), or inbox-id and actions to build one');
    }
    return identityText({ inboxId: this.inboxId, time: this.time ?? this.#builtAt, actions });
  }

  /** The actions of a built text; presets fill in their own. */
  protected builtActions(): IdentityAction[] | undefined {
    return this.actions;
  }

  override render() {
    return html`
      <div part="base" class="base">
        <p part="heading">${this.words.requestHeading}</p>
        ${this.inputs.value ? this.#renderRequest(this.inputs.value) : nothing} ${this.renderControls()}
      </div>
    `;
  }

  #renderRequest({ text, parsed, signer }: SignatureRequest) {
    const words = this.words;
    const inbox = parsed.kind === 'identity' ? parsed.inboxId : undefined;
    const say = ({ sentence, value }: Statement) =>
      fill(words.actions[sentence], {
        value: value === undefined ? '' : this.renderValue(value),
        inbox: inbox ? this.renderValue(inbox) : '',
      });
    const all = statements(parsed);
    // A recovery address change is never one bullet among others: it is shown as a warning.
    const warnings = all.filter(({ sentence }) => sentence === 'change-recovery-address');
    return html`
      ${inbox ? html`<p part="inbox" class="muted">${words.inbox} ${this.renderValue(inbox)}</p>` : nothing}
      ${warnings.map(
        (warning) =>
          html`<p part="warning" class="warning"><span class="visually-hidden">${words.warning} </span>${say(warning)}</p>`,
      )}
      <ul part="statements">
        ${all.filter((statement) => !warnings.includes(statement)).map((statement) => html`<li part="statement">${say(statement)}</li>`)}
      </ul>
      <details part="message-details">
        <summary part="message-toggle">${words.showMessage}</summary>
        <pre part="message">${text}</pre>
      </details>
      ${signer
        ? html`<p part="signer">${fill(this.signerSentence(), { signer: this.renderValue(signer) })}</p>`
        : nothing}
    `;
  }

  /** A refused text in the plain words of why it was refused. */
  protected override explain(failure: XmtpError): string | undefined {
    const blocked = failure.cause;
    if (!(blocked instanceof BlockedText)) return undefined;
    return fill(this.words.blocked[blocked.reason], { value: shortValue(blocked.value) }).join('');
  }

  /** The sentence naming who must sign; presets say why that account. */
  protected signerSentence(): string {
    return this.words.signWith;
  }

  protected startLabel(): string {
    return this.words.connectWallet;
  }

  protected signLabel(): string {
    return this.words.sign;
  }

  protected doneText(): string {
    const words = this.words;
    return this.inputs.value?.endpoint ? words.statusSent : words.statusSigned;
  }

  #checkAccount(account: Address): void {
    const signer = this.inputs.value?.signer;
    if (signer && signer !== account) {
      throw new XmtpError('wrong-account', `this request must be signed by ${signer}; the wallet is on ${account}`);
    }
  }

  /** Sends again the signature of this text by the connected account, if it still waits. */
  async #resend(): Promise<void> {
    const { endpoint, text } = this.inputs.value!;
    const signer = this.wallet.account;
    if (!endpoint || !signer) return;
    const waiting = findInOutbox<SignatureBody>(
      this.#outboxId(),
      endpoint,
      (body: Partial<SignatureBody>) => body.text === text && body.signer === signer && typeof body.signature === 'string',
    );
    if (waiting) await this.#deliver(waiting);
  }

  async #sign(account: Address): Promise<void> {
    const { text, parsed, endpoint } = this.inputs.value!;
    const signature = await this.wallet.signMessage(text, account);
    emit(this, 'xmtp-signature', { text, signature, signer: account, parsed });
    if (!endpoint) return this.state.set('done');
    const body = { text, signature, signer: account };
    await this.#deliver({ id: this.#outboxId(), endpoint, body, attempts: 0 });
  }

  async #deliver(entry: OutboxEntry<SignatureBody>): Promise<void> {
    if (await this.flow.deliver(entry)) this.state.set('done');
  }

  /** One outbox entry per endpoint and text: signing the same text again replaces it. */
  #outboxId(): string {
    const { endpoint, text } = this.inputs.value!;
    return `signature|${endpoint}|${text}`;
  }
}

/** The text parsed strictly; anything that is not exactly one of the formats is blocked. */
function parseOrBlock(text: string): ParsedSignatureText {
  try {
    return parseSignatureText(text);
  } catch (error) {
    if (error instanceof SignatureTextError) throw new BlockedText(error.message, 'not-xmtp');
    throw error;
  }
}

/** What a parsed text does, as sentences, in the order it says it. */
function statements(parsed: ParsedSignatureText): Statement[] {
  switch (parsed.kind) {
    case 'identity':
      return parsed.actions.map((action) => ({ sentence: action.type, value: actionValue(action) }));
    case 'consent':
    case 'unsubscribe':
      return [{ sentence: parsed.kind, value: parsed.publisher }];
    default:
      return [{ sentence: parsed.kind }];
  }
}

function actionValue(action: IdentityAction): string {
  switch (action.type) {
    case 'create-inbox':
      return action.owner;
    case 'grant-app':
    case 'revoke-app':
      return action.installationId;
    case 'link-passkey':
    case 'unlink-passkey':
      return action.passkey;
    default:
      return action.address;
  }
}
