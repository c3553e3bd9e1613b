// XMTP V3's "Authenticate to inbox" text (SIGNATURES.md §2): the action table, shared with the
// parser, and the builder.
import { describe } from './address.js';
import { addressField, hexField, rfc3339, timeField } from './fields.js';

export const IDENTITY_HEADER = 'XMTP : Authenticate to inbox';
/** No trailing slash here, unlike the consent and V2 texts. */
export const IDENTITY_FOOTER = 'For more info: https://xmtp.org/signatures';

/** What an action's value may be: an address, hex (installation id, passkey), or either. */
export type ValueKind = 'address' | 'hex' | 'either';

/**
 * One action of an identity text. Addresses in any casing are written lowercase; installation
 * ids and passkeys are hex without `0x` (any casing in, lowercase out); `owner` and the new
 * recovery `address` may be a passkey's hex instead of an address.
 */
export type IdentityAction =
  | { type: 'create-inbox'; owner: string }
  | { type: 'grant-app'; installationId: string }
  | { type: 'link-address'; address: string }
  | { type: 'link-passkey'; passkey: string }
  | { type: 'unlink-address'; address: string }
  | { type: 'unlink-passkey'; passkey: string }
  | { type: 'revoke-app'; installationId: string }
  | { type: 'change-recovery-address'; address: string };

/** Each action type's title, label, field name and value kind, in the words XMTP signs. */
export const ACTIONS = {
  'create-inbox': ['Create inbox', 'Owner', 'owner', 'either'],
  'grant-app': ['Grant messaging access to app', 'ID', 'installationId', 'hex'],
  'link-address': ['Link address to inbox', 'Address', 'address', 'address'],
  'link-passkey': ['Link passkey to inbox', 'Passkey', 'passkey', 'hex'],
  'unlink-address': ['Unlink address from inbox', 'Address', 'address', 'address'],
  'unlink-passkey': ['Unlink passkey from inbox', 'Passkey', 'passkey', 'hex'],
  'revoke-app': ['Revoke messaging access from app', 'ID', 'installationId', 'hex'],
  // The label stays "Address" even when the new recovery identity is a passkey.
  'change-recovery-address': ['Change inbox recovery address', 'Address', 'address', 'either'],
} as const satisfies {
  [T in IdentityAction['type']]: readonly [
    title: string,
    label: string,
    field: Exclude<keyof Extract<IdentityAction, { type: T }>, 'type'>,
    kind: ValueKind,
  ];
};

export interface IdentityTextFields {
  /** 64 hex digits (any casing in, lowercase out). */
  inboxId: string;
  /** A `Date` or ms; written in whole seconds. */
  time: Date | number;
  /** At least one action, written in the order given. */
  actions: readonly IdentityAction[];
}

const INBOX_ID = /^[0-9a-fA-F]{64}$/;
const EITHER = "a 0x-prefixed 40-hex address or a passkey's ";

/** The exact "Authenticate to inbox" text a wallet signs for these actions. */
export function identityText(fields: IdentityTextFields): string {
  const { inboxId, time, actions } = (fields ?? {}) as Partial<IdentityTextFields>;
  if (typeof inboxId !== 'string' || !INBOX_ID.test(inboxId)) {
    throw new TypeError(`inboxId must be 64 hex digits, got ${describe(inboxId)}`);
  }
  const ms = timeField(time, 'time');
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new TypeError(`actions must be a non-empty array of identity actions, got ${describe(actions)}`);
  }
  return [
    IDENTITY_HEADER,
    '',
    `Inbox ID: ${inboxId.toLowerCase()}`,
    `Current time: ${rfc3339(ms)}`,
    '',
    ...actions.map(actionLines),
    '',
    IDENTITY_FOOTER,
  ].join('\n');
}

function actionLines(action: unknown, index: number): string {
  const type = (action as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(ACTIONS, type)) {
    const types = Object.keys(ACTIONS).join(', ');
    throw new TypeError(`actions[${index}].type must be one of ${types}, got ${describe(type)}`);
  }
  const [title, label, field, kind] = ACTIONS[type as IdentityAction['type']];
  const value = (action as Record<string, unknown>)[field];
  return `- ${title}\n  (${label}: ${actionValue(kind, value, `actions[${index}].${field}`)})`;
}

function actionValue(kind: ValueKind, value: unknown, field: string): string {
  if (kind === 'address' || (kind === 'either' && typeof value === 'string' && value.startsWith('0x'))) {
    return addressField(value, field);
  }
  return hexField(value, field, kind === 'either' ? EITHER : '');
}
