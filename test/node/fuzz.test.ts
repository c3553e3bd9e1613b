// Property-based fuzzing (fast-check) of the two places hostile input arrives: the consent handler,
// on a real SQLite store, and parseSignatureText. The seed is fixed and printed, so a failure
// replays: FUZZ_SEED=<seed> FUZZ_PATH=<path from the failure> node --import tsx --test
// test/node/fuzz.test.ts. FUZZ_RUNS sets the runs per property (the parser's properties run 3 times that).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { recoverMessageAddress, type Hex } from 'viem';
import {
  bytesToBase64,
  consentMessage,
  createIdentityText,
  decodeConsentProof,
  enableIdentityText,
  encodeConsentProof,
  identityText,
  parseSignatureText,
  SignatureTextError,
  type IdentityAction,
  type ParsedSignatureText,
  buildSignatureText,
} from '../../src/core/index.js';
import { createConsentHandler, sqliteStore, type ConsentRecord, type ConsentStore } from '../../src/server/index.js';
import {
  account,
  DAY_MS,
  NOW,
  publisher,
  rawPayload,
  signedProof,
  strangerPublisher,
  tempDir,
} from './server-fixtures.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20250115);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const PATH = process.env.FUZZ_PATH;
const settings = { seed: SEED, numRuns: RUNS, ...(PATH && { path: PATH }) };
console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property (set FUZZ_SEED, FUZZ_RUNS, FUZZ_PATH to change)`);

/** What an arbitrary generates. */
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Printable ASCII: what a header value may hold (the Headers class refuses the rest). */
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});
/** Mostly one of a few chosen values, sometimes anything. */
const mostly = <T, U>(chosen: readonly T[], anything: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...chosen) }, { weight: 1, arbitrary: anything });
/** Mostly absent, sometimes a value. */
const rarely = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
const hexOf = (bytes: fc.Arbitrary<Uint8Array>) =>
  bytes.map((b) => Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join(''));

describe('fuzzing the consent handler on SQLite', () => {
  const ENDPOINT = 'http://127.0.0.1/consent';
  const ALLOWED_ORIGIN = 'https://news.example';
  const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
  /** Readers who really signed, each at their own second inside the freshness window. */
  const readers = Array.from({ length: 24 }, (_, i) => account(7000 + i));
  let proofs: { subscriber: string; timestampMs: number; signature: string; proof: Uint8Array }[];
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: ConsentStore;

  before(async () => {
    proofs = await Promise.all(
      readers.map(async (reader, i) => {
        const timestampMs = NOW - i * 1000;
        const { signature, proof } = await signedProof(reader, publisher.address, timestampMs);
        return { subscriber: reader.address, timestampMs, signature, proof };
      }),
    );
    dir = await tempDir();
    store = await sqliteStore(join(dir.path, 'fuzz.db'));
  });

  after(async () => {
    await store.close();
    await dir.remove();
  });

  /** One change to a valid proof, or none: most changes must be refused, a few (same second, v 0/1) still verify. */
  const mutation = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('flip-byte' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
    fc.record({
      kind: fc.constant('timestamp' as const),
      delta: fc.oneof(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -60 * DAY_MS, max: 60 * DAY_MS })),
    }),
    fc.record({
      kind: fc.constant('signature-char' as const),
      at: fc.nat(),
      char: fc.constantFrom(...'0123456789abcdefABCDEFxg '),
    }),
    fc.record({ kind: fc.constant('v' as const), v: fc.constantFrom('00', '01', '1b', '1c', '1d', '02', 'ff') }),
    fc.record({ kind: fc.constant('subscriber' as const), other: fc.nat({ max: 23 }) }),
    fc.constant({ kind: 'subscriber-case' as const }),
    fc.constant({ kind: 'stranger-publisher' as const }),
    fc.constant({ kind: 'unpadded' as const }),
  );

  /** The JSON body posting reader `index`'s proof, changed by `change`. */
  function mutatedBody(index: number, change: Generated<typeof mutation>): string {
    const valid = proofs[index]!;
    let proof = valid.proof;
    let subscriber = valid.subscriber;
    let publisherAddress: string = publisher.address;
    const withSignature = (signature: string) => rawPayload({ signature, timestamp: valid.timestampMs });
    switch (change.kind) {
      case 'flip-byte':
        proof = Uint8Array.from(proof);
        proof[change.at % proof.length]! ^= change.xor;
        break;
      case 'truncate':
        proof = proof.slice(0, change.at % proof.length);
        break;
      case 'append':
        proof = Uint8Array.from([...proof, ...change.bytes]);
        break;
      case 'timestamp':
        proof = encodeConsentProof(valid.signature, Math.max(1, valid.timestampMs + change.delta));
        break;
      case 'signature-char': {
        const at = change.at % valid.signature.length;
        proof = withSignature(valid.signature.slice(0, at) + change.char + valid.signature.slice(at + 1));
        break;
      }
      case 'v':
        proof = withSignature(valid.signature.slice(0, -2) + change.v);
        break;
      case 'subscriber':
        subscriber = proofs[change.other]!.subscriber;
        break;
      case 'subscriber-case':
        subscriber = subscriber.toLowerCase();
        break;
      case 'stranger-publisher':
        publisherAddress = strangerPublisher.address;
        break;
    }
    const consentProof = bytesToBase64(proof);
    const sent = change.kind === 'unpadded' ? consentProof.replace(/=+$/, '') : consentProof;
    return JSON.stringify({ publisher: publisherAddress, subscriber, consentProof: sent });
  }

  /** JSON with the right field names, each value right, wrong or missing. */
  const fieldsBody = fc
    .record(
      {
        publisher: mostly(
          [publisher.address, publisher.address.toLowerCase(), strangerPublisher.address, '0x12'],
          fc.jsonValue(),
        ),
        subscriber: mostly(
          readers.map((reader) => reader.address),
          fc.jsonValue(),
        ),
        consentProof: fc.oneof(
          fc.nat({ max: 23 }).map((i) => bytesToBase64(proofs[i]!.proof)),
          fc.uint8Array({ maxLength: 200 }).map(bytesToBase64),
          fc
            .record({ signature: rarely(printable), timestamp: rarely(fc.nat()) })
            .map((fields) => bytesToBase64(rawPayload(fields))),
          fc.jsonValue(),
        ),
        broadcastAddress: mostly([publisher.address, strangerPublisher.address], fc.jsonValue()),
        address: mostly(
          readers.map((reader) => reader.address.toLowerCase()),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    )
    .map((fields) => JSON.stringify(fields));

  /** `valid`: an unchanged proof, which the handler must accept when the rest of the request is right. */
  const body = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.nat({ max: 23 }), mutation)
        .map(([index, change]) => ({ text: mutatedBody(index, change), valid: change.kind === 'none' })),
    },
    { weight: 3, arbitrary: fieldsBody.map((text) => ({ text, valid: false })) },
    { weight: 1, arbitrary: fc.json().map((text) => ({ text, valid: false })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((text) => ({ text, valid: false })) },
    { weight: 1, arbitrary: fc.nat({ max: 40_000 }).map((size) => ({ text: ' '.repeat(size), valid: false })) },
  );

  const postRequest = fc.record({
    kind: fc.constant('post' as const),
    body,
    method: mostly(['POST'], fc.constantFrom('post', 'PUT', 'PATCH', 'DELETE', 'PROPFIND')),
    contentType: mostly(JSON_TYPES, fc.oneof(printable, fc.constantFrom('text/plain', 'application/json, text/plain'))),
    origin: rarely(mostly([ALLOWED_ORIGIN, 'https://elsewhere.example', 'null'], printable)),
    contentLength: rarely(fc.nat().map(String)),
  });
  const getRequest = fc.record({
    kind: fc.constant('get' as const),
    method: fc.constantFrom('GET', 'HEAD', 'OPTIONS'),
    query: fc.dictionary(
      fc.constantFrom('publisher', 'subscriber', 'x'),
      mostly([publisher.address, readers[0]!.address], printable),
    ),
    origin: rarely(mostly([ALLOWED_ORIGIN, 'https://elsewhere.example'], printable)),
  });
  /** Plain data, so a counterexample prints readably; `requestOf` makes the Request. */
  const anyRequest = fc.oneof({ weight: 4, arbitrary: postRequest }, { weight: 1, arbitrary: getRequest });
  type RequestParts = Generated<typeof anyRequest>;

  function requestOf(parts: RequestParts): Request {
    const headers = new Headers();
    if (parts.origin !== undefined) headers.set('origin', parts.origin);
    if (parts.kind === 'get') {
      return new Request(`${ENDPOINT}?${new URLSearchParams(parts.query)}`, { method: parts.method, headers });
    }
    headers.set('content-type', parts.contentType);
    if (parts.contentLength !== undefined) headers.set('content-length', parts.contentLength);
    return new Request(ENDPOINT, { method: parts.method, headers, body: parts.body.text });
  }

  /** An unchanged proof posted the way the contract asks: it must be accepted. */
  const mustBeAccepted = (parts: RequestParts) =>
    parts.kind === 'post' &&
    parts.body.valid &&
    parts.method === 'POST' &&
    JSON_TYPES.includes(parts.contentType) &&
    parts.contentLength === undefined &&
    (parts.origin === undefined || parts.origin === ALLOWED_ORIGIN);

  /**
   * Judged apart from the handler, by viem's recovery and the rules of SIGNATURES.md: whether a
   * stored record is a proof XMTP would accept. Memoized, since the stored records rarely change.
   */
  const judged = new Map<string, Promise<boolean>>();
  function isValidEvidence(record: ConsentRecord): Promise<boolean> {
    const key = JSON.stringify({ ...record, proof: bytesToBase64(record.proof), receivedAt: 0 });
    if (!judged.has(key)) {
      judged.set(
        key,
        (async () => {
          const payload = decodeConsentProof(record.proof);
          if (payload.signature !== record.signature || payload.timestamp !== record.timestampMs) return false;
          if (!/^0x[0-9a-f]{128}(?:00|01|1b|1c)$/i.test(record.signature)) return false;
          if (record.timestampMs < NOW - 30 * DAY_MS || record.timestampMs > NOW + 5 * 60_000) return false;
          const message = consentMessage(record.publisher, record.timestampMs);
          const signer = await recoverMessageAddress({ message, signature: record.signature as Hex });
          return signer === record.subscriber && record.publisher === publisher.address;
        })(),
      );
    }
    return judged.get(key)!;
  }

  async function storedRecords(publisherAddress: string): Promise<ConsentRecord[]> {
    const records = [];
    for await (const record of store.list(publisherAddress)) records.push(record);
    return records;
  }

  it('never throws, never answers 5xx, and stores only valid proofs', async () => {
    const handler = createConsentHandler({
      publishers: [publisher.address],
      store,
      allowedOrigins: [ALLOWED_ORIGIN],
      now: () => NOW,
      rateLimit: { perMinute: 0, perSubscriberPerMinute: 0 },
      log: false,
    });
    const answers = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyRequest, async (parts) => {
        const response = await handler(requestOf(parts), { clientIp: '192.0.2.1' });
        const text = await response.text();
        const json = text ? JSON.parse(text) : {};
        const answer = `${response.status} ${json.error?.code ?? json.status ?? ''}`;
        answers.set(answer, (answers.get(answer) ?? 0) + 1);

        assert.ok(response.status < 500, `answered ${text}`);
        assert.doesNotMatch(text, /\n\s+at |sqlite/i);
        if (mustBeAccepted(parts)) assert.ok(response.status === 200 || response.status === 201, `answered ${text}`);
        for (const record of await storedRecords(publisher.address)) {
          const shown = JSON.stringify({ ...record, proof: bytesToBase64(record.proof) });
          assert.ok(await isValidEvidence(record), `stored an invalid proof: ${shown}`);
        }
        assert.deepEqual(await storedRecords(strangerPublisher.address), []);
      }),
      settings,
    );

    const stored = await storedRecords(publisher.address);
    console.log(`fuzz handler: ${RUNS} requests, ${stored.length} of ${readers.length} readers on the list; answers:`);
    for (const [answer, count] of [...answers].sort()) console.log(`  ${answer}: ${count}`);
    // The generators reach every stage of the handler, not only its first checks.
    const stages = ['201 allowed', '400 bad_request', '400 invalid_address', '403 invalid_signature'];
    stages.push('403 unknown_publisher', '413 payload_too_large', '415 unsupported_media_type', '422 stale_proof');
    if (RUNS >= 1000) for (const stage of stages) assert.ok(answers.has(stage), `no request answered ${stage}`);
  });
});

describe('fuzzing parseSignatureText', () => {

  /** Parses `text`: a SignatureTextError, or a result that rebuilds to exactly `text`. Says which. */
  function parsesStrictly(text: string): 'accepted' | 'refused' {
    let parsed: ParsedSignatureText;
    try {
      parsed = parseSignatureText(text);
    } catch (error) {
      if (error instanceof SignatureTextError) return 'refused';
      const message = `threw ${(error as Error)?.name} instead of a SignatureTextError for ${JSON.stringify(text)}`;
      throw new Error(message, { cause: error });
    }
    assert.equal(buildSignatureText(parsed), text);
    return 'accepted';
  }

  /** Checks `parsesStrictly` on `texts`, and prints how many were accepted, to show both paths are taken. */
  function fuzzParser(name: string, texts: fc.Arbitrary<string>): void {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(texts, (text) => void outcomes[parsesStrictly(text)]++),
      { ...settings, numRuns: RUNS * 3 },
    );
    console.log(`fuzz parseSignatureText, ${name}: ${outcomes.accepted} accepted, ${outcomes.refused} refused`);
  }

  const time = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
  const address = hexOf(fc.uint8Array({ minLength: 20, maxLength: 20 })).map((hex) => `0x${hex}`);
  const hexValue = hexOf(fc.uint8Array({ minLength: 1, maxLength: 33 }));
  const action: fc.Arbitrary<IdentityAction> = fc.oneof(
    fc.record({ type: fc.constant('create-inbox' as const), owner: fc.oneof(address, hexValue) }),
    fc.record({ type: fc.constant('grant-app' as const), installationId: hexValue }),
    fc.record({ type: fc.constant('link-address' as const), address }),
    fc.record({ type: fc.constant('link-passkey' as const), passkey: hexValue }),
    fc.record({ type: fc.constant('unlink-address' as const), address }),
    fc.record({ type: fc.constant('unlink-passkey' as const), passkey: hexValue }),
    fc.record({ type: fc.constant('revoke-app' as const), installationId: hexValue }),
    fc.record({ type: fc.constant('change-recovery-address' as const), address: fc.oneof(address, hexValue) }),
  );
  const validText = fc.oneof(
    fc.tuple(address, time).map(([publisherAddress, ms]) => consentMessage(publisherAddress, ms)),
    fc
      .record({
        inboxId: hexOf(fc.uint8Array({ minLength: 32, maxLength: 32 })),
        time,
        actions: fc.array(action, { minLength: 1, maxLength: 4 }),
      })
      .map(identityText),
    fc.uint8Array({ minLength: 1, maxLength: 80 }).map(createIdentityText),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map(enableIdentityText),
  );

  /** One small edit, at a position given as a fraction of the text so that it lands anywhere. */
  const position = fc.double({ min: 0, max: 1, noNaN: true });
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      char: fc.constantFrom(...'\n\r /:.0aAfFxX-()é\u0000\u200b\t'),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: position }),
    fc.record({ kind: fc.constant('swap' as const), at: position }),
    fc.record({ kind: fc.constant('case' as const), at: position }),
  );

  function applyEdit(text: string, change: Generated<typeof edit>): string {
    const i = Math.min(Math.floor(change.at * text.length), Math.max(0, text.length - 1));
    const char = text[i] ?? '';
    switch (change.kind) {
      case 'insert':
        return text.slice(0, i) + change.char + text.slice(i);
      case 'delete':
        return text.slice(0, i) + text.slice(i + 1);
      case 'swap':
        return text.slice(0, i) + (text[i + 1] ?? '') + char + text.slice(i + 2);
      case 'case': {
        const toggled = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
        return text.slice(0, i) + toggled + text.slice(i + 1);
      }
    }
  }

  it('parses every valid text into a result that builds it back', () => {
    fc.assert(
      fc.property(validText, (text) => assert.equal(buildSignatureText(parseSignatureText(text)), text)),
      settings,
    );
  });

  it('either refuses with SignatureTextError or rebuilds exactly: valid texts with 1 to 3 edits', () => {
    const edited = fc
      .tuple(validText, fc.array(edit, { minLength: 1, maxLength: 3 }))
      .map(([text, edits]) => edits.reduce(applyEdit, text));
    fuzzParser('edited valid texts', edited);
  });

  it('either refuses with SignatureTextError or rebuilds exactly: arbitrary strings', () => {
    const headers = [
      'XMTP : Grant inbox consent to sender',
      'XMTP : Authenticate to inbox',
      'XMTP : Create Identity',
      'XMTP : Enable Identity',
    ];
    const afterAHeader = fc
      .tuple(
        fc.constantFrom(...headers),
        fc.string({ unit: fc.constantFrom(...'\n \n:()-0123456789abcdefx'), maxLength: 300 }),
      )
      .map(([header, rest]) => `${header}\n${rest}`);
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), afterAHeader);
    fuzzParser('arbitrary strings', anyText);
    assert.throws(() => parseSignatureText(42 as never), SignatureTextError);
  });
});
