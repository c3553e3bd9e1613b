// verifyIdentitySignature against XMTP's identity rules (SIGNATURES.md §2, §4), with real wallet signatures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPublicClient, custom, recoverMessageAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  consentMessage,
  createIdentityText,
  enableIdentityText,
  identityText,
  inboxId,
  verifyIdentitySignature,
  type IdentityAction,
  type IdentityVerifyOptions,
} from '../../src/core/index.js';
import { SECP256K1_N as N, highSTwin, sOf, vOf, withV } from './signature-edits.js';

// Well-known test keys (the first two of Hardhat's and Anvil's default accounts): never real funds.
const wallet = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const stranger = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
/** The secp256k1 group order. */
const ERC6492_SUFFIX = '6492'.repeat(16);
const INBOX = inboxId(stranger.address, 1);
const TIME = Date.UTC(2025, 5, 1, 12, 0, 0);

/** The text that links `address` to the stranger's inbox, signed by the address being added. */
function linkText(address: string = wallet.address, time = TIME): string {
  return identityText({ inboxId: INBOX, time, actions: [{ type: 'link-address', address }] });
}

/** Signed link texts, over consecutive seconds, until one with v = 27 and one with v = 28 are found. */
async function signaturesWithEachV(): Promise<Array<{ text: string; signature: Hex }>> {
  const found = new Map<number, { text: string; signature: Hex }>();
  for (let k = 0; found.size < 2; k++) {
    const text = linkText(wallet.address, TIME + k * 1000);
    const signature = await wallet.signMessage({ message: text });
    if (!found.has(vOf(signature))) found.set(vOf(signature), { text, signature });
  }
  return [found.get(27)!, found.get(28)!];
}

async function assertVerifies(text: string, signature: string, signer: string, options?: IdentityVerifyOptions) {
  assert.deepEqual(await verifyIdentitySignature({ text, signature, signer }, options), { ok: true, signer: 'eoa' });
}

async function assertFails(input: unknown, reason: string, options?: IdentityVerifyOptions) {
  assert.deepEqual(await verifyIdentitySignature(input as never, options), { ok: false, reason });
}

/** A viem client on a fake chain whose `eth_call` answers `answer`; records the methods asked. */
function fakeChain(answer: boolean) {
  const methods: string[] = [];
  const client = createPublicClient({
    transport: custom({
      async request({ method }: { method: string }) {
        methods.push(method);
        if (method === 'eth_call') return `0x${answer ? '1'.padStart(64, '0') : '0'.repeat(64)}`;
        throw new Error(`the fake chain does not answer ${method}`);
      },
    }),
  });
  return { client, methods };
}

