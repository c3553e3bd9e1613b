// The consent proof, posted as `consentProof`: a reader's signature allowing a publisher to reach
// them. Read from the body, verified by XMTP's rules, and kept as the pair's record.
import { base64ToBytes } from '../../core/base64.js';
import { decodeConsentProof } from '../../core/consent.js';
import { ChainUnavailableError, verifyConsentProof, type VerifyFailureReason } from '../../core/verify.js';
import { address, aliasedString, requiredString, type Fields } from '../fields.js';
import { badRequest, Refusal } from '../refusal.js';
import type { ConsentRecord } from '../store.js';
import type { Statement, VerifySettings } from './statement.js';

/** A posted consent proof, decoded but not verified. */
interface Submission {
  publisher: string;
  subscriber: string;
  proof: Uint8Array;
  signature: string;
  timestampMs: number;
}

export const consentStatement: Statement = {
  field: 'consentProof',
  read(fields) {
    const submission = parseSubmission(fields);
    return {
      publisher: submission.publisher,
      subscriber: submission.subscriber,
      signature: submission.signature,
      verify: (settings) => verifiedRecord(submission, settings),
    };
  },
};

/** XMTP's reference button's field names are accepted as aliases. */
function parseSubmission(fields: Fields): Submission {
  const publisher = aliasedString(fields, 'publisher', 'broadcastAddress');
  const subscriber = aliasedString(fields, 'subscriber', 'address');
  const consentProof = requiredString(fields, 'consentProof');

  let proof: Uint8Array;
  try {
    proof = base64ToBytes(consentProof);
  } catch (error) {
    return badRequest(`consentProof must be standard base64 (${(error as Error).message})`);
  }
  let payload: ReturnType<typeof decodeConsentProof>;
  try {
    payload = decodeConsentProof(proof);
  } catch (error) {
    return badRequest((error as Error).message);
  }
  if (!payload.signature) badRequest('consentProof has no signature');
  if (payload.timestamp === 0) badRequest('consentProof has no timestamp');

  return {
    publisher: address(publisher, 'publisher'),
    subscriber: address(subscriber, 'subscriber'),
    proof,
    signature: payload.signature,
    timestampMs: payload.timestamp,
  };
}

async function verifiedRecord(submission: Submission, settings: VerifySettings): Promise<ConsentRecord> {
  const verdict = await verifyConsentProof(submission, settings).catch(refuseWhenChainUnavailable);
  if (!verdict.ok) throw verificationRefusal(verdict.reason, submission, settings);
  return { ...submission, signerKind: verdict.signer, receivedAt: settings.now };
}

function verificationRefusal(
  reason: VerifyFailureReason,
  submission: Submission,
  { now, maxAgeMs }: { now: number; maxAgeMs: number },
): Refusal {
  switch (reason) {
    case 'stale_proof':
      return new Refusal(
        422,
        'stale_proof',
        `the proof was signed ${roughDuration(now - submission.timestampMs)} ago, ` +
          `more than the ${roughDuration(maxAgeMs)} this server accepts; sign a new one`,
      );
    case 'future_proof':
      return new Refusal(
        422,
        'future_proof',
        `the proof is dated ${roughDuration(submission.timestampMs - now)} ahead of this server's clock; ` +
          "check the device's clock and sign again",
      );
    case 'invalid_signature':
      return new Refusal(
        403,
        'invalid_signature',
        `the signature is not ${submission.subscriber}'s over the consent message for ${submission.publisher}`,
      );
    case 'invalid_address':
      return new Refusal(400, 'invalid_address', 'publisher or subscriber is not an address');
  }
}

/**
 * A chain that could not judge a smart-contract wallet's signature becomes 503 `chain_unavailable`
 * (retryable for the page, logged for the operator); any other error passes on.
 */
function refuseWhenChainUnavailable(error: unknown): never {
  if (!(error instanceof ChainUnavailableError)) throw error;
  console.error(`xmtp-subscribe: answered 503 chain_unavailable: ${error.message}`);
  throw new Refusal(
    503,
    'chain_unavailable',
    'the chain that verifies smart-contract wallet signatures could not be reached; nothing was stored, try again later',
  );
}

/** A duration in the largest unit that keeps it readable, for messages. */
function roughDuration(ms: number): string {
  const units: [string, number][] = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000]];
  for (const [unit, size] of units) if (ms >= 2 * size) return `${Math.floor(ms / size)} ${unit}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}
