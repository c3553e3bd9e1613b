// XMTP's "Grant inbox consent to sender" text and its ConsentProofPayload bytes (SIGNATURES.md §1).
import { describe } from './address.js';
import { assertTimestamp } from './fields.js';
import {
  ProtobufReader,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  encodeVarint,
} from './protobuf.js';
import { senderText, type SenderTextFormat } from './sender-text.js';

export const CONSENT_HEADER = 'XMTP : Grant inbox consent to sender';
/** The footer of the consent and legacy V2 identity texts: with a slash (the V3 text has none). */
export const V2_FOOTER = 'For more info: https://xmtp.org/signatures/';
export const CONSENT_TEXT: SenderTextFormat = { header: CONSENT_HEADER, footer: V2_FOOTER };
const HEX_SIGNATURE = /^0x(?:[0-9a-fA-F]{2})+$/;
const PAYLOAD_VERSION_1 = 1;

/** A decoded `xmtp.message_contents.ConsentProofPayload`. */
export interface ConsentProofPayload {
  /** The signature hex exactly as the wallet returned it, `0x`-prefixed. */
  signature: string;
  /** When the reader signed, in milliseconds since the epoch. */
  timestamp: number;
  payloadVersion: number;
}

/**
 * The exact text a reader signs to put themselves on `publisher`'s list, with the publisher
 * EIP-55 checksummed and the time in whole seconds, as XMTP's verifiers rebuild it.
 */
export function consentMessage(publisher: string, timestampMs: number): string {
  return senderText(CONSENT_TEXT, publisher, timestampMs);
}

/**
 * The ConsentProofPayload bytes, identical to XMTP's own encoder. A transport encoding only: any
 * `0x`-hex signature is carried as given; judging it is `verifyConsentProof`'s job.
 */
export function encodeConsentProof(signature: string, timestampMs: number): Uint8Array {
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) {
    throw new TypeError(`signature must be 0x-prefixed hex bytes, got ${describe(signature)}`);
  }
  assertTimestamp(timestampMs, 1);
  const out: number[] = [0x0a];
  encodeVarint(signature.length, out);
  for (let i = 0; i < signature.length; i++) out.push(signature.charCodeAt(i));
  out.push(0x10);
  encodeVarint(timestampMs, out);
  out.push(0x18, PAYLOAD_VERSION_1);
  return Uint8Array.from(out);
}

/**
 * Decodes ConsentProofPayload bytes by protobuf rules: fields in any order, the last of a repeated
 * field wins, unknown fields skipped, missing fields read as their defaults ('' and 0). Throws a
 * `TypeError` on truncated input, a known field with the wrong wire type, or a timestamp above
 * 2^53 - 1.
 */
export function decodeConsentProof(bytes: Uint8Array): ConsentProofPayload {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`consent proof must be a Uint8Array, got ${describe(bytes)}`);
  }
  const payload: ConsentProofPayload = { signature: '', timestamp: 0, payloadVersion: 0 };
  const reader = new ProtobufReader(bytes);
  try {
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      if (field === 0) throw new TypeError('field number 0 is not valid protobuf');
      const expected = FIELD_WIRE_TYPES[field];
      if (expected === undefined) {
        reader.skip(wireType);
        continue;
      }
      if (wireType !== expected) {
        throw new TypeError(`field ${field} has wire type ${wireType}, expected ${expected}`);
      }
      if (field === 1) payload.signature = UTF8.decode(reader.lengthDelimited());
      else if (field === 2) payload.timestamp = reader.varint();
      else payload.payloadVersion = reader.varint();
    }
  } catch (error) {
    throw new TypeError(`consent proof is not a valid ConsentProofPayload: ${(error as Error).message}`);
  }
  return payload;
}

const FIELD_WIRE_TYPES: Record<number, number> = {
  1: WIRE_LENGTH_DELIMITED,
  2: WIRE_VARINT,
  3: WIRE_VARINT,
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });
