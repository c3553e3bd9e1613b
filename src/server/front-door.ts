// What every request to the endpoint meets on its way in and out, whatever its route, even one the
// runtime could not read: the client IP it is counted under, the answer a refusal or a failure
// becomes (a store outage is 503, a bug a bare 500), the CORS headers, and its one log line.
import type { Answer } from './answers.js';
import type { ClientIpResolver } from './client-ip.js';
import type { OriginAllowlist } from './cors.js';
import { errorResponse } from './http.js';
import { oneLine, tellOperator } from './operator-log.js';
import { Refusal, storeUnavailable } from './refusal.js';
import { requestLogEntry, type RequestFacts, type RequestLogger } from './request-log.js';
import { StoreUnavailableError } from './stores/faults.js';

/** A request as the front door sees it: enough to count, answer and log it. */
export interface Arrival {
  method: string;
  /** Without the query. */
  path: string;
  headers: Headers;
  /** The address it came from, when the runtime said (`ClientInfo.clientIp`). */
  peer: string | undefined;
}

/** How a route answers a request from `clientIp`, noting what it learns in `facts`; it refuses by throwing. */
export type Route = (clientIp: string | undefined, facts: RequestFacts) => Promise<Answer>;

export interface FrontDoorSettings {
  clientIps: ClientIpResolver;
  origins: OriginAllowlist;
  log: RequestLogger | false;
  now: () => number;
  /** Whether client IPs have a budget, which requests without one then share (and the operator is told once). */
  limitsClients: boolean;
}

export function frontDoor({ clientIps, origins, log, now, limitsClients }: FrontDoorSettings) {
  let warned = false;
  return async ({ method, path, headers, peer }: Arrival, route: Route): Promise<Response> => {
    const [time, started] = [now(), performance.now()];
    const clientIp = clientIps(peer, headers.get('x-forwarded-for'));
    if (peer === undefined && limitsClients && !warned) {
      warned = true;
      tellOperator(
        'a request came without a client IP, so every such request shares one rate-limit budget: ' +
          'pass the address the request came from as the handler\'s second argument, handler(request, { clientIp })',
      );
    }
    const facts: RequestFacts = {};
    let response: Response;
    try {
      const answer = await route(clientIp, facts);
      facts.code = answer.code;
      response = answer.response;
    } catch (error) {
      const refusal = refusalFor(error);
      facts.code = refusal?.code ?? 'internal_error';
      response = refusal
        ? errorResponse(refusal.status, refusal.code, refusal.message, refusal.headers)
        : internalError(error);
    }
    origins.addCorsHeaders(response, headers.get('origin'));
    if (log) {
      const ms = performance.now() - started;
      logQuietly(() => log(requestLogEntry({ method, path }, response.status, facts, { time, ms, clientIp })));
    }
    return response;
  };
}

/** The refusal `error` is, or stands for (a store outage); `undefined` for a failure of the server itself. */
function refusalFor(error: unknown): Refusal | undefined {
  if (error instanceof Refusal) return error;
  if (!(error instanceof StoreUnavailableError)) return undefined;
  tellOperator(`answered 503 store_unavailable: ${error.message}`);
  return storeUnavailable();
}

function internalError(error: unknown): Response {
  tellOperator(`could not handle a consent request: ${oneLine(error)}`);
  return errorResponse(500, 'internal_error', 'the server could not handle the request; try again later');
}

/** Logging that fails must not turn an answer into an error: the request was handled either way. */
function logQuietly(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing sensible to do: the log is where failures would be reported.
  }
}
