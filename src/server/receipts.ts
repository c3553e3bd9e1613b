// Receipts: what lets a reader, and nobody else, ask whether they are on a list. Every 2xx answer
// to a statement hands out a new random token; the store keeps only its SHA-256, so a leaked
// database holds no usable receipt. Web Crypto's random source and @noble/hashes' SHA-256, so the
// handler runs on any fetch runtime (a synchronous hash: Node's crypto.subtle.digest costs more in
// its promise machinery than in hashing 22 bytes).
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import { bytesToBase64 } from '../core/base64.js';

/** 128 bits: unguessable, and short enough for a URL. */
const RECEIPT_BYTES = 16;

/** A new receipt (base64url, 22 characters) and the hash a store keeps of it. */
export async function mintReceipt(): Promise<{ receipt: string; hash: string }> {
  const receipt = bytesToBase64(crypto.getRandomValues(new Uint8Array(RECEIPT_BYTES)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  return { receipt, hash: await receiptHash(receipt) };
}

/** The SHA-256, in lowercase hex, of a receipt's UTF-8 text. */
export async function receiptHash(receipt: string): Promise<string> {
  return bytesToHex(sha256(new TextEncoder().encode(receipt)));
}

/**
 * Whether `receipt` is one of those `hashes` stand for. It hashes and compares whatever it is given
 * (no receipt, no hashes), and compares every hash in full, so the time it takes tells nothing.
 */
export async function receiptMatches(receipt: string | null, hashes: readonly string[]): Promise<boolean> {
  const given = await receiptHash(receipt ?? '');
  let matched = false;
  for (const hash of hashes) matched = sameText(given, hash) || matched;
  return receipt !== null && matched;
}

/** Equality of two strings that takes the same time wherever they differ. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
