// The allowed-contacts endpoint (DESIGN.md, "The allowed-contacts endpoint"): a fetch handler that
// runs each request past its route's guards, then verifies the posted statement and applies it to
// the store, or tells a page whether a reader is on the list.
import { checksumAddress, describe } from '../core/address.js';
import { DEFAULT_MAX_AGE_MS, type VerifyOptions } from '../core/verify.js';
import { appliedAnswer, statusAnswer, type Answer } from './answers.js';
import { originAllowlist } from './cors.js';
import { address, jsonFields } from './fields.js';
import { allowedOrigin, bodyWithin, jsonMediaType, withinIpBudget, type Guard, type Incoming } from './guards.js';
import { errorResponse, type FetchHandler } from './http.js';
import { rateLimiter, refuseWhenLimited } from './rate-limit.js';
import { mintReceipt, receiptMatches } from './receipts.js';
import { Refusal, badRequest } from './refusal.js';
import { requestLogEntry, stderrLogger, type RequestFacts, type RequestLogger } from './request-log.js';
import { readStatement } from './statements/registry.js';
import type { ConsentStore } from './store.js';

export interface ConsentHandlerOptions {
  /** The publisher (sending) addresses whose lists this endpoint keeps, in any casing. */
  publishers: readonly string[];
  store: ConsentStore;
  /**
   * A viem public client: with it, smart-contract wallet proofs (ERC-1271, ERC-6492) verify too.
   * When its chain gives no verdict, the answer is 503 `chain_unavailable` and nothing is stored.
   */
  client?: VerifyOptions['client'];
  /** Origins whose pages may call the endpoint, like `https://example.com`; absent, empty or `*`: all. */
  allowedOrigins?: readonly string[];
  /** How old a proof may be, in ms; 30 days by default (XMTP's rule). */
  maxAgeMs?: number;
  /** How far ahead of this server's clock a proof may be, for a reader's fast clock; 5 minutes by default. */
  maxFutureMs?: number;
  /**
   * Request budgets, each 0 to turn it off: `perMinute` per client IP (120 by default), and
   * `perSubscriberPerMinute` for the proofs posted for one subscriber address from any number of
   * IPs (10 by default).
   */
  rateLimit?: { perMinute?: number; perSubscriberPerMinute?: number };
  /**
   * How long a request body may take to arrive, in ms, before the answer is 408 `request_timeout`:
   * 10 s by default, 0 for no limit.
   */
  bodyTimeoutMs?: number;
  /** Where each request's JSON log entry goes: one line on stderr by default, `false` for nowhere. */
  log?: RequestLogger | false;
  /** Take the client IP from `X-Forwarded-For`: read by `nodeListener`, which is what sees the socket. */
  trustProxy?: boolean;
  /** The clock, in ms since the epoch (for tests). */
  now?: () => number;
}

/** The handler, carrying the `trustProxy` it was created with for `nodeListener`. */
export type ConsentHandler = FetchHandler & { readonly trustProxy: boolean };

const MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_FUTURE_MS = 5 * 60 * 1000;
const DEFAULT_REQUESTS_PER_MINUTE = 120;
/** A reader posts one proof per publisher; a retrying page a few more. */
const DEFAULT_PROOFS_PER_SUBSCRIBER_PER_MINUTE = 10;
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const PREFLIGHT_MAX_AGE_S = '600';
/** Signatures, and calldata that carries them, are kept out of the logs. */
const LONG_HEX = /(?:0x)?[0-9a-fA-F]{64,}/g;

/**
 * Creates the endpoint. Throws a `TypeError` when an option is wrong: no publishers or one that
 * is not an address, no store, an allowed origin that is not an origin, a negative duration or budget.
 */
