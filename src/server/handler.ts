// The allowed-contacts endpoint (DESIGN.md, "The allowed-contacts endpoint"): a fetch handler that
// verifies XMTP consent proofs, keeps them in a store and tells a page whether a reader is on the list.
import { checksumAddress, describe } from '../core/address.js';
import { base64ToBytes } from '../core/base64.js';
import { decodeConsentProof } from '../core/consent.js';
import {
  ChainUnavailableError,
  DEFAULT_MAX_AGE_MS,
  verifyConsentProof,
  type VerifyFailureReason,
  type VerifyOptions,
} from '../core/verify.js';
import { errorResponse, isJsonMediaType, jsonResponse, readBodyUpTo, type FetchHandler } from './http.js';
import { rateLimiter } from './rate-limit.js';
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
  /** Requests per minute per client IP; 120 by default, 0 turns limits off. */
  rateLimit?: { perMinute: number };
  /** Take the client IP from `X-Forwarded-For`: read by `nodeListener`, which is what sees the socket. */
  trustProxy?: boolean;
  /** The clock, in ms since the epoch (for tests). */
  now?: () => number;
}

/** The handler, carrying the `trustProxy` it was created with for `nodeListener`. */
export type ConsentHandler = FetchHandler & { readonly trustProxy: boolean };

const MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_MAX_FUTURE_MS = 5 * 60 * 1000;
const DEFAULT_REQUESTS_PER_MINUTE = 120;
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const PREFLIGHT_MAX_AGE_S = '600';
/** Signatures, and calldata that carries them, are kept out of the logs. */
const LONG_HEX = /(?:0x)?[0-9a-fA-F]{64,}/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request the contract refuses; it becomes the `{ error: { code, message } }` answer. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const badRequest = (message: string): never => {
  throw new Refusal(400, 'bad_request', message);
};

/** A proof as posted, checked for shape and decoded; not yet verified. */
interface Submission {
  publisher: string;
  subscriber: string;
  proof: Uint8Array;
  signature: string;
  timestampMs: number;
}

/**
 * Creates the endpoint. Throws a `TypeError` when an option is wrong: no publishers or one that
 * is not an address, no store, an allowed origin that is not an origin, a negative duration.
 */
