// The controls publishers expect from a component library: words as attributes, a compact variant,
// disabled, public methods, and a wallet choice the reader can change and that is kept only once
// it connected.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { Status } from '../../src/elements/shared/status.js';
import {
  PUBLISHER,
  actionButton,
  announceWallets,
  spiedWallet,
  startConsentServer,
  pickerWallets,
  statusReached,
  storedRecord,
  type ConsentServer,
} from './support.js';

const part = (element: XmtpSubscribe, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<xmtp-subscribe> publisher controls', () => {
  let server: ConsentServer;

  before(async () => {
    server = await startConsentServer();
  });

  beforeEach(() => localStorage.removeItem('xmtp-subscribe:wallet'));

  it('takes its words from attributes: label, and any text as JSON in strings', async () => {
    const element = await fixture<XmtpSubscribe>(html`
      <xmtp-subscribe
        publisher=${PUBLISHER}
        label="Get the newsletter"
        strings='{"showMessage": "See what you sign"}'
      ></xmtp-subscribe>
    `);
    expect(actionButton(element).textContent!.trim()).to.equal('Get the newsletter');
    expect(part(element, 'message-toggle')!.textContent).to.equal('See what you sign');

    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warned.push(message);
    element.setAttribute('strings', 'not json');
    console.warn = warn;
    await element.updateComplete;
    expect(part(element, 'message-toggle')!.textContent).to.equal('Show the exact message');
    expect(warned.join()).to.contain('the strings attribute must be a JSON object');
  });

  it('does nothing while disabled, and says so to assistive technology', async () => {
    const { provider, calls } = spiedWallet(createThrowawayWallet({ connected: true }));
    const element = await fixture<XmtpSubscribe>(
      html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} disabled .provider=${provider}></xmtp-subscribe>`,
    );
    calls.length = 0;
    expect(actionButton(element).getAttribute('aria-disabled')).to.equal('true');
    actionButton(element).click();
    element.subscribe();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.deep.equal([]);
    expect(element.status).to.equal('idle');

    element.disabled = false;
    await element.updateComplete;
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    element.subscribe();
    await subscribed;
  });

  it('compact: the button alone, who and what on demand, and shown before any signature', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await fixture<XmtpSubscribe>(html`
      <xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} variant="compact" .provider=${provider}></xmtp-subscribe>
    `);
    const details = part(element, 'details') as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    expect(getComputedStyle(part(element, 'base')!).borderTopStyle).to.equal('none');
    await expect(element).to.be.accessible();

    // The wallet had connected this site already, yet the first click only opens who and what.
    const statuses: Status[] = [];
    element.addEventListener('xmtp-status-change', (event) => statuses.push(event.detail.status));
    const connected = statusReached(element, 'connected');
    actionButton(element).click();
    await connected;
    await element.updateComplete;
    expect(signatures()).to.equal(0);
    expect(details.open).to.equal(true);
    expect(part(element, 'summary')!.textContent).to.contain('message');
    await expect(element).to.be.accessible();

    const done = statusReached(element, 'done');
    actionButton(element).click();
    await done;
    expect(statuses).to.deep.equal(['connecting', 'connected', 'signing', 'submitting', 'done']);
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.not.equal(null);
  });

  it('subscribe() and unsubscribe() do what the buttons do; reset() goes back to the start', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await fixture<XmtpSubscribe>(
      html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} .provider=${wallet}></xmtp-subscribe>`,
    );
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    element.subscribe();
    await subscribed;
    await statusReached(element, 'done');
    element.subscribe(); // already subscribed: no second signature
    expect(element.status).to.equal('done');

    const unsubscribed = oneEvent(element, 'xmtp-unsubscribed');
    element.unsubscribe();
    await unsubscribed;
    expect((await storedRecord(server, PUBLISHER, wallet.address))!.state).to.equal('unsubscribed');

    element.reset();
    await element.updateComplete;
    expect(element.status).to.equal('idle');
    expect(part(element, 'status')!.textContent!.trim()).to.equal('');
  });

  it('offers another wallet after a connect attempt, and keeps a choice only once it connected', async () => {
    const [fox, coin] = [createThrowawayWallet(), createThrowawayWallet({ connected: true })];
    const stop = announceWallets([fox, coin], ['Fox', 'Coin']);
    try {
      const element = await fixture<XmtpSubscribe>(
        html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint}></xmtp-subscribe>`,
      );
      actionButton(element).click();
      await statusReached(element, 'picking');
      const connected = statusReached(element, 'connected');
      (await pickerWallets(element))[0]!.click();
      await connected;
      expect(localStorage.getItem('xmtp-subscribe:wallet'), 'kept once it connected').to.equal('test.fox');
      await element.updateComplete;

      // The reader changes their mind: the choice is forgotten and every wallet offered again.
      part(element, 'switch-wallet')!.click();
      await statusReached(element, 'picking');
      expect(localStorage.getItem('xmtp-subscribe:wallet')).to.equal(null);
      const done = statusReached(element, 'done');
      (await pickerWallets(element))[1]!.click();
      await done;
      expect(await storedRecord(server, PUBLISHER, coin.address)).to.not.equal(null);
      expect(await storedRecord(server, PUBLISHER, fox.address)).to.equal(null);
      expect(localStorage.getItem('xmtp-subscribe:wallet')).to.equal('test.coin');
    } finally {
      stop();
    }
  });

  it('does not keep a choice whose wallet refused to connect', async () => {
    const refusing = spiedWallet(createThrowawayWallet(), {
      fail: ({ method }) => (method === 'eth_requestAccounts' ? Object.assign(new Error('no'), { code: 4001 }) : undefined),
    });
    const stop = announceWallets([refusing.provider, createThrowawayWallet()], ['Fox', 'Coin']);
    try {
      const element = await fixture<XmtpSubscribe>(html`<xmtp-subscribe publisher=${PUBLISHER}></xmtp-subscribe>`);
      actionButton(element).click();
      await statusReached(element, 'picking');
      const failed = statusReached(element, 'error');
      (await pickerWallets(element))[0]!.click();
      await failed;
      await element.updateComplete;
      expect(localStorage.getItem('xmtp-subscribe:wallet')).to.equal(null);
      expect(part(element, 'switch-wallet'), 'another wallet is offered after the refusal').to.not.equal(null);
      await expect(element).to.be.accessible();
    } finally {
      stop();
    }
  });
});
