// What the signed statements share: who a body names (with the reference button's aliases), how a
// kind of statement is read and verified, and the refusal each verdict that is not "ok" becomes.
import type { SenderTextFormat } from '../../core/sender-text.js';
import {
  ChainUnavailableError,
  verifyChecksummedStatement,
  type SignerKind,
  type UnsubscribeProof,
  type VerifyResult,
} from '../../core/verify.js';
import { address, aliasedString, type Fields } from '../fields.js';
import { tellOperator } from '../operator-log.js';
import { Refusal } from '../refusal.js';
import type { SignedStatement } from '../store.js';
import type { Statement, VerifySettings } from './statement.js';

/** When a page may try again after the chain could not answer. */
const CHAIN_RETRY_AFTER_S = 10;

/** The publisher and subscriber a body names, checksummed; XMTP's reference button's field names are aliases. */
export function namedPair(fields: Fields): { publisher: string; subscriber: string } {
  const publisher = aliasedString(fields, 'publisher', 'broadcastAddress');
  const subscriber = aliasedString(fields, 'subscriber', 'address');
  return { publisher: address(publisher, 'publisher'), subscriber: address(subscriber, 'subscriber') };
}

/**
 * A posted statement's parts, read but not verified, as a verifier takes them (a consent proof and
 * a withdrawal have the same); both addresses checksummed (`namedPair`).
 */
export type Signed = UnsubscribeProof;

/**
 * The statement `kind` carried in the body field `field`: `parse` reads its parts (throwing a 400
 * refusal), `verify` turns them into what the store applies (throwing the refusal that says why not).
 */
export function signedStatement(
  field: string,
  kind: SignedStatement['kind'],
  parse: (fields: Fields) => Signed,
  verify: (signed: Signed, settings: VerifySettings) => Promise<SignedStatement>,
): Statement {
  return {
    field,
    read(fields) {
      const signed = parse(fields);
      const { publisher, subscriber, signature, timestampMs } = signed;
      return { publisher, subscriber, signature, kind, timestampMs, verify: (settings) => verify(signed, settings) };
    },
  };
}

/** How refusals name a kind of statement and the text it signs, like 'consent proof' and 'consent text'. */
export interface Wording {
  statement: string;
  text: string;
}

/**
 * The signer kind when `signed` verifies as a statement of `format` (the core's CONSENT_TEXT or
 * UNSUBSCRIBE_TEXT) under `settings`; otherwise throws the refusal that says why, in `words`. A
 * plain wallet's signature is judged without the chain; the chain is asked only when a contract can
 * have signed (see chain-budget.ts).
 */
export async function verifiedSigner(
  format: SenderTextFormat,
  signed: Signed,
  settings: VerifySettings,
  words: Wording,
): Promise<SignerKind> {
  const verdict = await verdictOf(format, signed, settings).catch(refuseWhenChainUnavailable);
  if (verdict.ok) return verdict.signer;
  const { now, maxAgeMs } = settings;
  switch (verdict.reason) {
    case 'stale_proof':
      throw new Refusal(
        422,
        'stale_proof',
        `the ${words.statement} was signed ${roughDuration(now - signed.timestampMs)} ago, ` +
          `more than the ${roughDuration(maxAgeMs)} this server accepts; sign a new one`,
      );
    case 'future_proof':
      throw new Refusal(
        422,
        'future_proof',
        `the ${words.statement} is dated ${roughDuration(signed.timestampMs - now)} ahead of this server's clock; ` +
          "check the device's clock and sign again",
      );
    case 'invalid_signature':
      throw new Refusal(
        403,
        'invalid_signature',
        `the signature is not ${signed.subscriber}'s over the ${words.text} for ${signed.publisher}`,
      );
    case 'invalid_address':
      throw new Refusal(400, 'invalid_address', 'publisher or subscriber is not an address');
  }
}

/**
 * The verdict without the chain, and only when that says "not a plain wallet's signature", with it.
 * The core's verifier for checksummed addresses: `namedPair` checksummed them.
 */
async function verdictOf(format: SenderTextFormat, signed: Signed, settings: VerifySettings): Promise<VerifyResult> {
  const { now, maxAgeMs, maxFutureMs, chain, clientIp, recoverSigner } = settings;
  const rules = { now, maxAgeMs, maxFutureMs, recoverSigner };
  const verdict = await verifyChecksummedStatement(format, signed, rules);
  if (verdict.ok || verdict.reason !== 'invalid_signature' || !chain) return verdict;
  const client = await chain.clientFor(signed.subscriber, signed.signature, clientIp);
  return client ? verifyChecksummedStatement(format, signed, { ...rules, client }) : verdict;
}

/**
 * A chain that could not judge a smart-contract wallet's signature becomes 503 `chain_unavailable`
 * with `Retry-After` (retryable for the page, logged for the operator); any other error passes on.
 */
function refuseWhenChainUnavailable(error: unknown): never {
  if (!(error instanceof ChainUnavailableError)) throw error;
  tellOperator(`answered 503 chain_unavailable: ${error.message}`);
  throw new Refusal(
    503,
    'chain_unavailable',
    'the chain that verifies smart-contract wallet signatures could not be reached; nothing was stored, try again later',
    { 'retry-after': `${CHAIN_RETRY_AFTER_S}` },
  );
}

/** A duration in the largest unit that keeps it readable, for messages. */
function roughDuration(ms: number): string {
  const units: [string, number][] = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000]];
  for (const [unit, size] of units) if (ms >= 2 * size) return `${Math.floor(ms / size)} ${unit}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}
