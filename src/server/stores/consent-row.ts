// The row the SQL stores (SQLite, PostgreSQL) keep a record in since schema version 2, and how a
// record becomes a row and back. One row per (publisher, subscriber): its state, the newest consent
// proof and the newest withdrawal (either may be absent), and the hashes of its newest receipts.
import type { SignerKind } from '../../core/verify.js';
import { canonicalConsent } from '../canonical.js';
import type { ConsentRecord } from '../store.js';

/** The columns, in the order `rowValues` gives them. */
export const CONSENT_COLUMNS = [
  'publisher',
  'subscriber',
  'state',
  'consent_at',
  'consent_signature',
  'consent_proof',
  'consent_signer_kind',
  'consent_received_at',
  'withdrawal_at',
  'withdrawal_signature',
  'withdrawal_signer_kind',
  'withdrawal_received_at',
  'receipt_hashes',
] as const;

/** The columns as one SQL list, for SELECT and INSERT. */
export const COLUMN_LIST = CONSENT_COLUMNS.join(', ');

/**
 * A row as a driver answers it in array mode (cheaper than an object per row), in `CONSENT_COLUMNS`
 * order: integers may come as strings (pg's bigint), bytes as a Buffer, absent values as null.
 */
export type ConsentRow = unknown[];

const SHA256_BYTES = 32;

/** The row values of `record`, in `CONSENT_COLUMNS` order. */
export function rowValues(record: ConsentRecord): unknown[] {
  const { consent, withdrawal } = record;
  return [
    record.publisher,
    record.subscriber,
    record.state,
    consent?.timestampMs ?? null,
    consent?.signature ?? null,
    consent ? Buffer.from(consent.proof) : null,
    consent?.signerKind ?? null,
    consent?.receivedAt ?? null,
    withdrawal?.timestampMs ?? null,
    withdrawal?.signature ?? null,
    withdrawal?.signerKind ?? null,
    withdrawal?.receivedAt ?? null,
    Buffer.from(record.receiptHashes.join(''), 'hex'),
  ];
}

/** The record a row holds: the inverse of `rowValues`. */
export function recordFromRow(row: ConsentRow): ConsentRecord {
  const [publisher, subscriber, state, consentAt, consentSignature, proof, consentSigner, consentReceivedAt] = row;
  const [withdrawalAt, withdrawalSignature, withdrawalSigner, withdrawalReceivedAt, hashes] = row.slice(8);
  // Built field by field rather than spread together: listing a million rows allocates far less.
  // The schema's CHECK guarantees the statement each state needs.
  const record = { publisher, subscriber, state, receiptHashes: receiptHashes(hashes as Uint8Array) } as ConsentRecord;
  if (consentAt !== null) {
    record.consent = {
      timestampMs: Number(consentAt),
      signature: consentSignature as string,
      proof: new Uint8Array(proof as Uint8Array),
      signerKind: consentSigner as SignerKind,
      receivedAt: Number(consentReceivedAt),
    };
  }
  if (withdrawalAt !== null) {
    record.withdrawal = {
      timestampMs: Number(withdrawalAt),
      signature: withdrawalSignature as string,
      signerKind: withdrawalSigner as SignerKind,
      receivedAt: Number(withdrawalReceivedAt),
    };
  }
  return record;
}

/** The subscriber of a row, the cursor of keyset pagination. */
export function rowSubscriber(row: ConsentRow): string {
  return row[1] as string;
}

/** The 32-byte hashes packed one after another in `bytes`, as lowercase hex. */
function receiptHashes(bytes: Uint8Array): string[] {
  const hashes: string[] = [];
  for (let at = 0; at + SHA256_BYTES <= bytes.length; at += SHA256_BYTES) {
    hashes.push(Buffer.from(bytes.subarray(at, at + SHA256_BYTES)).toString('hex'));
  }
  return hashes;
}

/** The consent columns of a row migrated from schema version 1, as a driver answers them. */
export interface V1Consent {
  consent_at: number | string;
  consent_signature: string;
  consent_signer_kind: string;
}

/**
 * The consent columns of a schema version 1 row (which kept proofs as received) in canonical form
 * (see canonical.ts), for the migration to version 2: the same signer and signed second, still a
 * proof XMTP's validator accepts. Undefined for a row (written by hand, say) whose signature has no
 * canonical form: it stays as it was.
 */
export function canonicalV1Consent(
  row: V1Consent,
): { consent_at: number; consent_signature: string; consent_proof: Buffer } | undefined {
  let canonical: ReturnType<typeof canonicalConsent>;
  try {
    canonical = canonicalConsent({
      signature: row.consent_signature,
      timestampMs: Number(row.consent_at),
      signerKind: row.consent_signer_kind as SignerKind,
    });
  } catch {
    return undefined;
  }
  return {
    consent_at: canonical.timestampMs,
    consent_signature: canonical.signature,
    consent_proof: Buffer.from(canonical.proof),
  };
}
