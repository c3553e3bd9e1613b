// The allowed-contacts endpoint's HTTP contract (DESIGN.md), row by row and in its precedence
// order, through the real handler on a real SQLite file with real signatures: consent proofs,
// withdrawals and the state rule between them, canonical storage, receipts and the private status
// GET; then its hardening: per-subscriber rate limits, request timeouts, the request log, hostile bodies.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import type { PrivateKeyAccount } from 'viem/accounts';
import {
  bytesToBase64,
  decodeConsentProof,
  encodeConsentProof,
  verifyConsentProof,
  verifyUnsubscribe,
} from '../../src/core/index.js';
import { receiptHash } from '../../src/server/receipts.js';
import {
  RECEIPTS_KEPT,
  createConsentHandler,
  nodeListener,
  nodeServerOptions,
  sqliteStore,
  type ConsentHandlerOptions,
  type ConsentStore,
  type RequestLogEntry,
} from '../../src/server/index.js';
import {
  account,
  consentBody,
  DAY_MS,
  NOW,
  publisher,
  rawPayload,
  signedProof,
  signedWithdrawal,
  strangerPublisher,
  tempDir,
  withdrawalBody,
} from './server-fixtures.js';
import { highSTwin, vOf, withV } from './signature-edits.js';

const ENDPOINT = 'http://127.0.0.1/consent';
/** 16 random bytes in base64url. */
const RECEIPT = /^[A-Za-z0-9_-]{22}$/;
const ALLOWED_ORIGIN = 'https://news.example';
const OTHER_ORIGIN = 'https://elsewhere.example';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: ConsentStore;

before(async () => {
  dir = await tempDir();
  store = await sqliteStore(join(dir.path, 'consent.db'));
});

after(async () => {
  await store.close();
  await dir.remove();
});

/** A handler on the shared store at the fixed clock; rate limits and the log off unless a test sets them. */
function handler(options: Partial<ConsentHandlerOptions> = {}) {
  return createConsentHandler({
    publishers: [publisher.address],
    store,
    now: () => NOW,
    rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
    log: false,
    ...options,
  });
}

