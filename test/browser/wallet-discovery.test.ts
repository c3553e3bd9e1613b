// Several wallets on one page (EIP-6963): the picker, the chosen wallet alone is ever asked, the
// choice is remembered, and the page's own provider wins.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  announceWallets,
  signingFails,
  spiedWallet,
  startConsentServer,
  pickerWallets,
  statusReached,
  storedRecord,
  type ConsentServer,
} from './support.js';

const NAMES = ['Fox', 'Coin', 'Ghost'];

describe('<xmtp-subscribe> with several wallets (EIP-6963)', () => {
  let server: ConsentServer;
  let stopAnnouncing: () => void = () => {};

  before(async () => {
    server = await startConsentServer();
  });

  beforeEach(() => localStorage.removeItem('xmtp-subscribe:wallet'));
  afterEach(() => stopAnnouncing());

  /** `count` real wallets, spied, announced under NAMES. */
  function announce(count: number, options: Parameters<typeof spiedWallet>[1] = {}) {
    const wallets = Array.from({ length: count }, () => {
      const wallet = createThrowawayWallet();
      return { wallet, ...spiedWallet(wallet, options) };
    });
    stopAnnouncing = announceWallets(
      wallets.map(({ provider }) => provider),
      NAMES.slice(0, count),
    );
    return wallets;
  }

  function subscribeButton(provider?: Eip1193Provider) {
    return fixture<XmtpSubscribe>(html`
      <xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} .provider=${provider}></xmtp-subscribe>
    `);
  }

  async function clickUntil(element: XmtpSubscribe, status: XmtpSubscribe['status'], target?: HTMLElement) {
    const reached = statusReached(element, status);
    (target ?? actionButton(element)).click();
    await reached;
  }

  it('uses the only announced wallet without a picker', async () => {
    const [only] = announce(1);
    const element = await subscribeButton();
    await clickUntil(element, 'connected');
    await clickUntil(element, 'done');
    expect(only!.signatures()).to.equal(1);
    expect(await storedRecord(server, PUBLISHER, only!.wallet.address)).to.include({ signerKind: 'eoa' });
  });

  it('shows a picker for two wallets, and only the chosen one is ever asked', async () => {
    const [first, second] = announce(2);
    const element = await subscribeButton();
    first!.calls.length = 0;
    second!.calls.length = 0;

    await clickUntil(element, 'picking');
    const choices = await pickerWallets(element);
    expect(choices.map((button) => button.textContent!.trim())).to.deep.equal(['Fox', 'Coin']);
    expect(choices[0]!.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/svg\+xml,/);
    expect(element.shadowRoot!.activeElement).to.equal(choices[0]);
    await expect(element).to.be.accessible();

    await clickUntil(element, 'connected', choices[1]);
    await clickUntil(element, 'done');
    expect(second!.signatures()).to.equal(1);
    expect(first!.calls).to.deep.equal([]);
    expect(await storedRecord(server, PUBLISHER, second!.wallet.address)).to.not.equal(null);
  });

  it('reports a rejection in the chosen one of three wallets, and never asks the others', async () => {
    const wallets = announce(3, { fail: signingFails(4001, 'User rejected the request.') });
    const element = await subscribeButton();
    for (const { calls } of wallets) calls.length = 0;

    await clickUntil(element, 'picking');
    expect(await pickerWallets(element)).to.have.length(3);
    await clickUntil(element, 'connected', (await pickerWallets(element))[2]);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('user-rejected');
    expect(wallets[2]!.signatures()).to.equal(1);
    expect(wallets[0]!.calls).to.deep.equal([]);
    expect(wallets[1]!.calls).to.deep.equal([]);
  });

  it('remembers the chosen wallet for the next element and visit', async () => {
    const [, second] = announce(2);
    const element = await subscribeButton();
    await clickUntil(element, 'picking');
    await clickUntil(element, 'connected', (await pickerWallets(element))[1]);
    expect(localStorage.getItem('xmtp-subscribe:wallet')).to.equal('test.coin');

    const next = await subscribeButton();
    const statuses: string[] = [];
    next.addEventListener('xmtp-status-change', (event) => statuses.push(event.detail.status));
    await clickUntil(next, 'done');
    expect(statuses).to.not.include('picking');
    expect(second!.signatures()).to.equal(1);
  });

  it('lets the page’s own provider win over announced wallets', async () => {
    const announced = announce(2);
    const own = createThrowawayWallet({ connected: true });
    const element = await subscribeButton(own);
    for (const { calls } of announced) calls.length = 0;
    await clickUntil(element, 'done');
    expect(await storedRecord(server, PUBLISHER, own.address)).to.not.equal(null);
    for (const { calls } of announced) expect(calls).to.deep.equal([]);
  });

  it('closes the picker with Escape and gives focus back to the button', async () => {
    announce(2);
    const element = await subscribeButton();
    await clickUntil(element, 'picking');
    await pickerWallets(element);
    const idle = statusReached(element, 'idle');
    await sendKeys({ press: 'Escape' });
    await idle;
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement).to.equal(actionButton(element));
  });
});
