// The storage contract of the allowed-contacts list: one record per (publisher, subscriber) holding
// its current state and the signed statements behind it, the same Promise-returning interface for
// every backend, and the one rule (`applyStatement`) by which every backend keeps the newest.
import { checksumAddress, describe } from '../core/address.js';
import type { SignerKind } from '../core/verify.js';
import { cachedChecksumAddress } from './checksum-cache.js';
import type { QueuedWebhook, WebhookQueue } from './webhooks/queue.js';

/** Where a reader stands on a publisher's list. */
export type ConsentState = 'allowed' | 'unsubscribed';
/** Which records `list` yields: one state, or both. */
export type ListState = ConsentState | 'all';
export const LIST_STATES: readonly ListState[] = ['allowed', 'unsubscribed', 'all'];

/** What every verified statement carries, in the canonical form the server stores. */
interface SignedStatementFields {
  /** The sending address, EIP-55 checksummed. */
  publisher: string;
  /** The reader's address that signed, EIP-55 checksummed. */
  subscriber: string;
  /** When the reader signed, in ms: whole seconds, since the signed texts carry whole seconds. */
  timestampMs: number;
  /** Lowercase hex; a plain wallet's with low s and v 27/28. */
  signature: string;
  signerKind: SignerKind;
  /** When this server received it, in ms. */
  receivedAt: number;
}

/** A consent proof (SIGNATURES.md §1), with its ConsentProofPayload bytes re-encoded canonically. */
export interface ConsentStatement extends SignedStatementFields {
  kind: 'consent';
  proof: Uint8Array;
}

/** A signed withdrawal (SIGNATURES.md §6). */
export interface WithdrawalStatement extends SignedStatementFields {
  kind: 'unsubscribe';
}

/** A verified statement about a pair, as the handler hands it to a store. */
export type SignedStatement = ConsentStatement | WithdrawalStatement;

/** A statement as kept in a record: what it says beyond whom it is about. */
export type KeptConsent = Omit<ConsentStatement, 'kind' | 'publisher' | 'subscriber'>;
export type KeptWithdrawal = Omit<WithdrawalStatement, 'kind' | 'publisher' | 'subscriber'>;

interface RecordFields {
  publisher: string;
  subscriber: string;
  /** SHA-256 (lowercase hex) of the newest receipts handed out for the pair, newest first. */
  receiptHashes: string[];
}

/**
 * A pair's record: its state, decided by the newest signed statement, and the newest statement of
 * each kind, so a publisher can prove the opt-in and the opt-out. `allowed` always has a consent;
 * `unsubscribed` always has a withdrawal, and the consent it withdrew when there was one.
 */
export type ConsentRecord =
  | (RecordFields & { state: 'allowed'; consent: KeptConsent; withdrawal?: KeptWithdrawal })
  | (RecordFields & { state: 'unsubscribed'; consent?: KeptConsent; withdrawal: KeptWithdrawal });

export interface ListOptions {
  /** Start after this subscriber (exclusive), as a cursor from a previous page. */
  after?: string;
  /** The most records to yield in total. */
  limit?: number;
  /** `allowed` (the default: the readers a publisher may message), `unsubscribed`, or `all`. */
  state?: ListState;
}

/** What `apply` did: the pair's record after it, and whether its state or statements changed. */
export interface ApplyResult {
  record: ConsentRecord;
  /** The statement was newer than the record's, and is now kept in it. */
  changed: boolean;
  /** There was no record for the pair before. */
  created: boolean;
  /** With `queueEvent`, when the statement changed the pair's state: its webhook event, and whether it was queued. */
  webhook?: QueuedWebhook;
}

export interface ApplyOptions {
  /**
   * Queue the webhook event of the change of state the statement makes, if it makes one
   * (webhooks/event.ts), in the same transaction as the change, unless `maxQueued` events already
   * wait: then the change is stored and its event is not.
   */
  queueEvent?: { maxQueued: number };
}

/**
 * A store's methods reject with a `StoreUnavailableError` (stores/faults.ts) when the store cannot
 * answer now (a lock held too long, a database down, a timeout), having changed nothing: the
 * endpoint then answers 503 `store_unavailable`. Any other rejection is a bug, answered 500.
 */
export interface ConsentStore {
  /**
   * Applies a verified statement by `applyStatement`'s rule, idempotently, and keeps `receiptHash`
   * (the SHA-256 of the receipt the answer hands out) among the pair's newest, whatever the outcome.
   */
  apply(statement: SignedStatement, receiptHash?: string, options?: ApplyOptions): Promise<ApplyResult>;
  /** The pair's record, in either state. */
  get(publisher: string, subscriber: string): Promise<ConsentRecord | undefined>;
  /**
   * The publisher's records in `options.state` (allowed by default), ordered by address
   * (case-insensitively), fetched in pages.
   */
  list(publisher: string, options?: ListOptions): AsyncIterable<ConsentRecord>;
  /**
   * Erasure: deletes every record (and receipt) of `subscriber`, on `publisher`'s list or on all,
   * and the webhook events about them still waiting; resolves how many records.
   */
  forget(subscriber: string, publisher?: string): Promise<number>;
  /** Resolves when the store can answer, rejects when it cannot (closed, or its database unreachable): /health asks it. */
  check(): Promise<void>;
  close(): Promise<void>;
  /**
   * The queue `apply` puts webhook events in: durable in the SQLite and PostgreSQL stores, in
   * memory in the memory store. A store without one cannot serve a handler with a `webhook`.
   */
  webhookQueue?: WebhookQueue;
}

