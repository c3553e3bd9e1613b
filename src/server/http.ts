// Small web-standard HTTP helpers the consent handler, the Node adapter and the CLI share: the
// fetch handler shape, JSON answers and a request body read with a size cap.

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

/**
 * The request body, or `undefined` when it is over `limit` bytes. A declared `Content-Length`
 * over the limit is refused without reading; otherwise the stream is read until it ends or
 * passes the limit, so no more than the limit plus one chunk is ever held.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get('content-length')) > limit) return undefined;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) return undefined;
      chunks.push(chunk.value);
    }
  } finally {
    // Released, not cancelled: cancelling would reset the connection before a Node client
    // could read the 413; the server adapter discards what is left instead.
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
