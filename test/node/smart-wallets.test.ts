// Smart-contract wallets on a real local chain (hardhat): ERC-1271 signatures of deployed wallets and
// ERC-6492 signatures of wallets not yet deployed, through every verifier (consent, withdrawal,
// identity), the endpoint on SQLite and the CLI's --rpc-url; and what happens when the chain cannot
// be asked.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { createPublicClient, custom, http, type PublicClient } from 'viem';
import { getCode } from 'viem/actions';
import type { PrivateKeyAccount } from 'viem/accounts';
import {
  ChainUnavailableError,
  bytesToBase64,
  consentMessage,
  encodeConsentProof,
  identityText,
  inboxId,
  unsubscribeMessage,
  verifyConsentProof,
  verifyIdentitySignature,
  verifyUnsubscribe,
} from '../../src/core/index.js';
import { createConsentHandler, sqliteStore, type ConsentStore } from '../../src/server/index.js';
import {
  freePort,
  smartWalletSignature,
  startChain,
  type LocalChain,
  type SmartWallet,
} from '../support/chain.mjs';
import { cli, killClis } from './cli-process.js';
import { NOW, account, publisher, signedProof, tempDir } from './server-fixtures.js';
import { highSTwin } from './signature-edits.js';

const owner = account(900);
const stranger = account(901);

let chain: LocalChain;
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: ConsentStore;
/** A client whose chain is a closed port on 127.0.0.1. */
let unreachable: PublicClient;

before(async () => {
  [chain, dir] = await Promise.all([startChain(), tempDir()]);
  store = await sqliteStore(join(dir.path, 'consent.db'));
  unreachable = createPublicClient({ transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0 }) });
});

after(async () => {
  killClis();
  await store?.close();
  await Promise.all([chain?.stop(), dir?.remove()]);
});

const deployedWallet = () => chain.smartWallet(owner.address, { deployed: true });
const undeployedWallet = () => chain.smartWallet(owner.address, { deployed: false });

/** `wallet`'s consent proof for the served publisher, signed by `signer` (its owner unless told). */
async function smartWalletProof(wallet: SmartWallet, signer: PrivateKeyAccount = owner, timestampMs = NOW) {
  const signature = await smartWalletSignature(signer, wallet, consentMessage(publisher.address, timestampMs));
  return { publisher: publisher.address, subscriber: wallet.address, timestampMs, signature };
}

/** The JSON a page posts for `wallet`'s proof. */
async function smartWalletBody(wallet: SmartWallet, timestampMs = NOW) {
  const { signature } = await smartWalletProof(wallet, owner, timestampMs);
  const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
  return { publisher: publisher.address, subscriber: wallet.address, consentProof };
}

function linkText(address: string): string {
  return identityText({ inboxId: inboxId(stranger.address), time: NOW, actions: [{ type: 'link-address', address }] });
}

describe('verifyConsentProof with a client on a real chain', () => {
  const verify = (proof: Awaited<ReturnType<typeof smartWalletProof>>, client: PublicClient = chain.client) =>
    verifyConsentProof(proof, { now: NOW, client });

  it("verifies a deployed wallet's ERC-1271 signature as erc1271", async () => {
    assert.deepEqual(await verify(await smartWalletProof(await deployedWallet())), { ok: true, signer: 'erc1271' });
  });

  it('answers invalid_signature for a deployed wallet when another key signed', async () => {
    const proof = await smartWalletProof(await deployedWallet(), stranger);
    assert.deepEqual(await verify(proof), { ok: false, reason: 'invalid_signature' });
  });

  it("verifies an undeployed wallet's ERC-6492 signature as erc6492, and leaves it undeployed", async () => {
    const wallet = await undeployedWallet();
    assert.deepEqual(await verify(await smartWalletProof(wallet)), { ok: true, signer: 'erc6492' });
    assert.equal(await getCode(chain.client, { address: wallet.address }), undefined);
  });

  it('answers invalid_signature for an ERC-6492 signature by another key, or whose factory call deploys another wallet', async () => {
    const wallet = await undeployedWallet();
    assert.deepEqual(await verify(await smartWalletProof(wallet, stranger)), { ok: false, reason: 'invalid_signature' });
    const elsewhere = await chain.smartWallet(stranger.address, { deployed: false });
    const misdirected = await smartWalletProof({ ...wallet, factoryData: elsewhere.factoryData });
    assert.deepEqual(await verify(misdirected), { ok: false, reason: 'invalid_signature' });
  });

  it('still verifies a plain wallet as eoa', async () => {
    const { signature } = await signedProof(owner, publisher.address, NOW);
    const proof = { publisher: publisher.address, subscriber: owner.address, timestampMs: NOW, signature };
    assert.deepEqual(await verify(proof), { ok: true, signer: 'eoa' });
    assert.deepEqual(await verify(proof, unreachable), { ok: true, signer: 'eoa' }, 'a plain wallet never asks the chain');
  });

  it('rejects with ChainUnavailableError when the chain cannot be reached', async () => {
    const proof = await smartWalletProof(await deployedWallet());
    await assert.rejects(verify(proof, unreachable), (error: Error) => {
      assert.ok(error instanceof ChainUnavailableError);
      assert.match(error.message, /the chain could not be reached/);
      return true;
    });
  });

  it('rejects when the chain answers with an error that is not a revert', async () => {
    const rateLimited = createPublicClient({
      transport: custom({
        async request() {
          throw Object.assign(new Error('too many requests'), { code: -32005 });
        },
      }),
    });
    await assert.rejects(verify(await smartWalletProof(await deployedWallet()), rateLimited), ChainUnavailableError);
  });
});

