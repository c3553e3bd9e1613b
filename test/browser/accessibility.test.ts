// Every element, in every state it can show, passes axe; after an error, focus stays on the button
// that can try again.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet, rpcError } from '../../demo/throwaway-wallet.js';
import { identityText, inboxId } from '../../src/core/index.js';
import '../../src/index.js';
import type { XmtpElement } from '../../src/elements/shared/xmtp-element.js';
import type { Status } from '../../src/elements/shared/status.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  announceWallets,
  startConsentServer,
  pickerWallets,
  statusReached,
  stopConsentServer,
  type ConsentServer,
} from './support.js';

/** A real wallet whose answers to one method can be held back, to look at the waiting states. */
function gatedWallet() {
  const wallet = createThrowawayWallet();
  const gates = new Map<string, Promise<void>>();
  let reject = false;
  const provider: Eip1193Provider = {
    async request(args) {
      await gates.get(args.method);
      if (reject && args.method === 'personal_sign') throw rpcError(4001, 'User rejected the request.');
      return wallet.request(args);
    },
    on: wallet.on,
    removeListener: wallet.removeListener,
  };
  const hold = (method: string) => {
    let release!: () => void;
    gates.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      gates.delete(method);
      release();
    };
  };
  return { wallet, provider, hold, rejectNextSignature: (on: boolean) => (reject = on) };
}

async function reach(element: XmtpElement, status: Status, act: () => void = () => actionButton(element).click()) {
  const reached = statusReached(element, status);
  act();
  await reached;
  await element.updateComplete;
  await expect(element, `${element.localName} while ${status}`).to.be.accessible();
}

describe('accessibility of every element in every state', () => {
  let server: ConsentServer;
  const INBOX = inboxId('0x1234567890abcdef1234567890abcdef12345678');

  before(async () => {
    server = await startConsentServer();
  });

  const elements: Record<string, (address: string) => ReturnType<typeof html>> = {
    'xmtp-subscribe': () =>
      html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} publisher-name="The Gazette"></xmtp-subscribe>`,
    'xmtp-signature-request': () => html`<xmtp-signature-request
      .text=${identityText({ inboxId: INBOX, time: 0, actions: [{ type: 'revoke-app', installationId: 'ab'.repeat(32) }] })}
    ></xmtp-signature-request>`,
    'xmtp-link-address': (address) =>
      html`<xmtp-link-address inbox-id=${INBOX} address=${address}></xmtp-link-address>`,
    'xmtp-unlink-address': (address) => html`<xmtp-unlink-address
      inbox-id=${INBOX}
      address="0x1234567890abcdef1234567890abcdef12345678"
      signer=${address}
    ></xmtp-unlink-address>`,
  };

  for (const [tag, template] of Object.entries(elements)) {
    it(`<${tag}>: idle, connecting, connected, signing, error (focus kept), done`, async () => {
      const { wallet, provider, hold, rejectNextSignature } = gatedWallet();
      const element = await fixture<XmtpElement>(template(wallet.address));
      element.provider = provider;
      await element.updateComplete;
      await expect(element, `${tag} while idle`).to.be.accessible();

      const connect = hold('eth_requestAccounts');
      await reach(element, 'connecting');
      await reach(element, 'connected', connect);

      const sign = hold('personal_sign');
      await reach(element, 'signing');
      rejectNextSignature(true);
      actionButton(element).focus();
      await reach(element, 'error', sign);
      expect(element.shadowRoot!.activeElement, 'focus stays on the button after an error').to.equal(
        actionButton(element),
      );

      rejectNextSignature(false);
      await reach(element, 'done');
    });

    it(`<${tag}>: the wallet picker`, async () => {
      const stop = announceWallets([createThrowawayWallet(), createThrowawayWallet()], ['Fox', 'Coin']);
      localStorage.removeItem('xmtp-subscribe:wallet');
      try {
        const element = await fixture<XmtpElement>(template(PUBLISHER));
        const reached = statusReached(element, 'picking');
        actionButton(element).click();
        await reached;
        await pickerWallets(element);
        await expect(element, `${element.localName} while picking`).to.be.accessible();
      } finally {
        stop();
      }
    });
  }

  it('<xmtp-subscribe>: submitting and queued', async () => {
    const own = await startConsentServer();
    const element = await fixture<XmtpElement>(
      html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${own.endpoint}></xmtp-subscribe>`,
    );
    element.provider = gatedWallet().provider;
    await reach(element, 'connected');

    // Hold the POST in flight: a request that has not been answered yet.
    const realFetch = window.fetch;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    window.fetch = async (...args) => (await answered, realFetch(...args));
    try {
      await reach(element, 'submitting');
      await stopConsentServer(own);
      const failed = oneEvent(element, 'xmtp-error');
      answer();
      await failed;
      await statusReached(element, 'queued');
      await element.updateComplete;
      await expect(element, 'xmtp-subscribe while queued').to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }
  });
});
