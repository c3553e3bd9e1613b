// Reads an element's inputs (the attributes and properties a page sets) into a checked value, again
// whenever one of them changes, as `@lit/task` reruns on its `args`. A page's mistake is shown as an
// `invalid-config` error, and the element is usable again once the inputs are fixed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { XmtpError } from '../../internal/errors.js';
import type { StatusController } from './status-controller.js';

export class InputsController<T> implements ReactiveController {
  /** The inputs, read and checked; undefined while they are invalid. */
  value: T | undefined;
  /** What is wrong with the inputs, if anything; the element's action is disabled meanwhile. */
  error: XmtpError | undefined;
  #read: readonly unknown[] | undefined;

  /**
   * `inputs` lists the current values the element reads; `read` checks them and answers the
   * value, or throws an `Error` whose message tells the page what is wrong.
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly state: StatusController,
    private readonly inputs: () => readonly unknown[],
    private readonly read: () => T,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const inputs = this.inputs();
    if (this.#read && inputs.length === this.#read.length && inputs.every((input, i) => input === this.#read![i])) {
      return;
    }
    this.#read = inputs;
    try {
      this.value = this.read();
      this.error = undefined;
      if (this.state.failure?.code === 'invalid-config') this.state.set('idle');
    } catch (error) {
      this.value = undefined;
      this.error = new XmtpError('invalid-config', (error as Error).message);
      this.error.cause = error;
      // The reader sees one plain sentence; the page's developer needs the reason.
      console.warn(`<${this.host.localName}>: ${this.error.message}`);
      this.state.fail(this.error);
    }
  }
}
