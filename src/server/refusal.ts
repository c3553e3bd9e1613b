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
