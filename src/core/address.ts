// Ethereum address checks shared by every builder and verifier: any casing in, EIP-55 out.
import { keccakP } from '@noble/hashes/sha3';

/** An Ethereum address (or any 0x-hex), as a type: what viem calls `Address`, without importing viem's types. */
export type Address = `0x${string}`;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Returns `value` EIP-55 checksummed, or throws a `TypeError` naming `what` and the bad value.
 * All-lowercase and all-uppercase addresses are accepted; a mixed-case one must carry a correct
 * checksum, since a wrong one means the address was mistyped.
 */
export function checksumAddress(value: unknown, what = 'address'): `0x${string}` {
  const body = addressShaped(value, what).slice(2);
  const checksummed = eip55(body.toLowerCase());
  const mixedCase = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixedCase && checksummed !== value) {
    throw new TypeError(`${what} has a wrong EIP-55 checksum: got '${value}', expected '${checksummed}'`);
  }
  return checksummed;
}

/**
 * Returns `value` as given when it has an address's shape (0x and 40 hex digits), or throws the
 * `TypeError` `checksumAddress` throws: the check that needs no hashing.
 */
export function addressShaped(value: unknown, what = 'address'): `0x${string}` {
  if (typeof value !== 'string' || !ADDRESS.test(value)) {
    throw new TypeError(`${what} must be a 0x-prefixed 40-hex address, got ${describe(value)}`);
  }
  return value as `0x${string}`;
}

/** EIP-55: each letter is upper case where the keccak-256 of the lowercase hex has a nibble of 8 or more (its top bit). */
function eip55(lowercase: string): `0x${string}` {
  const hash = keccak256Ascii(lowercase);
  let out = '0x';
  for (let i = 0; i < 40; i++) out += hash[i >> 1]! & (i & 1 ? 0x08 : 0x80) ? lowercase[i]!.toUpperCase() : lowercase[i];
  return out as `0x${string}`;
}

/** `checksumAddress` that answers `undefined` instead of throwing. */
export function tryChecksumAddress(value: unknown): `0x${string}` | undefined {
  try {
    return checksumAddress(value);
  } catch {
    return undefined;
  }
}

/** A short, safe rendering of a bad input for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 80 ? `${value.slice(0, 77)}...` : value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Keccak-256 of the 40 hex characters, which fit one block of the sponge (136 bytes): noble's
 * permutation alone, without its hasher classes (about 1 KB gzip less in the browser files). The
 * state's bytes are read as little-endian words, as on every engine a browser runs.
 */
function keccak256Ascii(text: string): Uint8Array {
  const state = new Uint32Array(50);
  const bytes = new Uint8Array(state.buffer);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  bytes[text.length] = 0x01;
  bytes[135]! |= 0x80;
  keccakP(state);
  return bytes.subarray(0, 32);
}
