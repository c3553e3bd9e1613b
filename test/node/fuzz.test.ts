// Property-based fuzzing (fast-check) of the two places hostile input arrives: the consent handler,
// on a real SQLite store (consent proofs and withdrawals), and parseSignatureText. The seed is fixed and printed, so a failure
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
  enableIdentityText,
  encodeConsentProof,
  identityText,
  parseSignatureText,
  SignatureTextError,
  unsubscribeMessage,
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
  signedWithdrawal,
  strangerPublisher,
  tempDir,
} from './server-fixtures.js';
import { SECP256K1_N, highSTwin, vOf, withV } from './signature-edits.js';

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
  /** Each reader's withdrawal, a second older than their proof, in the same second, or a second newer. */
  let withdrawals: { subscriber: string; timestampMs: number; signature: string }[];
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
    withdrawals = await Promise.all(
      readers.map(async (reader, i) => {
        const timestampMs = NOW - i * 1000 + ((i % 3) - 1) * 1000;
        return { subscriber: reader.address, timestampMs, signature: await signedWithdrawal(reader, publisher.address, timestampMs) };
      }),
    );
    dir = await tempDir();
    store = await sqliteStore(join(dir.path, 'fuzz.db'));
  });

  after(async () => {
    await store.close();
    await dir.remove();
  });

  /** Other spellings of a valid signature that XMTP's validator accepts: each must be accepted, and stored canonically. */
  const SPELLINGS = ['high-s', 'uppercase', 'v01', 'high-s-v01', 'millisecond'] as const;
  function respelled(signature: string, spelling: (typeof SPELLINGS)[number]): string {
    switch (spelling) {
      case 'high-s':
        return highSTwin(signature);
      case 'uppercase':
        return `0x${signature.slice(2).toUpperCase()}`;
      case 'v01':
        return withV(signature, vOf(signature) - 27);
      case 'high-s-v01':
        return withV(highSTwin(signature), vOf(highSTwin(signature)) - 27);
      case 'millisecond':
        return signature;
    }
  }

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
    fc.record({ kind: fc.constant('variant' as const), spelling: fc.constantFrom(...SPELLINGS) }),
  );

  /** The JSON body posting reader `index`'s proof, changed by `change`. */
  function mutatedBody(index: number, change: Generated<typeof mutation>): string {
    const valid = proofs[index]!;
    let proof = valid.proof;
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
      case 'variant': {
        const shifted = valid.timestampMs + (change.spelling === 'millisecond' ? 777 : 0);
        proof = Uint8Array.from([...encodeConsentProof(respelled(valid.signature, change.spelling), shifted), 0x22, 1, 0x7a]);
        break;
      }
    }
    const consentProof = bytesToBase64(proof);
    const sent = change.kind === 'unpadded' ? consentProof.replace(/=+$/, '') : consentProof;
    return JSON.stringify({ ...pairAfter(valid.subscriber, change), consentProof: sent });
  }

  /** The JSON body posting reader `index`'s withdrawal, changed by `change` (the proof's changes, read for a withdrawal). */
  function mutatedWithdrawal(index: number, change: Generated<typeof mutation>): string {
    const valid = withdrawals[index]!;
    let { timestampMs, signature } = valid;
    let unsubscribe: unknown;
    switch (change.kind) {
      case 'flip-byte':
        unsubscribe = { timestampMs, signature, [['timestampMs', 'signature', 'extra'][change.at % 3]!]: change.xor };
        break;
      case 'truncate':
        unsubscribe = change.at % 2 ? { timestampMs } : { signature };
        break;
      case 'append':
        unsubscribe = [timestampMs, signature];
        break;
      case 'timestamp':
        timestampMs = Math.max(1, timestampMs + change.delta);
        break;
      case 'signature-char': {
        const at = change.at % signature.length;
        signature = signature.slice(0, at) + change.char + signature.slice(at + 1);
        break;
      }
      case 'v':
        signature = signature.slice(0, -2) + change.v;
        break;
      case 'unpadded':
        unsubscribe = { timestampMs: String(timestampMs), signature };
        break;
      case 'variant':
        signature = respelled(signature, change.spelling);
        timestampMs += change.spelling === 'millisecond' ? 777 : 0;
        break;
    }
    return JSON.stringify({ ...pairAfter(valid.subscriber, change), unsubscribe: unsubscribe ?? { timestampMs, signature } });
  }

  /** The publisher and subscriber a body names after `change`: the changes of whom a statement is about. */
  function pairAfter(subscriber: string, change: Generated<typeof mutation>): { publisher: string; subscriber: string } {
    switch (change.kind) {
      case 'subscriber':
        return { publisher: publisher.address, subscriber: readers[change.other]!.address };
      case 'subscriber-case':
        return { publisher: publisher.address, subscriber: subscriber.toLowerCase() };
      case 'stranger-publisher':
        return { publisher: strangerPublisher.address, subscriber };
      default:
        return { publisher: publisher.address, subscriber };
    }
  }

  /** Changes after which a statement is still valid: it must be accepted. */
  const stillValid = (change: Generated<typeof mutation>) => change.kind === 'none' || change.kind === 'variant';

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
        unsubscribe: rarely(
          fc.oneof(
            fc.record(
              {
                timestampMs: mostly([NOW, 0, -1, NOW + 0.5], fc.jsonValue()),
                signature: fc.oneof(fc.nat({ max: 23 }).map((i) => withdrawals[i]!.signature), fc.jsonValue()),
              },
              { requiredKeys: [] },
            ),
            fc.jsonValue(),
          ),
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
        .map(([index, change]) => ({ text: mutatedBody(index, change), valid: stillValid(change) })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.nat({ max: 23 }), mutation)
        .map(([index, change]) => ({ text: mutatedWithdrawal(index, change), valid: stillValid(change) })),
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

  /** A signature in the one form the server stores: lowercase, v 27/28, s at most n/2. */
  const isCanonical = (signature: string) =>
    /^0x[0-9a-f]{128}(?:1b|1c)$/.test(signature) && BigInt(`0x${signature.slice(66, 130)}`) <= SECP256K1_N / 2n;

  /** A signed statement's time is stored in whole seconds, inside the window the handler accepts. */
  const isFreshSecond = (timestampMs: number) =>
    timestampMs % 1000 === 0 && timestampMs >= NOW - 30 * DAY_MS - 1000 && timestampMs <= NOW + 5 * 60_000;

  /**
   * Judged apart from the handler, by viem's recovery and the rules of SIGNATURES.md: whether a
   * stored record holds a consent proof XMTP would accept and a withdrawal this project would, both
   * in canonical form, and the state the newer of them decides. Memoized, since the stored records
   * rarely change.
   */
  const judged = new Map<string, Promise<boolean>>();
  function isValidEvidence(record: ConsentRecord): Promise<boolean> {
    const { consent, withdrawal } = record;
    const key = JSON.stringify({ ...record, consent: consent && { ...consent, proof: bytesToBase64(consent.proof) }, receiptHashes: [] });
    if (!judged.has(key)) {
      judged.set(
        key,
        (async () => {
          if (record.publisher !== publisher.address) return false;
          const signer = (message: string, signature: string) => recoverMessageAddress({ message, signature: signature as Hex });
          if (consent) {
            const { signature, timestampMs } = consent;
            if (!isCanonical(signature) || !isFreshSecond(timestampMs)) return false;
            if (bytesToBase64(consent.proof) !== bytesToBase64(encodeConsentProof(signature, timestampMs))) return false;
            if ((await signer(consentMessage(record.publisher, timestampMs), signature)) !== record.subscriber) return false;
          }
          if (withdrawal) {
            const { signature, timestampMs } = withdrawal;
            if (!isCanonical(signature) || !isFreshSecond(timestampMs)) return false;
            if ((await signer(unsubscribeMessage(record.publisher, timestampMs), signature)) !== record.subscriber) return false;
          }
          const newest = withdrawal && (!consent || withdrawal.timestampMs >= consent.timestampMs) ? 'unsubscribed' : 'allowed';
          return record.state === newest;
        })(),
      );
    }
    return judged.get(key)!;
  }

  async function storedRecords(publisherAddress: string): Promise<ConsentRecord[]> {
    const records = [];
    for await (const record of store.list(publisherAddress, { state: 'all' })) records.push(record);
    return records;
  }

  it('never throws, never answers 5xx, stores only valid statements in canonical form, and a refusal changes nothing', async () => {
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
        const before = await storedRecords(publisher.address);
        const response = await handler(requestOf(parts), { clientIp: '192.0.2.1' });
        const text = await response.text();
        const json = text ? JSON.parse(text) : {};
        const answer = `${response.status} ${json.error?.code ?? json.status ?? ''}`;
        answers.set(answer, (answers.get(answer) ?? 0) + 1);

        assert.ok(response.status < 500, `answered ${text}`);
        assert.doesNotMatch(text, /\n\s+at |sqlite/i);
        if (mustBeAccepted(parts)) assert.ok(response.status === 200 || response.status === 201, `answered ${text}`);
        const after = await storedRecords(publisher.address);
        if (response.status !== 200 && response.status !== 201) assert.deepEqual(after, before, `a refusal changed the list: ${text}`);
        for (const record of after) {
          const shown = JSON.stringify({ ...record, consent: record.consent && { ...record.consent, proof: bytesToBase64(record.consent.proof) } });
          assert.ok(await isValidEvidence(record), `stored an invalid statement: ${shown}`);
        }
        assert.deepEqual(await storedRecords(strangerPublisher.address), []);
      }),
      settings,
    );

    const stored = await storedRecords(publisher.address);
    const left = stored.filter((record) => record.state === 'unsubscribed').length;
    console.log(`fuzz handler: ${RUNS} requests, ${stored.length} of ${readers.length} readers with a record, ${left} unsubscribed; answers:`);
    for (const [answer, count] of [...answers].sort()) console.log(`  ${answer}: ${count}`);
    // The generators reach every stage of the handler, not only its first checks.
    const stages = ['201 allowed', '200 allowed', '200 unsubscribed', '400 bad_request', '400 invalid_address', '403 invalid_signature'];
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
    fc.tuple(address, time).map(([publisherAddress, ms]) => unsubscribeMessage(publisherAddress, ms)),
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
      'Unsubscribe : Withdraw inbox consent from sender',
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
