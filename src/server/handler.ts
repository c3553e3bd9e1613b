// The allowed-contacts endpoint (DESIGN.md, "The allowed-contacts endpoint"): a fetch handler that
// verifies XMTP consent proofs, keeps them in a store and tells a page whether a reader is on the list.
import { checksumAddress, describe } from '../core/address.js';
import {
  ChainUnavailableError,
  DEFAULT_MAX_AGE_MS,
  verifyConsentProof,
  type VerifyFailureReason,
  type VerifyOptions,
} from '../core/verify.js';
import { originAllowlist } from './cors.js';
import { errorResponse, isJsonMediaType, jsonResponse, readBodyUpTo, type FetchHandler } from './http.js';
import { rateLimiter } from './rate-limit.js';
import { Refusal, badRequest } from './refusal.js';
import { requestLogEntry, stderrLogger, type RequestFacts, type RequestLogger } from './request-log.js';
import type { ConsentStore } from './store.js';
import { address, parseSubmission, type Submission } from './submission.js';

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
  const bodyLimits = { maxBytes: MAX_BODY_BYTES, timeoutMs: bodyTimeoutMs };
  const log = options.log ?? stderrLogger;

  // The checks run in the contract's precedence order: 429, 413 (or 408), 415, 403 origin, 400,
  // 429 per subscriber (the first moment the subscriber is known), 403 publisher, 422, then 403
  // signature or 503 chain_unavailable when the chain cannot be asked.
  async function answer(
    request: Request,
    origin: string | null,
    clientIp: string | undefined,
    facts: RequestFacts,
  ): Promise<Response> {
    refuseWhenLimited(ipWait(clientIp), 'from this client');
    switch (request.method) {
      case 'POST':
        return allow(request, origin, facts);
      case 'GET':
        return consentStatus(request, origin, facts);
      case 'OPTIONS':
        origins.check(origin);
        facts.code = 'preflight';
        return new Response(null, {
          status: 204,
          headers: {
            'access-control-allow-methods': ALLOWED_METHODS,
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': PREFLIGHT_MAX_AGE_S,
          },
        });
      default:
        throw new Refusal(405, 'method_not_allowed', `${request.method} is not answered here; use ${ALLOWED_METHODS}`, {
          allow: ALLOWED_METHODS,
        });
    }
  }

  async function allow(request: Request, origin: string | null, facts: RequestFacts): Promise<Response> {
    // A body that fails midway is a client gone or broken, not a server error.
    const body = await readBodyUpTo(request, bodyLimits).catch(() =>
      badRequest('the request body could not be read'),
    );
    if (body === 'too_large') {
      throw new Refusal(413, 'payload_too_large', `the request body is over ${MAX_BODY_BYTES} bytes`);
    }
    if (body === 'timed_out') {
      // RFC 9110 asks a server to close the connection after a 408.
      const message = `the request body did not arrive within ${bodyTimeoutMs} ms; nothing was stored`;
      throw new Refusal(408, 'request_timeout', message, { connection: 'close' });
    }
    const contentType = request.headers.get('content-type');
    if (!isJsonMediaType(contentType)) {
      const got = contentType === null ? 'no Content-Type' : describe(contentType);
      throw new Refusal(415, 'unsupported_media_type', `send the proof as application/json, got ${got}`);
    }
    origins.check(origin);
    const submission = parseSubmission(body);
    const { publisher, subscriber, signature } = submission;
    Object.assign(facts, { publisher, subscriber, signature });
    // Counted before verifying, so the work (a chain call, for a smart-contract wallet) spent on
    // one address is bounded however many IPs post for it.
    refuseWhenLimited(subscriberWait(subscriber), `for ${subscriber}`);
    if (!publishers.has(publisher)) {
      throw new Refusal(403, 'unknown_publisher', `${publisher} is not a publisher served here`);
    }
    const time = now();
    const verdict = await verifyConsentProof(submission, { now: time, maxAgeMs, maxFutureMs, client }).catch(
      refuseWhenChainUnavailable,
    );
    if (!verdict.ok) throw verificationRefusal(verdict.reason, submission, { now: time, maxAgeMs });
    const { record, created } = await store.allow({ ...submission, signerKind: verdict.signer, receivedAt: time });
    facts.code = created ? 'created' : 'allowed';
    return jsonResponse(created ? 201 : 200, {
      status: 'allowed',
      publisher: record.publisher,
      subscriber: record.subscriber,
      consentedAt: record.timestampMs,
      created,
    });
  }

  async function consentStatus(request: Request, origin: string | null, facts: RequestFacts): Promise<Response> {
    origins.check(origin);
    const query = new URL(request.url).searchParams;
    const param = (name: 'publisher' | 'subscriber') =>
      address(query.get(name) ?? badRequest(`the ${name} query parameter is missing`), name);
    facts.publisher = param('publisher');
    facts.subscriber = param('subscriber');
    const record = publishers.has(facts.publisher) ? await store.get(facts.publisher, facts.subscriber) : undefined;
    facts.code = record ? 'allowed' : 'unknown';
    return record
      ? jsonResponse(200, { status: 'allowed', consentedAt: record.timestampMs })
      : jsonResponse(404, { status: 'unknown' });
  }

  const handler: FetchHandler = async (request, { clientIp } = {}) => {
    const [time, started] = [now(), performance.now()];
    const origin = request.headers.get('origin');
    const facts: RequestFacts = {};
    let response: Response;
    try {
      response = await answer(request, origin, clientIp, facts);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : undefined;
      facts.code = refusal?.code ?? 'internal_error';
      response = refusal
        ? errorResponse(refusal.status, refusal.code, refusal.message, refusal.headers)
        : internalError(error);
    }
    origins.addCorsHeaders(response, origin);
    if (log) {
      const ms = performance.now() - started;
      logQuietly(() => log(requestLogEntry(request, response.status, facts, { time, ms, clientIp })));
    }
    return response;
  };
  return Object.assign(handler, { trustProxy });
}

