// parseSignatureText: exactly the texts the builders write, round trips, and every near miss named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SignatureTextError,
  consentMessage,
  createIdentityText,
  unsubscribeMessage,
  enableIdentityText,
  identityText,
  parseSignatureText,
  type IdentityAction,
  type ParsedSignatureText,
  buildSignatureText,
} from '../../src/core/index.js';
import {
  LINKED,
  OWNER,
  RECOVERY,
  UPSTREAM_ENABLE_TEXT,
  UPSTREAM_INBOX_ID,
  UPSTREAM_PRE_KEY,
  UPSTREAM_TEXT,
} from './xmtp-vectors.js';

const INBOX = UPSTREAM_INBOX_ID;

/** EIP-55's own vector: a real address, checksummed. */
const PUBLISHER = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
/** §1's upstream layout with a real address in place of XMTP's short test string. */
const CONSENT_TEXT =
  'XMTP : Grant inbox consent to sender\n\nCurrent Time: Fri, 14 Feb 2020 07:00:00 GMT\n' +
  `From Address: ${PUBLISHER}\n\nFor more info: https://xmtp.org/signatures/`;
const CONSENT_MS = 1581663600000;

const PASSKEY = `03${'5e'.repeat(32)}`;
const INSTALLATION = '9a'.repeat(32);
const TIME = new Date(Date.UTC(2025, 5, 1, 12, 34, 56));

/** One action of each type, with realistic values. */
const EACH_ACTION: IdentityAction[] = [
  { type: 'create-inbox', owner: OWNER },
  { type: 'grant-app', installationId: INSTALLATION },
  { type: 'link-address', address: LINKED },
  { type: 'link-passkey', passkey: PASSKEY },
  { type: 'unlink-address', address: LINKED },
  { type: 'unlink-passkey', passkey: PASSKEY },
  { type: 'revoke-app', installationId: INSTALLATION },
  { type: 'change-recovery-address', address: RECOVERY },
];
const LINK_TEXT = identityText({ inboxId: INBOX, time: TIME, actions: [{ type: 'link-address', address: LINKED }] });
const CREATE_TEXT = createIdentityText(Uint8Array.of(0x0a, 0x42, 0xff, 0x00));


function assertRoundTrip(text: string): ParsedSignatureText {
  const parsed = parseSignatureText(text);
  assert.equal(buildSignatureText(parsed), text);
  return parsed;
}

/** Asserts a SignatureTextError with `reason` and a message matching `words`. */
function assertRejects(text: unknown, reason: string, words: RegExp): void {
  assert.throws(
    () => parseSignatureText(text as string),
    (error: unknown) => {
      assert.ok(error instanceof SignatureTextError, `expected a SignatureTextError, got ${String(error)}`);
      assert.equal(error.reason, reason, `reason for ${JSON.stringify(text)}: ${error.message}`);
      assert.match(error.message, words);
      return true;
    },
  );
}

/** `text` with the first occurrence of `from` replaced, asserting it was there. */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `${JSON.stringify(from)} is in the text`);
  return text.replace(from, to);
}

describe('SignatureTextError', () => {
  it('is an Error named SignatureTextError with a reason', () => {
    const error = new SignatureTextError('footer', 'the footer is wrong');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'SignatureTextError');
    assert.equal(error.reason, 'footer');
    assert.equal(error.message, 'the footer is wrong');
  });
});

describe('parseSignatureText: upstream vectors', () => {
  it("reads XMTP's six-action identity text, time 12 ns after the epoch as new Date(0)", () => {
    const parsed = assertRoundTrip(UPSTREAM_TEXT);
    assert.deepEqual(parsed, {
      kind: 'identity',
      inboxId: INBOX,
      time: new Date(0),
      actions: [
        { type: 'create-inbox', owner: OWNER },
        { type: 'link-address', address: LINKED },
        { type: 'grant-app', installationId: '010203' },
        { type: 'unlink-address', address: LINKED },
        { type: 'revoke-app', installationId: '010203' },
        { type: 'change-recovery-address', address: RECOVERY },
      ],
    });
  });

  it("reads XMTP's enable-identity vector", () => {
    const parsed = assertRoundTrip(UPSTREAM_ENABLE_TEXT);
    assert.deepEqual(parsed, { kind: 'enable-identity', preKey: Uint8Array.from(Buffer.from(UPSTREAM_PRE_KEY, 'hex')) });
  });

  it("reads the consent text in XMTP's layout, with a real address", () => {
    assert.equal(consentMessage(PUBLISHER, CONSENT_MS), CONSENT_TEXT);
    const parsed = assertRoundTrip(CONSENT_TEXT);
    assert.deepEqual(parsed, { kind: 'consent', publisher: PUBLISHER, timestampMs: CONSENT_MS });
  });

  it('reads 2020-03-01 as Sun, 01 Mar 2020', () => {
    const text = edit(CONSENT_TEXT, 'Fri, 14 Feb 2020 07:00:00 GMT', 'Sun, 01 Mar 2020 00:00:00 GMT');
    assert.deepEqual(parseSignatureText(text), { kind: 'consent', publisher: PUBLISHER, timestampMs: Date.UTC(2020, 2, 1) });
  });
});

