// What this browser keeps is input too: a malformed or foreign outbox entry is never sent and never
// breaks the card, a waiting statement goes only to the element's own endpoint for the reader whose
// wallet is connected, and a fault of the page is never blamed on the wallet.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import { consentMessage, encodeConsentProof, bytesToBase64 } from '../../src/core/index.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  startConsentServer,
  statusReached,
  statusText,
  storedCount,
  storedRecord,
  type ConsentServer,
} from './support.js';

const OUTBOX = 'xmtp-subscribe:outbox';

/** A consent proof really signed by `wallet`, as the element would have saved it. */
async function signedBody(wallet: ReturnType<typeof createThrowawayWallet>) {
  const timestampMs = Date.now();
  const message = consentMessage(PUBLISHER, timestampMs);
  const hex = `0x${Array.from(new TextEncoder().encode(message), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  const signature = (await wallet.request({ method: 'personal_sign', params: [hex, wallet.address] })) as string;
  const consentProof = bytesToBase64(encodeConsentProof(signature, timestampMs));
  return { publisher: PUBLISHER, subscriber: wallet.address, consentProof };
}

describe('<xmtp-subscribe> and what this browser keeps', () => {
  let server: ConsentServer;

  beforeEach(async () => {
    server = await startConsentServer();
    localStorage.removeItem(OUTBOX);
  });

  const card = (provider: Eip1193Provider) =>
    fixture<XmtpSubscribe>(html`
      <xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} .provider=${provider}></xmtp-subscribe>
    `);

  const settled = () => new Promise((resolve) => setTimeout(resolve, 100));

  for (const [name, stored] of [
    ['not JSON', '{not json'],
    ['not a list', '{"id":"x"}'],
    ['entries of the wrong shape', JSON.stringify([1, null, 'x', { id: 5 }, { id: 'a', endpoint: 'b', body: null, attempts: 0 }])],
  ]) {
    it(`ignores an outbox that is ${name}, and subscribes as usual`, async () => {
      localStorage.setItem(OUTBOX, stored!);
      const wallet = createThrowawayWallet({ connected: true });
      const element = await card(wallet);
      await settled();
      expect(element.status).to.equal('idle');
      const subscribed = oneEvent(element, 'xmtp-subscribed');
      actionButton(element).click();
      expect((await subscribed).detail.subscriber).to.equal(wallet.address);
    });
  }

  it('sends a waiting proof of the connected reader to its own endpoint, and nothing foreign', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const someoneElse = createThrowawayWallet({ connected: true });
    const id = (subscriber: string) => `consent|${server.endpoint}|${PUBLISHER}|${subscriber}`;
    const mine = await signedBody(wallet);
    const theirs = await signedBody(someoneElse);
    localStorage.setItem(
      OUTBOX,
      JSON.stringify([
        // Someone else's proof: never sent from this reader's page.
        { id: id(someoneElse.address), endpoint: server.endpoint, body: theirs, attempts: 0 },
        // The reader's id, but another endpoint: never sent there, nor to the element's.
        { id: id(wallet.address), endpoint: 'http://127.0.0.1:9/elsewhere', body: mine, attempts: 0 },
      ]),
    );
    const element = await card(wallet);
    await settled();
    expect(element.status).to.equal('idle');
    expect(await storedCount(server, PUBLISHER)).to.equal(0);

    localStorage.setItem(OUTBOX, JSON.stringify([{ id: id(wallet.address), endpoint: server.endpoint, body: mine, attempts: 3 }]));
    const again = await card(wallet);
    await statusReached(again, 'done');
    expect(await storedCount(server, PUBLISHER)).to.equal(1);
    expect(await storedRecord(server, PUBLISHER, someoneElse.address)).to.equal(null);
  });

  it('reports a fault of the page as unexpected, never as the wallet refusing', async () => {
    const element = await card(createThrowawayWallet({ connected: true }));
    const failed = oneEvent(element, 'xmtp-error');
    const { flow } = element as unknown as { flow: { run(step: () => Promise<void>): Promise<void> } };
    void flow.run(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'publisher')");
    });
    expect((await failed).detail.code).to.equal('unexpected');
    await element.updateComplete;
    expect(statusText(element)).to.equal('Something went wrong in this page, not in your wallet. Reload the page and try again.');
  });
});
