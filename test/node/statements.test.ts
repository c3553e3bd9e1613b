// Which statement a posted body carries: the registry picks the module named by the body's field,
// reads a body that names none as the first kind, and refuses a body that names two.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToBase64, encodeConsentProof } from '../../src/core/index.js';
import { Refusal } from '../../src/server/refusal.js';
import { readStatement } from '../../src/server/statements/registry.js';
import type { PostedStatement, Statement } from '../../src/server/statements/statement.js';

/** A statement kind that only says which one read the body. */
function kind(field: string, name: PostedStatement['kind']): Statement {
  return {
    field,
    read: () => ({
      publisher: field,
      subscriber: field,
      signature: field,
      kind: name,
      timestampMs: 1,
      verify: () => Promise.reject(new Error('not verified here')),
    }),
  };
}

const kinds = [kind('consentProof', 'consent'), kind('unsubscribe', 'unsubscribe')];

describe('readStatement', () => {
  it('reads the body with the statement its field names', () => {
    assert.equal(readStatement({ consentProof: 'x' }, kinds).publisher, 'consentProof');
    assert.equal(readStatement({ unsubscribe: {} }, kinds).publisher, 'unsubscribe');
  });

  it('reads a body that names no statement as the first kind, so its 400 names the missing field', () => {
    assert.equal(readStatement({ publisher: '0x' }, kinds).publisher, 'consentProof');
    assert.throws(() => readStatement({}), (error) => error instanceof Refusal && error.message === 'publisher is missing');
  });

  it('answers 400 bad_request for a body that names two statements', () => {
    assert.throws(
      () => readStatement({ consentProof: 'x', unsubscribe: {} }, kinds),
      (error) =>
        error instanceof Refusal &&
        error.status === 400 &&
        error.code === 'bad_request' &&
        error.message === 'the body holds consentProof and unsubscribe; send one statement per request',
    );
  });
});

describe('the registry the endpoint uses', () => {
  it('reads consentProof with the consent module and unsubscribe with the withdrawal module', () => {
    const pair = { publisher: '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf', subscriber: '0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF' };
    const signature = `0x${'11'.repeat(65)}`;
    const withdrawal = readStatement({ ...pair, unsubscribe: { timestampMs: 1234, signature } });
    assert.deepEqual([withdrawal.signature, withdrawal.kind, withdrawal.timestampMs], [signature, 'unsubscribe', 1234]);
    const consent = readStatement({ ...pair, consentProof: bytesToBase64(encodeConsentProof(signature, 5678)) });
    assert.deepEqual([consent.signature, consent.kind, consent.timestampMs], [signature, 'consent', 5678]);
    assert.throws(
      () => readStatement({ ...pair, unsubscribe: 'yes' }),
      (error) => error instanceof Refusal && /^unsubscribe must be an object/.test(error.message),
    );
    assert.throws(
      () => readStatement({ ...pair, consentProof: '!' }),
      (error) => error instanceof Refusal && /^consentProof must be standard base64/.test(error.message),
    );
  });
});
