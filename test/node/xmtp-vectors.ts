// XMTP's own test vectors (SIGNATURES.md §2, §3, §4), written out byte for byte, shared by the tests.
import type { IdentityAction } from '../../src/core/index.js';

export const OWNER = '0x1234567890abcdef1234567890abcdef12345678';
export const LINKED = '0x4567890abcdef1234567890abcdef12345678123';
export const RECOVERY = '0x7890abcdef1234567890abcdef12345678123456';
/** The inbox id of OWNER with nonce 0. */
export const UPSTREAM_INBOX_ID = 'fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9';
export const UPSTREAM_ACTIONS: IdentityAction[] = [
  { type: 'create-inbox', owner: OWNER },
  { type: 'link-address', address: LINKED },
  { type: 'grant-app', installationId: '010203' },
  { type: 'unlink-address', address: LINKED },
  { type: 'revoke-app', installationId: '010203' },
  { type: 'change-recovery-address', address: RECOVERY },
];
/** The six-action text, dated 12 ns after the epoch. */
export const UPSTREAM_TEXT =
  'XMTP : Authenticate to inbox\n' +
  '\n' +
  'Inbox ID: fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9\n' +
  'Current time: 1970-01-01T00:00:00Z\n' +
  '\n' +
  '- Create inbox\n' +
  '  (Owner: 0x1234567890abcdef1234567890abcdef12345678)\n' +
  '- Link address to inbox\n' +
  '  (Address: 0x4567890abcdef1234567890abcdef12345678123)\n' +
  '- Grant messaging access to app\n' +
  '  (ID: 010203)\n' +
  '- Unlink address from inbox\n' +
  '  (Address: 0x4567890abcdef1234567890abcdef12345678123)\n' +
  '- Revoke messaging access from app\n' +
  '  (ID: 010203)\n' +
  '- Change inbox recovery address\n' +
  '  (Address: 0x7890abcdef1234567890abcdef12345678123456)\n' +
  '\n' +
  'For more info: https://xmtp.org/signatures';
export const UPSTREAM_PRE_KEY = 'f51bd1da9ec2239723ae2cf6a9f8d0ac37546b27e634002c653d23bacfcc67ad';
export const UPSTREAM_ENABLE_TEXT =
  'XMTP : Enable Identity\nf51bd1da9ec2239723ae2cf6a9f8d0ac37546b27e634002c653d23bacfcc67ad\n\n' +
  'For more info: https://xmtp.org/signatures/';
