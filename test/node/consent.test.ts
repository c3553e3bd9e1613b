// The consent text, the ConsentProofPayload bytes and base64 transport (SIGNATURES.md §1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  base64ToBytes,
  bytesToBase64,
  consentMessage,
  decodeConsentProof,
  encodeConsentProof,
} from '../../src/core/index.js';

// XMTP's own vectors (SIGNATURES.md §1).
const UPSTREAM_SHORT_ADDRESS = '0x1234567890abcdef';
const UPSTREAM_TIMESTAMP = 1581663600000;
const UPSTREAM_TEXT =
  'XMTP : Grant inbox consent to sender\n\nCurrent Time: Fri, 14 Feb 2020 07:00:00 GMT\n' +
  'From Address: 0x1234567890abcdef\n\nFor more info: https://xmtp.org/signatures/';
const UPSTREAM_SIGNATURE = '0x1234567890abcdef';
const UPSTREAM_PAYLOAD = [
  10, 18, 48, 120, 49, 50, 51, 52, 53, 54, 55, 56, 57, 48, 97, 98, 99, 100, 101, 102, 16, 128, 251, 252, 147, 132, 46, 24,
  1,
];

// EIP-55's own test vectors: the checksummed spelling, independent of our code.
const EIP55_ADDRESSES = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];
const PUBLISHER = EIP55_ADDRESSES[0]!;

/** A real 65-byte wallet signature (v = 27), as a wallet returns it. */
const WALLET_SIGNATURE =
  '0x1b2cb5c49dbab405d02c4702768b6d33f102a2f8dc957968ded4a0fd846295c2' +
  '6f20186d2e9247d66861d5eee124a6998aeea988d18680597d0f6e838a17f03b1b';

const FIRST_MS = 0;
const LAST_MS_OF_9999 = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The upper-case body spelling of an address: `0x` + 40 upper-case hex. */
function upper(address: string): string {
  return `0x${address.slice(2).toUpperCase()}`;
}

