// Remembers which reader subscribed to which publisher in this browser, so they are not asked twice.
import { readItem, removeItem, writeItem } from '../../internal/local-storage.js';

const key = (publisher: string, subscriber: string) =>
  `xmtp-subscribe:${publisher.toLowerCase()}:${subscriber.toLowerCase()}`;

/** When the remembered reader signed, in ms, or undefined. */
export function recallSubscription(publisher: string, subscriber: string): number | undefined {
  const value = Number(readItem(key(publisher, subscriber)) ?? Number.NaN);
  return Number.isFinite(value) ? value : undefined;
}

export function rememberSubscription(publisher: string, subscriber: string, consentedAt: number): void {
  writeItem(key(publisher, subscriber), String(consentedAt));
}

export function forgetSubscription(publisher: string, subscriber: string): void {
  removeItem(key(publisher, subscriber));
}
