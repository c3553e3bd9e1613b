// Standard base64 (RFC 4648 §4) for moving proof bytes through JSON; padding optional on input.

const BASE64 = /^[A-Za-z0-9+/]*$/;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard base64, with or without `=` padding; throws a `TypeError` on anything else. */
export function base64ToBytes(text: string): Uint8Array {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!BASE64.test(unpadded) || unpadded.length % 4 === 1) {
    throw new TypeError('not standard base64');
  }
  if (text.length !== unpadded.length && text.length % 4 !== 0) {
    throw new TypeError('base64 padding does not match its length');
  }
  const binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  // A plain loop: `Uint8Array.from(binary, mapFn)` costs the server more than the decoding itself.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
