// The checks a request passes before the endpoint reads what it says, each a small guard that
// refuses by throwing; a route lists its guards in the contract's precedence order.
import { describe } from '../core/address.js';
import type { OriginAllowlist } from './cors.js';
import { isJsonMediaType, readBodyUpTo, type BodyLimits } from './http.js';
import { budgetKey } from './ip-address.js';
import { refuseWhenLimited, type RateLimiter } from './rate-limit.js';
import { Refusal, badRequest } from './refusal.js';

/** A request on its way in: what the guards look at, and its body once `bodyWithin` has read it. */
export interface Incoming {
  readonly request: Request;
  readonly origin: string | null;
  /** Who the request is counted against (client-ip.ts); `undefined` when the runtime did not say. */
  readonly clientIp: string | undefined;
  body?: Uint8Array;
}

/** Returns to let the request on, throws a `Refusal` to answer it. */
export type Guard = (incoming: Incoming) => void | Promise<void>;

/**
 * 429 when the client IP has spent its budget; every request counts, whatever it turns out to be.
 * Requests whose client IP is unknown share one budget. Takes only the client IP, so a request the
 * runtime could not read is counted too.
 */
export function withinIpBudget(budget: RateLimiter): (incoming: Pick<Incoming, 'clientIp'>) => void {
  return ({ clientIp }) => refuseWhenLimited(budget.take(budgetKey(clientIp)), 'from this client');
}

/** Reads the body into `incoming.body`: 413 when it is too large, 408 when it is too slow. */
export function bodyWithin(limits: BodyLimits): Guard {
  return async (incoming) => {
    // A body that fails midway is a client gone or broken, not a server error.
    const body = await readBodyUpTo(incoming.request, limits).catch(() =>
      badRequest('the request body could not be read'),
    );
    if (body === 'too_large') {
      throw new Refusal(413, 'payload_too_large', `the request body is over ${limits.maxBytes} bytes`);
    }
    if (body === 'timed_out') {
      // RFC 9110 asks a server to close the connection after a 408.
      const message = `the request body did not arrive within ${limits.timeoutMs} ms; nothing was stored`;
      throw new Refusal(408, 'request_timeout', message, { connection: 'close' });
    }
    incoming.body = body;
  };
}

/** 415 unless the request says its body is JSON. */
export const jsonMediaType: Guard = ({ request }) => {
  const contentType = request.headers.get('content-type');
  if (!isJsonMediaType(contentType)) {
    const got = contentType === null ? 'no Content-Type' : describe(contentType);
    throw new Refusal(415, 'unsupported_media_type', `send the proof as application/json, got ${got}`);
  }
};

/** 403 `origin_not_allowed` for a page whose origin may not use the endpoint. */
export function allowedOrigin(origins: OriginAllowlist): Guard {
  return ({ origin }) => origins.check(origin);
}