/** Throws the 429 answer when a budget says to wait `seconds`; `whose` says which budget, for the message. */
function refuseWhenLimited(seconds: number, whose: string): void {
  if (seconds > 0) {
    const message = `too many requests ${whose}; try again in ${seconds} s`;
    throw new Refusal(429, 'rate_limited', message, { 'retry-after': `${seconds}` });
  }
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

function verificationRefusal(
  reason: VerifyFailureReason,
  submission: Submission,
  { now, maxAgeMs }: { now: number; maxAgeMs: number },
): Refusal {
  switch (reason) {
    case 'stale_proof':
      return new Refusal(
        422,
        'stale_proof',
        `the proof was signed ${roughDuration(now - submission.timestampMs)} ago, ` +
          `more than the ${roughDuration(maxAgeMs)} this server accepts; sign a new one`,
      );
    case 'future_proof':
      return new Refusal(
        422,
        'future_proof',
        `the proof is dated ${roughDuration(submission.timestampMs - now)} ahead of this server's clock; ` +
          "check the device's clock and sign again",
      );
    case 'invalid_signature':
      return new Refusal(
        403,
        'invalid_signature',
        `the signature is not ${submission.subscriber}'s over the consent message for ${submission.publisher}`,
      );
    case 'invalid_address':
      return new Refusal(400, 'invalid_address', 'publisher or subscriber is not an address');
  }
}

/**
 * A chain that could not judge a smart-contract wallet's signature becomes 503 `chain_unavailable`
 * (retryable for the page, logged for the operator); any other error passes on.
 */
function refuseWhenChainUnavailable(error: unknown): never {
  if (!(error instanceof ChainUnavailableError)) throw error;
  console.error(`xmtp-subscribe: answered 503 chain_unavailable: ${error.message}`);
  throw new Refusal(
    503,
    'chain_unavailable',
    'the chain that verifies smart-contract wallet signatures could not be reached; nothing was stored, try again later',
  );
}

/** A duration in the largest unit that keeps it readable, for messages. */
function roughDuration(ms: number): string {
  const units: [string, number][] = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000]];
  for (const [unit, size] of units) if (ms >= 2 * size) return `${Math.floor(ms / size)} ${unit}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

function internalError(error: unknown): Response {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`xmtp-subscribe: could not handle a consent request: ${text.replace(LONG_HEX, '[hex redacted]')}`);
  return errorResponse(500, 'internal_error', 'the server could not handle the request; try again later');
}
