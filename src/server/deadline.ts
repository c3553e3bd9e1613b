// Bounded waits: for a request body, a chain's answer, a store's health check. Whatever is waited for
// may still settle later; its result is then ignored.

/** What `expiry` resolves with, unlike anything a waited-for promise resolves with. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** A promise that resolves `TIMED_OUT` after `ms`, and how to cancel its timer. */
export function expiry(ms: number): { expired: Promise<typeof TIMED_OUT>; clear: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return { expired, clear: () => clearTimeout(timer) };
}

/** What `work` resolves, or a rejection with `timedOut()` once `ms` have passed first. */
export async function withinDeadline<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  const deadline = expiry(ms);
  // A failure after the deadline has nobody left to tell.
  work.catch(() => {});
  try {
    const result = await Promise.race([work, deadline.expired]);
    if (result === TIMED_OUT) throw timedOut();
    return result;
  } finally {
    deadline.clear();
  }
}
