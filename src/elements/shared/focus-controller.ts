// Keeps keyboard and screen-reader users on the flow: into the wallet picker when it opens, back
// to the action after, and onto the status once done when they started from the button.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Status } from './status.js';

interface FocusHost extends ReactiveControllerHost {
  readonly status: Status;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class FocusController implements ReactiveController {
  #shown: Status | undefined;
  #toStatusWhenDone = false;

  constructor(private readonly host: FocusHost) {
    host.addController(this);
  }

  /** The action button was pressed: once done, focus follows to the status if the button had it. */
  actionPressed(event: Event): void {
    this.#toStatusWhenDone = (this.host.renderRoot as ShadowRoot).activeElement === event.currentTarget;
  }

  hostUpdated(): void {
    const { status } = this.host;
    const previous = this.#shown;
    this.#shown = status;
    if (status === 'done' && this.#toStatusWhenDone) {
      this.#toStatusWhenDone = false;
      this.#focus('status');
    }
    if (previous === 'picking' && status !== 'picking') this.#focus(status === 'done' ? 'status' : 'button');
    if (previous !== 'picking' && status === 'picking') this.#focus('wallet');
  }

  #focus(part: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }
}
