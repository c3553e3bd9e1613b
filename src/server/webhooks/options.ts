// The consent handler's `webhook` option: where each change of state is POSTed, the secret it is
// signed with, and the bounds of delivery; checked when the handler is created.
import { describe } from '../../core/address.js';
import { shownUrl } from '../operator-log.js';

export interface WebhookOptions {
  /** The receiver's http(s) URL; redirects are not followed. */
  url: string;
  /** The key of the HMAC-SHA256 in `X-Xmtp-Subscribe-Signature`: at least 16 characters. */
  secret: string;
  /** How long one delivery may take, in ms, before it counts as failed: 10 s by default. */
  timeoutMs?: number;
  /**
   * How many events may wait in the queue at once (a dead receiver makes it grow): 10,000 by
   * default. A change of state beyond it is stored, answered and told to the operator; its event
   * is not queued.
   */
  maxQueued?: number;
  /** Attempts per event before it is given up (and the operator told): 80 by default, about 68 hours of retries. */
  maxAttempts?: number;
}

/** The option checked, with its defaults. */
export type WebhookSettings = Required<WebhookOptions>;

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const DEFAULT_WEBHOOK_MAX_QUEUED = 10_000;
const DEFAULT_MAX_ATTEMPTS = 80;
const MIN_SECRET_CHARS = 16;

/** `options` checked (a `TypeError` saying what is wrong), with the defaults filled in. */
export function webhookSettings(options: WebhookOptions): WebhookSettings {
  const { url, secret } = options;
  const protocol = typeof url === 'string' && URL.canParse(url) ? new URL(url).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    // Never the whole URL: its path or query may hold the receiver's token.
    throw new TypeError(`webhook.url must be an http or https URL, got ${typeof url === 'string' ? shownUrl(url) : describe(url)}`);
  }
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) {
    throw new TypeError(
      `webhook.secret must be at least ${MIN_SECRET_CHARS} characters that a receiver can check signatures with ` +
        '(make one with `openssl rand -hex 32`)',
    );
  }
  return {
    url,
    secret,
    timeoutMs: whole(options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS, 'webhook.timeoutMs'),
    maxQueued: whole(options.maxQueued ?? DEFAULT_WEBHOOK_MAX_QUEUED, 'webhook.maxQueued'),
    maxAttempts: whole(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, 'webhook.maxAttempts'),
  };
}

function whole(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${name} must be a whole number above 0, got ${describe(value)}`);
  return value;
}
