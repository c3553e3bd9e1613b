// Field rules shared by the signature-text builders and the parser: hex, addresses and times.
import { checksumAddress, describe } from './address.js';

/** The last millisecond of year 9999: past it `toUTCString` stops writing a four-digit year. */
export const LATEST_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Non-empty, even-length hex without `0x`, any casing. */
export const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** `0x` + 40 hex digits, any casing of the digits. */
export const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** `value` lowercased, or a `TypeError` naming `field`; `or` names an alternative it may also be. */
export function hexField(value: unknown, field: string, or = ''): string {
  if (typeof value === 'string' && HEX.test(value)) return value.toLowerCase();
  throw new TypeError(`${field} must be ${or}non-empty, even-length hex without 0x, got ${describe(value)}`);
}

/** An address in any casing (a mixed-case one with a correct checksum), written lowercase. */
export function addressField(value: unknown, field: string): string {
  return checksumAddress(value, field).toLowerCase();
}

/** The lowercase hex of non-empty bytes, or a `TypeError` naming `field`. */
export function bytesField(value: unknown, field: string): string {
  if (value instanceof Uint8Array && value.length > 0) return toHex(value);
  const got = value instanceof Uint8Array ? 'an empty Uint8Array' : describe(value);
  throw new TypeError(`${field} must be a non-empty Uint8Array, got ${got}`);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Bytes of hex already checked against `HEX`. */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (byte) => Number.parseInt(byte, 16));
}

/** A `Date` or whole milliseconds in years 1970 to 9999, as ms; else a `TypeError` naming `field`. */
export function timeField(value: unknown, field: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0 && ms <= LATEST_TIMESTAMP_MS) return ms;
  const got = describe(value instanceof Date ? String(value) : value);
  throw new TypeError(`${field} must be a Date or whole milliseconds in years 1970 to 9999, got ${got}`);
}

/** Throws a `TypeError` unless `timestampMs` is whole milliseconds from `earliest` to the end of year 9999. */
export function assertTimestamp(timestampMs: number, earliest: number): void {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < earliest || timestampMs > LATEST_TIMESTAMP_MS) {
    throw new TypeError(
      `timestampMs must be whole milliseconds from ${earliest} to the end of year 9999, got ${describe(timestampMs)}`,
    );
  }
}

/** RFC 3339 in UTC with whole seconds (dropped, not rounded): `1970-01-01T00:00:00Z`. */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
