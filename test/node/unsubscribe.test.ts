// The withdrawal text (SIGNATURES.md §6): its example byte for byte, the builder's refusals, and
// parseSignatureText reading it back strictly (the rules it shares with the consent text are
// checked for both in parse.test.ts; verification, in verify.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import {
  SignatureTextError,
  buildSignatureText,
  consentMessage,
  parseSignatureText,
  unsubscribeMessage,
  verifyIdentitySignature,
} from '../../src/core/index.js';

/** SIGNATURES.md §6's example, written out. */
const PUBLISHER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const TIMESTAMP_MS = 1764331200000;
const EXAMPLE =
  'Unsubscribe : Withdraw inbox consent from sender\n\nCurrent Time: Fri, 28 Nov 2025 12:00:00 GMT\n' +
  'From Address: 0x90F79bf6EB2c4f870365E785982E1f101E93b906\n\n' +
  'Signing this stops messages from this sender. It costs nothing.';

function assertRejects(text: string, reason: string, words: RegExp): void {
  assert.throws(
    () => parseSignatureText(text),
    (error: unknown) =>
      error instanceof SignatureTextError && error.reason === reason && words.test(error.message),
    `${JSON.stringify(text)} is refused with ${reason}`,
  );
}

describe('unsubscribeMessage', () => {
  it('writes the example of SIGNATURES.md §6 byte for byte', () => {
    assert.equal(unsubscribeMessage(PUBLISHER, TIMESTAMP_MS), EXAMPLE);
    assert.equal(unsubscribeMessage(PUBLISHER.toLowerCase(), TIMESTAMP_MS + 999), EXAMPLE, 'checksummed, whole seconds');
  });

  it('has the consent text’s lines, with its own header and footer', () => {
    const consent = consentMessage(PUBLISHER, TIMESTAMP_MS).split('\n');
    const withdrawal = EXAMPLE.split('\n');
    assert.deepEqual(withdrawal.slice(1, 5), consent.slice(1, 5));
    assert.notEqual(withdrawal[0], consent[0]);
    assert.notEqual(withdrawal[5], consent[5]);
    assert.ok(!EXAMPLE.startsWith('XMTP'), 'it is no XMTP protocol message');
  });

  it('refuses what the consent builder refuses, with the same TypeErrors', () => {
    for (const [publisher, timestampMs] of [
      ['0x12', TIMESTAMP_MS],
      [PUBLISHER.replace('F7', 'f7'), TIMESTAMP_MS],
      [PUBLISHER, -1],
      [PUBLISHER, 1.5],
      [PUBLISHER, Date.UTC(10000, 0, 1)],
    ] as const) {
      const consentError = (() => {
        try {
          consentMessage(publisher, timestampMs);
        } catch (error) {
          return error as Error;
        }
      })();
      assert.ok(consentError instanceof TypeError);
      assert.throws(() => unsubscribeMessage(publisher, timestampMs), { name: 'TypeError', message: consentError.message });
    }
  });
});

describe('parseSignatureText: the withdrawal', () => {
  it('reads the example as kind unsubscribe, and builds it back', () => {
    const parsed = parseSignatureText(EXAMPLE);
    assert.deepEqual(parsed, { kind: 'unsubscribe', publisher: PUBLISHER, timestampMs: TIMESTAMP_MS });
    assert.equal(buildSignatureText(parsed), EXAMPLE);
  });

  it('gives withdrawals back in whole seconds, from 1970 to 9999', () => {
    for (const timestampMs of [0, 999, TIMESTAMP_MS + 123, Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
      const text = unsubscribeMessage(PUBLISHER, timestampMs);
      const parsed = parseSignatureText(text);
      assert.deepEqual(parsed, { kind: 'unsubscribe', publisher: PUBLISHER, timestampMs: timestampMs - (timestampMs % 1000) });
      assert.equal(buildSignatureText(parsed), text);
    }
  });

  it('names every near miss of its own header and footer', () => {
    const header = 'Unsubscribe : Withdraw inbox consent from sender';
    const footer = 'Signing this stops messages from this sender. It costs nothing.';
    const cases: [string, string, RegExp][] = [
      [EXAMPLE.replace(header, 'Unsubscribe: Withdraw inbox consent from sender'), 'unknown-header', /unknown header/],
      [EXAMPLE.replace(header, 'Unsubscribe : withdraw inbox consent from sender'), 'unknown-header', /unknown header/],
      [EXAMPLE.replace(header, 'XMTP : Withdraw inbox consent from sender'), 'unknown-header', /unknown header/],
      [EXAMPLE.replace(header, 'unsubscribe : Withdraw inbox consent from sender'), 'unknown-format', /first line must be one of/],
      [EXAMPLE.replace(footer, 'For more info: https://xmtp.org/signatures/'), 'footer', /must be the footer 'Signing this/],
      [EXAMPLE.slice(0, -1), 'footer', /must be the footer/],
      [EXAMPLE.replace(`\n\n${footer}`, `\n${footer}`), 'blank-lines', /blank line is missing before line 5/],
      [EXAMPLE.replace(`\n\n${footer}`, `\n\n\n${footer}`), 'blank-lines', /unexpected blank line 6/],
      [EXAMPLE.replace(PUBLISHER, PUBLISHER.toLowerCase()), 'checksum', /not EIP-55 checksummed/],
      [EXAMPLE.replace('Fri, 28', 'Sat, 28'), 'time-invalid', /wrong weekday/],
      [EXAMPLE.replace('12:00:00 GMT', '12:00:00.000 GMT'), 'time-format', /as toUTCString\(\) does/],
      [`${EXAMPLE}\n`, 'trailing-newline', /ends with a newline/],
      [`${EXAMPLE}\nP.S.`, 'trailing-lines', /after its footer/],
      [EXAMPLE.replaceAll('\n', '\r\n'), 'crlf', /CRLF/],
      [EXAMPLE.split('\n').slice(0, 4).join('\n'), 'truncated', /ends after line 4/],
    ];
    for (const [text, reason, words] of cases) assertRejects(text, reason, words);
  });

  it('is not accepted as an identity text', async () => {
    const reader = privateKeyToAccount(`0x${'42'.repeat(32)}`);
    const signature = await reader.signMessage({ message: EXAMPLE });
    assert.deepEqual(await verifyIdentitySignature({ text: EXAMPLE, signature, signer: reader.address }), {
      ok: false,
      reason: 'invalid_text',
    });
  });
});
