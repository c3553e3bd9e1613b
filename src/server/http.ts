// Small web-standard HTTP helpers the consent handler, the Node adapter and the CLI share: the
// fetch handler shape, JSON answers and a request body read with a size cap and a deadline.
import { expiry, TIMED_OUT } from './deadline.js';

/** What the runtime knows about the client beyond the request itself. */
export interface ClientInfo {
  /**
   * The address the request came from (the socket's peer), for rate limiting; behind proxies the
   * handler's `trustProxy` says which `X-Forwarded-For` entry stands for the client instead.
   */
  clientIp?: string;
}

/** The web-standard fetch handler signature: runs in Node, Deno, Bun, workers and route handlers. */
export type FetchHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/**
 * A request the runtime could not turn into a web `Request` (Node could not parse it, or its method
 * or Host header has no place in one): what is known of it, and the error it is answered with.
 */
export interface UnreadableRequest {
  /** `-` when the request line itself could not be read. */
  method: string;
  /** Without the query; `-` when unknown. */
  path: string;
  /** The headers, when they could be read: behind a proxy, `X-Forwarded-For` names the client. */
  headers: Headers;
  status: number;
  code: string;
  message: string;
}

/**
 * A fetch handler that also answers the requests a runtime could not read, counting and logging them
 * like the rest (the consent handler is one); without `refuseUnreadable`, `nodeListener` answers them itself.
 */
export type ServerHandler = FetchHandler & {
  refuseUnreadable?(request: UnreadableRequest, info?: ClientInfo): Promise<Response>;
};

/** Every JSON answer: UTF-8, and never cached (a subscription changes with each proof). */
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The `{ error: { code, message } }` answer every failure uses. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/** Whether a `Content-Type` value is `application/json`, with any parameters, in any casing. */
export function isJsonMediaType(contentType: string | null): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Why a body was not read: it passed the size limit, or it had not fully arrived by the deadline. */
export type UnreadBody = 'too_large' | 'timed_out';

export interface BodyLimits {
  maxBytes: number;
  /** How long the whole body may take to arrive, in ms; 0 waits for as long as it takes. */
  timeoutMs: number;
}

/**
 * The request body, or why it was not read. A declared `Content-Length` over the limit is refused
 * without reading; otherwise the stream is read until it ends, passes the limit or the deadline,
 * so no more than the limit plus one chunk is ever held and a client trickling bytes cannot hold
 * the request open. Rejects when the stream fails (a client that went away).
 */
export async function readBodyUpTo(
  request: Request,
  { maxBytes, timeoutMs }: BodyLimits,
): Promise<Uint8Array | UnreadBody> {
  if (Number(request.headers.get('content-length')) > maxBytes) return 'too_large';
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  const deadline = timeoutMs > 0 ? expiry(timeoutMs) : undefined;
  try {
    for (;;) {
      const chunk = await (deadline ? Promise.race([reader.read(), deadline.expired]) : reader.read());
      if (chunk === TIMED_OUT) return 'timed_out';
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) return 'too_large';
      chunks.push(chunk.value);
    }
  } finally {
    deadline?.clear();
    // Released, not cancelled: cancelling would reset the connection before a Node client
    // could read the answer; the server adapter discards what is left instead. A read still
    // pending (after the deadline) is rejected by the release, and `Promise.race` absorbs that.
    reader.releaseLock();
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
