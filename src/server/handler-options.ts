// The consent handler's options (DESIGN.md, "The allowed-contacts endpoint"), their defaults, and
// the checks that turn a wrong one into a `TypeError` when the handler is created, not on a request.
import { checksumAddress, describe } from '../core/address.js';
import { DEFAULT_MAX_AGE_MS, type VerifyOptions } from '../core/verify.js';
import { chainAccess, type ChainAccess } from './chain-budget.js';
import { clientIpResolver, type ClientIpResolver, type TrustProxy } from './client-ip.js';
import { originAllowlist, type OriginAllowlist } from './cors.js';
import { rateLimiter, type RateLimiter } from './rate-limit.js';
import { stderrLogger, type RequestLogger } from './request-log.js';
import type { ConsentStore } from './store.js';
import { webhookSettings, type WebhookOptions, type WebhookSettings } from './webhooks/options.js';

export interface ConsentHandlerOptions {
  /** The publisher (sending) addresses whose lists this endpoint keeps, in any casing. */
  publishers: readonly string[];
  store: ConsentStore;
  /**
   * A viem public client: with it, smart-contract wallet proofs (ERC-1271, ERC-6492) verify too.
   * It is asked only when a contract can have signed, on the budgets of `rateLimit`, within
   * `chainTimeoutMs` and without retries; when it gives no verdict, the answer is 503
   * `chain_unavailable` and nothing is stored.
   */
  client?: VerifyOptions['client'];
  /** Origins whose pages may call the endpoint, like `https://example.com`; absent, empty or `*`: all. */
  allowedOrigins?: readonly string[];
  /** How old a proof may be, in ms; 30 days by default (XMTP's rule). */
  maxAgeMs?: number;
  /** How far ahead of this server's clock a proof may be, for a reader's fast clock; 5 minutes by default. */
  maxFutureMs?: number;
  /**
   * Request budgets, each 0 to turn it off: `perMinute` requests per client IP (120 by default);
   * `perSubscriberPerMinute` posts that verified of one subscriber's statement (publisher, kind and
   * signed second), from any number of IPs (10: junk, which does not verify, never counts against a
   * reader, and replays of an old statement never delay a newer one); chain calls for
   * smart-contract wallets, `chainPerMinute` from this server (120) and `chainPerIpPerMinute` per
   * client IP (10).
   */
  rateLimit?: {
    perMinute?: number;
    perSubscriberPerMinute?: number;
    chainPerMinute?: number;
    chainPerIpPerMinute?: number;
  };
  /**
   * How long a request body may take to arrive, in ms, before the answer is 408 `request_timeout`:
   * 10 s by default, 0 for no limit.
   */
  bodyTimeoutMs?: number;
  /** How long one call to the chain may take, in ms, before the answer is 503 `chain_unavailable`: 3 s by default. */
  chainTimeoutMs?: number;
  /** Where each request's JSON log entry goes: one line on stderr by default, `false` for nowhere. */
  log?: RequestLogger | false;
  /**
   * Which proxies in front may say who the client is: `false` (the default: the `clientIp` the
   * runtime passes is the client), `true` (one proxy), a number of proxy hops, or a list of proxy
   * addresses and CIDR ranges. The client IP is then the right-most `X-Forwarded-For` entry that
   * is not a trusted proxy.
   */
  trustProxy?: TrustProxy;
  /**
   * POST each change of a reader's state (`subscribed`, `unsubscribed`) to `url`, signed with
   * `secret`, from a queue the store keeps (webhooks/): at least once, retried with backoff, never
   * delaying an answer. The handler's `close()` stops delivering.
   */
  webhook?: WebhookOptions;
  /**
   * How many worker threads recover signatures (the crypto only: the rate limits and the store
   * stay in the calling thread); 0, the default, recovers in the calling thread. The CLI uses one
   * per core. A library handler does not start threads unasked: it may run in a serverless
   * function, a test or another runtime, and its host decides what the cores are for. The
   * handler's `close()` stops them. Either way, the optional peer `secp256k1` recovers natively
   * when installed, about 18× faster than the pure-JS fallback.
   */
  verifyThreads?: number;
  /** The clock, in ms since the epoch (for tests). */
  now?: () => number;
}

