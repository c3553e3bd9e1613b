// XMTP's legacy V2 "Create Identity" and "Enable Identity" texts (SIGNATURES.md §4).
import { V2_FOOTER } from './consent.js';
import { bytesField } from './fields.js';

export const CREATE_IDENTITY_HEADER = 'XMTP : Create Identity';
export const ENABLE_IDENTITY_HEADER = 'XMTP : Enable Identity';

/** The text a wallet signs to create a V2 identity: `publicKey` is the protobuf-encoded unsigned public key. */
export function createIdentityText(publicKey: Uint8Array): string {
  return `${CREATE_IDENTITY_HEADER}\n${bytesField(publicKey, 'publicKey')}\n\n${V2_FOOTER}`;
}

/** The text a wallet signs to unlock its V2 keys for a session: `preKey` is 32 random bytes in practice. */
export function enableIdentityText(preKey: Uint8Array): string {
  return `${ENABLE_IDENTITY_HEADER}\n${bytesField(preKey, 'preKey')}\n\n${V2_FOOTER}`;
}
