// The identity text builders and the inbox id (SIGNATURES.md §2, §3, §4), against XMTP's vectors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  createIdentityText,
  enableIdentityText,
  identityText,
  inboxId,
  type IdentityAction,
} from '../../src/core/index.js';
import {
  LINKED,
  OWNER,
  RECOVERY,
  UPSTREAM_ACTIONS,
  UPSTREAM_ENABLE_TEXT,
  UPSTREAM_INBOX_ID,
  UPSTREAM_PRE_KEY,
  UPSTREAM_TEXT,
} from './xmtp-vectors.js';

/** EIP-55's own vector, mixed case with a correct checksum. */
const CHECKSUMMED = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
/** A 33-byte passkey's hex, as a real one is long. */
const PASSKEY = `02${'ab'.repeat(32)}`;
const INSTALLATION = 'cd'.repeat(32);
const TIME = Date.UTC(2025, 5, 1, 12, 34, 56);

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** SHA-256 by Node's own crypto, independent of the code under test. */
function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function text(actions: IdentityAction[], time: Date | number = TIME, id = UPSTREAM_INBOX_ID): string {
  return identityText({ inboxId: id, time, actions });
}

/** The lines of a text after its inbox id and time: the actions. */
function actionLines(built: string): string[] {
  return built.split('\n').slice(5, -2);
}

/** Asserts a `TypeError` whose message names `field` and shows `shown` (the bad value). */
function assertTypeError(run: () => unknown, field: string, shown: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
    assert.ok(error.message.includes(field), `message ${JSON.stringify(error.message)} names ${field}`);
    assert.ok(error.message.includes(shown), `message ${JSON.stringify(error.message)} shows ${shown}`);
    return true;
  });
}

describe('inboxId', () => {
  it("gives XMTP's vector for nonce 0", () => {
    assert.equal(inboxId(OWNER, 0), UPSTREAM_INBOX_ID);
  });

  it('is SHA-256 of the lowercase address and the decimal nonce, nonce 1 by default', () => {
    assert.equal(inboxId(OWNER), nodeSha256(`${OWNER}1`));
    assert.equal(inboxId(OWNER, 1), inboxId(OWNER));
    assert.notEqual(inboxId(OWNER), UPSTREAM_INBOX_ID);
  });

  it('lowercases the whole address, whatever casing it comes in', () => {
    const lower = CHECKSUMMED.toLowerCase();
    for (const address of [CHECKSUMMED, lower, `0x${lower.slice(2).toUpperCase()}`]) {
      assert.equal(inboxId(address, 0), nodeSha256(`${lower}0`));
    }
  });

  it('takes the nonce edges 0, 1 and 2^64 - 1 (as a bigint), and equal number and bigint nonces agree', () => {
    assert.equal(inboxId(OWNER, 0n), UPSTREAM_INBOX_ID);
    assert.equal(inboxId(OWNER, 1n), nodeSha256(`${OWNER}1`));
    assert.equal(inboxId(OWNER, 2n ** 64n - 1n), nodeSha256(`${OWNER}18446744073709551615`));
    assert.equal(inboxId(OWNER, Number.MAX_SAFE_INTEGER), nodeSha256(`${OWNER}9007199254740991`));
    assert.equal(inboxId(OWNER, 12345), inboxId(OWNER, 12345n));
  });

  it('rejects nonces outside 0 to 2^64 - 1 and numbers that are not safe integers', () => {
    const bad: Array<[unknown, string]> = [
      [2n ** 64n, '18446744073709551616n'],
      [-1n, '-1n'],
      [-1, '-1'],
      [1.5, '1.5'],
      [Number.NaN, 'NaN'],
      [Number.MAX_SAFE_INTEGER + 1, '9007199254740992'],
      [Infinity, 'Infinity'],
      ['1', "'1'"],
    ];
    for (const [nonce, shown] of bad) assertTypeError(() => inboxId(OWNER, nonce as number), 'nonce', shown);
  });

  it('rejects what is not a whole address, naming it', () => {
    for (const address of ['0x1234567890abcdef', `${OWNER}00`, OWNER.slice(2), '', 'hello']) {
      assertTypeError(() => inboxId(address, 0), 'address', `'${address}'`);
    }
    assertTypeError(() => inboxId(undefined as unknown as string), 'address', 'undefined');
    // A mixed-case address with a wrong checksum was mistyped.
    assertTypeError(() => inboxId(CHECKSUMMED.replace('aA', 'Aa')), 'address', 'checksum');
  });
});