/** The options, checked and with their defaults: what the handler works with. */
export interface HandlerSettings {
  publishers: ReadonlySet<string>;
  store: ConsentStore;
  origins: OriginAllowlist;
  clientIps: ClientIpResolver;
  ipBudget: RateLimiter;
  subscriberBudget: RateLimiter;
  /** Whether client IPs have a budget at all. */
  limitsClients: boolean;
  chain: ChainAccess | undefined;
  maxAgeMs: number;
  maxFutureMs: number;
  bodyTimeoutMs: number;
  log: RequestLogger | false;
  webhook: WebhookSettings | undefined;
  verifyThreads: number;
  now: () => number;
}

export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
export const DEFAULT_CHAIN_TIMEOUT_MS = 3_000;
const DEFAULT_MAX_FUTURE_MS = 5 * 60 * 1000;
const DEFAULT_REQUESTS_PER_MINUTE = 120;
/** A page posts each statement once; a retrying page a few more times. */
const DEFAULT_STATEMENTS_PER_SUBSCRIBER_PER_MINUTE = 10;
/** Smart-contract wallets are few; two calls a second keeps a publisher inside any RPC plan. */
const DEFAULT_CHAIN_CALLS_PER_MINUTE = 120;
/** A code lookup and a call for a statement or two, with retries. */
const DEFAULT_CHAIN_CALLS_PER_IP_PER_MINUTE = 10;

/**
 * Throws a `TypeError` when an option is wrong: no publishers or one that is not an address, no
 * store, an allowed origin that is not an origin, a negative duration or budget, a trustProxy that
 * is none of its forms, a webhook without a URL, a secret or a store queue to send from, a
 * verifyThreads that is not a whole number.
 */
export function handlerSettings(options: ConsentHandlerOptions): HandlerSettings {
  const { store, client, now = Date.now } = options;
  const publishers = servedPublishers(options.publishers);
  if (!store) throw new TypeError('store is required: pass sqliteStore(path), memoryStore() or another ConsentStore');
  if (options.webhook && !store.webhookQueue) {
    throw new TypeError('webhook needs a store that keeps a webhook queue (sqliteStore, postgresStore or memoryStore)');
  }
  const {
    perMinute = DEFAULT_REQUESTS_PER_MINUTE,
    perSubscriberPerMinute = DEFAULT_STATEMENTS_PER_SUBSCRIBER_PER_MINUTE,
    chainPerMinute = DEFAULT_CHAIN_CALLS_PER_MINUTE,
    chainPerIpPerMinute = DEFAULT_CHAIN_CALLS_PER_IP_PER_MINUTE,
  } = options.rateLimit ?? {};
  const chainTimeoutMs = milliseconds(options.chainTimeoutMs ?? DEFAULT_CHAIN_TIMEOUT_MS, 'chainTimeoutMs');
  if (chainTimeoutMs === 0) throw new TypeError('chainTimeoutMs must be above 0: a chain call is always bounded');
  const chainBudgets = {
    overall: rateLimiter(chainPerMinute, now, 'rateLimit.chainPerMinute'),
    perIp: rateLimiter(chainPerIpPerMinute, now, 'rateLimit.chainPerIpPerMinute'),
  };
  return {
    publishers,
    store,
    origins: originAllowlist(options.allowedOrigins),
    clientIps: clientIpResolver(options.trustProxy),
    ipBudget: rateLimiter(perMinute, now, 'rateLimit.perMinute'),
    subscriberBudget: rateLimiter(perSubscriberPerMinute, now, 'rateLimit.perSubscriberPerMinute'),
    limitsClients: perMinute > 0,
    chain: client ? chainAccess({ client, timeoutMs: chainTimeoutMs, ...chainBudgets, now }) : undefined,
    maxAgeMs: milliseconds(options.maxAgeMs ?? DEFAULT_MAX_AGE_MS, 'maxAgeMs'),
    maxFutureMs: milliseconds(options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS, 'maxFutureMs'),
    bodyTimeoutMs: milliseconds(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs'),
    log: options.log ?? stderrLogger,
    webhook: options.webhook && webhookSettings(options.webhook),
    verifyThreads: threadCount(options.verifyThreads ?? 0),
    now,
  };
}

function servedPublishers(publishers: readonly string[]): Set<string> {
  if (!Array.isArray(publishers) || publishers.length === 0) {
    throw new TypeError('publishers must list at least one publisher address');
  }
  return new Set(publishers.map((publisher, i) => checksumAddress(publisher, `publishers[${i}]`)));
}

function threadCount(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`verifyThreads must be a whole number of threads, 0 or more, got ${describe(value)}`);
  }
  return value;
}

function milliseconds(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a finite number of milliseconds, 0 or more, got ${describe(value)}`);
  }
  return value;
}
