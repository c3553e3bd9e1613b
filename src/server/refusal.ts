// A request the endpoint's contract refuses, thrown where the refusal is found and answered as
// `{ error: { code, message } }` by the handler.

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function badRequest(message: string): never {
  throw new Refusal(400, 'bad_request', message);
}

/** When a page may try again after the store could not answer. */
const STORE_RETRY_AFTER_S = 5;

/** The 503 a request gets while the store cannot answer (stores/faults.ts). */
export function storeUnavailable(message = 'the list could not be reached; nothing was stored, try again later'): Refusal {
  return new Refusal(503, 'store_unavailable', message, { 'retry-after': `${STORE_RETRY_AFTER_S}` });
}
