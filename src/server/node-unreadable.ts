// Requests Node's HTTP server receives but no web `Request` can hold: a request line or headers its
// parser refused, a missing or malformed Host header, a method fetch forbids (TRACE, CONNECT,
// TRACK). Each is answered in JSON, through the handler's `refuseUnreadable` when it has one, so it
// is counted and logged like any request; never a 500 or a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { describe } from '../core/address.js';
import { errorResponse, type ClientInfo, type ServerHandler, type UnreadableRequest } from './http.js';

/** Methods the fetch `Request` constructor refuses to carry. */
const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** A Host header: a name or an IPv4 or [IPv6] address, and maybe a port (RFC 9110, RFC 3986). */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::\d{0,5})?$/;
/** A well-formed request line: Node's parser refuses one only for a method it does not know. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/\d\.\d\r?$/;
/** How long an answer to a request Node could not parse may take to leave before the connection is cut. */
const ANSWER_GRACE_MS = 1_000;

/** The URL a Node request stands for, or why it cannot be a `Request`. */
export function requestUrl(req: IncomingMessage): URL | UnreadableRequest {
  const target = req.url ?? '/';
  const host = req.headers.host;
  if (FETCH_FORBIDDEN_METHODS.has(req.method ?? '')) {
    return unreadable(req, 405, 'method_not_allowed', `${req.method} is not answered by this server`);
  }
  if (host === undefined && req.httpVersion !== '1.0') {
    return unreadable(req, 400, 'bad_request', 'the request has no Host header, which HTTP/1.1 requires');
  }
  const authority = host ?? 'localhost';
  if (!HOST.test(authority)) {
    return unreadable(req, 400, 'bad_request', `the Host header ${describe(authority)} is not a host and port`);
  }
  const url = parsedUrl(target, authority);
  return url ?? unreadable(req, 400, 'bad_request', `the request target ${describe(target)} is not a URL path`);
}

/** What is known of `req`, refused with `status`, `code` and `message`. */
export function unreadable(req: IncomingMessage, status: number, code: string, message: string): UnreadableRequest {
  const path = (req.url ?? '/').split('?')[0]!;
  return { method: req.method ?? '-', path, headers: headersOf(req) ?? new Headers(), status, code, message };
}

/** Every header as received, in order; `undefined` when one holds characters `Headers` refuses. */
export function headersOf(req: IncomingMessage): Headers | undefined {
  const headers = new Headers();
  try {
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  } catch {
    return undefined;
  }
  return headers;
}

/** The handler's answer to `unreadable`, or a plain JSON one from a handler that cannot give one. */
export async function refusalOf(handler: ServerHandler, unreadable: UnreadableRequest, info: ClientInfo): Promise<Response> {
  if (handler.refuseUnreadable) return handler.refuseUnreadable(unreadable, info);
  return errorResponse(unreadable.status, unreadable.code, unreadable.message);
}

/**
 * The server's `clientError` listener: a request Node's parser refused (or whose headers came too
 * slowly) is answered in JSON on the raw socket, which then closes. A connection reset, or one with
 * a request in flight (its body broke off), is just closed.
 */
export function clientErrorListener(handler: ServerHandler) {
  return (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void => {
    const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
      socket.destroy();
      return;
    }
    const unreadable = parserRefusal(error.code ?? '', String(error.rawPacket ?? '').split('\n')[0]!);
    void refusalOf(handler, unreadable, { clientIp: (socket as Socket).remoteAddress })
      .then(rawAnswer)
      .then(
        (answer) => {
          setTimeout(() => socket.destroy(), ANSWER_GRACE_MS).unref();
          socket.end(answer, () => socket.destroy());
        },
        () => socket.destroy(),
      );
  };
}

/** What a parser error is answered with; `firstLine` is the request line when it got that far. */
function parserRefusal(code: string, firstLine: string): UnreadableRequest {
  const line = REQUEST_LINE.exec(firstLine);
  const [method, path] = line ? [line[1]!, line[2]!.split('?')[0]!] : ['-', '-'];
  const refusal = (status: number, code: string, message: string): UnreadableRequest => {
    return { method, path, headers: new Headers(), status, code, message };
  };
  if (code === 'HPE_HEADER_OVERFLOW') {
    return refusal(431, 'request_header_fields_too_large', 'the request headers are too large');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return refusal(408, 'request_timeout', 'the request headers did not arrive in time');
  }
  if (code === 'HPE_INVALID_METHOD' && line) {
    return refusal(405, 'method_not_allowed', `${describe(method)} is not an HTTP method this server knows`);
  }
  return refusal(400, 'bad_request', 'the request line or headers are not well-formed HTTP/1.1');
}

/** `response` as raw HTTP/1.1 bytes that close the connection. */
async function rawAnswer(response: Response): Promise<string> {
  const body = await response.text();
  // Taken here, not imported: xmtp-subscribe/server also loads in worker runtimes, which have no node:http.
  const { STATUS_CODES } = process.getBuiltinModule('node:http');
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  for (const [name, value] of response.headers) {
    if (name !== 'connection' && name !== 'content-length') lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function parsedUrl(target: string, host: string): URL | undefined {
  // An origin-form target is appended, not resolved: `//elsewhere/x` stays a path on this host.
  const text = target.startsWith('/') ? `http://${host}${target}` : target;
  return URL.parse(text) ?? undefined;
}