/** How many rows a store fetches at a time while listing. */
export const LIST_PAGE_SIZE = 500;
/**
 * Receipts kept per pair. Each answer mints a new one (only its hash is stored, so none can be
 * given back again), and a reader may have subscribed from several browsers: the newest 16 work.
 */
export const RECEIPTS_KEPT = 16;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The rule every store applies: the newest signed statement decides the pair's state. Recency is
 * compared in whole seconds (what the texts sign); at the same second a withdrawal wins over a
 * consent. A statement that is not newer changes nothing. A withdrawal with no record before
 * still makes one, so that an older proof replayed later cannot put the reader on the list.
 */
export function applyStatement(
  stored: ConsentRecord | undefined,
  statement: SignedStatement,
  receiptHash?: string,
): ApplyResult {
  const receiptHashes = receiptHash
    ? [receiptHash, ...(stored?.receiptHashes ?? [])].slice(0, RECEIPTS_KEPT)
    : (stored?.receiptHashes ?? []);
  if (stored && !supersedes(statement, stored)) {
    return { record: { ...stored, receiptHashes }, changed: false, created: false };
  }
  // The other kind's newest statement stays: the evidence of the opt-in, or of an earlier opt-out.
  const { kind, publisher, subscriber, ...kept } = statement;
  const base = { ...stored, publisher, subscriber, receiptHashes };
  const record: ConsentRecord =
    kind === 'consent'
      ? { ...base, state: 'allowed', consent: kept as KeptConsent }
      : { ...base, state: 'unsubscribed', withdrawal: kept };
  return { record, changed: true, created: !stored };
}

/** Whether `statement` is newer than what decided `stored`'s state (a withdrawal wins a tie with a consent). */
function supersedes(statement: SignedStatement, stored: ConsentRecord): boolean {
  const current = wholeSeconds(decidingStatement(stored).timestampMs);
  const incoming = wholeSeconds(statement.timestampMs);
  return incoming > current || (incoming === current && statement.kind === 'unsubscribe' && stored.state === 'allowed');
}

/** The statement that decided the record's state: its time is `consentedAt` or `changedAt` in answers. */
function decidingStatement(record: ConsentRecord): KeptConsent | KeptWithdrawal {
  return record.state === 'allowed' ? record.consent : record.withdrawal;
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * `statement` checked for what a store relies on, with both addresses checksummed and its own copy
 * of the proof bytes; a `TypeError` otherwise.
 */
export function normalizeStatement(statement: SignedStatement): SignedStatement {
  const kind: unknown = statement?.kind;
  if (kind !== 'consent' && kind !== 'unsubscribe') {
    throw new TypeError(`statement.kind must be 'consent' or 'unsubscribe', got ${describe(kind)}`);
  }
  if (!Number.isSafeInteger(statement.timestampMs) || statement.timestampMs <= 0) {
    const got = describe(statement.timestampMs);
    throw new TypeError(`statement.timestampMs must be a positive whole number of ms, got ${got}`);
  }
  const [publisher, subscriber] = normalizePair(statement.publisher, statement.subscriber);
  const addresses = { publisher, subscriber };
  return statement.kind === 'consent'
    ? { ...statement, ...addresses, proof: Uint8Array.from(statement.proof) }
    : { ...statement, ...addresses };
}

/**
 * A pair's addresses checksummed, or a `TypeError`. Through the cache: the handler's fields
 * checksummed the same strings a moment before, so a request hashes each address once.
 */
export function normalizePair(publisher: string, subscriber: string): [publisher: string, subscriber: string] {
  return [cachedChecksumAddress(publisher, 'publisher'), cachedChecksumAddress(subscriber, 'subscriber')];
}

/** A receipt hash as stores keep it: 64 lowercase hex digits, or a `TypeError`. */
export function normalizeReceiptHash(receiptHash: string | undefined): string | undefined {
  if (receiptHash === undefined || SHA256_HEX.test(receiptHash)) return receiptHash;
  throw new TypeError(`receiptHash must be a SHA-256 in 64 lowercase hex digits, got ${describe(receiptHash)}`);
}

/** Validated list options: the cursor checksummed, the limit a whole number (Infinity when absent), the state. */
export function normalizeListOptions({ after, limit, state = 'allowed' }: ListOptions = {}): {
  after?: string;
  limit: number;
  state: ListState;
} {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new TypeError(`limit must be a whole number of records, got ${describe(limit)}`);
  }
  if (!LIST_STATES.includes(state)) {
    throw new TypeError(`state must be ${LIST_STATES.join(', ')}, got ${describe(state)}`);
  }
  return {
    ...(after === undefined ? {} : { after: checksumAddress(after, 'after') }),
    limit: limit ?? Infinity,
    state,
  };
}
