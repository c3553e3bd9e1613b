// The shape every xmtp-* element shares: status lifecycle, custom states, typed events, strings.
import { LitElement, type PropertyDeclarations } from 'lit';
import type { XmtpError } from './errors.js';
import { emit } from './events.js';
import type { Status } from './status.js';
import { mergeStrings, type XmtpStrings } from './strings.js';

// Reactive properties are declared with `static properties`, not decorators: the decorators cost
// about 500 bytes gzip in the CDN file, a quarter of what the elements themselves weigh.
export abstract class XmtpElement extends LitElement {
  static override properties: PropertyDeclarations = {
    status: { reflect: true },
    strings: { attribute: false },
  };

  /**
   * Where the element is in its flow. Read it, style it (`[status=…]`, `:state(…)`), do not set it.
   */
  status: Status = 'idle';

  /** Replacement texts; whatever is left out stays English. */
  strings: Partial<XmtpStrings> | undefined;

  /** The failure being shown while `status` is `error`. */
  protected failure: XmtpError | undefined;

  readonly #internals = this.attachInternals();

  protected get text(): XmtpStrings {
    return mergeStrings(this.strings);
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
    this.failure = failure;
    this.setStatus('error');
    this.requestUpdate();
    emit(this, 'xmtp-error', {
      code: failure.code,
      message: failure.message,
      ...(failure.serverCode ? { serverCode: failure.serverCode } : {}),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#showState(undefined, this.status);
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