describe('identityText', () => {
  it("gives XMTP's six-action vector byte for byte, with time 12 ns after the epoch written as 0 s", () => {
    assert.equal(text(UPSTREAM_ACTIONS, new Date(0)), UPSTREAM_TEXT);
    assert.equal(text(UPSTREAM_ACTIONS, 0), UPSTREAM_TEXT);
  });

  it('writes each action type with its title and label', () => {
    const cases: Array<[IdentityAction, string]> = [
      [{ type: 'create-inbox', owner: OWNER }, `- Create inbox\n  (Owner: ${OWNER})`],
      [{ type: 'grant-app', installationId: INSTALLATION }, `- Grant messaging access to app\n  (ID: ${INSTALLATION})`],
      [{ type: 'link-address', address: LINKED }, `- Link address to inbox\n  (Address: ${LINKED})`],
      [{ type: 'link-passkey', passkey: PASSKEY }, `- Link passkey to inbox\n  (Passkey: ${PASSKEY})`],
      [{ type: 'unlink-address', address: LINKED }, `- Unlink address from inbox\n  (Address: ${LINKED})`],
      [{ type: 'unlink-passkey', passkey: PASSKEY }, `- Unlink passkey from inbox\n  (Passkey: ${PASSKEY})`],
      [{ type: 'revoke-app', installationId: INSTALLATION }, `- Revoke messaging access from app\n  (ID: ${INSTALLATION})`],
      [{ type: 'change-recovery-address', address: RECOVERY }, `- Change inbox recovery address\n  (Address: ${RECOVERY})`],
    ];
    for (const [action, lines] of cases) {
      const built = text([action]);
      assert.equal(
        built,
        'XMTP : Authenticate to inbox\n\n' +
          `Inbox ID: ${UPSTREAM_INBOX_ID}\nCurrent time: 2025-06-01T12:34:56Z\n\n` +
          `${lines}\n\nFor more info: https://xmtp.org/signatures`,
      );
    }
  });

  it('writes a first registration as create inbox then grant app, in the order given', () => {
    const actions: IdentityAction[] = [
      { type: 'create-inbox', owner: OWNER },
      { type: 'grant-app', installationId: INSTALLATION },
    ];
    assert.deepEqual(actionLines(text(actions)), [
      '- Create inbox',
      `  (Owner: ${OWNER})`,
      '- Grant messaging access to app',
      `  (ID: ${INSTALLATION})`,
    ]);
    assert.deepEqual(actionLines(text([...actions].reverse())), [
      '- Grant messaging access to app',
      `  (ID: ${INSTALLATION})`,
      '- Create inbox',
      `  (Owner: ${OWNER})`,
    ]);
  });

  it('writes a passkey as owner of a new inbox and as the new recovery identity, with the label Address', () => {
    const built = text([
      { type: 'create-inbox', owner: PASSKEY },
      { type: 'change-recovery-address', address: PASSKEY },
    ]);
    assert.deepEqual(actionLines(built), [
      '- Create inbox',
      `  (Owner: ${PASSKEY})`,
      '- Change inbox recovery address',
      `  (Address: ${PASSKEY})`,
    ]);
  });

  it('writes addresses in any casing lowercase', () => {
    const lower = CHECKSUMMED.toLowerCase();
    for (const address of [CHECKSUMMED, lower, `0x${lower.slice(2).toUpperCase()}`]) {
      const built = text([
        { type: 'create-inbox', owner: address },
        { type: 'link-address', address },
        { type: 'unlink-address', address },
        { type: 'change-recovery-address', address },
      ]);
      assert.deepEqual(
        actionLines(built).filter((line) => line.startsWith('  (')),
        [`  (Owner: ${lower})`, `  (Address: ${lower})`, `  (Address: ${lower})`, `  (Address: ${lower})`],
      );
    }
  });

  it('writes installation ids, passkeys and the inbox id given in uppercase as lowercase', () => {
    const built = text(
      [
        { type: 'grant-app', installationId: INSTALLATION.toUpperCase() },
        { type: 'link-passkey', passkey: PASSKEY.toUpperCase() },
        { type: 'create-inbox', owner: PASSKEY.toUpperCase() },
      ],
      TIME,
      UPSTREAM_INBOX_ID.toUpperCase(),
    );
    assert.equal(built, text([
      { type: 'grant-app', installationId: INSTALLATION },
      { type: 'link-passkey', passkey: PASSKEY },
      { type: 'create-inbox', owner: PASSKEY },
    ]));
    assert.ok(built.includes(`Inbox ID: ${UPSTREAM_INBOX_ID}\n`));
  });

  it('writes the time in whole UTC seconds, dropping milliseconds, from a Date or ms', () => {
    const timeLine = (time: Date | number) => text([{ type: 'link-address', address: LINKED }], time).split('\n')[3];
    assert.equal(timeLine(TIME), 'Current time: 2025-06-01T12:34:56Z');
    assert.equal(timeLine(TIME + 999), 'Current time: 2025-06-01T12:34:56Z');
    assert.equal(timeLine(new Date(TIME + 999)), 'Current time: 2025-06-01T12:34:56Z');
    assert.equal(timeLine(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), 'Current time: 9999-12-31T23:59:59Z');
    assert.equal(timeLine(Date.UTC(2024, 1, 29, 0, 0, 0)), 'Current time: 2024-02-29T00:00:00Z');
  });

  describe('input validation', () => {
    const link: IdentityAction = { type: 'link-address', address: LINKED };
    const build = (fields: Record<string, unknown>) => () =>
      identityText({ inboxId: UPSTREAM_INBOX_ID, time: TIME, actions: [link], ...fields } as never);

    it('rejects an inbox id that is not 64 hex digits', () => {
      for (const bad of [UPSTREAM_INBOX_ID.slice(1), `${UPSTREAM_INBOX_ID}00`, `0x${UPSTREAM_INBOX_ID}`, 'z'.repeat(64), '']) {
        assertTypeError(build({ inboxId: bad }), 'inboxId', `'${bad.slice(0, 77)}`);
      }
      assertTypeError(build({ inboxId: 42 }), 'inboxId', '42');
    });

    it('rejects times outside 1970 to 9999, invalid Dates and non-integer ms', () => {
      const bad: Array<[unknown, string]> = [
        [-1, '-1'],
        [Date.UTC(10000, 0, 1), String(Date.UTC(10000, 0, 1))],
        [new Date(Number.NaN), 'Invalid Date'],
        [new Date(-1000), String(new Date(-1000))],
        [1.5, '1.5'],
        [Number.NaN, 'NaN'],
        ['2025-06-01T12:34:56Z', "'2025-06-01T12:34:56Z'"],
        [undefined, 'undefined'],
      ];
      for (const [time, shown] of bad) assertTypeError(build({ time }), 'time', shown);
    });

    it('rejects an empty or missing action list', () => {
      assertTypeError(build({ actions: [] }), 'actions', 'an array');
      assertTypeError(build({ actions: undefined }), 'actions', 'undefined');
      assertTypeError(build({ actions: link }), 'actions', 'an object');
    });

    it('rejects an unknown action type, naming the action', () => {
      assertTypeError(build({ actions: [link, { type: 'link-wallet', address: LINKED }] }), 'actions[1].type', "'link-wallet'");
      assertTypeError(build({ actions: [{ type: 'toString' }] }), 'actions[0].type', "'toString'");
      assertTypeError(build({ actions: [{ address: LINKED }] }), 'actions[0].type', 'undefined');
      assertTypeError(build({ actions: [null] }), 'actions[0].type', 'undefined');
    });

    it('rejects an address action without a whole address', () => {
      for (const type of ['link-address', 'unlink-address']) {
        for (const bad of ['0x1234567890abcdef', OWNER.slice(2), `${OWNER}12`, PASSKEY, '']) {
          assertTypeError(build({ actions: [{ type, address: bad }] }), 'actions[0].address', `'${bad}'`);
        }
        assertTypeError(build({ actions: [{ type, owner: OWNER }] }), 'actions[0].address', 'undefined');
        assertTypeError(build({ actions: [{ type, address: CHECKSUMMED.replace('aA', 'Aa') }] }), 'actions[0].address', 'checksum');
      }
    });

    it('rejects installation ids and passkeys that are not non-empty, even-length hex without 0x', () => {
      const fields: Array<[string, string]> = [
        ['grant-app', 'installationId'],
        ['revoke-app', 'installationId'],
        ['link-passkey', 'passkey'],
        ['unlink-passkey', 'passkey'],
      ];
      for (const [type, field] of fields) {
        for (const bad of ['', '123', `0x${INSTALLATION}`, 'zz', ' 0102']) {
          assertTypeError(build({ actions: [{ type, [field]: bad }] }), `actions[0].${field}`, `'${bad}'`);
        }
        assertTypeError(build({ actions: [{ type, [field]: 7 }] }), `actions[0].${field}`, '7');
      }
    });

    it('rejects an owner or new recovery address that is neither an address nor passkey hex', () => {
      for (const [type, field] of [['create-inbox', 'owner'], ['change-recovery-address', 'address']]) {
        assertTypeError(build({ actions: [{ type, [field]: '0x1234' }] }), `actions[0].${field}`, "'0x1234'");
        assertTypeError(build({ actions: [{ type, [field]: 'abc' }] }), `actions[0].${field}`, "'abc'");
        assertTypeError(build({ actions: [{ type, [field]: '' }] }), `actions[0].${field}`, "''");
        assert.throws(build({ actions: [{ type, [field]: 'abc' }] }), /address or a passkey's non-empty, even-length hex/);
      }
    });

    it('rejects a missing fields object', () => {
      assertTypeError(() => identityText(undefined as never), 'inboxId', 'undefined');
    });
  });
});

describe('legacy V2 identity texts', () => {
  it("gives XMTP's enable-identity vector byte for byte", () => {
    assert.equal(enableIdentityText(bytes(UPSTREAM_PRE_KEY)), UPSTREAM_ENABLE_TEXT);
  });

  it('writes the create-identity text the same way, with its own header and the key of any length', () => {
    const key = Uint8Array.from({ length: 76 }, (_, i) => (i * 37) & 0xff);
    assert.equal(
      createIdentityText(key),
      `XMTP : Create Identity\n${Buffer.from(key).toString('hex')}\n\nFor more info: https://xmtp.org/signatures/`,
    );
    assert.equal(createIdentityText(Uint8Array.of(0, 0x0a, 0xff)), 'XMTP : Create Identity\n000aff\n\nFor more info: https://xmtp.org/signatures/');
  });

  it('accepts a Node Buffer, which is a Uint8Array', () => {
    assert.equal(enableIdentityText(Buffer.from(UPSTREAM_PRE_KEY, 'hex')), UPSTREAM_ENABLE_TEXT);
  });

  it('rejects empty keys and what is not a Uint8Array', () => {
    const bad: Array<[unknown, string]> = [
      [new Uint8Array(0), 'an empty Uint8Array'],
      [UPSTREAM_PRE_KEY, `'${UPSTREAM_PRE_KEY}'`],
      [[1, 2, 3], 'an array'],
      [undefined, 'undefined'],
    ];
    for (const [key, shown] of bad) {
      assertTypeError(() => createIdentityText(key as Uint8Array), 'publicKey', shown);
      assertTypeError(() => enableIdentityText(key as Uint8Array), 'preKey', shown);
    }
  });
});