describe('parseSignatureText: round trips', () => {
  it('gives each action type back, alone', () => {
    for (const action of EACH_ACTION) {
      const text = identityText({ inboxId: INBOX, time: TIME, actions: [action] });
      assert.deepEqual(assertRoundTrip(text), { kind: 'identity', inboxId: INBOX, time: TIME, actions: [action] });
    }
  });

  it('gives every ordered pair of action types back, and all eight together', () => {
    const mixes = EACH_ACTION.flatMap((first) => EACH_ACTION.map((second) => [first, second]));
    mixes.push(EACH_ACTION, [...EACH_ACTION].reverse());
    for (const actions of mixes) {
      const text = identityText({ inboxId: INBOX, time: TIME, actions });
      const parsed = assertRoundTrip(text);
      assert.deepEqual(parsed, { kind: 'identity', inboxId: INBOX, time: TIME, actions });
    }
  });

  it('gives passkey owners and passkey recovery identities back', () => {
    const actions: IdentityAction[] = [
      { type: 'create-inbox', owner: PASSKEY },
      { type: 'grant-app', installationId: '010203' },
      { type: 'change-recovery-address', address: PASSKEY },
    ];
    const text = identityText({ inboxId: INBOX, time: TIME, actions });
    assert.deepEqual(assertRoundTrip(text), { kind: 'identity', inboxId: INBOX, time: TIME, actions });
  });

  it('gives normalized input back: lowercase addresses and hex, whole seconds', () => {
    const text = identityText({
      inboxId: INBOX.toUpperCase(),
      time: TIME.getTime() + 789,
      actions: [
        { type: 'link-address', address: PUBLISHER },
        { type: 'grant-app', installationId: INSTALLATION.toUpperCase() },
      ],
    });
    assert.deepEqual(assertRoundTrip(text), {
      kind: 'identity',
      inboxId: INBOX,
      time: TIME,
      actions: [
        { type: 'link-address', address: PUBLISHER.toLowerCase() },
        { type: 'grant-app', installationId: INSTALLATION },
      ],
    });
  });

  it('gives identity times back at the edges of 1970 to 9999', () => {
    for (const ms of [0, Date.UTC(2000, 1, 29, 23, 59, 59), Date.UTC(9999, 11, 31, 23, 59, 59)]) {
      const text = identityText({ inboxId: INBOX, time: ms, actions: EACH_ACTION.slice(0, 1) });
      const parsed = assertRoundTrip(text);
      assert.ok(parsed.kind === 'identity');
      assert.equal(parsed.time.getTime(), ms);
    }
  });

  it('gives consent texts back, in whole seconds, for any publisher casing and time 1970 to 9999', () => {
    const times = [0, 999, CONSENT_MS + 123, Date.UTC(2024, 1, 29, 5, 6, 7), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (const timestampMs of times) {
      for (const publisher of [PUBLISHER, PUBLISHER.toLowerCase()]) {
        const parsed = assertRoundTrip(consentMessage(publisher, timestampMs));
        assert.deepEqual(parsed, {
          kind: 'consent',
          publisher: PUBLISHER,
          timestampMs: timestampMs - (timestampMs % 1000),
        });
      }
    }
  });

  it('gives V2 keys of any length back', () => {
    for (const length of [1, 2, 32, 76, 300]) {
      const key = Uint8Array.from({ length }, (_, i) => (i * 101 + 7) & 0xff);
      assert.deepEqual(assertRoundTrip(createIdentityText(key)), { kind: 'create-identity', publicKey: key });
      assert.deepEqual(assertRoundTrip(enableIdentityText(key)), { kind: 'enable-identity', preKey: key });
    }
  });
});

describe('parseSignatureText: near misses', () => {
  describe('line endings and framing', () => {
    it('rejects CRLF and lone CR line endings', () => {
      for (const text of [UPSTREAM_TEXT, CONSENT_TEXT, UPSTREAM_ENABLE_TEXT]) {
        assertRejects(text.replaceAll('\n', '\r\n'), 'crlf', /CRLF/);
        assertRejects(text.replaceAll('\n', '\r'), 'crlf', /\\n only/);
      }
    });

    it('rejects a trailing newline', () => {
      for (const text of [UPSTREAM_TEXT, CONSENT_TEXT, UPSTREAM_ENABLE_TEXT, CREATE_TEXT]) {
        assertRejects(`${text}\n`, 'trailing-newline', /ends with a newline/);
      }
    });

    it('rejects lines after the footer', () => {
      assertRejects(`${CONSENT_TEXT}\nP.S.`, 'trailing-lines', /after its footer/);
      assertRejects(`${UPSTREAM_ENABLE_TEXT}\n`.concat('x'), 'trailing-lines', /after its footer/);
    });

    it('rejects a text cut short', () => {
      assertRejects(CONSENT_TEXT.split('\n').slice(0, 3).join('\n'), 'truncated', /ends after line 3/);
      assertRejects('XMTP : Enable Identity', 'truncated', /ends after line 1/);
      assertRejects(UPSTREAM_TEXT.split('\n').slice(0, 4).join('\n'), 'truncated', /ends after line 4/);
    });

    it('rejects what is not a string', () => {
      for (const value of [undefined, null, 42, Buffer.from(CONSENT_TEXT), { text: CONSENT_TEXT }]) {
        assertRejects(value, 'not-string', /must be a string/);
      }
    });

    it('rejects what is no XMTP text at all', () => {
      for (const text of ['', 'hello', `\uFEFF${CONSENT_TEXT}`, ` ${UPSTREAM_TEXT}`, 'Sign in with Ethereum']) {
        assertRejects(text, 'unknown-format', /not an XMTP signature text/);
      }
    });

    it('rejects an unknown XMTP header', () => {
      assertRejects(edit(UPSTREAM_ENABLE_TEXT, 'Enable Identity', 'Revoke Identity'), 'unknown-header', /unknown header/);
      assertRejects(edit(UPSTREAM_TEXT, 'Authenticate to inbox', 'Authenticate to Inbox'), 'unknown-header', /unknown header/);
      assertRejects(edit(CONSENT_TEXT, 'XMTP : ', 'XMTP: '), 'unknown-header', /unknown header/);
    });
  });

  describe('footers', () => {
    it('rejects an identity footer with a trailing slash', () => {
      assertRejects(`${UPSTREAM_TEXT}/`, 'footer', /not end with a slash/);
    });

    it('rejects a consent or V2 footer without its slash', () => {
      for (const text of [CONSENT_TEXT, UPSTREAM_ENABLE_TEXT, CREATE_TEXT]) {
        assertRejects(text.slice(0, -1), 'footer', /must end with a slash/);
      }
    });

    it('rejects another footer', () => {
      assertRejects(edit(UPSTREAM_TEXT, 'https://xmtp.org', 'http://xmtp.org'), 'footer', /must be the footer/);
      assertRejects(edit(CONSENT_TEXT, 'For more info', 'For more information'), 'footer', /must be the footer/);
    });
  });

  describe('blank lines', () => {
    it('rejects a missing blank line after the header', () => {
      assertRejects(edit(UPSTREAM_TEXT, 'inbox\n\n', 'inbox\n'), 'blank-lines', /blank line is missing/);
      assertRejects(edit(CONSENT_TEXT, 'sender\n\n', 'sender\n'), 'blank-lines', /blank line is missing/);
    });

    it('rejects an extra blank line after the header', () => {
      assertRejects(edit(UPSTREAM_TEXT, 'inbox\n\n', 'inbox\n\n\n'), 'blank-lines', /unexpected blank line 3/);
      assertRejects(edit(CONSENT_TEXT, 'sender\n\n', 'sender\n\n\n'), 'blank-lines', /unexpected blank line 3/);
    });

    it('rejects a missing or extra blank line before the actions', () => {
      assertRejects(edit(UPSTREAM_TEXT, '00Z\n\n', '00Z\n'), 'blank-lines', /blank line is missing before line 5/);
      assertRejects(edit(UPSTREAM_TEXT, '00Z\n\n', '00Z\n\n\n'), 'blank-lines', /unexpected blank line 6/);
    });

    it('rejects a blank line between or inside actions', () => {
      assertRejects(edit(UPSTREAM_TEXT, `${OWNER})\n`, `${OWNER})\n\n`), 'blank-lines', /without blank lines/);
      assertRejects(edit(UPSTREAM_TEXT, '- Create inbox\n', '- Create inbox\n\n'), 'blank-lines', /adjacent/);
    });

    it('rejects a missing or extra blank line before the footer', () => {
      assertRejects(edit(UPSTREAM_TEXT, '\n\nFor more', '\nFor more'), 'blank-lines', /must follow a blank line/);
      assertRejects(edit(UPSTREAM_TEXT, '\n\nFor more', '\n\n\nFor more'), 'blank-lines', /without blank lines/);
      assertRejects(edit(CONSENT_TEXT, '\n\nFor more', '\nFor more'), 'blank-lines', /blank line is missing/);
      assertRejects(edit(CONSENT_TEXT, '\n\nFor more', '\n\n\nFor more'), 'blank-lines', /unexpected blank line 6/);
      assertRejects(edit(UPSTREAM_ENABLE_TEXT, '\n\nFor more', '\nFor more'), 'blank-lines', /blank line is missing/);
      assertRejects(edit(UPSTREAM_ENABLE_TEXT, '\n\nFor more', '\n\n\nFor more'), 'blank-lines', /unexpected blank line 4/);
    });

    it('rejects a blank line in place of a V2 key', () => {
      assertRejects(edit(UPSTREAM_ENABLE_TEXT, 'Identity\n', 'Identity\n\n'), 'blank-lines', /key's hex goes right under/);
    });
  });

  describe('header lines', () => {
    it('rejects misspelled header lines', () => {
      assertRejects(edit(UPSTREAM_TEXT, 'Inbox ID:', 'Inbox Id:'), 'unknown-header', /must start with 'Inbox ID: '/);
      assertRejects(edit(UPSTREAM_TEXT, 'Current time:', 'Current Time:'), 'unknown-header', /'Current time: '/);
      assertRejects(edit(CONSENT_TEXT, 'Current Time:', 'Current time:'), 'unknown-header', /'Current Time: '/);
      assertRejects(edit(CONSENT_TEXT, 'From Address:', 'From address:'), 'unknown-header', /'From Address: '/);
      assertRejects(edit(UPSTREAM_TEXT, 'Inbox ID: ', 'Inbox ID:  '), 'inbox-id', /64 lowercase hex/);
    });

    it('rejects an extra header line', () => {
      assertRejects(edit(UPSTREAM_TEXT, '00Z\n', '00Z\nNonce: 0\n'), 'unknown-header', /unexpected line 5 'Nonce: 0'/);
      assertRejects(edit(CONSENT_TEXT, 'GMT\n', 'GMT\nTo Address: x\n'), 'unknown-header', /line 4 must start with 'From Address: '/);
      assertRejects(edit(CONSENT_TEXT, `${PUBLISHER}\n`, `${PUBLISHER}\nNote: hi\n`), 'unknown-header', /unexpected line 5/);
    });

    it('rejects the header fields in swapped order', () => {
      const lines = UPSTREAM_TEXT.split('\n');
      [lines[2], lines[3]] = [lines[3]!, lines[2]!];
      assertRejects(lines.join('\n'), 'unknown-header', /must start with 'Inbox ID: '/);
    });
  });

  describe('inbox ids', () => {
    it('rejects an inbox id that is not 64 lowercase hex digits', () => {
      for (const bad of [INBOX.toUpperCase(), INBOX.slice(1), `${INBOX}0`, `0x${INBOX}`, `${INBOX.slice(0, -1)}g`, '']) {
        assertRejects(edit(UPSTREAM_TEXT, INBOX, bad), 'inbox-id', /must be 64 lowercase hex digits/);
      }
    });
  });

  describe('identity times', () => {
    const withTime = (time: string) => edit(UPSTREAM_TEXT, '1970-01-01T00:00:00Z', time);

    it("rejects XIP-46's spelling, naming it", () => {
      assertRejects(withTime('1970-01-01 00:00:00 UTC'), 'time-format', /XIP-46's 'YYYY-MM-DD HH:MM:SS UTC' spelling/);
    });

    it('rejects other spellings of RFC 3339 and ISO 8601', () => {
      for (const time of [
        '1970-01-01T00:00:00.000Z',
        '1970-01-01T00:00:00+00:00',
        '1970-01-01t00:00:00z',
        '1970-01-01T00:00Z',
        '1970-1-01T00:00:00Z',
        '0',
        'Thu, 01 Jan 1970 00:00:00 GMT',
      ]) {
        assertRejects(withTime(time), 'time-format', /RFC 3339 in UTC with whole seconds/);
      }
    });

    it('rejects dates and times that do not exist', () => {
      for (const time of ['2025-02-29T00:00:00Z', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z']) {
        assertRejects(withTime(time), 'time-invalid', /no real date and time/);
      }
    });

    it('rejects years outside 1970 to 9999', () => {
      for (const time of ['1969-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z']) {
        assertRejects(withTime(time), 'time-range', /outside the years 1970 to 9999/);
      }
    });
  });

  describe('actions', () => {
    it('rejects an identity text without actions', () => {
      const empty = UPSTREAM_TEXT.split('\n');
      empty.splice(5, 12);
      assert.equal(empty.length, 7);
      assertRejects(empty.join('\n'), 'no-actions', /at least one action/);
      empty.splice(5, 1);
      assertRejects(empty.join('\n'), 'no-actions', /at least one action/);
    });

    it('rejects unknown action titles', () => {
      for (const title of ['Link wallet to inbox', 'link address to inbox', 'Link address to inbox ', 'Create Inbox']) {
        assertRejects(edit(UPSTREAM_TEXT, '- Link address to inbox', `- ${title}`), 'unknown-action', /unknown action/);
      }
    });

    it('rejects unknown labels', () => {
      for (const label of ['Wallet', 'address', 'Installation ID', '']) {
        assertRejects(edit(UPSTREAM_TEXT, '(ID: 010203)', `(${label}: 010203)`), 'unknown-label', /unknown label/);
      }
    });

    it('rejects a label that is not the one of its title', () => {
      assertRejects(edit(UPSTREAM_TEXT, `(Address: ${LINKED})`, '(ID: 010203)'), 'label-mismatch', /takes the label 'Address', not 'ID'/);
      assertRejects(edit(UPSTREAM_TEXT, `(Owner: ${OWNER})`, `(Address: ${OWNER})`), 'label-mismatch', /'Create inbox'.*'Owner'/);
      assertRejects(edit(UPSTREAM_TEXT, '(ID: 010203)', '(Passkey: 010203)'), 'label-mismatch', /label 'ID'/);
      const passkey = identityText({ inboxId: INBOX, time: TIME, actions: [{ type: 'link-passkey', passkey: PASSKEY }] });
      assertRejects(edit(passkey, '(Passkey:', '(Address:'), 'label-mismatch', /label 'Passkey'/);
    });

    it('rejects malformed action lines', () => {
      assertRejects(edit(UPSTREAM_TEXT, '- Create inbox', '* Create inbox'), 'action-format', /action title/);
      assertRejects(edit(UPSTREAM_TEXT, '- Create inbox', '-Create inbox'), 'action-format', /action title/);
      assertRejects(edit(UPSTREAM_TEXT, '  (Owner', ' (Owner'), 'action-format', /detail/);
      assertRejects(edit(UPSTREAM_TEXT, '  (Owner', '   (Owner'), 'action-format', /detail/);
      assertRejects(edit(UPSTREAM_TEXT, `  (Owner: ${OWNER})`, `  Owner: ${OWNER}`), 'action-format', /detail/);
      assertRejects(edit(UPSTREAM_TEXT, `  (Owner: ${OWNER})`, `  (Owner:${OWNER})`), 'action-format', /detail/);
      // A title whose detail line is missing: the next title stands where the detail should be.
      assertRejects(edit(UPSTREAM_TEXT, `  (Owner: ${OWNER})\n`, ''), 'action-format', /detail/);
      // The last title without its detail.
      assertRejects(edit(LINK_TEXT, `  (Address: ${LINKED})\n`, ''), 'action-format', /line 7 must be the action's detail .* got the blank line before the footer/);
      // A title right above the footer, with neither detail nor blank line.
      assertRejects(edit(LINK_TEXT, `  (Address: ${LINKED})\n\n`, ''), 'blank-lines', /footer on line 7 must follow a blank line/);
      assertRejects(edit(UPSTREAM_TEXT, `  (Address: ${RECOVERY})\n`, ''), 'action-format', /detail/);
    });

    it('rejects mixed-case and uppercase addresses', () => {
      const mixed = '0x4567890ABCDEF1234567890abcdef12345678123';
      assertRejects(edit(LINK_TEXT, LINKED, mixed), 'address-case', /must be all lowercase in an identity text/);
      assertRejects(edit(LINK_TEXT, LINKED, `0x${LINKED.slice(2).toUpperCase()}`), 'address-case', /lowercase/);
      // Even a correctly checksummed address: XMTP writes identity texts in lowercase.
      const checksummed = edit(LINK_TEXT, LINKED, PUBLISHER);
      assertRejects(checksummed, 'address-case', /lowercase/);
      assertRejects(edit(UPSTREAM_TEXT, OWNER, OWNER.toUpperCase().replace('0X', '0x')), 'address-case', /Owner/);
      assertRejects(edit(UPSTREAM_TEXT, RECOVERY, RECOVERY.replace('abcdef', 'ABCDEF')), 'address-case', /Address on line 17/);
    });

    it('rejects short and long addresses', () => {
      assertRejects(edit(LINK_TEXT, LINKED, '0x1234567890abcdef'), 'address-length', /has 16 hex digits; an address has 40/);
      assertRejects(edit(LINK_TEXT, LINKED, `${LINKED}00`), 'address-length', /has 42 hex digits/);
      assertRejects(edit(LINK_TEXT, LINKED, '0x'), 'address-length', /has 0 hex digits/);
    });

    it('rejects what is no address where one must be', () => {
      assertRejects(edit(LINK_TEXT, LINKED, LINKED.slice(2)), 'address', /not a 0x-prefixed 40-hex address/);
      assertRejects(edit(LINK_TEXT, LINKED, LINKED.replace('0x', '0X')), 'address', /not a 0x-prefixed/);
      assertRejects(edit(LINK_TEXT, LINKED, `${LINKED.slice(0, -1)}g`), 'address', /not a 0x-prefixed/);
      assertRejects(edit(LINK_TEXT, LINKED, ''), 'address', /not a 0x-prefixed/);
    });

    it('rejects installation ids and passkeys that are not lowercase, even-length hex', () => {
      for (const bad of ['01020', '0A0B0C', '0x010203', '', 'zz', '01 02']) {
        const words = bad === '0A0B0C' ? /must be lowercase hex/ : /non-empty, even-length hex without 0x/;
        assertRejects(edit(UPSTREAM_TEXT, '(ID: 010203)', `(ID: ${bad})`), 'hex', words);
        const passkey = identityText({ inboxId: INBOX, time: TIME, actions: [{ type: 'unlink-passkey', passkey: PASSKEY }] });
        assertRejects(edit(passkey, PASSKEY, bad), 'hex', words);
      }
    });

    it('reads an owner or recovery value without 0x as passkey hex, with the hex rules', () => {
      assertRejects(edit(UPSTREAM_TEXT, `(Owner: ${OWNER})`, `(Owner: ${OWNER.slice(3)})`), 'hex', /even-length/);
      assertRejects(edit(UPSTREAM_TEXT, `(Address: ${RECOVERY})`, `(Address: ${PASSKEY.toUpperCase()})`), 'hex', /lowercase hex/);
      assertRejects(edit(UPSTREAM_TEXT, `(Owner: ${OWNER})`, '(Owner: 0x1234)'), 'address-length', /has 4 hex digits/);
    });
  });

  // The withdrawal (§6) shares the consent text's lines, and with them every rule below.
  for (const [name, TEXT] of [
    ['consent texts', CONSENT_TEXT],
    ['withdrawals', unsubscribeMessage(PUBLISHER, CONSENT_MS)],
  ] as const) describe(name, () => {
    const withTime = (time: string) => edit(TEXT, 'Fri, 14 Feb 2020 07:00:00 GMT', time);

    it('rejects a publisher that is not EIP-55 checksummed, saying verifiers rebuild it checksummed', () => {
      for (const bad of [PUBLISHER.toLowerCase(), `0x${PUBLISHER.slice(2).toUpperCase()}`, PUBLISHER.replace('aA', 'Aa')]) {
        assertRejects(edit(TEXT, PUBLISHER, bad), 'checksum', new RegExp(`not EIP-55 checksummed; verifiers rebuild the text with '${PUBLISHER}'`));
      }
    });

    it("rejects XMTP's own short test address and other non-addresses", () => {
      assertRejects(edit(TEXT, PUBLISHER, '0x1234567890abcdef'), 'address-length', /has 16 hex digits/);
      assertRejects(edit(TEXT, PUBLISHER, PUBLISHER.slice(2)), 'address', /not a 0x-prefixed/);
    });

    it('rejects a wrong weekday, saying how that day is written', () => {
      assertRejects(withTime('Sat, 14 Feb 2020 07:00:00 GMT'), 'time-invalid', /wrong weekday: that day is written 'Fri, 14 Feb 2020 07:00:00 GMT'/);
      assertRejects(withTime('Xyz, 14 Feb 2020 07:00:00 GMT'), 'time-invalid', /wrong weekday/);
    });

    it('rejects times not exactly in toUTCString() form', () => {
      for (const time of [
        'Fri, 4 Feb 2020 07:00:00 GMT',
        'Fri, 14 Feb 2020 7:00:00 GMT',
        'Fri, 14 feb 2020 07:00:00 GMT',
        'Fri, 14 Fev 2020 07:00:00 GMT',
        'Fri 14 Feb 2020 07:00:00 GMT',
        'Fri, 14 Feb 2020 07:00:00 UTC',
        'Fri, 14 Feb 2020 07:00:00 GMT+0000',
        'Fri, 14 Feb 2020 07:00:00.000 GMT',
        'Fri, 14 Feb 20 07:00:00 GMT',
        '2020-02-14T07:00:00.000Z',
        '2020-02-14T07:00:00Z',
        '1581663600000',
        'Fri Feb 14 2020 07:00:00 GMT+0000 (Coordinated Universal Time)',
      ]) {
        assertRejects(withTime(time), 'time-format', /as toUTCString\(\) does/);
      }
    });

    it('rejects dates that do not exist', () => {
      for (const time of ['Sun, 30 Feb 2020 07:00:00 GMT', 'Fri, 14 Feb 2020 24:00:00 GMT', 'Fri, 14 Feb 2020 07:60:00 GMT', 'Fri, 00 Feb 2020 07:00:00 GMT']) {
        assertRejects(withTime(time), 'time-invalid', /no real date and time/);
      }
    });

    it('rejects years outside 1970 to 9999', () => {
      for (const time of ['Wed, 31 Dec 1969 23:59:59 GMT', 'Sat, 01 Jan 10000 00:00:00 GMT', 'Mon, 01 Jan 0001 00:00:00 GMT']) {
        assertRejects(withTime(time), 'time-range', /outside the years 1970 to 9999/);
      }
    });
  });

  describe('V2 keys', () => {
    it('rejects odd-length, uppercase, 0x-prefixed and non-hex keys', () => {
      const cases: Array<[string, RegExp]> = [
        [UPSTREAM_PRE_KEY.slice(1), /even-length hex/],
        [UPSTREAM_PRE_KEY.toUpperCase(), /must be lowercase hex/],
        [`0x${UPSTREAM_PRE_KEY}`, /without 0x/],
        [`${UPSTREAM_PRE_KEY.slice(0, -2)}zz`, /even-length hex/],
        [`${UPSTREAM_PRE_KEY} `, /even-length hex/],
      ];
      for (const [bad, words] of cases) {
        assertRejects(edit(UPSTREAM_ENABLE_TEXT, UPSTREAM_PRE_KEY, bad), 'hex', words);
        assertRejects(edit(UPSTREAM_ENABLE_TEXT, UPSTREAM_PRE_KEY, bad).replace('Enable', 'Create'), 'hex', words);
      }
    });

    it('rejects a key split over two lines', () => {
      const split = edit(UPSTREAM_ENABLE_TEXT, UPSTREAM_PRE_KEY, `${UPSTREAM_PRE_KEY.slice(0, 32)}\n${UPSTREAM_PRE_KEY.slice(32)}`);
      assertRejects(split, 'unexpected-line', /unexpected line 3/);
    });
  });
});