// Each test signs with readers of its own, so what one test stores never shows in another.
let readerCount = 100;
const newReader = () => account(readerCount++);

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(query: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${ENDPOINT}?${new URLSearchParams(query)}`, { headers });
}

async function assertJson(response: Response, status: number): Promise<any> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return response.json();
}

async function assertError(response: Response, status: number, code: string): Promise<string> {
  const body = await assertJson(response, status);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.doesNotMatch(body.error.message, /\n\s+at /, 'no stack trace');
  return body.error.message;
}

async function assertNotStored(reader: PrivateKeyAccount): Promise<void> {
  assert.equal(await store.get(publisher.address, reader.address), undefined);
}

describe('POST: newly allowed and already on the list', () => {
  it('answers 201 with the checksummed record and keeps the proof as received', async () => {
    const reader = newReader();
    const { proof, signature, consentProof } = await signedProof(reader, publisher.address, NOW);
    const request = post({
      publisher: publisher.address.toLowerCase(),
      subscriber: reader.address.toLowerCase(),
      consentProof,
    });
    const body = await assertJson(await handler()(request), 201);
    assert.deepEqual(body, {
      status: 'allowed',
      publisher: publisher.address,
      subscriber: reader.address,
      consentedAt: NOW,
      created: true,
      receipt: body.receipt,
    });
    assert.match(body.receipt, RECEIPT);
    assert.deepEqual(await store.get(publisher.address, reader.address), {
      publisher: publisher.address,
      subscriber: reader.address,
      state: 'allowed',
      consent: { timestampMs: NOW, signature, proof, signerKind: 'eoa', receivedAt: NOW },
      receiptHashes: [await receiptHash(body.receipt)],
    });
  });

  it('answers 200 created:false with a new receipt for the same proof again', async () => {
    const body = await consentBody(newReader());
    const first = await assertJson(await handler()(post(body)), 201);
    const again = await assertJson(await handler()(post(body)), 200);
    assert.deepEqual(again, { ...first, created: false, receipt: again.receipt });
    assert.match(again.receipt, RECEIPT);
    assert.notEqual(again.receipt, first.receipt);
  });

  it('replaces an older proof with a newer one, and keeps the newer one against an older', async () => {
    const reader = newReader();
    const [older, newer] = [NOW - DAY_MS, NOW - 1000];
    await assertJson(await handler()(post(await consentBody(reader, { timestampMs: older }))), 201);

    const replaced = await assertJson(await handler()(post(await consentBody(reader, { timestampMs: newer }))), 200);
    assert.deepEqual([replaced.consentedAt, replaced.created], [newer, false]);
    assert.equal((await store.get(publisher.address, reader.address))?.consent?.timestampMs, newer);

    const kept = await assertJson(await handler()(post(await consentBody(reader, { timestampMs: older }))), 200);
    assert.deepEqual([kept.consentedAt, kept.created], [newer, false]);
    assert.equal((await store.get(publisher.address, reader.address))?.consent?.timestampMs, newer);
  });

  it('accepts the reference button field names broadcastAddress and address', async () => {
    const reader = newReader();
    const { consentProof } = await signedProof(reader, publisher.address, NOW);
    const body = await assertJson(
      await handler()(post({ broadcastAddress: publisher.address, address: reader.address, consentProof })),
      201,
    );
    assert.equal(body.subscriber, reader.address);
  });

  it('accepts publisher and broadcastAddress together when they name the same address', async () => {
    const reader = newReader();
    const body = { ...(await consentBody(reader)), broadcastAddress: publisher.address.toLowerCase() };
    await assertJson(await handler()(post(body)), 201);
  });

  it('accepts base64 without its padding, and stores the proof without the unknown field it carried', async () => {
    const reader = newReader();
    const { proof } = await signedProof(reader, publisher.address, NOW);
    // An unknown field 4 makes the payload 146 bytes, whose base64 ends in one '='.
    const received = Uint8Array.from([...proof, 0x20, 0x07]);
    const padded = bytesToBase64(received);
    assert.ok(padded.endsWith('='));
    const request = post({ publisher: publisher.address, subscriber: reader.address, consentProof: padded.replace(/=+$/, '') });
    await assertJson(await handler()(request), 201);
    assert.deepEqual((await store.get(publisher.address, reader.address))?.consent?.proof, proof);
  });

  for (const contentType of ['application/json; charset=utf-8', 'Application/JSON;Charset=UTF-8']) {
    it(`accepts Content-Type '${contentType}'`, async () => {
      await assertJson(await handler()(post(await consentBody(newReader()), { 'content-type': contentType })), 201);
    });
  }

  it('accepts a proof exactly 30 days old and one 5 minutes ahead (the default allowance)', async () => {
    await assertJson(await handler()(post(await consentBody(newReader(), { timestampMs: NOW - 30 * DAY_MS }))), 201);
    await assertJson(await handler()(post(await consentBody(newReader(), { timestampMs: NOW + 5 * 60_000 }))), 201);
  });

  it('accepts a body of exactly 16 KiB', async () => {
    const reader = newReader();
    const json = JSON.stringify(await consentBody(reader));
    await assertJson(await handler()(post(json.padEnd(16 * 1024, ' '))), 201);
  });
});

describe('POST: refused requests store nothing', () => {
  const badRequests: [string, (reader: PrivateKeyAccount) => Promise<string | Record<string, unknown>>][] = [
    ['malformed JSON', async () => '{"publisher": '],
    ['a JSON array', async () => '[]'],
    ['JSON null', async () => 'null'],
    ['missing publisher', async (reader) => ({ ...(await consentBody(reader)), publisher: undefined })],
    ['missing subscriber', async (reader) => ({ ...(await consentBody(reader)), subscriber: undefined })],
    ['missing consentProof', async (reader) => ({ ...(await consentBody(reader)), consentProof: undefined })],
    ['a number as subscriber', async (reader) => ({ ...(await consentBody(reader)), subscriber: 42 })],
    ['consentProof that is not base64', async (reader) => ({ ...(await consentBody(reader)), consentProof: 'not base64!' })],
    [
      'consentProof that is not a ConsentProofPayload',
      async (reader) => ({ ...(await consentBody(reader)), consentProof: bytesToBase64(Uint8Array.from([0x0a, 0x50, 0x30])) }),
    ],
    [
      'a proof without a signature',
      async (reader) => ({ ...(await consentBody(reader)), consentProof: bytesToBase64(rawPayload({ timestamp: NOW })) }),
    ],
    [
      'a proof with timestamp 0',
      async (reader) => {
        const { signature } = await signedProof(reader, publisher.address, NOW);
        return { ...(await consentBody(reader)), consentProof: bytesToBase64(rawPayload({ signature })) };
      },
    ],
    [
      'publisher and broadcastAddress that differ',
      async (reader) => ({ ...(await consentBody(reader)), broadcastAddress: strangerPublisher.address }),
    ],
  ];
  for (const [name, build] of badRequests) {
    it(`400 bad_request: ${name}`, async () => {
      const reader = newReader();
      await assertError(await handler()(post(await build(reader))), 400, 'bad_request');
      await assertNotStored(reader);
    });
  }

  const badAddresses: [string, Record<string, string>][] = [
    ['a short publisher', { publisher: '0x12' }],
    ['a subscriber that is not hex', { subscriber: 'alice.eth' }],
    ['a mixed-case subscriber with a wrong checksum', { subscriber: '0xAbCdEf0123456789abcdef0123456789ABCDEF01' }],
  ];
  for (const [name, fields] of badAddresses) {
    it(`400 invalid_address: ${name}`, async () => {
      const reader = newReader();
      const message = await assertError(await handler()(post({ ...(await consentBody(reader)), ...fields })), 400, 'invalid_address');
      assert.match(message, /^(publisher|subscriber) /);
      await assertNotStored(reader);
    });
  }

  it('403 unknown_publisher for a publisher not served here', async () => {
    const reader = newReader();
    const body = await consentBody(reader, { publisherAddress: strangerPublisher.address });
    await assertError(await handler()(post(body)), 403, 'unknown_publisher');
    assert.equal(await store.get(strangerPublisher.address, reader.address), undefined);
  });

  it('403 origin_not_allowed for a page from another origin', async () => {
    const reader = newReader();
    const request = post(await consentBody(reader), { origin: OTHER_ORIGIN });
    const response = await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(request);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await assertError(response, 403, 'origin_not_allowed');
    await assertNotStored(reader);
  });

  it('422 stale_proof for a proof older than 30 days', async () => {
    const reader = newReader();
    const body = await consentBody(reader, { timestampMs: NOW - 30 * DAY_MS - 1000 });
    await assertError(await handler()(post(body)), 422, 'stale_proof');
    await assertNotStored(reader);
  });

  it('422 future_proof beyond the allowance, which maxFutureMs sets', async () => {
    const reader = newReader();
    const body = await consentBody(reader, { timestampMs: NOW + 6 * 60_000 });
    await assertError(await handler()(post(body)), 422, 'future_proof');
    await assertError(await handler({ maxFutureMs: 0 })(post(await consentBody(reader, { timestampMs: NOW + 1000 }))), 422, 'future_proof');
    await assertNotStored(reader);
  });

  it('honours maxAgeMs', async () => {
    const reader = newReader();
    const body = await consentBody(reader, { timestampMs: NOW - 2 * 60_000 });
    await assertError(await handler({ maxAgeMs: 60_000 })(post(body)), 422, 'stale_proof');
    await assertNotStored(reader);
  });

  it('403 invalid_signature for a proof signed by someone else', async () => {
    const [reader, impostor] = [newReader(), newReader()];
    const { consentProof } = await signedProof(impostor, publisher.address, NOW);
    const request = post({ publisher: publisher.address, subscriber: reader.address, consentProof });
    await assertError(await handler()(request), 403, 'invalid_signature');
    await assertNotStored(reader);
  });

  it('403 invalid_signature for a proof over another second', async () => {
    const reader = newReader();
    const { signature } = await signedProof(reader, publisher.address, NOW - 1000);
    const consentProof = bytesToBase64(rawPayload({ signature, timestamp: NOW }));
    const request = post({ publisher: publisher.address, subscriber: reader.address, consentProof });
    await assertError(await handler()(request), 403, 'invalid_signature');
    await assertNotStored(reader);
  });

  const malformedSignatures: [string, (signature: string) => string][] = [
    ['not 0x-hex', () => 'not a signature'],
    ['64 bytes', (signature) => signature.slice(0, -2)],
    ['v = 29', (signature) => `${signature.slice(0, -2)}1d`],
  ];
  for (const [name, malform] of malformedSignatures) {
    it(`403 invalid_signature for a signature ${name}`, async () => {
      const reader = newReader();
      const { signature } = await signedProof(reader, publisher.address, NOW);
      const consentProof = bytesToBase64(rawPayload({ signature: malform(signature), timestamp: NOW }));
      const request = post({ publisher: publisher.address, subscriber: reader.address, consentProof });
      await assertError(await handler()(request), 403, 'invalid_signature');
      await assertNotStored(reader);
    });
  }

  it('413 payload_too_large from Content-Length alone, before reading the body', async () => {
    const reader = newReader();
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '16385' },
      body: JSON.stringify(await consentBody(reader)),
    });
    await assertError(await handler()(request), 413, 'payload_too_large');
    assert.equal(request.bodyUsed, false);
    await assertNotStored(reader);
  });

  it('413 payload_too_large for a streamed body without Content-Length, read only to the limit', async () => {
    let chunksPulled = 0;
    const chunk = new Uint8Array(4096).fill(0x20);
    const endless = new ReadableStream({
      pull(controller) {
        chunksPulled++;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await assertError(await handler()(request), 413, 'payload_too_large');
    assert.ok(chunksPulled <= 16 * 1024 / chunk.length + 2, `pulled ${chunksPulled} chunks`);
  });

  it('413 payload_too_large for a JSON body one byte over 16 KiB', async () => {
    const reader = newReader();
    const json = JSON.stringify(await consentBody(reader));
    await assertError(await handler()(post(json.padEnd(16 * 1024 + 1, ' '))), 413, 'payload_too_large');
    await assertNotStored(reader);
  });

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', undefined]) {
    it(`415 unsupported_media_type for ${contentType ?? 'no Content-Type'}`, async () => {
      const reader = newReader();
      const bytes = new TextEncoder().encode(JSON.stringify(await consentBody(reader)));
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const request = new Request(ENDPOINT, { method: 'POST', headers, body: bytes });
      await assertError(await handler()(request), 415, 'unsupported_media_type');
      await assertNotStored(reader);
    });
  }

  it('500 internal_error when the store fails, logged without the signature', async () => {
    const reader = newReader();
    const failing: ConsentStore = {
      ...store,
      apply: async (record) => {
        throw new Error(`disk I/O error while writing ${record.signature}`);
      },
    };
    const logged = mock.method(console, 'error', () => {});
    try {
      const body = await consentBody(reader);
      const message = await assertError(await handler({ store: failing })(post(body)), 500, 'internal_error');
      assert.doesNotMatch(message, /disk|I\/O/);
      assert.equal(logged.mock.callCount(), 1);
      const log = logged.mock.calls[0]!.arguments.join(' ');
      assert.match(log, /disk I\/O error/);
      const { signature } = await signedProof(reader, publisher.address, NOW);
      assert.ok(!log.includes(signature.slice(2)), 'the signature is not logged');
    } finally {
      logged.mock.restore();
    }
    await assertNotStored(reader);
  });
});

describe('POST unsubscribe: leaving the list', () => {
  /** The reader's stored record. */
  const stored = (reader: PrivateKeyAccount) => store.get(publisher.address, reader.address);

  it('answers 200 unsubscribed with changedAt and a receipt for the newest withdrawal, and keeps the consent it withdraws', async () => {
    const reader = newReader();
    await handler()(post(await consentBody(reader, { timestampMs: NOW - 1000 })));
    const consent = (await stored(reader))!.consent;
    const body = await withdrawalBody(reader);
    const answer = await assertJson(await handler()(post(body)), 200);
    assert.deepEqual(answer, {
      status: 'unsubscribed',
      publisher: publisher.address,
      subscriber: reader.address,
      changedAt: NOW,
      receipt: answer.receipt,
    });
    assert.match(answer.receipt, RECEIPT);
    const record = await stored(reader);
    assert.deepEqual({ ...record, receiptHashes: [] }, {
      publisher: publisher.address,
      subscriber: reader.address,
      state: 'unsubscribed',
      consent,
      withdrawal: { timestampMs: NOW, signature: body.unsubscribe.signature, signerKind: 'eoa', receivedAt: NOW },
      receiptHashes: [],
    });
    assert.equal(record?.receiptHashes[0], await receiptHash(answer.receipt));
  });

  it('keeps a withdrawal from a reader never on the list, so their older proof replayed later changes nothing', async () => {
    const reader = newReader();
    const left = await assertJson(await handler()(post(await withdrawalBody(reader))), 200);
    assert.deepEqual(Object.keys(left), ['status', 'publisher', 'subscriber', 'changedAt', 'receipt']);
    assert.equal(left.status, 'unsubscribed');
    const replayed = await assertJson(await handler()(post(await consentBody(reader, { timestampMs: NOW - DAY_MS }))), 200);
    assert.deepEqual(replayed, { ...left, created: false, receipt: replayed.receipt });
    assert.equal((await stored(reader))?.consent, undefined, 'the replayed proof was not kept');
    const status = await handler()(get({ publisher: publisher.address, subscriber: reader.address, receipt: replayed.receipt }));
    assert.deepEqual(await assertJson(status, 200), { status: 'unsubscribed', changedAt: NOW });
  });

  it('lets a withdrawal win a tie in the same second, and refuses a consent that ties with a withdrawal', async () => {
    const reader = newReader();
    await handler()(post(await consentBody(reader)));
    // Signed at NOW + 400 ms: the text says NOW's second, and the stored time is that whole second.
    const left = await assertJson(await handler()(post(await withdrawalBody(reader, { timestampMs: NOW + 400 }))), 200);
    assert.deepEqual([left.status, left.changedAt], ['unsubscribed', NOW]);
    const clock = { now: NOW + 5000 };
    const tie = await assertJson(await handler({ now: () => clock.now })(post(await consentBody(reader, { timestampMs: NOW + 999 }))), 200);
    assert.deepEqual([tie.status, tie.changedAt, tie.created], ['unsubscribed', NOW, false]);
    assert.equal((await stored(reader))?.consent?.timestampMs, NOW, 'the tying consent was not kept');
  });

  it('puts a reader back with a newer consent (200 allowed, created false), keeping the withdrawal as evidence', async () => {
    const reader = newReader();
    await handler()(post(await withdrawalBody(reader, { timestampMs: NOW - 1000 })));
    const back = await assertJson(await handler()(post(await consentBody(reader))), 200);
    assert.deepEqual(back, {
      status: 'allowed',
      publisher: publisher.address,
      subscriber: reader.address,
      consentedAt: NOW,
      created: false,
      receipt: back.receipt,
    });
    const record = await stored(reader);
    assert.deepEqual([record?.state, record?.withdrawal?.timestampMs], ['allowed', NOW - 1000]);
  });

  it('answers a withdrawal older than the consent with the current state, and changes nothing', async () => {
    const reader = newReader();
    await handler()(post(await consentBody(reader)));
    const before = await stored(reader);
    const answer = await assertJson(await handler()(post(await withdrawalBody(reader, { timestampMs: NOW - 1000 }))), 200);
    assert.deepEqual(answer, {
      status: 'allowed',
      publisher: publisher.address,
      subscriber: reader.address,
      consentedAt: NOW,
      created: false,
      receipt: answer.receipt,
    });
    assert.deepEqual({ ...(await stored(reader)), receiptHashes: [] }, { ...before, receiptHashes: [] });
  });

  it('accepts the reference button field names broadcastAddress and address', async () => {
    const reader = newReader();
    const { unsubscribe } = await withdrawalBody(reader);
    const answer = await assertJson(await handler()(post({ broadcastAddress: publisher.address, address: reader.address, unsubscribe })), 200);
    assert.deepEqual([answer.status, answer.subscriber], ['unsubscribed', reader.address]);
  });

  const badRequests: [string, (body: Awaited<ReturnType<typeof withdrawalBody>>) => unknown][] = [
    ['a body with both consentProof and unsubscribe', (body) => ({ ...body, consentProof: 'CgA=' })],
    ['unsubscribe that is a string', (body) => ({ ...body, unsubscribe: body.unsubscribe.signature })],
    ['unsubscribe that is an array', (body) => ({ ...body, unsubscribe: [body.unsubscribe] })],
    ['unsubscribe that is null', (body) => ({ ...body, unsubscribe: null })],
    ['a missing timestampMs', (body) => ({ ...body, unsubscribe: { signature: body.unsubscribe.signature } })],
    ['timestampMs 0', (body) => ({ ...body, unsubscribe: { ...body.unsubscribe, timestampMs: 0 } })],
    ['a negative timestampMs', (body) => ({ ...body, unsubscribe: { ...body.unsubscribe, timestampMs: -NOW } })],
    ['a fractional timestampMs', (body) => ({ ...body, unsubscribe: { ...body.unsubscribe, timestampMs: NOW + 0.5 } })],
    ['a timestampMs in a string', (body) => ({ ...body, unsubscribe: { ...body.unsubscribe, timestampMs: String(NOW) } })],
    ['a missing signature', (body) => ({ ...body, unsubscribe: { timestampMs: NOW } })],
    ['an empty signature', (body) => ({ ...body, unsubscribe: { timestampMs: NOW, signature: '' } })],
    ['a signature that is a number', (body) => ({ ...body, unsubscribe: { timestampMs: NOW, signature: 42 } })],
    ['a missing subscriber', ({ subscriber: _, ...body }) => body],
    ['publisher and broadcastAddress that differ', (body) => ({ ...body, broadcastAddress: strangerPublisher.address })],
  ];
  for (const [name, build] of badRequests) {
    it(`400 bad_request: ${name}`, async () => {
      const reader = newReader();
      await assertError(await handler()(post(build(await withdrawalBody(reader)))), 400, 'bad_request');
      await assertNotStored(reader);
    });
  }

  const badSignatures: [string, (reader: PrivateKeyAccount, signature: string) => Promise<string> | string][] = [
    ['by someone else', () => signedWithdrawal(newReader(), publisher.address, NOW)],
    ['over the consent text', (reader) => signedProof(reader, publisher.address, NOW).then(({ signature }) => signature)],
    ['over another second', (reader) => signedWithdrawal(reader, publisher.address, NOW - 1000)],
    ['for another publisher', (reader) => signedWithdrawal(reader, strangerPublisher.address, NOW)],
    ['that is not hex', () => 'not a signature'],
    ['of 64 bytes', (_, signature) => signature.slice(0, -2)],
    ['with v = 29', (_, signature) => withV(signature, 29)],
  ];
  for (const [name, malform] of badSignatures) {
    it(`403 invalid_signature for a signature ${name}`, async () => {
      const reader = newReader();
      const body = await withdrawalBody(reader);
      const signature = await malform(reader, body.unsubscribe.signature);
      const message = await assertError(await handler()(post({ ...body, unsubscribe: { timestampMs: NOW, signature } })), 403, 'invalid_signature');
      assert.match(message, /over the withdrawal text for/);
      await assertNotStored(reader);
    });
  }

  it('422 stale_proof and future_proof, 403 unknown_publisher, in the consent proof’s order', async () => {
    const reader = newReader();
    const stale = await withdrawalBody(reader, { timestampMs: NOW - 30 * DAY_MS - 1000 });
    assert.match(await assertError(await handler()(post(stale)), 422, 'stale_proof'), /^the withdrawal was signed 30 days ago/);
    await assertError(await handler()(post(await withdrawalBody(reader, { timestampMs: NOW + 6 * 60_000 }))), 422, 'future_proof');
    const stranger = await withdrawalBody(reader, { publisherAddress: strangerPublisher.address, timestampMs: NOW - 60 * DAY_MS });
    await assertError(await handler()(post(stranger)), 403, 'unknown_publisher');
    const badlySigned = { ...stale, unsubscribe: { ...stale.unsubscribe, signature: '0x1234' } };
    await assertError(await handler()(post(badlySigned)), 422, 'stale_proof');
    await assertError(await handler()(post({ ...stranger, unsubscribe: { timestampMs: 0 } })), 400, 'bad_request');
    await assertNotStored(reader);
  });

  it('keeps a withdrawal’s budget apart from the consent’s: 429 for the same one after 400, before 403 signature', async () => {
    const limited = handler({ rateLimit: { perMinute: 0, perSubscriberPerMinute: 1 } });
    const [reader, impostor] = [newReader(), newReader()];
    assert.equal((await limited(post(await consentBody(reader)))).status, 201);
    const withdrawal = await withdrawalBody(reader);
    assert.equal((await limited(post(withdrawal))).status, 200, 'the other kind is another statement, with its own budget');
    assert.equal((await stored(reader))?.state, 'unsubscribed');
    await assertError(await limited(post({ ...withdrawal, unsubscribe: [] })), 400, 'bad_request');
    await assertError(await limited(post(withdrawal)), 429, 'rate_limited');
    const forgedSignature = await signedWithdrawal(impostor, publisher.address, NOW);
    const forged = { ...withdrawal, unsubscribe: { timestampMs: NOW, signature: forgedSignature } };
    await assertError(await limited(post(forged)), 429, 'rate_limited');
    // Another publisher's withdrawal is another statement: its budget is untouched, so 403 publisher.
    const stranger = await withdrawalBody(reader, { publisherAddress: strangerPublisher.address });
    await assertError(await limited(post(stranger)), 403, 'unknown_publisher');
  });
});

describe('canonical storage: every variant XMTP accepts, one stored form', () => {
  /** The variants of a proof signed at NOW that XMTP's validator accepts, as payload bytes. */
  function proofVariants(signature: string): [string, Uint8Array][] {
    const proof = encodeConsentProof(signature, NOW);
    const twin = highSTwin(signature);
    return [
      ['the wallet’s own', proof],
      ['the high-s twin', encodeConsentProof(twin, NOW)],
      ['uppercase hex', encodeConsentProof(`0x${signature.slice(2).toUpperCase()}`, NOW)],
      ['v 0/1', encodeConsentProof(withV(signature, vOf(signature) - 27), NOW)],
      ['the twin with v 0/1 in uppercase', encodeConsentProof(withV(twin, vOf(twin) - 27).toUpperCase().replace('0X', '0x'), NOW)],
      ['payload_version 2', Uint8Array.from([...proof.slice(0, -1), 2])],
      ['an unknown protobuf field', Uint8Array.from([...proof, 0x22, 3, 0x61, 0x62, 0x63])],
      ['fields in another order', Uint8Array.from([...proof.slice(-2), ...proof.slice(0, -2)])],
      ['another millisecond of the signed second', encodeConsentProof(signature, NOW + 123)],
    ];
  }

  const postProof = (reader: PrivateKeyAccount, proof: Uint8Array, now = NOW) =>
    handler({ now: () => now })(post({ publisher: publisher.address, subscriber: reader.address, consentProof: bytesToBase64(proof) }));

  it('stores the same canonical proof whichever variant arrives first, a proof XMTP’s validator accepts', async () => {
    const reader = newReader();
    const { signature, proof } = await signedProof(reader, publisher.address, NOW);
    for (const [name, variant] of proofVariants(signature)) {
      await store.forget(reader.address);
      assert.equal((await postProof(reader, variant)).status, 201, name);
      const { consent } = (await store.get(publisher.address, reader.address))!;
      assert.deepEqual(consent, { timestampMs: NOW, signature, proof, signerKind: 'eoa', receivedAt: NOW }, name);
      const payload = decodeConsentProof(consent!.proof);
      const parts = { publisher: publisher.address, subscriber: reader.address, timestampMs: payload.timestamp, signature: payload.signature };
      assert.deepEqual(await verifyConsentProof(parts, { now: NOW }), { ok: true, signer: 'eoa' }, name);
    }
  });

  it('changes nothing for a variant of the stored proof: byte-identical, receivedAt untouched', async () => {
    const reader = newReader();
    const { signature, proof } = await signedProof(reader, publisher.address, NOW);
    assert.equal((await postProof(reader, encodeConsentProof(highSTwin(signature), NOW))).status, 201);
    const first = (await store.get(publisher.address, reader.address))!;
    assert.deepEqual(first.consent?.proof, proof);
    for (const [name, variant] of proofVariants(signature)) {
      const answer = await assertJson(await postProof(reader, variant, NOW + 60_000), 200);
      assert.deepEqual([answer.status, answer.created, answer.consentedAt], ['allowed', false, NOW], name);
      const now = (await store.get(publisher.address, reader.address))!;
      assert.deepEqual(now.consent, first.consent, name);
    }
  });

  it('stores a withdrawal’s signature in canonical form and its time in whole seconds; a variant changes nothing', async () => {
    const reader = newReader();
    const body = await withdrawalBody(reader, { timestampMs: NOW + 250 });
    const signature = body.unsubscribe.signature;
    const twin = highSTwin(signature);
    const first = await assertJson(await handler()(post({ ...body, unsubscribe: { timestampMs: NOW + 250, signature: twin.toUpperCase().replace('0X', '0x') } })), 200);
    assert.equal(first.changedAt, NOW);
    const kept = (await store.get(publisher.address, reader.address))!.withdrawal;
    assert.deepEqual(kept, { timestampMs: NOW, signature, signerKind: 'eoa', receivedAt: NOW });
    const signed = { publisher: publisher.address, subscriber: reader.address, ...kept! };
    assert.deepEqual(await verifyUnsubscribe(signed, { now: NOW }), { ok: true, signer: 'eoa' });
    for (const variant of [signature, twin, withV(signature, vOf(signature) - 27), withV(twin, vOf(twin) - 27)]) {
      for (const timestampMs of [NOW, NOW + 999]) {
        const answer = await assertJson(await handler({ now: () => NOW + 60_000 })(post({ ...body, unsubscribe: { timestampMs, signature: variant } })), 200);
        assert.deepEqual([answer.status, answer.created], ['unsubscribed', false]);
        assert.deepEqual((await store.get(publisher.address, reader.address))!.withdrawal, kept);
      }
    }
  });
});

describe('receipts: the status GET answers only the reader', () => {
  const status = (reader: PrivateKeyAccount, receipt?: string, options: Partial<ConsentHandlerOptions> = {}) =>
    handler(options)(get({ publisher: publisher.address, subscriber: reader.address, ...(receipt === undefined ? {} : { receipt }) }, { origin: ALLOWED_ORIGIN }));

  /** Everything a client can observe of an answer. */
  async function observed(response: Response) {
    return { status: response.status, headers: [...response.headers], body: await response.text() };
  }

  it('answers without a receipt, with a wrong one or another pair’s exactly as for a stranger', async () => {
    const [member, other, stranger] = [newReader(), newReader(), newReader()];
    const { receipt } = await (await handler()(post(await consentBody(member)))).json();
    const { receipt: othersReceipt } = await (await handler()(post(await withdrawalBody(other)))).json();
    const options = { allowedOrigins: [ALLOWED_ORIGIN] };
    const strangers = await observed(await status(stranger, undefined, options));
    assert.deepEqual(JSON.parse(strangers.body), { status: 'unknown' });
    assert.equal(strangers.status, 200);
    for (const [why, asked] of [
      ['no receipt', undefined],
      ['an empty receipt', ''],
      ['a wrong receipt', 'AAAAAAAAAAAAAAAAAAAAAA'],
      ['the receipt in another case', receipt.toUpperCase() === receipt ? receipt.toLowerCase() : receipt.toUpperCase()],
      ['another pair’s receipt', othersReceipt],
      ['a receipt with a character more', `${receipt}A`],
    ] as const) {
      assert.deepEqual(await observed(await status(member, asked, options)), strangers, why);
    }
    assert.deepEqual(await observed(await status(stranger, receipt, options)), strangers, 'a member’s receipt for a stranger');
    const shown = await status(member, receipt, options);
    assert.deepEqual(await assertJson(shown, 200), { status: 'allowed', consentedAt: NOW });
  });

  it('looks the pair up in the store whether or not the receipt matches', async () => {
    const reader = newReader();
    const { receipt } = await (await handler()(post(await consentBody(reader)))).json();
    let lookups = 0;
    const counting: ConsentStore = { ...store, get: (...pair) => (lookups++, store.get(...pair)) };
    for (const asked of [undefined, 'wrong', receipt]) await status(reader, asked, { store: counting });
    await status(newReader(), undefined, { store: counting });
    assert.equal(lookups, 4);
  });

  it('hands out a new 128-bit receipt with every 2xx, and keeps only the 16 newest of a pair, as hashes', async () => {
    const reader = newReader();
    const body = await consentBody(reader);
    const receipts: string[] = [];
    for (let i = 0; i < RECEIPTS_KEPT + 1; i++) receipts.push((await (await handler()(post(body))).json()).receipt);
    assert.equal(new Set(receipts).size, receipts.length);
    for (const receipt of receipts) assert.match(receipt, RECEIPT);
    assert.deepEqual(await assertJson(await status(reader, receipts[0]), 200), { status: 'unknown' }, 'the oldest was let go');
    for (const receipt of receipts.slice(1)) assert.deepEqual(await assertJson(await status(reader, receipt), 200), { status: 'allowed', consentedAt: NOW });
    const { receiptHashes } = (await store.get(publisher.address, reader.address))!;
    assert.deepEqual(receiptHashes, await Promise.all(receipts.slice(1).reverse().map(receiptHash)));
    const file = await readFile(join(dir.path, 'consent.db')).catch(() => Buffer.alloc(0));
    const wal = await readFile(join(dir.path, 'consent.db-wal')).catch(() => Buffer.alloc(0));
    for (const receipt of receipts) assert.ok(!file.includes(receipt) && !wal.includes(receipt), 'no receipt is on disk');
  });

  it('hands out no receipt with a refusal, and keeps none', async () => {
    const reader = newReader();
    await handler()(post(await consentBody(reader)));
    const before = (await store.get(publisher.address, reader.address))!.receiptHashes;
    const stale = await handler()(post(await consentBody(reader, { timestampMs: NOW - 31 * DAY_MS })));
    assert.equal((await stale.json()).receipt, undefined);
    assert.deepEqual((await store.get(publisher.address, reader.address))!.receiptHashes, before);
  });
});

describe('precedence: the first applicable row wins', () => {
  it('429 before 413', async () => {
    const limited = handler({ rateLimit: { perMinute: 1 } });
    await limited(get({}), { clientIp: '192.0.2.1' });
    const oversized = post('x'.repeat(20_000), { 'content-type': 'text/plain' });
    await assertError(await limited(oversized, { clientIp: '192.0.2.1' }), 429, 'rate_limited');
  });

  it('413 before 415: too large and not JSON', async () => {
    await assertError(await handler()(post('x'.repeat(20_000), { 'content-type': 'text/plain' })), 413, 'payload_too_large');
  });

  it('415 before 403 origin: not JSON from a disallowed origin', async () => {
    const request = post('hello', { 'content-type': 'text/plain', origin: OTHER_ORIGIN });
    await assertError(await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(request), 415, 'unsupported_media_type');
  });

  it('403 origin before 400: bad JSON from a disallowed origin', async () => {
    const request = post('{not json', { origin: OTHER_ORIGIN });
    await assertError(await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(request), 403, 'origin_not_allowed');
  });

  it('400 before 403 publisher: an unknown publisher with a missing field or a bad address', async () => {
    const reader = newReader();
    const body = await consentBody(reader, { publisherAddress: strangerPublisher.address });
    await assertError(await handler()(post({ ...body, consentProof: undefined })), 400, 'bad_request');
    await assertError(await handler()(post({ ...body, subscriber: '0x12' })), 400, 'invalid_address');
  });

  it('403 unknown_publisher before 422: an unknown publisher with a stale proof', async () => {
    const body = await consentBody(newReader(), { publisherAddress: strangerPublisher.address, timestampMs: NOW - 60 * DAY_MS });
    await assertError(await handler()(post(body)), 403, 'unknown_publisher');
  });

  it('422 before 403 signature: stale or future and badly signed', async () => {
    const [reader, impostor] = [newReader(), newReader()];
    for (const [timestampMs, code] of [
      [NOW - 60 * DAY_MS, 'stale_proof'],
      [NOW + DAY_MS, 'future_proof'],
    ] as const) {
      const { consentProof } = await signedProof(impostor, publisher.address, timestampMs);
      const request = post({ publisher: publisher.address, subscriber: reader.address, consentProof });
      await assertError(await handler()(request), 422, code);
    }
    await assertNotStored(reader);
  });
});

describe('GET the status of a reader', () => {
  it('200 with consentedAt for a reader on the list who shows a receipt, whatever the casing asked', async () => {
    const reader = newReader();
    const { receipt } = await (await handler()(post(await consentBody(reader)))).json();
    const query = { publisher: publisher.address.toLowerCase(), subscriber: reader.address.toUpperCase().replace('0X', '0x'), receipt };
    assert.deepEqual(await assertJson(await handler()(get(query)), 200), { status: 'allowed', consentedAt: NOW });
  });

  it('200 unknown for a reader not on the list, or a publisher not served here', async () => {
    const reader = newReader();
    const unknown = { status: 'unknown' };
    assert.deepEqual(await assertJson(await handler()(get({ publisher: publisher.address, subscriber: reader.address })), 200), unknown);
    const { receipt } = await (await handler()(post(await consentBody(reader)))).json();
    const stranger = { publisher: strangerPublisher.address, subscriber: reader.address, receipt };
    assert.deepEqual(await assertJson(await handler()(get(stranger)), 200), unknown);
  });

  it('400 bad_request for a missing parameter, invalid_address for a bad one', async () => {
    await assertError(await handler()(get({ publisher: publisher.address })), 400, 'bad_request');
    await assertError(await handler()(get({ subscriber: publisher.address })), 400, 'bad_request');
    await assertError(await handler()(get({ publisher: publisher.address, subscriber: '0x12' })), 400, 'invalid_address');
  });

  it('403 origin_not_allowed for a page from another origin', async () => {
    const query = { publisher: publisher.address, subscriber: newReader().address };
    await assertError(await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(get(query, { origin: OTHER_ORIGIN })), 403, 'origin_not_allowed');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    new Request(ENDPOINT, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const response = await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(preflight(ALLOWED_ORIGIN));
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(response.headers.get('vary'), 'origin');
  });

  it('refuses a preflight from another origin with 403 origin_not_allowed', async () => {
    const response = await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(preflight(OTHER_ORIGIN));
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await assertError(response, 403, 'origin_not_allowed');
  });

  it('echoes an allowed origin on answers, errors included', async () => {
    const allowList = handler({ allowedOrigins: [`${ALLOWED_ORIGIN}/`, 'https://other.example'] });
    const created = await allowList(post(await consentBody(newReader()), { origin: ALLOWED_ORIGIN }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(created.headers.get('vary'), 'origin');
    const refused = await allowList(post('{', { origin: ALLOWED_ORIGIN }));
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });

  it('answers * when every origin is allowed (no list, an empty one, or *)', async () => {
    for (const allowedOrigins of [undefined, [], ['*']]) {
      const response = await handler({ allowedOrigins })(preflight(OTHER_ORIGIN));
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('vary'), 'origin');
    }
  });

  it('does not apply the allowlist to requests without an Origin (server to server)', async () => {
    const response = await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(post(await consentBody(newReader())));
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('rate limits and methods', () => {
  it('429 rate_limited with Retry-After once a client IP spends its budget, per IP, refilled over time', async () => {
    let clock = NOW;
    const limited = handler({ rateLimit: { perMinute: 2 }, now: () => clock, allowedOrigins: [ALLOWED_ORIGIN] });
    const status = get({ publisher: publisher.address, subscriber: newReader().address }, { origin: ALLOWED_ORIGIN });
    assert.equal((await limited(status.clone(), { clientIp: '192.0.2.7' })).status, 200);
    assert.equal((await limited(status.clone(), { clientIp: '192.0.2.7' })).status, 200);

    const reader = newReader();
    const refused = await limited(post(await consentBody(reader), { origin: ALLOWED_ORIGIN }), { clientIp: '192.0.2.7' });
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal(refused.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(refused.headers.get('access-control-expose-headers'), 'retry-after');
    await assertError(refused, 429, 'rate_limited');
    await assertNotStored(reader);

    assert.equal((await limited(status.clone(), { clientIp: '192.0.2.8' })).status, 200, 'another IP has its own budget');
    clock += 30_000;
    assert.equal((await limited(status.clone(), { clientIp: '192.0.2.7' })).status, 200, 'one request back after 30 s');
    assert.equal((await limited(status.clone(), { clientIp: '192.0.2.7' })).status, 429);
  });

  it('limits 120 requests a minute by default, and perMinute: 0 turns limits off', async () => {
    const status = get({ publisher: publisher.address, subscriber: newReader().address });
    const byDefault = handler({ rateLimit: undefined });
    const statuses = [];
    for (let i = 0; i < 121; i++) statuses.push((await byDefault(status.clone(), { clientIp: '192.0.2.9' })).status);
    assert.deepEqual([statuses[119], statuses[120]], [200, 429]);

    const unlimited = handler({ rateLimit: { perMinute: 0 } });
    for (let i = 0; i < 300; i++) assert.equal((await unlimited(status.clone(), { clientIp: '192.0.2.9' })).status, 200);
  });

  for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD']) {
    it(`405 for ${method}, with Allow`, async () => {
      const response = await handler()(new Request(ENDPOINT, { method }));
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET, POST, OPTIONS');
      if (method !== 'HEAD') await assertError(response, 405, 'method_not_allowed');
    });
  }
});

describe('createConsentHandler options', () => {
  it('throws a TypeError for missing or invalid publishers, a missing store, or a bad origin', () => {
    assert.throws(() => createConsentHandler({ publishers: [], store }), TypeError);
    assert.throws(() => createConsentHandler({ publishers: ['0x12'], store }), /publishers\[0\] must be a 0x-prefixed/);
    assert.throws(() => createConsentHandler({ publishers: [publisher.address], store: undefined as never }), /store is required/);
    assert.throws(
      () => createConsentHandler({ publishers: [publisher.address], store, allowedOrigins: ['news.example'] }),
      /origin like https:\/\/example.com/,
    );
    assert.throws(() => createConsentHandler({ publishers: [publisher.address], store, rateLimit: { perMinute: -1 } }), TypeError);
    assert.throws(() => createConsentHandler({ publishers: [publisher.address], store, maxFutureMs: -1 }), TypeError);
  });
});

describe('per-subscriber rate limit', () => {
  /** A handler with only the subscriber budget on, and a clock the test moves. */
  function limitedPerSubscriber(perSubscriberPerMinute: number | undefined, clock: { now: number }) {
    return handler({ rateLimit: { perMinute: 0, perSubscriberPerMinute }, now: () => clock.now });
  }

  it('429 with Retry-After once one statement spends its budget, from any number of IPs', async () => {
    const clock = { now: NOW };
    const limited = limitedPerSubscriber(2, clock);
    const reader = newReader();
    const body = await consentBody(reader);
    assert.equal((await limited(post(body), { clientIp: '192.0.2.10' })).status, 201);
    assert.equal((await limited(post(body), { clientIp: '192.0.2.11' })).status, 200);
    const refused = await limited(post(body), { clientIp: '192.0.2.12' });
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.match(await assertError(refused, 429, 'rate_limited'), new RegExp(`for this consent proof of ${reader.address}`));

    const another = await limited(post(await consentBody(newReader())));
    assert.equal(another.status, 201, 'another subscriber has its own budget');
    const status = get({ publisher: publisher.address, subscriber: reader.address });
    assert.equal((await limited(status)).status, 200, 'reading the status is not counted');
    clock.now += 30_000;
    assert.equal((await limited(post(body))).status, 200, 'one post back after 30 s');
    await assertError(await limited(post(body)), 429, 'rate_limited');
  });

  it('is 10 a minute by default, keyed on the statement in any encoding and address casing, and 0 turns it off', async () => {
    const clock = { now: NOW };
    const reader = newReader();
    const { signature, proof } = await signedProof(reader, publisher.address, NOW);
    const variants = [
      proof,
      encodeConsentProof(highSTwin(signature), NOW),
      encodeConsentProof(withV(signature, vOf(signature) - 27), NOW),
      encodeConsentProof(`0x${signature.slice(2).toUpperCase()}`, NOW),
      Uint8Array.from([...proof, 0x22, 3, 0x61, 0x62, 0x63]),
      encodeConsentProof(signature, NOW + 123),
    ];
    const body = (i: number) => ({
      publisher: publisher.address,
      subscriber: i % 2 ? reader.address.toLowerCase() : reader.address,
      consentProof: bytesToBase64(variants[i % variants.length]!),
    });
    const byDefault = limitedPerSubscriber(undefined, clock);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await byDefault(post(body(i)))).status);
    assert.deepEqual([statuses[0], statuses[9], statuses[10]], [201, 200, 429]);

    const unlimited = limitedPerSubscriber(0, clock);
    for (let i = 0; i < 30; i++) assert.equal((await unlimited(post(body(i)))).status, 200);
  });

  it('never refuses a reader’s newer statement because an older one was replayed (the replay lockout)', async () => {
    const limited = limitedPerSubscriber(2, { now: NOW });
    const reader = newReader();
    const replayed = await consentBody(reader, { timestampMs: NOW - DAY_MS });
    const replays = [];
    for (let i = 0; i < 5; i++) replays.push((await limited(post(replayed), { clientIp: `192.0.2.${20 + i}` })).status);
    assert.deepEqual(replays, [201, 200, 429, 429, 429], 'replays of one statement are limited');
    const withdrawal = await limited(post(await withdrawalBody(reader, { timestampMs: NOW - DAY_MS + 1000 })));
    assert.equal((await assertJson(withdrawal, 200)).status, 'unsubscribed');
    assert.equal((await store.get(publisher.address, reader.address))?.state, 'unsubscribed');
    assert.equal((await limited(post(await consentBody(reader)))).status, 200, 'and a newer consent after it');
    assert.equal((await store.get(publisher.address, reader.address))?.state, 'allowed');
  });

  it('a replay for another publisher does not touch this publisher’s budget', async () => {
    const limited = handler({
      publishers: [publisher.address, strangerPublisher.address],
      rateLimit: { perMinute: 0, perSubscriberPerMinute: 2 },
    });
    const reader = newReader();
    const elsewhere = await consentBody(reader, { publisherAddress: strangerPublisher.address });
    const replays = [];
    for (let i = 0; i < 3; i++) replays.push((await limited(post(elsewhere))).status);
    assert.deepEqual(replays, [201, 200, 429]);
    assert.equal((await limited(post(await consentBody(reader)))).status, 201, 'the same second, this publisher');
  });

  it('applies once the statement is known: after 400, before 422 and 403 signature; another publisher’s or an older statement has its own budget', async () => {
    const clock = { now: NOW };
    const limited = handler({ rateLimit: { perMinute: 0, perSubscriberPerMinute: 1 }, maxAgeMs: 10_000, now: () => clock.now });
    const [reader, impostor] = [newReader(), newReader()];
    const body = await consentBody(reader);
    assert.equal((await limited(post(body))).status, 201);
    await assertError(await limited(post({ ...body, consentProof: 'not base64!' })), 400, 'bad_request');
    const { consentProof } = await signedProof(impostor, publisher.address, NOW);
    await assertError(await limited(post({ ...body, consentProof })), 429, 'rate_limited');
    clock.now += 20_000;
    const unlimited = handler({ maxAgeMs: 10_000, now: () => clock.now });
    await assertError(await unlimited(post(body)), 422, 'stale_proof');
    await assertError(await limited(post(body)), 429, 'rate_limited');
    // A statement for a publisher not served here never verifies, so it never spends a budget;
    // another publisher's, or an older one, is another statement, with its own budget: 403, 422.
    const stranger = await consentBody(reader, { publisherAddress: strangerPublisher.address });
    await assertError(await limited(post(stranger)), 403, 'unknown_publisher');
    const older = await consentBody(reader, { timestampMs: NOW - 60 * DAY_MS });
    await assertError(await limited(post(older)), 422, 'stale_proof');
  });

  it('refuses a budget that is not a whole number', () => {
    for (const perSubscriberPerMinute of [-1, 1.5, Number.NaN]) {
      assert.throws(
        () => createConsentHandler({ publishers: [publisher.address], store, rateLimit: { perSubscriberPerMinute } }),
        /rateLimit.perSubscriberPerMinute must be a whole number/,
      );
    }
  });
});

describe('request timeouts', () => {
  /** A body that sends `first`, then nothing more until cancelled: a client trickling or stalled. */
  function stalledBody(first: string) {
    let sent = false;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise(() => {});
        sent = true;
        controller.enqueue(new TextEncoder().encode(first));
      },
    });
  }
  const streamed = (body: ReadableStream<Uint8Array>) =>
    new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);

  it('408 request_timeout, with Connection: close, for a body not complete by bodyTimeoutMs; nothing stored', async () => {
    const reader = newReader();
    const json = JSON.stringify(await consentBody(reader));
    const started = performance.now();
    const response = await handler({ bodyTimeoutMs: 100 })(streamed(stalledBody(json.slice(0, 50))));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 90 && elapsed < 2000, `answered after ${elapsed} ms`);
    assert.equal(response.headers.get('connection'), 'close');
    assert.match(await assertError(response, 408, 'request_timeout'), /within 100 ms/);
    await assertNotStored(reader);
  });

  it('accepts a body that arrives in slow pieces within the deadline', async () => {
    const reader = newReader();
    const pieces = JSON.stringify(await consentBody(reader)).match(/.{1,40}/gs)!;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const piece = pieces.shift();
        if (piece === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(piece));
      },
    });
    assert.equal((await handler({ bodyTimeoutMs: 5_000 })(streamed(slow))).status, 201);
  });

  it('refuses a bodyTimeoutMs that is not a duration', () => {
    assert.throws(
      () => createConsentHandler({ publishers: [publisher.address], store, bodyTimeoutMs: -1 }),
      /bodyTimeoutMs must be a finite number of milliseconds/,
    );
  });

  describe('over a real socket, with nodeServerOptions', () => {
    /** Serves a handler with short timeouts on a free loopback port for the length of `use`. */
    async function withServer(use: (port: number) => Promise<void>): Promise<void> {
      const timeouts = { headersTimeoutMs: 300, bodyTimeoutMs: 300 };
      const server = createServer(nodeServerOptions(timeouts), nodeListener(handler(timeouts)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        await use((server.address() as AddressInfo).port);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }

    /** Writes `head`, then one byte every 50 ms; resolves with what the server sent once it closes. */
    function trickle(port: number, head: string): Promise<{ answer: string; ms: number }> {
      const started = performance.now();
      return new Promise((resolve) => {
        let drip: ReturnType<typeof setInterval> | undefined;
        // The drip starts once the head is written: on a busy machine connecting takes longer than a drop.
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(head);
          drip = setInterval(() => socket.writable && socket.write(' '), 50);
        });
        let answer = '';
        socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
        socket.on('error', () => {});
        socket.on('close', () => {
          clearInterval(drip);
          resolve({ answer, ms: performance.now() - started });
        });
      });
    }

    it('answers a trickled body 408 JSON and closes the connection', async () => {
      await withServer(async (port) => {
        const headers = 'Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n';
        const head = `POST /consent HTTP/1.1\r\n${headers}\r\n{`;
        const { answer, ms } = await trickle(port, head);
        assert.match(answer, /^HTTP\/1\.1 408 /);
        assert.match(answer, /\r\nconnection: close\r\n/i);
        assert.match(answer, /"code":"request_timeout"/);
        assert.ok(ms < 3000, `closed after ${ms} ms`);
      });
    });

    it('lets Node answer 408 to headers that trickle in past headersTimeoutMs', async () => {
      await withServer(async (port) => {
        const { answer, ms } = await trickle(port, 'GET /consent HTTP/1.1\r\nX-Slow: ');
        assert.match(answer, /^HTTP\/1\.1 408 /);
        assert.ok(ms < 3000, `closed after ${ms} ms`);
      });
    });
  });

  it('nodeServerOptions: Node cuts a request only after the headers and the body deadline have passed', () => {
    assert.deepEqual(nodeServerOptions(), {
      headersTimeout: 10_000,
      requestTimeout: 25_000,
      connectionsCheckingInterval: 1_000,
      // A request without Host reaches the listener, which answers it in JSON (node-unreadable.ts).
      requireHostHeader: false,
    });
    assert.equal(nodeServerOptions({ bodyTimeoutMs: 0 }).requestTimeout, 0);
  });
});

describe('the request log', () => {
  /** A handler whose log entries land in the returned list. */
  function logged(options: Partial<ConsentHandlerOptions> = {}) {
    const entries: RequestLogEntry[] = [];
    return { entries, handler: handler({ log: (entry) => entries.push(entry), ...options }) };
  }

  it('writes one entry per request with what it was about, and only a prefix of the signature', async () => {
    const { entries, handler: logging } = logged();
    const reader = newReader();
    const { signature, consentProof } = await signedProof(reader, publisher.address, NOW);
    const body = { publisher: publisher.address, subscriber: reader.address, consentProof };
    await logging(post(body), { clientIp: '192.0.2.20' });
    await logging(get({ publisher: publisher.address, subscriber: reader.address }));
    await logging(post('{'));
    assert.equal(entries.length, 3);
    const [created, status, refused] = entries;
    assert.deepEqual({ ...created, ms: 0 }, {
      time: new Date(NOW).toISOString(),
      method: 'POST',
      path: '/consent',
      status: 201,
      code: 'created',
      ms: 0,
      clientIp: '192.0.2.20',
      publisher: publisher.address,
      subscriber: reader.address,
      signature: `${signature.slice(0, 10)}…`,
    });
    assert.equal(typeof created!.ms, 'number');
    assert.deepEqual([status!.status, status!.code, status!.subscriber], [200, 'unknown', reader.address], 'no receipt shown');
    assert.deepEqual([refused!.status, refused!.code, refused!.publisher], [400, 'bad_request', undefined]);
    const line = entries.map((entry) => JSON.stringify(entry)).join('\n');
    assert.ok(!line.includes(signature.slice(2, 40)), 'no signature beyond its prefix');
    assert.ok(!line.includes(consentProof.slice(0, 20)), 'no proof');
  });

  it('names the refusal code, keeps the query out of the path and clips what a client controls', async () => {
    const { entries, handler: logging } = logged({ rateLimit: { perMinute: 1, perSubscriberPerMinute: 0 } });
    const query = { publisher: publisher.address, subscriber: newReader().address };
    await logging(get(query), { clientIp: 'x'.repeat(5000) });
    await logging(get(query), { clientIp: 'x'.repeat(5000) });
    await logging(new Request(`http://127.0.0.1/${'a'.repeat(5000)}`, { method: 'DELETE' }));
    assert.deepEqual(
      entries.map((entry) => [entry.status, entry.code]),
      [[200, 'unknown'], [429, 'rate_limited'], [405, 'method_not_allowed']],
    );
    assert.equal(entries[0]!.path, '/consent');
    assert.ok(entries.every((entry) => JSON.stringify(entry).length < 1000));
  });

  it('writes one JSON line to stderr by default, nothing with log: false, and survives a failing logger', async () => {
    const query = get({ publisher: publisher.address, subscriber: newReader().address });
    const stderr = mock.method(console, 'error', () => {});
    try {
      await handler({ log: undefined })(query.clone());
      assert.equal(stderr.mock.callCount(), 1);
      const line = String(stderr.mock.calls[0]!.arguments[0]);
      assert.doesNotMatch(line, /\n/);
      assert.equal(JSON.parse(line).code, 'unknown');
      await handler({ log: false })(query.clone());
      assert.equal(stderr.mock.callCount(), 1);
    } finally {
      stderr.mock.restore();
    }
    const failing = handler({
      log: () => {
        throw new Error('log disk full');
      },
    });
    assert.equal((await failing(query.clone())).status, 200);
  });
});

