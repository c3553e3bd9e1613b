// Remembers which reader subscribed to which publisher in this browser, so they are not asked twice.

const key = (publisher: string, subscriber: string) =>
  `xmtp-subscribe:${publisher.toLowerCase()}:${subscriber.toLowerCase()}`;

// Storage may be missing or throw (private modes, sandboxed frames): memory is a convenience only.
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** When the remembered reader signed, in ms, or undefined. */
export function recallSubscription(publisher: string, subscriber: string): number | undefined {
  const value = Number(storage()?.getItem(key(publisher, subscriber)) ?? Number.NaN);
  return Number.isFinite(value) ? value : undefined;
}

export function rememberSubscription(publisher: string, subscriber: string, consentedAt: number): void {
  try {
    storage()?.setItem(key(publisher, subscriber), String(consentedAt));
  } catch {
    /* full or blocked storage: the endpoint still knows */
  }
}

export function forgetSubscription(publisher: string, subscriber: string): void {
  try {
    storage()?.removeItem(key(publisher, subscriber));
  } catch {
    /* nothing to forget */
  }
}
