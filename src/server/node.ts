// Adapts a fetch handler to Node's `http.createServer`: the request body streams in (never
// buffered here), the answer streams out, and a client that goes away crashes nothing. Also the
// server options that keep slow clients from holding connections open.
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DEFAULT_BODY_TIMEOUT_MS } from './handler.js';
import { errorResponse, type FetchHandler } from './http.js';

export interface NodeListenerOptions {
  /** Take the client IP from the first `X-Forwarded-For` entry: only behind a proxy you run. */
  trustProxy?: boolean;
}

/** How far the body stream reads ahead of the handler: Node and the socket buffer the rest. */
const BODY_READ_AHEAD_BYTES = 16 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Room for the handler's own 408 (a JSON answer) to go out before Node's bare one would. */
const REQUEST_TIMEOUT_GRACE_MS = 5_000;

export interface NodeServerTimeouts {
  /** How long a client may take to send its request headers, in ms; 10 s by default. */
  headersTimeoutMs?: number;
  /** The handler's `bodyTimeoutMs`, when it is not the default 10 s (0: no limit). */
  bodyTimeoutMs?: number;
}

/**
 * Options for `http.createServer(options, listener)` that bound how long a client may take to send
 * its request: Node answers 408 and closes the connection when the headers take longer than
 * `headersTimeoutMs`, or the whole request longer than the headers and the handler's body deadline
 * together (the handler's JSON 408 normally comes first; this is the backstop, and it also ends
 * the draining of a body the handler stopped reading). Time spent answering is not limited: a slow
 * chain call for a smart-contract wallet is not cut off. Node checks every second.
 */
export function nodeServerOptions({
  headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
  bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS,
}: NodeServerTimeouts = {}): ServerOptions {
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: bodyTimeoutMs === 0 ? 0 : headersTimeoutMs + bodyTimeoutMs + REQUEST_TIMEOUT_GRACE_MS,
    connectionsCheckingInterval: 1_000,
  };
}

/** `trustProxy` defaults to the one the handler was created with (see `createConsentHandler`). */
export function nodeListener(
  handler: FetchHandler & { trustProxy?: boolean },
  { trustProxy = handler.trustProxy ?? false }: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void serve(handler, req, res, trustProxy);
}

async function serve(handler: FetchHandler, req: IncomingMessage, res: ServerResponse, trustProxy: boolean) {
  const disconnected = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  try {
    const response = await handler(toRequest(req, disconnected.signal), { clientIp: clientIp(req, trustProxy) });
    await writeResponse(response, res);
  } catch (error) {
    if (disconnected.signal.aborted) return;
    console.error('xmtp-subscribe: could not answer a request:', error);
    if (res.headersSent) res.destroy();
    else {
      const failure = errorResponse(500, 'internal_error', 'the server could not handle the request');
      await writeResponse(failure, res).catch(() => res.destroy());
    }
  } finally {
    discardUnreadBody(req);
  }
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const readAhead = new ByteLengthQueuingStrategy({ highWaterMark: BODY_READ_AHEAD_BYTES });
  const body = hasBody ? (Readable.toWeb(req, { strategy: readAhead }) as ReadableStream) : null;
  // `duplex: 'half'` is how fetch accepts a streamed body; TypeScript's DOM types do not know it yet.
  const init = { method: req.method, headers, body, signal, duplex: 'half' };
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), init as RequestInit);
}

/** The socket's address, or the first `X-Forwarded-For` entry (the original client) behind a trusted proxy. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
  return forwarded || req.socket.remoteAddress;
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  if (response.body) await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
  else res.end();
}

/**
 * Reads and drops what the handler left of the body (after an early 413, say), as Node does for
 * a listener that never reads: the client can finish sending and read the answer, and the
 * connection stays usable.
 */
function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  req.removeAllListeners('data');
  req.resume();
}