/** A protobuf varint, written here independently of the code under test. */
function varint(value: number | bigint): number[] {
  let rest = BigInt(value);
  const out: number[] = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const signatureField = (signature: string) => [0x0a, ...varint(signature.length), ...ascii(signature)];
const timestampField = (ms: number | bigint) => [0x10, ...varint(ms)];
const versionField = (version: number) => [0x18, ...varint(version)];

function decode(bytes: number[]) {
  return decodeConsentProof(Uint8Array.from(bytes));
}

/** Asserts a TypeError whose message matches `pattern`. */
function assertTypeError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('consentMessage', () => {
  it('rejects the upstream vector short address with a TypeError naming the problem', () => {
    assertTypeError(
      () => consentMessage(UPSTREAM_SHORT_ADDRESS, UPSTREAM_TIMESTAMP),
      /publisher must be a 0x-prefixed 40-hex address, got '0x1234567890abcdef'/,
    );
  });

  it('reproduces the upstream layout byte for byte with a real address', () => {
    const text = consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP);
    assert.equal(text, UPSTREAM_TEXT.replace(UPSTREAM_SHORT_ADDRESS, PUBLISHER));
  });

  it('is six lines joined by \\n, with no \\r, no trailing newline and a footer ending in a slash', () => {
    const text = consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP);
    assert.ok(!text.includes('\r'));
    assert.ok(!text.endsWith('\n'));
    assert.deepEqual(text.split('\n'), [
      'XMTP : Grant inbox consent to sender',
      '',
      'Current Time: Fri, 14 Feb 2020 07:00:00 GMT',
      `From Address: ${PUBLISHER}`,
      '',
      'For more info: https://xmtp.org/signatures/',
    ]);
  });

  it('writes the time as toUTCString: 2020-03-01 is "Sun, 01 Mar 2020 00:00:00 GMT"', () => {
    const lines = consentMessage(PUBLISHER, Date.UTC(2020, 2, 1)).split('\n');
    assert.equal(lines[2], 'Current Time: Sun, 01 Mar 2020 00:00:00 GMT');
  });

  it('drops milliseconds: every ms of one second gives the same text', () => {
    const second = consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP);
    assert.equal(consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP + 1), second);
    assert.equal(consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP + 999), second);
    assert.notEqual(consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP + 1000), second);
    assert.equal(consentMessage(PUBLISHER, UPSTREAM_TIMESTAMP + 1000).split('\n')[2], 'Current Time: Fri, 14 Feb 2020 07:00:01 GMT');
  });

  it('accepts the first ms of 1970 and the last ms of 9999', () => {
    assert.equal(consentMessage(PUBLISHER, FIRST_MS).split('\n')[2], 'Current Time: Thu, 01 Jan 1970 00:00:00 GMT');
    assert.equal(consentMessage(PUBLISHER, LAST_MS_OF_9999).split('\n')[2], 'Current Time: Fri, 31 Dec 9999 23:59:59 GMT');
  });

  for (const address of EIP55_ADDRESSES) {
    it(`checksums the publisher from lowercase and uppercase input (${address})`, () => {
      for (const input of [address.toLowerCase(), upper(address), address]) {
        assert.equal(consentMessage(input, UPSTREAM_TIMESTAMP).split('\n')[3], `From Address: ${address}`);
      }
    });
  }

  it('rejects a mixed-case address whose checksum is wrong', () => {
    // Flip the case of one letter of a correctly checksummed address.
    const wrong = PUBLISHER.replace('aA', 'Aa');
    assert.notEqual(wrong, PUBLISHER);
    assertTypeError(() => consentMessage(wrong, UPSTREAM_TIMESTAMP), /publisher has a wrong EIP-55 checksum/);
  });

  const notAddresses: Array<[string, unknown]> = [
    ['an empty string', ''],
    ['40 hex without 0x', PUBLISHER.slice(2)],
    ['39 hex digits', PUBLISHER.slice(0, -1)],
    ['41 hex digits', `${PUBLISHER}0`],
    ['a non-hex digit', `0x${'g'.repeat(40)}`],
    ['an uppercase 0X prefix', `0X${PUBLISHER.slice(2).toLowerCase()}`],
    ['surrounding whitespace', ` ${PUBLISHER} `],
    ['an ENS name', 'vitalik.eth'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 0x1234],
    ['an object', { address: PUBLISHER }],
  ];
  for (const [label, input] of notAddresses) {
    it(`rejects ${label} as the publisher with a TypeError`, () => {
      assertTypeError(
        () => consentMessage(input as string, UPSTREAM_TIMESTAMP),
        /^publisher must be a 0x-prefixed 40-hex address, got /,
      );
    });
  }

  const badTimestamps: Array<[string, unknown]> = [
    ['a negative timestamp (before 1970)', -1],
    ['the first ms of year 10000', LAST_MS_OF_9999 + 1],
    ['a fractional ms', UPSTREAM_TIMESTAMP + 0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', String(UPSTREAM_TIMESTAMP)],
    ['a bigint', BigInt(UPSTREAM_TIMESTAMP)],
    ['a Date', new Date(UPSTREAM_TIMESTAMP)],
  ];
  for (const [label, input] of badTimestamps) {
    it(`rejects ${label} as the time with a TypeError`, () => {
      assertTypeError(() => consentMessage(PUBLISHER, input as number), /^timestampMs must be whole milliseconds/);
    });
  }
});

