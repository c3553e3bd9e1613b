// Strict parser of XMTP's signature texts and of this project's withdrawal: accepts exactly what
// the builders write, and names any near miss (a text that would not verify) with a SignatureTextError.
import { checksumAddress, describe } from './address.js';
import { CONSENT_HEADER, CONSENT_TEXT, V2_FOOTER } from './consent.js';
import { DETAILED } from './detail.js';
import { ADDRESS, HEX, fromHex, rfc3339 } from './fields.js';
import { ACTIONS, IDENTITY_FOOTER, IDENTITY_HEADER, type IdentityAction, type ValueKind } from './identity.js';
import { CREATE_IDENTITY_HEADER, ENABLE_IDENTITY_HEADER } from './legacy-identity.js';
import type { SenderTextFormat } from './sender-text.js';
import { UNSUBSCRIBE_HEADER, UNSUBSCRIBE_TEXT } from './unsubscribe.js';

/** What a signature text says; each shape is its builder's input, so building it gives the text back. */
export type ParsedSignatureText =
  | { kind: 'consent'; publisher: `0x${string}`; timestampMs: number }
  | { kind: 'unsubscribe'; publisher: `0x${string}`; timestampMs: number }
  | { kind: 'identity'; inboxId: string; time: Date; actions: IdentityAction[] }
  | { kind: 'create-identity'; publicKey: Uint8Array }
  | { kind: 'enable-identity'; preKey: Uint8Array };

