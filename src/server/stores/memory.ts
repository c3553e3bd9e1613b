// An in-process store for tests and demos: same contract as the durable stores, nothing persisted
// (its webhook queue included).
import { checksumAddress } from '../../core/address.js';
import {
  applyStatement,
  normalizeListOptions,
  normalizePair,
  normalizeReceiptHash,
  normalizeStatement,
  type ConsentRecord,
  type ConsentStore,
} from '../store.js';
import { stateChangeEvent } from '../webhooks/event.js';
import { memoryWebhookQueue } from '../webhooks/memory-queue.js';

export function memoryStore(): ConsentStore {
  // Keyed by lowercase `publisher/subscriber`, so any casing finds the same record. Records are
  // copied in and out, so callers can never change what is stored.
  const records = new Map<string, ConsentRecord>();
  const keyOf = (publisher: string, subscriber: string) => normalizePair(publisher, subscriber).join('/').toLowerCase();
  const webhooks = memoryWebhookQueue();
  let closed = false;

  return {
    async apply(statement, receiptHash, { queueEvent } = {}) {
      const incoming = normalizeStatement(statement);
      const key = keyOf(incoming.publisher, incoming.subscriber);
      const stored = records.get(key);
      const result = applyStatement(stored, incoming, normalizeReceiptHash(receiptHash));
      records.set(key, copyRecord(result.record));
      const event = queueEvent && stateChangeEvent(stored?.state, result.record);
      return event ? { ...result, webhook: { event, queued: webhooks.enqueue(event, queueEvent.maxQueued) } } : result;
    },

    async get(publisher, subscriber) {
      const stored = records.get(keyOf(publisher, subscriber));
      return stored && copyRecord(stored);
    },

    async *list(publisher, options) {
      const { after, limit, state } = normalizeListOptions(options);
      const prefix = `${checksumAddress(publisher, 'publisher')}/`.toLowerCase();
      const cursor = after?.toLowerCase() ?? '';
      const keys = [...records.keys()]
        .filter((key) => key.startsWith(prefix) && key.slice(prefix.length) > cursor)
        .filter((key) => state === 'all' || records.get(key)!.state === state)
        .sort()
        .slice(0, limit);
      for (const key of keys) yield copyRecord(records.get(key)!);
    },

    async forget(subscriber, publisher) {
      const reader = checksumAddress(subscriber, 'subscriber');
      const list = publisher === undefined ? undefined : checksumAddress(publisher, 'publisher');
      const keys = [...records.keys()].filter(
        (key) => key.endsWith(`/${reader}`.toLowerCase()) && key.startsWith(list?.toLowerCase() ?? ''),
      );
      for (const key of keys) records.delete(key);
      webhooks.forget(reader, list);
      return keys.length;
    },

    async check() {
      if (closed) throw new Error('the memory store is closed');
    },

    async close() {
      closed = true;
      records.clear();
    },

    webhookQueue: webhooks.queue,
  };
}

/** `record` with its own copies of the proof bytes and receipt list, so callers cannot change what is stored. */
function copyRecord(record: ConsentRecord): ConsentRecord {
  const copy = { ...record, receiptHashes: [...record.receiptHashes] };
  if (record.consent) copy.consent = { ...record.consent, proof: Uint8Array.from(record.consent.proof) };
  return copy;
}