describe('hostile bodies and what answers never contain', () => {
  it('400 for deeply nested JSON and oversized fields, quickly', async () => {
    const deepArray = '['.repeat(8000) + ']'.repeat(8000);
    const deepObject = '{"a":'.repeat(2700) + '1' + '}'.repeat(2700);
    const longField = JSON.stringify({ ...(await consentBody(newReader())), subscriber: 'f'.repeat(16_000) });
    const started = performance.now();
    await assertError(await handler()(post(deepArray)), 400, 'bad_request');
    await assertError(await handler()(post(deepObject)), 400, 'bad_request');
    const message = await assertError(await handler()(post(longField)), 400, 'invalid_address');
    assert.ok(message.length < 300, 'a long value is not echoed whole');
    assert.ok(performance.now() - started < 1000);
  });

  for (const contentType of ['application/json, text/plain', 'application/problem+json', 'json']) {
    it(`415 for Content-Type '${contentType}'`, async () => {
      const request = post(await consentBody(newReader()), { 'content-type': contentType });
      await assertError(await handler()(request), 415, 'unsupported_media_type');
    });
  }

  it('refuses Origin: null (a sandboxed page) when origins are listed', async () => {
    const request = post(await consentBody(newReader()), { origin: 'null' });
    const response = await handler({ allowedOrigins: [ALLOWED_ORIGIN] })(request);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await assertError(response, 403, 'origin_not_allowed');
  });

  it('500 without SQL or the database error when SQLite fails for real', async () => {
    const path = join(dir.path, 'broken.db');
    const broken = await sqliteStore(path);
    const db = new Database(path);
    db.exec('DROP TABLE consent');
    db.close();
    const quiet = mock.method(console, 'error', () => {});
    try {
      const response = await handler({ store: broken })(post(await consentBody(newReader())));
      const text = await response.clone().text();
      await assertError(response, 500, 'internal_error');
      assert.doesNotMatch(text, /SQL|sqlite|no such table|consent \(|SELECT|INSERT/i);
      assert.match(String(quiet.mock.calls[0]?.arguments[0]), /no such table/, 'the operator sees the cause');
    } finally {
      quiet.mock.restore();
      await broken.close();
    }
  });
});
