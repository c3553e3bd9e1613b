// Reads the fields of a request: the JSON object a body holds, strings, aliased names and
// addresses, each failure a 400 refusal that says what is wrong.
import { describe } from '../core/address.js';
import { cachedChecksumAddress } from './checksum-cache.js';
import { badRequest, Refusal } from './refusal.js';

/** A JSON object's fields, as parsed. */
export type Fields = Record<string, unknown>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON object in `body`, or a 400 `bad_request` refusal. */
export function jsonFields(body: Uint8Array): Fields {
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
  return json as Fields;
}

/** `value` checksummed, or a 400 `invalid_address` refusal naming `name`. */
export function address(value: string, name: string): string {
  try {
    return cachedChecksumAddress(value, name);
  } catch (error) {
    throw new Refusal(400, 'invalid_address', (error as Error).message);
  }
}

export function requiredString(fields: Fields, name: string): string {
  const value = fields[name];
  if (value === undefined) badRequest(`${name} is missing`);
  if (typeof value !== 'string') badRequest(`${name} must be a string, got ${describe(value)}`);
  return value as string;
}

/** A field that may come under either name; given under both, the two must agree. */
export function aliasedString(fields: Fields, name: string, alias: string): string {
  const [value, aliasValue] = [fields[name], fields[alias]];
  if (value === undefined && aliasValue !== undefined) return requiredString(fields, alias);
  const text = requiredString(fields, name);
  if (aliasValue !== undefined && (typeof aliasValue !== 'string' || aliasValue.toLowerCase() !== text.toLowerCase())) {
    badRequest(`${name} and ${alias} are the same field and must not differ`);
  }
  return text;
}
