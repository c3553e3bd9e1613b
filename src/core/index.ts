// xmtp-subscribe/core: XMTP signature texts (and our withdrawal), payloads and verification; pure,
// for browsers and servers.
export { checksumAddress } from './address.js';
export { base64ToBytes, bytesToBase64 } from './base64.js';
export { consentMessage, decodeConsentProof, encodeConsentProof, type ConsentProofPayload } from './consent.js';
export { identityText, type IdentityAction, type IdentityTextFields } from './identity.js';
export { inboxId } from './inbox-id.js';
export { createIdentityText, enableIdentityText } from './legacy-identity.js';
export { unsubscribeMessage } from './unsubscribe.js';
export { canonicalSignature } from './canonical-signature.js';
export { buildSignatureText } from './build.js';
export { SignatureTextError, parseSignatureText, type ParsedSignatureText } from './parse.js';
export {
  ChainUnavailableError,
  DEFAULT_MAX_AGE_MS,
  verifyConsentProof,
  verifyUnsubscribe,
  type ConsentProof,
  type UnsubscribeProof,
  type SignerKind,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';
export {
  verifyIdentitySignature,
  type IdentitySignature,
  type IdentityVerifyFailureReason,
  type IdentityVerifyOptions,
  type IdentityVerifyResult,
} from './verify-identity.js';