/** A text that is not exactly one of XMTP's formats; `reason` is a short slug such as 'footer'. */
export class SignatureTextError extends Error {
  override name = 'SignatureTextError';

  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const HEADERS = [CONSENT_HEADER, UNSUBSCRIBE_HEADER, IDENTITY_HEADER, CREATE_IDENTITY_HEADER, ENABLE_IDENTITY_HEADER];
/** How the texts this parser knows begin; a first line that starts so but is no header is a near miss. */
const HEADER_PREFIXES = ['XMTP', 'Unsubscribe'];
/** Action title → [type, label, field, value kind]. */
const BY_TITLE = new Map<string, [string, string, string, ValueKind]>(
  Object.entries(ACTIONS).map(([type, [title, ...rest]]) => [title, [type, ...rest]]),
);
const LABELS = new Set<string>(Object.values(ACTIONS).map((row) => row[1]));
const DETAIL = /^ {2}\(([^:]*): (.*)\)$/;
const INBOX_ID = /^[0-9a-f]{64}$/;
const RFC3339 = /^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const XIP46_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/;
const UTC_STRING = /^[A-Z][a-z]{2}, (\d\d) ([A-Z][a-z]{2}) (\d{4,}) (\d\d:\d\d:\d\d) GMT$/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * Reads one of XMTP's signature texts, strictly: the consent text (§1), the V3 identity text (§2),
 * a legacy V2 identity text (§4), or this project's withdrawal (§6). Throws a `SignatureTextError`
 * for anything else.
 */
export function parseSignatureText(text: string): ParsedSignatureText {
  if (typeof text !== 'string') fail('not-string', DETAILED && `a signature text must be a string, got ${describe(text)}`);
  if (text.includes('\r')) fail('crlf', DETAILED && 'the text has CR or CRLF line endings; XMTP texts separate lines with \\n only');
  if (text.endsWith('\n')) fail('trailing-newline', DETAILED && 'the text ends with a newline; XMTP texts end right after the footer');
  const lines = text.split('\n');
  const header = lines[0]!;
  if (header === CONSENT_HEADER) return { kind: 'consent', ...parseSenderText(lines, CONSENT_TEXT) };
  if (header === UNSUBSCRIBE_HEADER) return { kind: 'unsubscribe', ...parseSenderText(lines, UNSUBSCRIBE_TEXT) };
  if (header === IDENTITY_HEADER) return parseIdentity(lines);
  if (header === CREATE_IDENTITY_HEADER) return { kind: 'create-identity', publicKey: parseKey(lines) };
  if (header === ENABLE_IDENTITY_HEADER) return { kind: 'enable-identity', preKey: parseKey(lines) };
  const known = HEADERS.map((line) => `'${line}'`).join(', ');
  if (HEADER_PREFIXES.some((prefix) => header.startsWith(prefix))) {
    fail('unknown-header', DETAILED && `unknown header ${describe(header)}: expected one of ${known}`);
  }
  return fail('unknown-format', DETAILED && `not an XMTP signature text: its first line must be one of ${known}, got ${describe(header)}`);
}

/** The consent text's or the withdrawal's publisher and time, in `format`'s layout (see sender-text.ts). */
function parseSenderText(lines: string[], format: SenderTextFormat): { publisher: `0x${string}`; timestampMs: number } {
  blank(lines, 1, 'Current Time: ', 'unknown-header');
  const timestampMs = parseUtcString(labeled(lines, 2, 'Current Time: '));
  const address = labeled(lines, 3, 'From Address: ');
  blank(lines, 4, format.footer.split(/[:.]/)[0]!, 'unknown-header');
  footer(lines, 5, format.footer);
  shapeOfAddress(address, 'From Address');
  const publisher = checksumAddress(address.toLowerCase());
  if (address !== publisher) {
    fail(
      'checksum',
      DETAILED && `From Address ${describe(address)} is not EIP-55 checksummed; verifiers rebuild the text with '${publisher}', so a signature over this text never verifies`,
    );
  }
  return { publisher, timestampMs };
}

function parseIdentity(lines: string[]): ParsedSignatureText {
  blank(lines, 1, 'Inbox ID: ', 'unknown-header');
  const inboxId = labeled(lines, 2, 'Inbox ID: ');
  if (!INBOX_ID.test(inboxId)) fail('inbox-id', DETAILED && `Inbox ID ${describe(inboxId)} must be 64 lowercase hex digits`);
  const time = new Date(parseRfc3339(labeled(lines, 3, 'Current time: ')));
  blank(lines, 4, '- ', 'unknown-header');
  // Actions fill the lines between that blank line and the blank line before the footer.
  const last = Math.max(lines.length - 1, 5);
  footer(lines, last, IDENTITY_FOOTER);
  if (last > 5 && lines[last - 1] !== '') fail('blank-lines', DETAILED && `the footer on line ${last + 1} must follow a blank line`);
  if (last <= 6) fail('no-actions', DETAILED && 'an identity text must list at least one action');
  const actions: IdentityAction[] = [];
  for (let i = 5; i < last - 1; i += 2) actions.push(parseAction(lines, i, last - 1));
  return { kind: 'identity', inboxId, time, actions };
}

/** The action titled on line `i` (0-based), detailed on the next; `end` is the blank line after the actions. */
function parseAction(lines: string[], i: number, end: number): IdentityAction {
  const title = lines[i]!;
  if (title === '') fail('blank-lines', DETAILED && `unexpected blank line ${i + 1}: actions follow each other without blank lines`);
  if (!title.startsWith('- ')) fail('action-format', DETAILED && `line ${i + 1} must be an action title '- <title>', got ${describe(title)}`);
  const row = BY_TITLE.get(title.slice(2));
  if (!row) {
    const titles = [...BY_TITLE.keys()].map((known) => `'${known}'`).join(', ');
    fail('unknown-action', DETAILED && `unknown action ${describe(title.slice(2))} on line ${i + 1}: XMTP's actions are ${titles}`);
  }
  const [type, label, field, kind] = row;
  const detail = i + 1 < end ? lines[i + 1]! : undefined;
  if (detail === '') fail('blank-lines', DETAILED && `unexpected blank line ${i + 2}: an action's title and its detail are adjacent`);
  const match = detail === undefined ? null : DETAIL.exec(detail);
  if (!match) {
    const got = detail === undefined ? 'the blank line before the footer' : describe(detail);
    fail('action-format', DETAILED && `line ${i + 2} must be the action's detail '  (${label}: <value>)', got ${got}`);
  }
  const [, given, value] = match;
  if (!LABELS.has(given)) fail('unknown-label', DETAILED && `unknown label ${describe(given)} on line ${i + 2}: expected '${label}'`);
  if (given !== label) {
    fail('label-mismatch', DETAILED && `action '${title.slice(2)}' on line ${i + 1} takes the label '${label}', not '${given}'`);
  }
  const where = `${label} on line ${i + 2}`;
  if (kind === 'address' || (kind === 'either' && value.startsWith('0x'))) identityAddress(value, where);
  else lowerHex(value, where);
  return { type, [field]: value } as IdentityAction;
}

/** A V2 text's key, from line 2. */
function parseKey(lines: string[]): Uint8Array {
  const hex = line(lines, 1, "the key's hex");
  if (hex === '') fail('blank-lines', DETAILED && "unexpected blank line 2: the key's hex goes right under the header");
  lowerHex(hex, 'the key on line 2');
  blank(lines, 2, 'For more info', 'unexpected-line');
  footer(lines, 3, V2_FOOTER);
  return fromHex(hex);
}

/** Throws the near miss `reason`; `message` explains it, except in the browser bundles (see detail.ts). */
function fail(reason: string, message: string | false): never {
  throw new SignatureTextError(reason, message || reason);
}

/** Line `i` (0-based), or a 'truncated' error naming what it should have been. */
function line(lines: string[], i: number, expected: string): string {
  return lines[i] ?? fail('truncated', DETAILED && `the text ends after line ${i}, where ${expected} should follow`);
}

/** The value after `label` on line `i`. */
function labeled(lines: string[], i: number, label: string): string {
  const value = line(lines, i, `'${label}…'`);
  if (value === '') fail('blank-lines', DETAILED && `unexpected blank line ${i + 1}, where '${label}…' should be`);
  if (!value.startsWith(label)) fail('unknown-header', DETAILED && `line ${i + 1} must start with '${label}', got ${describe(value)}`);
  return value.slice(label.length);
}

/**
 * Requires line `i` to be blank. When it instead starts with `next` (what should follow the blank
 * line), the blank line is missing; anything else is a stray line, reported as `stray`.
 */
function blank(lines: string[], i: number, next: string, stray: string): void {
  const value = line(lines, i, 'a blank line');
  if (value === '') return;
  if (value.startsWith(next)) fail('blank-lines', DETAILED && `a blank line is missing before line ${i + 1}`);
  fail(stray, DETAILED && `unexpected line ${i + 1} ${describe(value)}, where a blank line should be`);
}

/** Requires line `i` to be the footer and the last line. */
function footer(lines: string[], i: number, expected: string): void {
  const value = line(lines, i, `the footer '${expected}'`);
  if (value === '') fail('blank-lines', DETAILED && `unexpected blank line ${i + 1}, where the footer '${expected}' should be`);
  if (value !== expected) {
    const slashed = expected.endsWith('/');
    const near = slashed ? value === expected.slice(0, -1) : value === `${expected}/`;
    fail(
      'footer',
      DETAILED &&
        (near
          ? `the footer must ${slashed ? 'end with a slash' : 'not end with a slash in an identity text'}: '${expected}'`
          : `line ${i + 1} must be the footer '${expected}', got ${describe(value)}`),
    );
  }
  if (lines.length > i + 1) fail('trailing-lines', DETAILED && `the text goes on after its footer on line ${i + 1}`);
}

/** Checks that `value` is a 0x-prefixed 40-hex address (any casing). */
function shapeOfAddress(value: string, where: string): void {
  if (ADDRESS.test(value)) return;
  if (/^0x[0-9a-fA-F]*$/.test(value)) {
    fail('address-length', DETAILED && `${where} ${describe(value)} has ${value.length - 2} hex digits; an address has 40`);
  }
  fail('address', DETAILED && `${where} ${describe(value)} is not a 0x-prefixed 40-hex address`);
}

/** An address as identity texts write it: all lowercase. */
function identityAddress(value: string, where: string): void {
  shapeOfAddress(value, where);
  if (value !== value.toLowerCase()) fail('address-case', DETAILED && `${where} ${describe(value)} must be all lowercase in an identity text`);
}

function lowerHex(value: string, where: string): void {
  if (!HEX.test(value)) fail('hex', DETAILED && `${where} ${describe(value)} must be non-empty, even-length hex without 0x`);
  if (value !== value.toLowerCase()) fail('hex', DETAILED && `${where} ${describe(value)} must be lowercase hex`);
}

/** An identity text's time, `YYYY-MM-DDTHH:MM:SSZ`, as ms. */
function parseRfc3339(value: string): number {
  if (RFC3339.test(value)) return isoMoment(value, value);
  fail(
    'time-format',
    DETAILED &&
      (XIP46_TIME.test(value)
        ? `Current time ${describe(value)} uses XIP-46's 'YYYY-MM-DD HH:MM:SS UTC' spelling, which XMTP rejects; XMTP writes RFC 3339, 'YYYY-MM-DDTHH:MM:SSZ'`
        : `Current time ${describe(value)} must be RFC 3339 in UTC with whole seconds, 'YYYY-MM-DDTHH:MM:SSZ'`),
  );
}

/** A consent text's time, exactly as JavaScript's `toUTCString()` writes it, as ms. */
function parseUtcString(value: string): number {
  const match = UTC_STRING.exec(value);
  const month = match ? MONTHS.indexOf(match[2]!) : -1;
  if (!match || month % 3 !== 0) {
    fail('time-format', DETAILED && `Current Time ${describe(value)} must be written as toUTCString() does, e.g. 'Fri, 14 Feb 2020 07:00:00 GMT'`);
  }
  const [, day, , year, clock] = match;
  const ms = isoMoment(`${year}-${String(month / 3 + 1).padStart(2, '0')}-${day}T${clock}Z`, value);
  const written = new Date(ms).toUTCString();
  if (written !== value) fail('time-invalid', DETAILED && `Current Time ${describe(value)} has the wrong weekday: that day is written '${written}'`);
  return ms;
}

/** The ms of `iso` (`YYYY-MM-DDTHH:MM:SSZ` from `value`), refusing years outside 1970 to 9999 and impossible dates. */
function isoMoment(iso: string, value: string): number {
  const year = Number(iso.slice(0, iso.indexOf('-')));
  if (year < 1970 || year > 9999) fail('time-range', DETAILED && `the time ${describe(value)} is outside the years 1970 to 9999`);
  const ms = Date.parse(iso);
  if (!(ms >= 0) || rfc3339(ms) !== iso) fail('time-invalid', DETAILED && `the time ${describe(value)} is no real date and time`);
  return ms;
}
