// The storage contract of the allowed-contacts list: one record per (publisher, subscriber),
// the same Promise-returning interface for every backend so they are interchangeable.
import { checksumAddress, describe } from '../core/address.js';
import type { SignerKind } from '../core/verify.js';

/** A verified consent proof as kept on the list. */
export interface ConsentRecord {
  /** The sending address the reader allowed, EIP-55 checksummed. */
  publisher: string;
  /** The reader's address that signed the proof, EIP-55 checksummed. */
  subscriber: string;
  /** When the reader signed (the proof's timestamp), in ms. */
  timestampMs: number;
  /** The signature hex exactly as the wallet returned it. */
  signature: string;
  /** The ConsentProofPayload bytes as received, so the proof stays valid evidence anywhere. */
  proof: Uint8Array;
  signerKind: SignerKind;
  /** When this server received the proof, in ms. */
  receivedAt: number;
}

export interface ListOptions {
  /** Start after this subscriber (exclusive), as a cursor from a previous page. */
  after?: string;
  /** The most records to yield in total. */
  limit?: number;
}

/** What `apply` did: the pair's record after it, and whether that record is new or replaced. */
export interface ApplyResult {
  record: ConsentRecord;
  /** The stored record was created or replaced by this statement. */
  changed: boolean;
  /** There was no record for the pair before. */
  created: boolean;
}

export interface ConsentStore {
  /**
   * Applies a verified statement, idempotently, keeping the newest: a newer `timestampMs` replaces
   * the stored record, an equal or older one changes nothing and the stored record is answered.
   */
  apply(statement: ConsentRecord): Promise<ApplyResult>;
  get(publisher: string, subscriber: string): Promise<ConsentRecord | undefined>;
  /** The publisher's allowed subscribers, ordered by address (case-insensitively), fetched in pages. */
  list(publisher: string, options?: ListOptions): AsyncIterable<ConsentRecord>;
  /** Resolves when the store can answer, rejects when it cannot (closed, or its database unreachable). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** How many rows a store fetches at a time while listing. */
export const LIST_PAGE_SIZE = 500;

/** `record` with both addresses checksummed and its own copy of the proof bytes. */
export function normalizeRecord(record: ConsentRecord): ConsentRecord {
  return {
    ...record,
    publisher: checksumAddress(record.publisher, 'publisher'),
    subscriber: checksumAddress(record.subscriber, 'subscriber'),
    proof: Uint8Array.from(record.proof),
  };
}

/** Validated list options: the cursor checksummed, the limit a whole number (Infinity when absent). */
export function normalizeListOptions({ after, limit }: ListOptions = {}): { after?: string; limit: number } {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new TypeError(`limit must be a whole number of records, got ${describe(limit)}`);
  }
  return {
    ...(after === undefined ? {} : { after: checksumAddress(after, 'after') }),
    limit: limit ?? Infinity,
  };
}
