// The server's cache of EIP-55 checksums (src/server/checksum-cache.ts): the answer checksumAddress
// gives for every spelling, a wrong checksum refused every time even once the right spelling is
// remembered, and never more spellings than its bound, whatever a flood of new addresses brings.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { checksumAddress } from '../../src/core/index.js';
import { checksumCache } from '../../src/server/checksum-cache.js';
import { createConsentHandler, memoryStore } from '../../src/server/index.js';
import { NOW, account, consentBody, publisher } from './server-fixtures.js';

const reader = account(7).address;
const spellings = [reader, reader.toLowerCase(), `0x${reader.slice(2).toUpperCase()}`];
/** The reader's address with the case of its first letter flipped: a wrong checksum. */
const flipCase = (letter: string) => (letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase());
const misspelled = reader.replace(/[a-f]/i, flipCase);

/** What `checksum` throws (or returns) for `value`, to compare with checksumAddress. */
function outcome(checksum: (value: string, what: string) => string, value: string): string {
  try {
    return checksum(value, 'subscriber');
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('the checksum cache', () => {
  it('answers every spelling as checksumAddress does, the first time and when remembered', () => {
    const cache = checksumCache();
    for (let round = 0; round < 2; round++) {
      for (const spelling of spellings) assert.equal(cache.checksum(spelling, 'subscriber'), reader);
    }
    assert.equal(cache.size, spellings.length);
  });

  it('refuses a wrong checksum as checksumAddress does, every time, the right spelling remembered or not', () => {
    const cache = checksumCache();
    assert.notEqual(misspelled, reader);
    const expected = outcome(checksumAddress, misspelled);
    assert.match(expected, /^TypeError: subscriber has a wrong EIP-55 checksum/);
    assert.equal(outcome(cache.checksum, misspelled), expected);
    cache.checksum(reader, 'subscriber');
    for (let round = 0; round < 2; round++) assert.equal(outcome(cache.checksum, misspelled), expected);
    for (const junk of ['0x12', 'alice.eth', 42]) {
      assert.throws(() => cache.checksum(junk, 'subscriber'), TypeError);
    }
    assert.equal(cache.size, 1, 'only the spelling that checksummed is remembered');
  });

  it('never holds more than its capacity, through a flood of distinct addresses', () => {
    const capacity = 64;
    const cache = checksumCache(capacity);
    for (let i = 0; i < 5000; i++) {
      const address = `0x${randomBytes(20).toString('hex')}`;
      assert.equal(cache.checksum(address, 'subscriber'), checksumAddress(address));
      assert.ok(cache.size <= capacity);
    }
    assert.equal(cache.size, capacity);
    // What was pushed out is computed again, with the same answer.
    for (const spelling of spellings) assert.equal(cache.checksum(spelling, 'subscriber'), reader);
  });
});

describe('the handler, with its addresses through the cache', () => {
  const handler = createConsentHandler({
    publishers: [publisher.address],
    store: memoryStore(),
    rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
    log: false,
    now: () => NOW,
  });
  after(() => handler.close());
  const post = async (body: Record<string, unknown>) => {
    const request = new Request('http://127.0.0.1/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const response = await handler(request);
    return { status: response.status, body: await response.json() };
  };

  it('takes every spelling of a reader and of its publisher, and answers with the checksummed ones', async () => {
    const body = await consentBody(account(7));
    const publisherSpellings = [publisher.address, publisher.address.toLowerCase()];
    for (const [i, subscriber] of spellings.entries()) {
      const answer = await post({ ...body, subscriber, publisher: publisherSpellings[i % 2] });
      assert.equal(answer.status, i === 0 ? 201 : 200, JSON.stringify(answer.body));
      assert.equal(answer.body.subscriber, reader);
      assert.equal(answer.body.publisher, publisher.address);
    }
  });

  it('refuses a wrong checksum with 400 invalid_address after the right spelling was served', async () => {
    const body = await consentBody(account(7));
    assert.equal((await post(body)).status, 200);
    const misspelledPublisher = publisher.address.replace(/[a-f]/, (letter) => letter.toUpperCase());
    assert.notEqual(misspelledPublisher, publisher.address);
    for (const fields of [{ subscriber: misspelled }, { publisher: misspelledPublisher }]) {
      const answer = await post({ ...body, ...fields });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'invalid_address');
      assert.match(answer.body.error.message, /has a wrong EIP-55 checksum/);
    }
  });
});