describe('encodeConsentProof', () => {
  it('gives XMTP\'s own bytes for signature "0x1234567890abcdef" at 1581663600000', () => {
    assert.deepEqual(encodeConsentProof(UPSTREAM_SIGNATURE, UPSTREAM_TIMESTAMP), Uint8Array.from(UPSTREAM_PAYLOAD));
  });

  it('writes field 1, 2 and 3 in order, with a two-byte length for a 65-byte signature', () => {
    const bytes = encodeConsentProof(WALLET_SIGNATURE, UPSTREAM_TIMESTAMP);
    assert.deepEqual(
      bytes,
      Uint8Array.from([...signatureField(WALLET_SIGNATURE), ...timestampField(UPSTREAM_TIMESTAMP), 0x18, 0x01]),
    );
    assert.deepEqual([...bytes.subarray(0, 3)], [0x0a, 0x84, 0x01]); // 132 characters
  });

  it('round-trips a real 65-byte signature through decodeConsentProof', () => {
    assert.deepEqual(decodeConsentProof(encodeConsentProof(WALLET_SIGNATURE, UPSTREAM_TIMESTAMP)), {
      signature: WALLET_SIGNATURE,
      timestamp: UPSTREAM_TIMESTAMP,
      payloadVersion: 1,
    });
  });

  it('carries the signature exactly as given, uppercase hex included', () => {
    const signature = `0x${WALLET_SIGNATURE.slice(2).toUpperCase()}`;
    assert.equal(decodeConsentProof(encodeConsentProof(signature, 1)).signature, signature);
  });

  it('round-trips the smallest and largest timestamps', () => {
    for (const ms of [1, LAST_MS_OF_9999]) {
      assert.equal(decodeConsentProof(encodeConsentProof(UPSTREAM_SIGNATURE, ms)).timestamp, ms);
    }
  });

  const badSignatures: Array<[string, unknown]> = [
    ['hex without 0x', WALLET_SIGNATURE.slice(2)],
    ['an odd number of hex digits', WALLET_SIGNATURE.slice(0, -1)],
    ['a non-hex digit', `${WALLET_SIGNATURE.slice(0, -1)}z`],
    ['a bare 0x', '0x'],
    ['an uppercase 0X prefix', `0X${WALLET_SIGNATURE.slice(2)}`],
    ['trailing whitespace', `${WALLET_SIGNATURE} `],
    ['undefined', undefined],
    ['bytes instead of a string', Uint8Array.from([1, 2, 3])],
  ];
  for (const [label, input] of badSignatures) {
    it(`rejects a signature given as ${label}`, () => {
      assertTypeError(
        () => encodeConsentProof(input as string, UPSTREAM_TIMESTAMP),
        /^signature must be 0x-prefixed hex bytes, got /,
      );
    });
  }

  for (const [label, input] of [
    ['timestamp 0', 0],
    ['a negative timestamp', -1],
    ['a fractional timestamp', 1.5],
    ['NaN', Number.NaN],
    ['a timestamp past year 9999', LAST_MS_OF_9999 + 1],
  ] as Array<[string, number]>) {
    it(`rejects ${label}`, () => {
      assertTypeError(() => encodeConsentProof(UPSTREAM_SIGNATURE, input), /^timestampMs must be whole milliseconds from 1 /);
    });
  }
});