describe('verifyUnsubscribe with a client on a real chain: the same chain check', () => {
  /** `wallet`'s withdrawal, signed by `signer`. */
  async function smartWalletWithdrawal(wallet: SmartWallet, signer: PrivateKeyAccount = owner) {
    const signature = await smartWalletSignature(signer, wallet, unsubscribeMessage(publisher.address, NOW));
    return { publisher: publisher.address, subscriber: wallet.address, timestampMs: NOW, signature };
  }
  const verify = (withdrawal: Awaited<ReturnType<typeof smartWalletWithdrawal>>, client: PublicClient = chain.client) =>
    verifyUnsubscribe(withdrawal, { now: NOW, client });

  it('verifies ERC-1271 and ERC-6492 withdrawals, and refuses another key or a consent signature', async () => {
    assert.deepEqual(await verify(await smartWalletWithdrawal(await deployedWallet())), { ok: true, signer: 'erc1271' });
    assert.deepEqual(await verify(await smartWalletWithdrawal(await undeployedWallet())), { ok: true, signer: 'erc6492' });
    const byStranger = await smartWalletWithdrawal(await deployedWallet(), stranger);
    assert.deepEqual(await verify(byStranger), { ok: false, reason: 'invalid_signature' });
    const consent = await smartWalletProof(await deployedWallet());
    assert.deepEqual(await verify(consent), { ok: false, reason: 'invalid_signature' }, 'a consent is no withdrawal');
  });

  it('rejects with ChainUnavailableError when the chain cannot be reached', async () => {
    await assert.rejects(verify(await smartWalletWithdrawal(await deployedWallet()), unreachable), ChainUnavailableError);
  });
});

describe('verifyIdentitySignature with a client on a real chain', () => {
  async function verify(wallet: SmartWallet, signer: PrivateKeyAccount = owner, client: PublicClient = chain.client) {
    const text = linkText(wallet.address);
    const signature = await smartWalletSignature(signer, wallet, text);
    return verifyIdentitySignature({ text, signature, signer: wallet.address }, { client });
  }

  it('verifies ERC-1271 and ERC-6492 signatures, and refuses another key', async () => {
    assert.deepEqual(await verify(await deployedWallet()), { ok: true, signer: 'erc1271' });
    assert.deepEqual(await verify(await undeployedWallet()), { ok: true, signer: 'erc6492' });
    assert.deepEqual(await verify(await deployedWallet(), stranger), { ok: false, reason: 'invalid_signature' });
    assert.deepEqual(await verify(await undeployedWallet(), stranger), { ok: false, reason: 'invalid_signature' });
  });

  it("refuses a plain wallet's high-s twin, which the chain's ecrecover would accept", async () => {
    const text = linkText(owner.address);
    const signature = await owner.signMessage({ message: text });
    const check = (signature: string) => verifyIdentitySignature({ text, signature, signer: owner.address }, { client: chain.client });
    assert.deepEqual(await check(signature), { ok: true, signer: 'eoa' });
    assert.deepEqual(await check(highSTwin(signature)), { ok: false, reason: 'invalid_signature' });
  });

  it('rejects with ChainUnavailableError when the chain cannot be reached', async () => {
    await assert.rejects(verify(await deployedWallet(), owner, unreachable), ChainUnavailableError);
  });
});