export function createConsentHandler(options: ConsentHandlerOptions): ConsentHandler {
  const { store, client, now = Date.now, trustProxy = false } = options;
  const publishers = servedPublishers(options.publishers);
  if (!store) throw new TypeError('store is required: pass sqliteStore(path), memoryStore() or another ConsentStore');
  const origins = originAllowlist(options.allowedOrigins);
  const { perMinute = DEFAULT_REQUESTS_PER_MINUTE, perSubscriberPerMinute = DEFAULT_PROOFS_PER_SUBSCRIBER_PER_MINUTE } =
    options.rateLimit ?? {};
  const ipWait = rateLimiter(perMinute, now, 'rateLimit.perMinute');
  const subscriberWait = rateLimiter(perSubscriberPerMinute, now, 'rateLimit.perSubscriberPerMinute');
  const maxAgeMs = milliseconds(options.maxAgeMs ?? DEFAULT_MAX_AGE_MS, 'maxAgeMs');
  const maxFutureMs = milliseconds(options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS, 'maxFutureMs');
  const bodyTimeoutMs = milliseconds(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs');
  const log = options.log ?? stderrLogger;

  // The guards run in the contract's precedence order: 429, 413 (or 408), 415, 403 origin. What
  // follows them for a statement keeps that order: 400, 429 per subscriber (the first moment the
  // subscriber is known), 403 publisher, then the statement's own 422, 403 signature or 503.
  const ipBudget = withinIpBudget(ipWait);
  const readBody = bodyWithin({ maxBytes: MAX_BODY_BYTES, timeoutMs: bodyTimeoutMs });
  const fromAllowedOrigin = allowedOrigin(origins);
  const routes = new Map<string, Route>([
    ['POST', { guards: [ipBudget, readBody, jsonMediaType, fromAllowedOrigin], answer: applyStatement }],
    ['GET', { guards: [ipBudget, fromAllowedOrigin], answer: consentStatus }],
    ['OPTIONS', { guards: [ipBudget, fromAllowedOrigin], answer: preflight }],
  ]);
  const otherMethods: Route = { guards: [ipBudget], answer: methodNotAllowed };

  async function applyStatement({ body }: Incoming, facts: RequestFacts): Promise<Answer> {
    // `readBody`, one of this route's guards, has set the body.
    const statement = readStatement(jsonFields(body!));
    const { publisher, subscriber, signature } = statement;
    Object.assign(facts, { publisher, subscriber, signature });
    // Counted before verifying, so the work (a chain call, for a smart-contract wallet) spent on
    // one address is bounded however many IPs post for it.
    refuseWhenLimited(subscriberWait(subscriber), `for ${subscriber}`);
    if (!publishers.has(publisher)) {
      throw new Refusal(403, 'unknown_publisher', `${publisher} is not a publisher served here`);
    }
    const verified = await statement.verify({ now: now(), maxAgeMs, maxFutureMs, client });
    const { receipt, hash } = await mintReceipt();
    return appliedAnswer(await store.apply(verified, hash), receipt);
  }

  /**
   * A pair's state, told only to whoever shows one of its receipts. Without one, or with a wrong
   * one, the answer is exactly a stranger's, after the same store lookup, so neither the answer nor
   * its timing says whether an address is on the list.
   */
  async function consentStatus({ request }: Incoming, facts: RequestFacts): Promise<Answer> {
    const query = new URL(request.url).searchParams;
    const param = (name: 'publisher' | 'subscriber') =>
      address(query.get(name) ?? badRequest(`the ${name} query parameter is missing`), name);
    facts.publisher = param('publisher');
    facts.subscriber = param('subscriber');
    const record = await store.get(facts.publisher, facts.subscriber);
    const shown = await receiptMatches(query.get('receipt'), record?.receiptHashes ?? []);
    return statusAnswer(shown && publishers.has(facts.publisher) ? record : undefined);
  }

  const handler: FetchHandler = async (request, { clientIp } = {}) => {
    const [time, started] = [now(), performance.now()];
    const incoming: Incoming = { request, origin: request.headers.get('origin'), clientIp };
    const facts: RequestFacts = {};
    let response: Response;
    try {
      const route = routes.get(request.method) ?? otherMethods;
      for (const guard of route.guards) await guard(incoming);
      const answer = await route.answer(incoming, facts);
      facts.code = answer.code;
      response = answer.response;
    } catch (error) {
      const refusal = error instanceof Refusal ? error : undefined;
      facts.code = refusal?.code ?? 'internal_error';
      response = refusal
        ? errorResponse(refusal.status, refusal.code, refusal.message, refusal.headers)
        : internalError(error);
    }
    origins.addCorsHeaders(response, incoming.origin);
    if (log) {
      const ms = performance.now() - started;
      logQuietly(() => log(requestLogEntry(request, response.status, facts, { time, ms, clientIp })));
    }
    return response;
  };
  return Object.assign(handler, { trustProxy });
}

/** How the endpoint answers one method: the guards a request passes first, then the answer. */
interface Route {
  guards: readonly Guard[];
  answer(incoming: Incoming, facts: RequestFacts): Promise<Answer>;
}

async function preflight(): Promise<Answer> {
  const headers = {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
  };
  return { code: 'preflight', response: new Response(null, { status: 204, headers }) };
}

async function methodNotAllowed({ request }: Incoming): Promise<Answer> {
  throw new Refusal(405, 'method_not_allowed', `${request.method} is not answered here; use ${ALLOWED_METHODS}`, {
    allow: ALLOWED_METHODS,
  });
}

/** Logging that fails must not turn an answer into an error: the request was handled either way. */
function logQuietly(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing sensible to do: the log is where failures would be reported.
  }
}

function servedPublishers(publishers: readonly string[]): Set<string> {
  if (!Array.isArray(publishers) || publishers.length === 0) {
    throw new TypeError('publishers must list at least one publisher address');
  }
  return new Set(publishers.map((publisher, i) => checksumAddress(publisher, `publishers[${i}]`)));
}

function milliseconds(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a finite number of milliseconds, 0 or more, got ${describe(value)}`);
  }
  return value;
}

function internalError(error: unknown): Response {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`xmtp-subscribe: could not handle a consent request: ${text.replace(LONG_HEX, '[hex redacted]')}`);
  return errorResponse(500, 'internal_error', 'the server could not handle the request; try again later');
}
