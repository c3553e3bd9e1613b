// Keeps keyboard and screen-reader users on the flow: into the wallet picker when it opens, and,
// when the control that had focus goes away (a step ended), onto the action button or the status,
// rather than losing focus to the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Status } from './status.js';

interface FocusHost extends ReactiveControllerHost {
  readonly status: Status;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class FocusController implements ReactiveController {
  #shown: Status | undefined;
  #hadFocus = false;

  constructor(private readonly host: FocusHost) {
    host.addController(this);
  }

  get #root(): ShadowRoot {
    return this.host.renderRoot as ShadowRoot;
  }

  hostUpdate(): void {
    this.#hadFocus = this.#root.activeElement !== null;
  }

  hostUpdated(): void {
    const { status } = this.host;
    // A focused node that is removed leaves focus on the body; focus elsewhere on the page stays put.
    const lost = this.#hadFocus && !this.#root.activeElement && document.activeElement === document.body;
    if (status === 'picking' && this.#shown !== 'picking') {
      // The picker's code may still be loading: the status holds focus until its wallets show.
      if (this.#focus('wallet')) this.#shown = status;
      else if (lost) this.#focus('status');
      return;
    }
    this.#shown = status;
    if (lost) this.#focus(status === 'done' ? 'status' : 'button') || this.#focus('status');
  }

  /** Focuses the first node with `part`; answers whether there was one. */
  #focus(part: string): boolean {
    const node = this.#root.querySelector<HTMLElement>(`[part~="${part}"]`);
    node?.focus();
    return !!node;
  }
}