export function createConsentHandler(options: ConsentHandlerOptions): ConsentHandler {
  const { store, client, now = Date.now, trustProxy = false } = options;
  const publishers = servedPublishers(options.publishers);
  if (!store) throw new TypeError('store is required: pass sqliteStore(path), memoryStore() or another ConsentStore');
  const origins = originAllowlist(options.allowedOrigins);
  const retryAfterSeconds = rateLimiter(options.rateLimit?.perMinute ?? DEFAULT_REQUESTS_PER_MINUTE, now);
  const maxAgeMs = milliseconds(options.maxAgeMs ?? DEFAULT_MAX_AGE_MS, 'maxAgeMs');
  const maxFutureMs = milliseconds(options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS, 'maxFutureMs');

  // The checks run in the contract's precedence order: 429, 413, 415, 403 origin, 400,
  // 403 publisher, 422, then 403 signature or 503 chain_unavailable when the chain cannot be asked.
  async function answer(request: Request, origin: string | null, clientIp: string | undefined): Promise<Response> {
    const wait = retryAfterSeconds(clientIp);
    if (wait > 0) {
      throw new Refusal(429, 'rate_limited', `too many requests; try again in ${wait} s`, { 'retry-after': `${wait}` });
    }
    switch (request.method) {
      case 'POST':
        return allow(request, origin);
      case 'GET':
        return consentStatus(request, origin);
      case 'OPTIONS':
        origins.check(origin);
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

  async function allow(request: Request, origin: string | null): Promise<Response> {
    // A body that fails midway is a client gone or broken, not a server error.
    const body = await readBodyUpTo(request, MAX_BODY_BYTES).catch(() =>
      badRequest('the request body could not be read'),
    );
    if (!body) throw new Refusal(413, 'payload_too_large', `the request body is over ${MAX_BODY_BYTES} bytes`);
    const contentType = request.headers.get('content-type');
    if (!isJsonMediaType(contentType)) {
      const got = contentType === null ? 'no Content-Type' : `'${contentType}'`;
      throw new Refusal(415, 'unsupported_media_type', `send the proof as application/json, got ${got}`);
    }
    origins.check(origin);
    const submission = parseSubmission(body);
    if (!publishers.has(submission.publisher)) {
      throw new Refusal(403, 'unknown_publisher', `${submission.publisher} is not a publisher served here`);
    }
    const time = now();
    const verdict = await verifyConsentProof(submission, { now: time, maxAgeMs, maxFutureMs, client }).catch(
      refuseWhenChainUnavailable,
    );
    if (!verdict.ok) throw verificationRefusal(verdict.reason, submission, { now: time, maxAgeMs });
    const { record, created } = await store.allow({ ...submission, signerKind: verdict.signer, receivedAt: time });
    return jsonResponse(created ? 201 : 200, {
      status: 'allowed',
      publisher: record.publisher,
      subscriber: record.subscriber,
      consentedAt: record.timestampMs,
      created,
    });
  }

  async function consentStatus(request: Request, origin: string | null): Promise<Response> {
    origins.check(origin);
    const query = new URL(request.url).searchParams;
    const param = (name: 'publisher' | 'subscriber') =>
      address(query.get(name) ?? badRequest(`the ${name} query parameter is missing`), name);
    const publisher = param('publisher');
    const subscriber = param('subscriber');
    const record = publishers.has(publisher) ? await store.get(publisher, subscriber) : undefined;
    return record
      ? jsonResponse(200, { status: 'allowed', consentedAt: record.timestampMs })
      : jsonResponse(404, { status: 'unknown' });
  }

  const handler: FetchHandler = async (request, info = {}) => {
    const origin = request.headers.get('origin');
    let response: Response;
    try {
      response = await answer(request, origin, info.clientIp);
    } catch (error) {
      response =
        error instanceof Refusal
          ? errorResponse(error.status, error.code, error.message, error.headers)
          : internalError(error);
    }
    origins.addCorsHeaders(response, origin);
    return response;
  };
  return Object.assign(handler, { trustProxy });
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

/** Which pages may call the endpoint, and the CORS headers that tell their browsers so. */
function originAllowlist(entries: readonly string[] = []) {
  const allowsAll = entries.length === 0 || entries.includes('*');
  const allowed = new Set(
    entries
      .filter((entry) => entry !== '*')
      .map((entry) => {
        const origin = originOf(entry);
        if (origin) return origin;
        throw new TypeError(`each allowed origin must be an origin like https://example.com, got ${describe(entry)}`);
      }),
  );
  // No Origin header: server to server or curl, which the allowlist is not about.
  const allows = (origin: string | null) => origin === null || allowsAll || allowed.has(originOf(origin) ?? '');

  return {
    check(origin: string | null): void {
      if (allows(origin)) return;
      throw new Refusal(403, 'origin_not_allowed', `pages from ${origin} may not use this endpoint`);
    },
    addCorsHeaders(response: Response, origin: string | null): void {
      response.headers.append('vary', 'origin');
      if (origin === null || !allows(origin)) return;
      response.headers.set('access-control-allow-origin', allowsAll ? '*' : origin);
      if (response.headers.has('retry-after')) response.headers.set('access-control-expose-headers', 'retry-after');
    },
  };
}

/** The origin of `value` (scheme, host, port) when `value` is nothing more than an origin. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return bare && url.origin !== 'null' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the posted JSON: XMTP's reference button's field names are accepted as aliases. */
function parseSubmission(body: Uint8Array): Submission {
  let json: unknown;
  try {
    json = JSON.parse(UTF8.decode(body));
  } catch {
    badRequest('the body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return badRequest(`the body must be a JSON object, got ${describe(json)}`);
  }
  const fields = json as Record<string, unknown>;
  const publisher = aliasedString(fields, 'publisher', 'broadcastAddress');
  const subscriber = aliasedString(fields, 'subscriber', 'address');
  const consentProof = requiredString(fields, 'consentProof');

  let proof: Uint8Array;
  try {
    proof = base64ToBytes(consentProof);
  } catch (error) {
    return badRequest(`consentProof must be standard base64 (${(error as Error).message})`);
  }
  let payload: ReturnType<typeof decodeConsentProof>;
  try {
    payload = decodeConsentProof(proof);
  } catch (error) {
    return badRequest((error as Error).message);
  }
  if (!payload.signature) badRequest('consentProof has no signature');
  if (payload.timestamp === 0) badRequest('consentProof has no timestamp');

  return {
    publisher: address(publisher, 'publisher'),
    subscriber: address(subscriber, 'subscriber'),
    proof,
    signature: payload.signature,
    timestampMs: payload.timestamp,
  };
}

function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (value === undefined) badRequest(`${name} is missing`);
  if (typeof value !== 'string') badRequest(`${name} must be a string, got ${describe(value)}`);
  return value as string;
}

/** A field that may come under either name; given under both, the two must agree. */
function aliasedString(fields: Record<string, unknown>, name: string, alias: string): string {
  const [value, aliasValue] = [fields[name], fields[alias]];
  if (value === undefined && aliasValue !== undefined) return requiredString(fields, alias);
  const text = requiredString(fields, name);
  if (aliasValue !== undefined && (typeof aliasValue !== 'string' || aliasValue.toLowerCase() !== text.toLowerCase())) {
    badRequest(`${name} and ${alias} are the same field and must not differ`);
  }
  return text;
}

function address(value: string, name: string): string {
  try {
    return checksumAddress(value, name);
  } catch (error) {
    throw new Refusal(400, 'invalid_address', (error as Error).message);
  }
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
