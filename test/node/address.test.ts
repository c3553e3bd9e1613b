// EIP-55 checksums, computed with @noble/hashes' keccak permutation (so the browser bundle needs no viem):
// the EIP's own vectors, agreement with viem's getAddress, and the typo rule.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { getAddress } from 'viem';
import { checksumAddress, inboxId } from '../../src/core/index.js';

/** The examples of EIP-55 itself. */
const EIP55_VECTORS = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
];

describe('checksumAddress', () => {
  it('gives the EIP-55 vectors from any casing', () => {
    for (const vector of EIP55_VECTORS) {
      assert.equal(checksumAddress(vector.toLowerCase()), vector);
      assert.equal(checksumAddress(`0x${vector.slice(2).toUpperCase()}`), vector);
      assert.equal(checksumAddress(vector), vector);
    }
  });

  it('agrees with viem on 2,000 random addresses', () => {
    for (let i = 0; i < 2000; i++) {
      const address = `0x${randomBytes(20).toString('hex')}`;
      assert.equal(checksumAddress(address), getAddress(address));
    }
  });

  it('refuses a mixed-case address whose checksum is wrong, naming the right one', () => {
    const typo = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    assert.throws(() => checksumAddress(typo, 'publisher'), {
      name: 'TypeError',
      message: `publisher has a wrong EIP-55 checksum: got '${typo}', expected '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'`,
    });
  });
});

describe('inboxId with @noble/hashes sha256', () => {
  it('gives the upstream vector', () => {
    assert.equal(
      inboxId('0x1234567890abcdef1234567890abcdef12345678', 0),
      'fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9',
    );
  });
});
