// Sends signed payloads to an endpoint and sorts every failure into `network` or `rejected-by-server`.
import { XmtpError } from '../internal/errors.js';

const TIMEOUT_MS = 15_000;

/** Status codes that say "try again later" rather than "no". */
const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/** POSTs `body` as JSON and answers the parsed JSON of a 2xx; throws a classified `XmtpError`. */
export async function postJson<T>(endpoint: string, body: unknown): Promise<T> {
  return requestJson<T>(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** GETs `url`; answers undefined for a 404 (the endpoint does not know the pair). */
export async function getJson<T>(url: string): Promise<T | undefined> {
  return requestJson<T>(url, { method: 'GET' }, { notFound: true });
}

async function requestJson<T>(url: string, init: RequestInit, { notFound = false } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new XmtpError('network', `could not reach ${url}: ${(error as Error).message}`);
  }
  if (notFound && response.status === 404) return undefined as T;
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string } }
    | undefined;
  if (response.ok) return answer as T;
  // The server's own message is written for people; the status and code go to developers.
  const { code, message = `the server answered ${response.status}` } = answer?.error ?? {};
  if (RETRYABLE(response.status)) throw new XmtpError('network', message, code);
  throw new XmtpError('rejected-by-server', message, code ?? `http_${response.status}`);
}
