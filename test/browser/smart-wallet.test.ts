// <xmtp-subscribe> with a smart-contract wallet in the page, end to end: the element, a real server
// verifying on a local hardhat chain, and SQLite (ERC-1271 deployed, ERC-6492 not yet deployed).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { serializeErc6492Signature, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import {
  PUBLISHER,
  actionButton,
  createSmartWallet,
  startConsentServer,
  statusReached,
  storedRecord,
  type ConsentServer,
} from './support.js';

/** A provider for a new smart wallet owned by a fresh key: deployed, or signing with ERC-6492. */
async function smartWalletProvider({ deployed }: { deployed: boolean }) {
  const privateKey = generatePrivateKey();
  const wallet = await createSmartWallet(privateKeyToAccount(privateKey).address, { deployed });
  const wrap = (signature: Hex) =>
    serializeErc6492Signature({ address: wallet.factory, data: wallet.factoryData, signature });
  return createThrowawayWallet({ privateKey, smartWallet: { address: wallet.address, wrap: deployed ? undefined : wrap } });
}

describe('<xmtp-subscribe> with a smart-contract wallet', () => {
  let server: ConsentServer;

  before(async () => {
    server = await startConsentServer([PUBLISHER], { chain: true });
  });

  for (const [kind, deployed] of [
    ['erc1271', true],
    ['erc6492', false],
  ] as const) {
    it(`subscribes a ${deployed ? 'deployed' : 'not yet deployed'} wallet, stored with signer kind ${kind}`, async () => {
      const provider = await smartWalletProvider({ deployed });
      const element = await fixture<XmtpSubscribe>(html`
        <xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} .provider=${provider}></xmtp-subscribe>
      `);

      const connected = statusReached(element, 'connected');
      actionButton(element).click();
      await connected;
      const signed = oneEvent(element, 'xmtp-consent-signed');
      const subscribed = oneEvent(element, 'xmtp-subscribed');
      actionButton(element).click();
      const { signature } = (await signed).detail;
      expect((await subscribed).detail).to.include({ subscriber: provider.address, created: true });
      expect(element.status).to.equal('done');

      const record = await storedRecord(server, PUBLISHER, provider.address);
      expect(record?.signerKind).to.equal(kind);
      expect(record?.signature).to.equal(signature);
    });
  }
});
