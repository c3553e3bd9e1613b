// Delivers the queued webhook events in the background, never in a request's way: each is POSTed
// with its signature, given `timeoutMs` to be answered 2xx (redirects are not followed), and
// otherwise retried with exponential backoff (1 s, 2 s, 4 s … doubling up to an hour, then hourly)
// until `maxAttempts`. The queue is asked at once when this process queues an event, and every
// second otherwise (retries come due, other instances queue events too).
import { VERSION } from '../../internal/version.js';
import { oneLine, tellOperator } from '../operator-log.js';
import type { WebhookSettings } from './options.js';
import type { LeasedEvent, QueuedWebhook, WebhookQueue } from './queue.js';
import { SIGNATURE_HEADER, webhookSignature } from './signature.js';

export interface WebhookDelivery {
  /** What `apply` did with an event: delivery starts at once, or the operator hears it was not queued. */
  queued(webhook: QueuedWebhook): void;
  /** Stops delivering; deliveries in flight are cut off and counted as failed attempts. */
  stop(): Promise<void>;
}

/** Events delivered at once; each is the oldest of its pair, so they never overtake one another. */
const BATCH = 8;
const POLL_MS = 1_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;
/** A lease outlasts the delivery's timeout by this much, so no other instance takes an event while it is in flight. */
const LEASE_MARGIN_MS = 5_000;

/** How long to wait after the `failed`th failed attempt: doubling from a second, at most an hour. */
function retryDelayMs(failed: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (failed - 1), LONGEST_RETRY_MS);
}

/** Starts delivering the events in `queue`, those queued before this process started included. */
export function startWebhookDelivery(queue: WebhookQueue, settings: WebhookSettings): WebhookDelivery {
  const { url, secret, timeoutMs, maxAttempts } = settings;
  const stopping = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pass: Promise<void> | undefined;
  let wokenDuringPass = false;
  let queueFailing = false;

  function schedule(ms: number): void {
    if (stopping.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    // Waiting to deliver keeps no process alive by itself (Node; other runtimes' timers may lack unref).
    (timer as { unref?: () => void }).unref?.();
  }

  function run(): void {
    if (pass) {
      wokenDuringPass = true;
      return;
    }
    pass = deliverDue().then((more) => {
      pass = undefined;
      schedule(more || wokenDuringPass ? 0 : POLL_MS);
      wokenDuringPass = false;
    });
  }

  /** Delivers the events due now; resolves whether there may be more. */
  async function deliverDue(): Promise<boolean> {
    let events: LeasedEvent[];
    try {
      events = await queue.claim(BATCH, timeoutMs + LEASE_MARGIN_MS);
    } catch (error) {
      if (!queueFailing) tellOperator(`webhook: the queue cannot be read (${oneLine(error)}); asking again every second`);
      queueFailing = true;
      return false;
    }
    if (queueFailing) tellOperator('webhook: the queue can be read again');
    queueFailing = false;
    await Promise.all(events.map(deliver));
    return events.length === BATCH;
  }

  async function deliver(event: LeasedEvent): Promise<void> {
    const failure = await post(event.body);
    const attempts = event.attempts + 1;
    try {
      if (failure === undefined) await queue.remove(event);
      else if (attempts >= maxAttempts) {
        await queue.remove(event);
        tellOperator(`webhook: event ${event.id} given up after ${attempts} attempts, the last: ${failure}`);
      } else {
        await queue.retry(event, retryDelayMs(attempts));
        // One line per event, not per attempt: a dead receiver must not flood the log.
        if (attempts === 1) tellOperator(`webhook: event ${event.id} not delivered (${failure}); retrying with backoff`);
      }
    } catch (error) {
      tellOperator(`webhook: the queue could not record event ${event.id}'s attempt (${oneLine(error)}); it is tried again once its lease runs out`);
    }
  }

  /** POSTs `body`; resolves undefined once answered 2xx, else why not. */
  async function post(body: string): Promise<string | undefined> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `xmtp-subscribe/${VERSION}`,
          [SIGNATURE_HEADER]: webhookSignature(body, secret),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]),
      });
      await response.body?.cancel();
      if (response.ok) return undefined;
      return `HTTP ${response.status}${response.status >= 300 && response.status < 400 ? ': redirects are not followed' : ''}`;
    } catch (error) {
      if (stopping.signal.aborted) return 'the server stopped';
      if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
      return oneLine((error as Error).cause ?? error);
    }
  }

  schedule(0);
  return {
    queued({ event, queued }) {
      if (queued) run();
      else {
        tellOperator(
          `webhook: the queue holds ${settings.maxQueued} events, its limit, so the ${event.type} event of ` +
            `${event.subscriber} on ${event.publisher}'s list was not queued (the change itself is stored)`,
        );
      }
    },
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await pass;
    },
  };
}
