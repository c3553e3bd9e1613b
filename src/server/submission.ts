// Reads a posted consent proof: the JSON body checked for shape and its proof decoded, not yet
// verified. XMTP's reference button's field names are accepted as aliases.
import { checksumAddress, describe } from '../core/address.js';
import { base64ToBytes } from '../core/base64.js';
import { decodeConsentProof } from '../core/consent.js';
import { badRequest, Refusal } from './refusal.js';

export interface Submission {
  publisher: string;
  subscriber: string;
  proof: Uint8Array;
  signature: string;
  timestampMs: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The submission in `body`, or a 400 refusal (`bad_request`, or `invalid_address`) saying what is wrong. */
export function parseSubmission(body: Uint8Array): Submission {
  let json: unknown;
  try {
    // The body is at most 16 KiB, which bounds the time and memory of parsing; V8's parser is
    // not recursive, so deep nesting cannot overflow the stack either.
    json = JSON.parse(UTF8.decode(body));
  } catch {
    badRequest('the body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return badRequest(`the body must be a JSON object, got ${describe(json)}`);
  }
  const fields = json as Record<string, unknown>;
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

/** `value` checksummed, or a 400 `invalid_address` refusal naming `name`. */
export function address(value: string, name: string): string {
  try {
    return checksumAddress(value, name);
  } catch (error) {
    throw new Refusal(400, 'invalid_address', (error as Error).message);
  }
}

function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (value === undefined) badRequest(`${name} is missing`);
  if (typeof value !== 'string') badRequest(`${name} must be a string, got ${describe(value)}`);
  return value as string;
}

/** A field that may come under either name; given under both, the two must agree. */
function aliasedString(fields: Record<string, unknown>, name: string, alias: string): string {
  const [value, aliasValue] = [fields[name], fields[alias]];
  if (value === undefined && aliasValue !== undefined) return requiredString(fields, alias);
  const text = requiredString(fields, name);
  if (aliasValue !== undefined && (typeof aliasValue !== 'string' || aliasValue.toLowerCase() !== text.toLowerCase())) {
    badRequest(`${name} and ${alias} are the same field and must not differ`);
  }
  return text;
}
