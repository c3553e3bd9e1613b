// Small web-standard HTTP helpers the consent handler, the Node adapter and the CLI share: the
// fetch handler shape, JSON answers and a request body read with a size cap and a deadline.

/** What the runtime knows about the client beyond the request itself. */
export interface ClientInfo {
  /** The client's IP address, for rate limiting. */
  clientIp?: string;
}

/** The web-standard fetch handler signature: runs in Node, Deno, Bun, workers and route handlers. */
export type FetchHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

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
      if (chunk === 'timed_out') return chunk;
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

/** A promise that resolves `'timed_out'` after `ms`, and how to cancel its timer. */
function expiry(ms: number): { expired: Promise<'timed_out'>; clear: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timed_out'>((resolve) => {
    timer = setTimeout(() => resolve('timed_out'), ms);
  });
  return { expired, clear: () => clearTimeout(timer) };
}
