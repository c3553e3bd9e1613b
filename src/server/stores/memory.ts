// An in-process store for tests and demos: same contract as the durable stores, nothing persisted.
import { checksumAddress } from '../../core/address.js';
import { normalizeListOptions, normalizeRecord, type ConsentRecord, type ConsentStore } from '../store.js';

export function memoryStore(): ConsentStore {
  // Keyed by lowercase `publisher/subscriber`, so any casing finds the same record.
  const records = new Map<string, ConsentRecord>();
  const keyOf = (publisher: string, subscriber: string) =>
    `${checksumAddress(publisher, 'publisher')}/${checksumAddress(subscriber, 'subscriber')}`.toLowerCase();
  // Copies out as well as in, so callers can never change what is stored.
  const copy = (record: ConsentRecord): ConsentRecord => ({ ...record, proof: Uint8Array.from(record.proof) });
  let closed = false;

  return {
    async apply(statement) {
      const incoming = normalizeRecord(statement);
      const key = keyOf(incoming.publisher, incoming.subscriber);
      const stored = records.get(key);
      if (stored && incoming.timestampMs <= stored.timestampMs) {
        return { record: copy(stored), changed: false, created: false };
      }
      records.set(key, incoming);
      return { record: copy(incoming), changed: true, created: !stored };
    },

    async get(publisher, subscriber) {
      const stored = records.get(keyOf(publisher, subscriber));
      return stored && copy(stored);
    },

    async *list(publisher, options) {
      const { after, limit } = normalizeListOptions(options);
      const prefix = `${checksumAddress(publisher, 'publisher')}/`.toLowerCase();
      const cursor = after?.toLowerCase() ?? '';
      const subscribers = [...records.keys()]
        .filter((key) => key.startsWith(prefix) && key.slice(prefix.length) > cursor)
        .sort()
        .slice(0, limit);
      for (const key of subscribers) yield copy(records.get(key)!);
    },

    async check() {
      if (closed) throw new Error('the memory store is closed');
    },

    async close() {
      closed = true;
      records.clear();
    },
  };
}
