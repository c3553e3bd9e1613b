// Which statement a posted body carries: the registry picks the module named by the body's field,
// reads a body that names none as the first kind, and refuses a body that names two.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Refusal } from '../../src/server/refusal.js';
import { readStatement } from '../../src/server/statements/registry.js';
import type { Statement } from '../../src/server/statements/statement.js';

/** A statement kind that only says which one read the body. */
function kind(field: string): Statement {
  return {
    field,
    read: () => ({
      publisher: field,
      subscriber: field,
      signature: field,
      verify: () => Promise.reject(new Error('not verified here')),
    }),
  };
}

const kinds = [kind('consentProof'), kind('unsubscribe')];

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