describe('the endpoint with a client, on SQLite', () => {
  const handler = (client: PublicClient = chain.client) =>
    createConsentHandler({ publishers: [publisher.address], store, client, now: () => NOW, rateLimit: { perMinute: 0 } });
  const post = (body: unknown) =>
    new Request('http://127.0.0.1/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  for (const [kind, newWallet] of [
    ['erc1271', deployedWallet],
    ['erc6492', undeployedWallet],
  ] as const) {
    it(`stores a ${kind} proof with signerKind ${kind}`, async () => {
      const wallet = await newWallet();
      const response = await handler()(post(await smartWalletBody(wallet)));
      assert.equal(response.status, 201);
      assert.equal((await response.json()).subscriber, wallet.address);
      assert.equal((await store.get(publisher.address, wallet.address))?.consent?.signerKind, kind);
    });
  }

  it('keeps a smart wallet’s withdrawal with its signer kind, its signature lowercased and otherwise as signed', async () => {
    const wallet = await deployedWallet();
    assert.equal((await handler()(post(await smartWalletBody(wallet)))).status, 201);
    const signature = await smartWalletSignature(owner, wallet, unsubscribeMessage(publisher.address, NOW));
    const unsubscribe = { timestampMs: NOW, signature: signature.toUpperCase().replace('0X', '0x') };
    const response = await handler()(post({ publisher: publisher.address, subscriber: wallet.address, unsubscribe }));
    assert.deepEqual([response.status, (await response.json()).status], [200, 'unsubscribed']);
    const record = await store.get(publisher.address, wallet.address);
    assert.deepEqual(record?.withdrawal, { timestampMs: NOW, signature: signature.toLowerCase(), signerKind: 'erc1271', receivedAt: NOW });
    assert.equal(record?.consent?.signerKind, 'erc1271', 'the consent it withdrew is kept');
  });

  it('asks the chain only when a contract can have signed: code looked up once, ERC-6492 straight to the call', async () => {
    const methods: string[] = [];
    const counting = createPublicClient({
      transport: custom({
        request: (args: { method: string; params?: unknown }) => (methods.push(args.method), chain.client.request(args as never)),
      }),
    });
    const countingHandler = handler(counting);
    const reader = account(910);
    for (let i = 0; i < 3; i++) {
      const { consentProof } = await signedProof(stranger, publisher.address, NOW);
      const junk = await countingHandler(post({ publisher: publisher.address, subscriber: reader.address, consentProof }));
      assert.equal(junk.status, 403);
    }
    assert.deepEqual(methods, ['eth_getCode'], "a plain wallet's junk costs one cached code lookup, no eth_call");

    methods.length = 0;
    const deployed = await deployedWallet();
    assert.equal((await countingHandler(post(await smartWalletBody(deployed)))).status, 201);
    assert.deepEqual(methods, ['eth_getCode', 'eth_call'], 'a deployed wallet: its code, then its ERC-1271 check');

    methods.length = 0;
    assert.equal((await countingHandler(post(await smartWalletBody(await undeployedWallet())))).status, 201);
    assert.deepEqual(methods, ['eth_call'], 'an ERC-6492 signature says itself that a contract signed');
  });

  it('answers 503 chain_unavailable and stores nothing when the chain cannot be reached', async () => {
    const wallet = await deployedWallet();
    const logged = mock.method(console, 'error', () => {});
    try {
      const response = await handler(unreachable)(post(await smartWalletBody(wallet)));
      assert.equal(response.status, 503);
      const { error } = await response.json();
      assert.equal(error.code, 'chain_unavailable');
      assert.match(error.message, /could not be reached/);
      assert.ok(Number(response.headers.get('retry-after')) > 0);
      assert.match(String(logged.mock.calls[0]?.arguments[0]), /503 chain_unavailable/);
    } finally {
      logged.mock.restore();
    }
    assert.equal(await store.get(publisher.address, wallet.address), undefined);
  });
});

describe('xmtp-subscribe-server --rpc-url', () => {
  it('verifies and stores an ERC-1271 proof posted end to end', async () => {
    const db = join(dir.path, 'cli.db');
    const server = cli(['--publisher', publisher.address, '--db', db, '--port', '0', '--rpc-url', chain.url]);
    const wallet = await deployedWallet();
    const response = await fetch(await server.endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await smartWalletBody(wallet, Date.now())),
    });
    assert.equal(response.status, 201);
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
    const written = await sqliteStore(db);
    assert.equal((await written.get(publisher.address, wallet.address))?.consent?.signerKind, 'erc1271');
    await written.close();
  });
});
