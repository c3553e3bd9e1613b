// The inverse of parseSignatureText: the text any parse result stands for, from its own builder.
import { consentMessage } from './consent.js';
import { identityText } from './identity.js';
import { createIdentityText, enableIdentityText } from './legacy-identity.js';
import type { ParsedSignatureText } from './parse.js';
import { unsubscribeMessage } from './unsubscribe.js';

/** `buildSignatureText(parseSignatureText(text)) === text` for every text the parser accepts. */
export function buildSignatureText(parsed: ParsedSignatureText): string {
  switch (parsed.kind) {
    case 'consent':
      return consentMessage(parsed.publisher, parsed.timestampMs);
    case 'unsubscribe':
      return unsubscribeMessage(parsed.publisher, parsed.timestampMs);
    case 'identity':
      return identityText(parsed);
    case 'create-identity':
      return createIdentityText(parsed.publicKey);
    case 'enable-identity':
      return enableIdentityText(parsed.preKey);
  }
}
