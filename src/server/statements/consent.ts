// The consent proof, posted as `consentProof`: a reader's signature allowing a publisher to reach
// them. Read from the body, verified by XMTP's rules, and stored in canonical form.
import { base64ToBytes } from '../../core/base64.js';
import { CONSENT_TEXT, decodeConsentProof } from '../../core/consent.js';
import { canonicalConsent } from '../canonical.js';
import { requiredString, type Fields } from '../fields.js';
import { badRequest } from '../refusal.js';
import type { ConsentStatement } from '../store.js';
import type { VerifySettings } from './statement.js';
import { namedPair, signedStatement, verifiedSigner, type Signed } from './signed-statement.js';

export const consentStatement = signedStatement('consentProof', 'consent', parseBody, verifiedConsent);

function parseBody(fields: Fields): Signed {
  const pair = namedPair(fields);
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
  // Only what the proof says is kept: its bytes are re-encoded once verified (see canonical.ts).
  return { ...pair, signature: payload.signature, timestampMs: payload.timestamp };
}

async function verifiedConsent(signed: Signed, settings: VerifySettings): Promise<ConsentStatement> {
  const words = { statement: 'consent proof', text: 'consent text' };
  const signerKind = await verifiedSigner(CONSENT_TEXT, signed, settings, words);
  const { publisher, subscriber } = signed;
  const canonical = canonicalConsent({ ...signed, signerKind });
  return { kind: 'consent', publisher, subscriber, ...canonical, signerKind, receivedAt: settings.now };
}
