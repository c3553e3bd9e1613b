// The endpoint's access log: one structured JSON line per request, for an operator's log collector.
// It names who and what a request was about, and never carries a whole signature or proof.

/** One answered request. */
export interface RequestLogEntry {
  /** When the request arrived, ISO 8601. */
  time: string;
  /** `-` when the request line could not be read. */
  method: string;
  /** The URL path, without the query; `-` when the request line could not be read. */
  path: string;
  status: number;
  /**
   * The error code of a refused request (store_unavailable, chain_unavailable and internal_error
   * included), else what the answer says: created, allowed, unsubscribed, unknown or preflight.
   */
  code: string;
  /** How long the answer took, in ms. */
  ms: number;
  clientIp?: string;
  /** The publisher and subscriber, checksummed, once the request named them as valid addresses. */
  publisher?: string;
  subscriber?: string;
  /** The first bytes of the proof's signature (never all of it), to find the stored record. */
  signature?: string;
}

/** Receives each entry: `log: false` turns the log off; the default writes one JSON line to stderr. */
export type RequestLogger = (entry: RequestLogEntry) => void;

/**
 * What a request was found to be about, filled in as the handler learns it; `signature` is the
 * whole one here and only its prefix reaches the entry.
 */
export type RequestFacts = Partial<Pick<RequestLogEntry, 'code' | 'publisher' | 'subscriber' | 'signature'>>;

/** Request fields come from the client; clipped so no request can write an unbounded line. */
const MAX_FIELD_CHARS = 200;
const SIGNATURE_PREFIX_CHARS = 10;

export const stderrLogger: RequestLogger = (entry) => console.error(JSON.stringify(entry));

/** `signature` cut to a short prefix: enough to find a record, too little to be the proof. */
function signaturePrefix(signature: string): string {
  return `${signature.slice(0, SIGNATURE_PREFIX_CHARS)}…`;
}

function clip(value: string): string {
  return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…` : value;
}

/** The entry for the request `method` `path`, answered with `status` after `ms`, with what the handler found out. */
export function requestLogEntry(
  { method, path }: { method: string; path: string },
  status: number,
  facts: RequestFacts,
  { time, ms, clientIp }: { time: number; ms: number; clientIp: string | undefined },
): RequestLogEntry {
  return {
    time: new Date(time).toISOString(),
    method: clip(method),
    path: clip(path),
    status,
    code: facts.code ?? String(status),
    ms: Math.round(ms * 10) / 10,
    ...(clientIp === undefined ? {} : { clientIp: clip(clientIp) }),
    ...(facts.publisher && { publisher: facts.publisher }),
    ...(facts.subscriber && { subscriber: facts.subscriber }),
    ...(facts.signature && { signature: signaturePrefix(facts.signature) }),
  };
}
