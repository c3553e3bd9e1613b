// Owns an element's status, the one place it changes: along a table of allowed moves, shown as the
// `status` attribute and a custom state, announced with `xmtp-status-change`, failures with `xmtp-error`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { XmtpError } from '../../internal/errors.js';
import { emit } from './events.js';
import type { Status } from './status.js';

/**
 * Where each status may go next. `error` may follow any status (a failure, or the page's inputs
 * turning invalid) and staying put is always allowed; anything else is a bug, and throws. A flow
 * that ends back at the start (leaving a list, a pairing the reader gave up on) goes from
 * `connecting`, `signing` or `submitting` to `idle`; one that starts from `done` (unsubscribing)
 * goes on from there like from `idle`.
 */
const NEXT: Record<Status, readonly Status[]> = {
  idle: ['checking', 'picking', 'connecting', 'submitting', 'done'],
  checking: ['idle', 'done', 'submitting'],
  picking: ['idle', 'connecting', 'done'],
  connecting: ['connected', 'signing', 'done', 'idle'],
  connected: ['idle', 'picking', 'signing', 'done'],
  signing: ['submitting', 'done', 'idle'],
  submitting: ['done', 'queued', 'idle'],
  queued: ['submitting', 'idle'],
  done: ['idle', 'picking', 'connecting', 'signing', 'submitting'],
  error: ['idle', 'picking', 'connecting', 'signing', 'done'],
};

/** The element the status belongs to: it declares `status` as a reflected reactive property. */
export interface StatusHost extends ReactiveControllerHost, EventTarget {
  status: Status;
}

export class StatusController implements ReactiveController {
  /** The failure being shown while the status is `error` or `queued`. */
  failure: XmtpError | undefined;

  constructor(
    private readonly host: StatusHost,
    private readonly internals: ElementInternals,
  ) {
    host.addController(this);
  }

  get value(): Status {
    return this.host.status;
  }

  hostConnected(): void {
    this.#showState(undefined, this.value);
  }

  set(next: Status): void {
    const previous = this.value;
    if (next !== 'error') this.failure = undefined;
    if (previous === next) return;
    if (next !== 'error' && !NEXT[previous].includes(next)) {
      throw new Error(`status cannot go from ${previous} to ${next}`);
    }
    this.host.status = next;
    this.#showState(previous, next);
    emit(this.host, 'xmtp-status-change', { status: next, previous });
  }

  /** Whether the failure shown is a final refusal: the same statement would be refused again. */
  get refused(): boolean {
    return this.failure?.code === 'rejected-by-server';
  }

  /** Shows `failure` (the element stays usable) and reports it to the page. */
  fail(failure: XmtpError): void {
    this.#report(failure, 'error');
  }

  /** A network failure after signing: the signature is saved and will be sent again. */
  queue(failure: XmtpError): void {
    this.#report(failure, 'queued');
  }

  #report(failure: XmtpError, status: 'error' | 'queued'): void {
    this.set(status);
    this.failure = failure;
    this.host.requestUpdate();
    const { code, message, serverCode } = failure;
    emit(this.host, 'xmtp-error', { code, message, ...(serverCode ? { serverCode } : {}) });
  }

  #showState(previous: Status | undefined, next: Status): void {
    const states = this.internals.states;
    // Browsers without CustomStateSet (or with only `--dashed` names) still get the attribute.
    try {
      if (previous) states?.delete(previous);
      states?.add(next);
    } catch {
      /* the `status` attribute carries the same information */
    }
  }
}
