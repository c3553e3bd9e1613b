// Delivers signed payloads through the outbox: saved first, sent, removed once the endpoint answers;
// after a network failure, tried again with backoff and as soon as the browser is back online.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { XmtpError } from '../internal/errors.js';
import { putInOutbox, removeFromOutbox, retryDelayMs, type OutboxEntry } from './outbox.js';
import { postJson } from './submit.js';

export class DeliveryController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `retry` is called when it is time to send the waiting entry again. */
  constructor(
    host: ReactiveControllerHost,
    private readonly retry: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.#retryNow);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#retryNow);
    clearTimeout(this.#timer);
  }

  /**
   * Saves `entry`, POSTs its body and answers the endpoint's JSON. A `rejected-by-server` refusal
   * removes it (it can never succeed); a `network` failure keeps it and schedules the next try.
   */
  async send<T>(entry: OutboxEntry): Promise<T> {
    clearTimeout(this.#timer);
    putInOutbox(entry);
    try {
      const answer = await postJson<T>(entry.endpoint, entry.body);
      removeFromOutbox(entry.id);
      return answer;
    } catch (error) {
      if (error instanceof XmtpError && error.code === 'network') {
        const attempts = entry.attempts + 1;
        putInOutbox({ ...entry, attempts });
        this.#timer = setTimeout(this.#retryNow, retryDelayMs(attempts));
      } else {
        removeFromOutbox(entry.id);
      }
      throw error;
    }
  }

  #retryNow = (): void => {
    clearTimeout(this.#timer);
    this.retry();
  };
}
