// Remembers, in this browser, which reader is on which publisher's list and the endpoint's receipt
// for it: the receipt is what lets the status GET answer this reader (and nobody else). A reader
// who leaves the list is forgotten.
import { keysStartingWith, readItem, removeItem, writeItem } from '../../internal/local-storage.js';

/** What this browser knows of a subscription. */
export interface Membership {
  /** When the reader signed, in ms. */
  consentedAt: number;
  /** The endpoint's receipt; memories from before receipts existed have none. */
  receipt?: string;
}

const prefix = (publisher: string) => `xmtp-subscribe:${publisher.toLowerCase()}:`;
const key = (publisher: string, subscriber: string) => prefix(publisher) + subscriber.toLowerCase();

export function recallMembership(publisher: string, subscriber: string): Membership | undefined {
  try {
    const value: unknown = JSON.parse(readItem(key(publisher, subscriber)) ?? 'null');
    // An earlier release kept the bare time.
    if (typeof value === 'number') return { consentedAt: value };
    const { consentedAt, receipt } = (value ?? {}) as Partial<Membership>;
    if (typeof consentedAt !== 'number') return undefined;
    return typeof receipt === 'string' ? { consentedAt, receipt } : { consentedAt };
  } catch {
    return undefined;
  }
}

export function rememberMembership(publisher: string, subscriber: string, membership: Membership): void {
  writeItem(key(publisher, subscriber), JSON.stringify(membership));
}

export function forgetMembership(publisher: string, subscriber: string): void {
  removeItem(key(publisher, subscriber));
}

/** The readers (lowercase addresses) this browser remembers on `publisher`'s list. */
export function rememberedSubscribers(publisher: string): string[] {
  const start = prefix(publisher);
  return keysStartingWith(start).map((key) => key.slice(start.length));
}
