// Adapts a fetch handler to Node's `http`: the request body streams in (a small one, up to 16 KiB,
// is collected first and handed over as one chunk), the answer streams out (one of a single chunk
// is written at once), a client that goes away crashes nothing, and what Node receives but no
// `Request` can hold is answered too (node-unreadable.ts). Also the server options that keep slow
// or greedy clients from holding the server: header and request deadlines, a connection cap.
//
// Node's modules are taken with process.getBuiltinModule where they are used, never imported: this
// module is part of xmtp-subscribe/server, which also loads in worker runtimes, that have none.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DEFAULT_BODY_TIMEOUT_MS } from './handler-options.js';
import { errorResponse, type ClientInfo, type ServerHandler, type UnreadableRequest } from './http.js';
import { clientErrorListener, headersOf, refusalOf, requestUrl, unreadable } from './node-unreadable.js';
import { oneLine, tellOperator } from './operator-log.js';

/** How far the body stream reads ahead of the handler: Node and the socket buffer the rest. */
const BODY_READ_AHEAD_BYTES = 16 * 1024;
/** A body of at most this many bytes (its Content-Length says so) is collected with Node's own events. */
const BUFFERED_BODY_MAX_BYTES = 16 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Room for the handler's own 408 (a JSON answer) to go out before Node's would. */
const REQUEST_TIMEOUT_GRACE_MS = 5_000;

export interface NodeServerTimeouts {
  /** How long a client may take to send its request headers, in ms; 10 s by default. */
  headersTimeoutMs?: number;
  /** The handler's `bodyTimeoutMs`, when it is not the default 10 s (0: no limit). */
  bodyTimeoutMs?: number;
}

export interface NodeServerOptions extends NodeServerTimeouts {
  /** How many connections may be open at once; Node closes any beyond at once. No cap by default (0 too). */
  maxConnections?: number;
}

/**
 * Options for `http.createServer(options, listener)` that bound how long a client may take to send
 * its request: Node answers 408 and closes the connection when the headers take longer than
 * `headersTimeoutMs`, or the whole request longer than the headers and the handler's body deadline
 * together (the handler's JSON 408 normally comes first; this is the backstop). Time spent
 * answering is not limited here: the chain and the stores bound their own. Node checks every
 * second. A request without a Host header reaches the listener, which answers it in JSON.
 */
export function nodeServerOptions({
  headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
  bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS,
}: NodeServerTimeouts = {}): ServerOptions {
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: bodyTimeoutMs === 0 ? 0 : headersTimeoutMs + bodyTimeoutMs + REQUEST_TIMEOUT_GRACE_MS,
    connectionsCheckingInterval: 1_000,
    requireHostHeader: false,
  };
}

/**
 * A Node HTTP server for `handler`, with `nodeServerOptions`, a JSON answer (counted and logged by a
 * consent handler) to what Node's parser refuses, and at most `maxConnections` connections.
 */
export function nodeServer(handler: ServerHandler, { maxConnections, ...timeouts }: NodeServerOptions = {}): Server {
  const { createServer } = process.getBuiltinModule('node:http');
  const server = createServer(nodeServerOptions(timeouts), nodeListener(handler));
  server.on('clientError', clientErrorListener(handler));
  if (maxConnections) server.maxConnections = maxConnections;
  return server;
}

/** The request listener: the handler gets the socket's address as `clientIp` (its `trustProxy` reads any proxy's word). */
export function nodeListener(handler: ServerHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void serve(handler, req, res);
}

async function serve(handler: ServerHandler, req: IncomingMessage, res: ServerResponse) {
  const disconnected = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const info: ClientInfo = { clientIp: req.socket.remoteAddress };
  try {
    const url = requestUrl(req);
    const request = url instanceof URL ? toRequest(req, url, disconnected.signal) : url;
    const response = request instanceof Request ? await handler(request, info) : await refusalOf(handler, request, info);
    // A body the handler left unread is not drained (it may be endless): the connection closes
    // after the answer instead, and Node stops reading it.
    if (!req.complete) res.shouldKeepAlive = false;
    await writeResponse(response, res);
  } catch (error) {
    if (disconnected.signal.aborted) return;
    tellOperator(`could not answer a request: ${oneLine(error)}`);
    if (res.headersSent) res.destroy();
    else {
      res.shouldKeepAlive = false;
      const failure = errorResponse(500, 'internal_error', 'the server could not handle the request');
      await writeResponse(failure, res).catch(() => res.destroy());
    }
  }
}

/** `req` as a `Request` whose body streams from it, or why it cannot be one (a header fetch refuses). */
function toRequest(req: IncomingMessage, url: URL, signal: AbortSignal): Request | UnreadableRequest {
  const headers = headersOf(req);
  if (!headers) return unreadable(req, 400, 'bad_request', 'a request header holds characters a header may not');
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? (isSmall(req) ? collectedBody(req) : streamedBody(req)) : null;
  // `duplex: 'half'` is how fetch accepts a streamed body; TypeScript's DOM types do not know it yet.
  const init = { method: req.method, headers, body, signal, duplex: 'half' };
  return new Request(url, init as RequestInit);
}

/** Whether the body's length is declared and at most `BUFFERED_BODY_MAX_BYTES` (Node's parser holds the client to it). */
function isSmall(req: IncomingMessage): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && req.headers['transfer-encoding'] === undefined && Number(declared) <= BUFFERED_BODY_MAX_BYTES;
}

function streamedBody(req: IncomingMessage): ReadableStream {
  const { Readable } = process.getBuiltinModule('node:stream');
  const readAhead = new ByteLengthQueuingStrategy({ highWaterMark: BODY_READ_AHEAD_BYTES });
  return Readable.toWeb(req, { strategy: readAhead }) as ReadableStream;
}

/**
 * A small body, collected with Node's events and handed over as one chunk: far cheaper than a web
 * stream fed chunk by chunk from Node's. The handler still reads it as a stream, so its deadline
 * (408) holds as for any body, and a client that goes away midway fails the read the same way.
 */
function collectedBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  const whole = new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    // Every request closes once answered: an error (a stack trace to capture) only for a body cut short.
    req.once('close', () => req.complete || reject(new Error('the client went away before its body arrived')));
  });
  // Nothing may read it (a request refused before its body is read): that is no unhandled rejection.
  whole.catch(() => {});
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      controller.enqueue(await whole);
      controller.close();
    },
  });
}

/**
 * Writes `response` out. An answer of one chunk (every JSON answer) is written at once, with a
 * Content-Length, without bridging its web stream to a Node stream; a longer one streams.
 */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) return void res.end();
  const second = await reader.read();
  if (second.done) return void res.end(first.value);
  reader.releaseLock();
  res.write(first.value);
  res.write(second.value);
  const { Readable } = process.getBuiltinModule('node:stream');
  const { pipeline } = process.getBuiltinModule('node:stream/promises');
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
}