describe('test fixtures', () => {
  it('derive the well-known addresses from the fixed keys', () => {
    assert.equal(wallet.address, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    assert.equal(stranger.address, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });
});

describe('verifyIdentitySignature', () => {
  describe('a valid signature', () => {
    it('verifies a link text signed by the address being added', async () => {
      const text = linkText();
      await assertVerifies(text, await wallet.signMessage({ message: text }), wallet.address);
    });

    it('verifies with the signer in any casing', async () => {
      const text = linkText();
      const signature = await wallet.signMessage({ message: text });
      for (const signer of [wallet.address.toLowerCase(), `0x${wallet.address.slice(2).toUpperCase()}`]) {
        await assertVerifies(text, signature, signer);
      }
    });

    it('verifies every action type and a first registration', async () => {
      const passkey = `02${'ab'.repeat(32)}`;
      const mixes: IdentityAction[][] = [
        [
          { type: 'create-inbox', owner: wallet.address },
          { type: 'grant-app', installationId: 'cd'.repeat(32) },
        ],
        [{ type: 'unlink-address', address: stranger.address }],
        [{ type: 'revoke-app', installationId: '010203' }],
        [{ type: 'change-recovery-address', address: stranger.address }],
        [{ type: 'link-passkey', passkey }],
        [{ type: 'unlink-passkey', passkey }],
      ];
      for (const actions of mixes) {
        const text = identityText({ inboxId: INBOX, time: TIME, actions });
        await assertVerifies(text, await wallet.signMessage({ message: text }), wallet.address);
      }
    });

    it('verifies the legacy V2 identity texts', async () => {
      for (const text of [createIdentityText(Uint8Array.of(1, 2, 3)), enableIdentityText(new Uint8Array(32).fill(7))]) {
        await assertVerifies(text, await wallet.signMessage({ message: text }), wallet.address);
      }
    });

    it('accepts uppercase signature hex', async () => {
      const text = linkText();
      const signature = await wallet.signMessage({ message: text });
      await assertVerifies(text, `0x${signature.slice(2).toUpperCase()}`, wallet.address);
    });
  });

  describe('signature shape', () => {
    it('verifies v as 27/28 and as 0/1', async () => {
      for (const { text, signature } of await signaturesWithEachV()) {
        await assertVerifies(text, signature, wallet.address);
        await assertVerifies(text, withV(signature, vOf(signature) - 27), wallet.address);
      }
    });

    it('rejects v outside 0, 1, 27 and 28', async () => {
      for (const { text, signature } of await signaturesWithEachV()) {
        const v = vOf(signature);
        for (const bad of [v + 2, v - 25, v + 10]) {
          await assertFails({ text, signature: withV(signature, bad), signer: wallet.address }, 'invalid_signature');
        }
      }
    });

    it('rejects the high-s twin, which recovers the same signer, unlike the consent validator', async () => {
      for (const { text, signature } of await signaturesWithEachV()) {
        const twin = highSTwin(signature);
        assert.ok(sOf(signature) <= N / 2n, 'the wallet signs with low s');
        assert.ok(sOf(twin) > N / 2n, 'the twin has high s');
        assert.equal(await recoverMessageAddress({ message: text, signature: twin as Hex }), wallet.address);
        await assertFails({ text, signature: twin, signer: wallet.address }, 'invalid_signature');
        await assertFails({ text, signature: withV(twin, vOf(twin) - 27), signer: wallet.address }, 'invalid_signature');
      }
    });

    it('rejects a 64-byte, a 66-byte and an unprefixed signature', async () => {
      const text = linkText();
      const signature = await wallet.signMessage({ message: text });
      for (const bad of [signature.slice(0, -2), `${signature}1b`, signature.slice(2)]) {
        await assertFails({ text, signature: bad, signer: wallet.address }, 'invalid_signature');
      }
    });

    it('rejects a signature by another key', async () => {
      const text = linkText();
      await assertFails({ text, signature: await stranger.signMessage({ message: text }), signer: wallet.address }, 'invalid_signature');
    });

    it('rejects a signature of another text', async () => {
      const signature = await wallet.signMessage({ message: linkText(wallet.address, TIME + 1000) });
      await assertFails({ text: linkText(), signature, signer: wallet.address }, 'invalid_signature');
    });

    const badSignatures: Array<[string, unknown]> = [
      ['undefined', undefined],
      ['a number', 123],
      ['an empty string', ''],
      ['a bare 0x', '0x'],
      ['not hex', 'hello'],
      ['r = 0', `0x${'00'.repeat(32)}${'11'.repeat(32)}1b`],
      ['s = 0', `0x${'11'.repeat(32)}${'00'.repeat(32)}1b`],
      ['all 0xff', `0x${'ff'.repeat(64)}1c`],
    ];
    for (const [label, signature] of badSignatures) {
      it(`answers invalid_signature for a signature that is ${label}`, async () => {
        await assertFails({ text: linkText(), signature, signer: wallet.address }, 'invalid_signature');
      });
    }
  });

  describe('signer and text', () => {
    it('answers invalid_address for a signer that is not an address', async () => {
      const text = linkText();
      const signature = await wallet.signMessage({ message: text });
      for (const signer of ['0x1234567890abcdef', wallet.address.slice(2), wallet.address.replace('F6', 'f6'), '', undefined, 42]) {
        await assertFails({ text, signature, signer }, 'invalid_address');
      }
      await assertFails(undefined, 'invalid_address');
      await assertFails({}, 'invalid_address');
    });

    it('answers invalid_text for a signed text that is not an XMTP format', async () => {
      for (const text of ['Sign in to example.com', `${linkText()}/`, `${linkText()}\n`, linkText().replaceAll('\n', '\r\n')]) {
        await assertFails({ text, signature: await wallet.signMessage({ message: text }), signer: wallet.address }, 'invalid_text');
      }
      await assertFails({ text: undefined, signature: '0x', signer: wallet.address }, 'invalid_text');
    });

    it('answers invalid_text for a consent text, which verifyConsentProof judges', async () => {
      const text = consentMessage(stranger.address, TIME);
      await assertFails({ text, signature: await wallet.signMessage({ message: text }), signer: wallet.address }, 'invalid_text');
    });

    it('reports invalid_address before invalid_text, and invalid_text before invalid_signature', async () => {
      await assertFails({ text: 'nothing', signature: 'nothing', signer: 'nobody' }, 'invalid_address');
      await assertFails({ text: 'nothing', signature: 'nothing', signer: wallet.address }, 'invalid_text');
    });
  });

  describe('smart-contract wallets, with a client', () => {
    it('asks the chain about a signature that is no plain signature of the signer', async () => {
      const { client, methods } = fakeChain(true);
      const text = linkText();
      const contractSignature = `0x${'ab'.repeat(100)}`;
      assert.deepEqual(await verifyIdentitySignature({ text, signature: contractSignature, signer: wallet.address }, { client }), {
        ok: true,
        signer: 'erc1271',
      });
      assert.deepEqual(
        await verifyIdentitySignature({ text, signature: `${contractSignature}${ERC6492_SUFFIX}`, signer: wallet.address }, { client }),
        { ok: true, signer: 'erc6492' },
      );
      assert.deepEqual(methods, ['eth_call', 'eth_call']);
    });

    it('answers invalid_signature when the chain says no', async () => {
      const { client, methods } = fakeChain(false);
      await assertFails({ text: linkText(), signature: `0x${'ab'.repeat(100)}`, signer: wallet.address }, 'invalid_signature', {
        client,
      });
      assert.deepEqual(methods, ['eth_call']);
    });

    it('verifies a plain signature without asking the chain', async () => {
      const { client, methods } = fakeChain(false);
      const text = linkText();
      await assertVerifies(text, await wallet.signMessage({ message: text }), wallet.address, { client });
      assert.deepEqual(methods, []);
    });

    it("never sends the signer's high-s twin to the chain, whose ecrecover would accept it", async () => {
      const { client, methods } = fakeChain(true);
      for (const { text, signature } of await signaturesWithEachV()) {
        await assertFails({ text, signature: highSTwin(signature), signer: wallet.address }, 'invalid_signature', { client });
      }
      assert.deepEqual(methods, []);
    });

    it('does not ask the chain about a malformed text, address or signature', async () => {
      const { client, methods } = fakeChain(true);
      await assertFails({ text: 'hello', signature: `0x${'ab'.repeat(100)}`, signer: wallet.address }, 'invalid_text', { client });
      await assertFails({ text: linkText(), signature: `0x${'ab'.repeat(100)}`, signer: 'nobody' }, 'invalid_address', { client });
      await assertFails({ text: linkText(), signature: 'not hex', signer: wallet.address }, 'invalid_signature', { client });
      await assertFails({ text: linkText(), signature: `0x${'a'.repeat(131)}`, signer: wallet.address }, 'invalid_signature', { client });
      assert.deepEqual(methods, []);
    });
  });
});
