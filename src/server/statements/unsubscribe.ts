// The withdrawal, posted as `unsubscribe: { timestampMs, signature }`: a reader's signature of
// SIGNATURES.md §6 taking them off a publisher's list. Read from the body, verified exactly like a
// consent proof, and stored in canonical form.
import { describe } from '../../core/address.js';
import { UNSUBSCRIBE_TEXT } from '../../core/unsubscribe.js';
import { storedSignature, wholeSecond } from '../canonical.js';
import type { Fields } from '../fields.js';
import { badRequest } from '../refusal.js';
import type { WithdrawalStatement } from '../store.js';
import type { VerifySettings } from './statement.js';
import { namedPair, signedStatement, verifiedSigner, type Signed } from './signed-statement.js';

export const unsubscribeStatement = signedStatement('unsubscribe', 'unsubscribe', parseBody, verifiedWithdrawal);

function parseBody(fields: Fields): Signed {
  const pair = namedPair(fields);
  const withdrawal = fields.unsubscribe;
  if (typeof withdrawal !== 'object' || withdrawal === null || Array.isArray(withdrawal)) {
    return badRequest(`unsubscribe must be an object { timestampMs, signature }, got ${describe(withdrawal)}`);
  }
  const { timestampMs, signature } = withdrawal as Record<string, unknown>;
  if (typeof timestampMs !== 'number' || !Number.isSafeInteger(timestampMs) || timestampMs <= 0) {
    const got = describe(timestampMs);
    badRequest(`unsubscribe.timestampMs must be the signed time in whole milliseconds, above 0, got ${got}`);
  }
  if (typeof signature !== 'string' || signature === '') {
    badRequest(`unsubscribe.signature must be the wallet's signature, a 0x-hex string, got ${describe(signature)}`);
  }
  return { ...pair, timestampMs: timestampMs as number, signature: signature as string };
}

async function verifiedWithdrawal(signed: Signed, settings: VerifySettings): Promise<WithdrawalStatement> {
  const words = { statement: 'withdrawal', text: 'withdrawal text' };
  const signerKind = await verifiedSigner(UNSUBSCRIBE_TEXT, signed, settings, words);
  const { publisher, subscriber, signature, timestampMs } = signed;
  return {
    kind: 'unsubscribe',
    publisher,
    subscriber,
    timestampMs: wholeSecond(timestampMs),
    signature: storedSignature(signature, signerKind),
    signerKind,
    receivedAt: settings.now,
  };
}