describe('decodeConsentProof', () => {
  const UPSTREAM_DECODED = { signature: UPSTREAM_SIGNATURE, timestamp: UPSTREAM_TIMESTAMP, payloadVersion: 1 };

  it('decodes XMTP\'s own payload bytes', () => {
    assert.deepEqual(decode(UPSTREAM_PAYLOAD), UPSTREAM_DECODED);
  });

  it('accepts a Node Buffer (a Uint8Array subclass)', () => {
    assert.deepEqual(decodeConsentProof(Buffer.from(UPSTREAM_PAYLOAD)), UPSTREAM_DECODED);
  });

  it('reads fields in any order', () => {
    const fields = [signatureField(UPSTREAM_SIGNATURE), timestampField(UPSTREAM_TIMESTAMP), versionField(1)];
    for (const order of [[2, 1, 0], [1, 0, 2], [0, 2, 1], [2, 0, 1]]) {
      assert.deepEqual(decode(order.flatMap((index) => fields[index]!)), UPSTREAM_DECODED);
    }
  });

  it('keeps the last value when a field repeats', () => {
    assert.deepEqual(decode([...timestampField(5), ...UPSTREAM_PAYLOAD, ...versionField(2)]), {
      ...UPSTREAM_DECODED,
      payloadVersion: 2,
    });
  });

  const unknownFields: Array<[string, number[]]> = [
    ['wire type 0 (varint)', [(4 << 3) | 0, ...varint(300)]],
    ['wire type 0 with a 10-byte varint', [(4 << 3) | 0, ...varint(2n ** 64n - 1n)]],
    ['wire type 1 (fixed64)', [(5 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['wire type 2 (length-delimited)', [(6 << 3) | 2, 3, 0xff, 0xfe, 0xfd]],
    ['wire type 2, empty', [(6 << 3) | 2, 0]],
    ['wire type 5 (fixed32)', [(7 << 3) | 5, 1, 2, 3, 4]],
    ['a large field number', [...varint((1000 << 3) | 0), 1]],
  ];
  for (const [label, field] of unknownFields) {
    it(`skips an unknown field of ${label}, wherever it stands`, () => {
      const known = [signatureField(UPSTREAM_SIGNATURE), timestampField(UPSTREAM_TIMESTAMP), versionField(1)];
      for (let at = 0; at <= known.length; at++) {
        const parts = [...known.slice(0, at), field, ...known.slice(at)];
        assert.deepEqual(decode(parts.flat()), UPSTREAM_DECODED, `unknown field at position ${at}`);
      }
    });
  }

  it('reads a missing field 3 as payloadVersion 0', () => {
    assert.deepEqual(decode(UPSTREAM_PAYLOAD.slice(0, -2)), { ...UPSTREAM_DECODED, payloadVersion: 0 });
  });

  it("reads missing fields as '' and 0", () => {
    assert.deepEqual(decode([]), { signature: '', timestamp: 0, payloadVersion: 0 });
    assert.deepEqual(decode(timestampField(7)), { signature: '', timestamp: 7, payloadVersion: 0 });
    assert.deepEqual(decode(signatureField('0xab')), { signature: '0xab', timestamp: 0, payloadVersion: 0 });
  });

  it('decodes a prefix cut at a field boundary with defaults, and throws a TypeError at any other cut', () => {
    // UPSTREAM_PAYLOAD: field 1 is bytes 0..19, field 2 is bytes 20..26, field 3 is bytes 27..28.
    const boundaries = new Map<number, object>([
      [0, { signature: '', timestamp: 0, payloadVersion: 0 }],
      [20, { signature: UPSTREAM_SIGNATURE, timestamp: 0, payloadVersion: 0 }],
      [27, { signature: UPSTREAM_SIGNATURE, timestamp: UPSTREAM_TIMESTAMP, payloadVersion: 0 }],
    ]);
    assert.equal(signatureField(UPSTREAM_SIGNATURE).length, 20);
    assert.equal(timestampField(UPSTREAM_TIMESTAMP).length, 7);
    for (let cut = 0; cut < UPSTREAM_PAYLOAD.length; cut++) {
      const prefix = UPSTREAM_PAYLOAD.slice(0, cut);
      const expected = boundaries.get(cut);
      if (expected) {
        assert.deepEqual(decode(prefix), expected, `cut at ${cut}`);
      } else {
        assertTypeError(() => decode(prefix), /^consent proof is not a valid ConsentProofPayload: /);
      }
    }
  });

  it('throws on a truncated unknown field', () => {
    assertTypeError(() => decode([...UPSTREAM_PAYLOAD, (5 << 3) | 1, 1, 2, 3]), /truncated/);
    assertTypeError(() => decode([...UPSTREAM_PAYLOAD, (7 << 3) | 5, 1, 2, 3]), /truncated/);
    assertTypeError(() => decode([...UPSTREAM_PAYLOAD, (6 << 3) | 2, 5, 1, 2]), /truncated/);
  });

  it('decodes a timestamp of 2^53 - 1 and throws on 2^53 and above', () => {
    assert.equal(decode(timestampField(2 ** 53 - 1)).timestamp, Number.MAX_SAFE_INTEGER);
    assertTypeError(() => decode(timestampField(2n ** 53n)), /2\^53 - 1/);
    assertTypeError(() => decode(timestampField(2n ** 53n + 1n)), /2\^53 - 1/);
    assertTypeError(() => decode(timestampField(2n ** 64n - 1n)), /2\^53 - 1/);
  });

  it('throws on a varint longer than 10 bytes', () => {
    assertTypeError(() => decode([0x10, ...Array(10).fill(0x80), 0x00]), /longer than 10 bytes/);
  });

  const wrongWireTypes: Array<[string, number[]]> = [
    ['field 1 (signature) as a varint', [(1 << 3) | 0, 1]],
    ['field 1 (signature) as fixed32', [(1 << 3) | 5, 1, 2, 3, 4]],
    ['field 2 (timestamp) as length-delimited', [(2 << 3) | 2, 1, 0]],
    ['field 2 (timestamp) as fixed64', [(2 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['field 3 (payload_version) as fixed32', [(3 << 3) | 5, 1, 0, 0, 0]],
  ];
  for (const [label, field] of wrongWireTypes) {
    it(`throws on ${label}`, () => {
      assertTypeError(() => decode([...UPSTREAM_PAYLOAD, ...field]), /has wire type \d, expected \d/);
    });
  }

  for (const wireType of [3, 4]) {
    it(`throws on group wire type ${wireType}`, () => {
      assertTypeError(() => decode([...UPSTREAM_PAYLOAD, (4 << 3) | wireType]), new RegExp(`unsupported wire type ${wireType}`));
    });
  }

  for (const wireType of [6, 7]) {
    it(`throws on the undefined wire type ${wireType}`, () => {
      assertTypeError(() => decode([(4 << 3) | wireType, 0]), new RegExp(`unsupported wire type ${wireType}`));
    });
  }

  it('throws on field number 0', () => {
    assertTypeError(() => decode([0x00, 0x00]), /field number 0/);
  });

  it('throws on a signature that is not valid UTF-8', () => {
    assertTypeError(() => decode([0x0a, 0x01, 0xff]), /^consent proof is not a valid ConsentProofPayload: /);
  });

  it('throws on input that is not a Uint8Array', () => {
    assertTypeError(() => decodeConsentProof(UPSTREAM_PAYLOAD as unknown as Uint8Array), /must be a Uint8Array/);
    assertTypeError(() => decodeConsentProof(bytesToBase64(Uint8Array.from(UPSTREAM_PAYLOAD)) as unknown as Uint8Array), /must be a Uint8Array/);
  });
});

describe('base64', () => {
  it('encodes exactly as Node does, and decodes back, for every length of padding', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let length = 0; length <= all.length; length += length < 8 ? 1 : 31) {
      const bytes = all.subarray(256 - length);
      const text = bytesToBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(base64ToBytes(text), Uint8Array.from(bytes));
    }
  });

  it('round-trips a consent proof', () => {
    const payload = encodeConsentProof(WALLET_SIGNATURE, UPSTREAM_TIMESTAMP);
    assert.deepEqual(decodeConsentProof(base64ToBytes(bytesToBase64(payload))), {
      signature: WALLET_SIGNATURE,
      timestamp: UPSTREAM_TIMESTAMP,
      payloadVersion: 1,
    });
  });

  it('accepts input without padding', () => {
    assert.deepEqual(base64ToBytes('YQ'), Uint8Array.from([0x61]));
    assert.deepEqual(base64ToBytes('YQ=='), Uint8Array.from([0x61]));
    assert.deepEqual(base64ToBytes('YWI'), Uint8Array.from([0x61, 0x62]));
    assert.deepEqual(base64ToBytes('YWI='), Uint8Array.from([0x61, 0x62]));
    const unpadded = bytesToBase64(Uint8Array.from(UPSTREAM_PAYLOAD)).replace(/=+$/, '');
    assert.deepEqual(base64ToBytes(unpadded), Uint8Array.from(UPSTREAM_PAYLOAD));
  });

  it('rejects the URL-safe alphabet', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf]);
    assert.equal(bytesToBase64(bytes), '+/+/');
    assert.deepEqual(base64ToBytes('+/+/'), bytes);
    assertTypeError(() => base64ToBytes(Buffer.from(bytes).toString('base64url')), /not standard base64/);
    assertTypeError(() => base64ToBytes('-_-_'), /not standard base64/);
  });

  const garbage: Array<[string, string]> = [
    ['a character outside the alphabet', 'YW!i'],
    ['embedded whitespace', 'YW Jj'],
    ['a trailing newline', 'YWJj\n'],
    ['a length of 4n + 1', 'YWJjZ'],
    ['padding alone', '===='],
    ['three padding characters', 'YQ==='],
    ['padding in the middle', 'YQ==YQ=='],
  ];
  for (const [label, text] of garbage) {
    it(`rejects ${label}`, () => {
      assertTypeError(() => base64ToBytes(text), /base64/);
    });
  }

  it('rejects padding that does not fit the length', () => {
    assertTypeError(() => base64ToBytes('YQ='), /padding does not match/);
    assertTypeError(() => base64ToBytes('YWI=='), /base64/);
  });
});
