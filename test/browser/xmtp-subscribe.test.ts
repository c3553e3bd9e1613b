// <xmtp-subscribe> in Chromium with a real signing wallet in the page and a real server on SQLite.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import { base64ToBytes, bytesToBase64 } from '../../src/core/base64.js';
import { consentMessage, decodeConsentProof, encodeConsentProof } from '../../src/core/consent.js';
import type { Status } from '../../src/elements/shared/status.js';
import { shortValue } from '../../src/elements/shared/value-chip.js';
import { walletHelpReady } from '../../src/elements/shared/wallet-help-loader.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  restartConsentServer,
  signingFails,
  spiedWallet,
  startConsentServer,
  statusReached,
  statusText,
  stopConsentServer,
  storedCount,
  storedRecord,
  type ConsentServer,
} from './support.js';

function recordStatuses(element: XmtpSubscribe): Status[] {
  const statuses: Status[] = [];
  element.addEventListener('xmtp-status-change', (event) => statuses.push(event.detail.status));
  return statuses;
}

describe('<xmtp-subscribe>', () => {
  let server: ConsentServer;

  before(async () => {
    server = await startConsentServer();
  });

  function subscribeButton(provider: Eip1193Provider | undefined, { publisher = PUBLISHER, endpoint = server.endpoint } = {}) {
    return fixture<XmtpSubscribe>(html`
      <xmtp-subscribe
        publisher=${publisher}
        endpoint=${endpoint}
        publisher-name="The Test Gazette"
        .provider=${provider}
      ></xmtp-subscribe>
    `);
  }

  async function clickUntil(element: XmtpSubscribe, status: Status): Promise<void> {
    const reached = statusReached(element, status);
    actionButton(element).click();
    await reached;
  }

  it('shows the publisher, connects, signs, and the verified proof lands in SQLite', async () => {
    const wallet = createThrowawayWallet();
    const element = await subscribeButton(wallet);
    const statuses = recordStatuses(element);

    expect(element.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.equal('The Test Gazette');
    expect(element.shadowRoot!.querySelector('[part~="address"]')!.textContent).to.contain('0x7099…79C8');
    expect(element.status).to.equal('idle');

    await clickUntil(element, 'connected');
    expect(element.shadowRoot!.querySelector('[part~="account"]')!.textContent).to.contain(wallet.address);

    const signed = oneEvent(element, 'xmtp-consent-signed');
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    const proof = (await signed).detail;
    const { detail } = await subscribed;

    expect(statuses).to.deep.equal(['connecting', 'connected', 'signing', 'submitting', 'done']);
    const { receipt, ...rest } = detail;
    expect(rest).to.deep.equal({
      publisher: PUBLISHER,
      subscriber: wallet.address,
      // The list keeps the signed time, which has whole seconds.
      consentedAt: Math.floor(proof.timestampMs / 1000) * 1000,
      created: true,
    });
    expect(receipt).to.match(/^[\w-]{22,}$/);
    expect(decodeConsentProof(base64ToBytes(proof.consentProof))).to.deep.equal({
      signature: proof.signature,
      timestamp: proof.timestampMs,
      payloadVersion: 1,
    });

    // Stored in its canonical form: the signed second, the proof re-encoded with it (this
    // wallet's signature is canonical already: lowercase, low s, v 27/28).
    const record = await storedRecord(server, PUBLISHER, wallet.address);
    expect(record).to.include({
      publisher: PUBLISHER,
      subscriber: wallet.address,
      state: 'allowed',
      timestampMs: rest.consentedAt,
      signature: proof.signature,
      proof: bytesToBase64(encodeConsentProof(proof.signature, rest.consentedAt)),
      signerKind: 'eoa',
    });

    const answer = await fetch(`${server.endpoint}?publisher=${PUBLISHER}&subscriber=${wallet.address}&receipt=${receipt}`);
    expect(await answer.json()).to.deep.equal({ status: 'allowed', consentedAt: rest.consentedAt });
    expect(element.getAttribute('status')).to.equal('done');
    expect(element.matches(':state(done)')).to.equal(true);
    expect(statusText(element)).to.equal('You are on the list of The Test Gazette.');
  });

  it('signs on the first click when the wallet had already connected this site', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await subscribeButton(wallet);
    const statuses = recordStatuses(element);
    await clickUntil(element, 'done');
    expect(statuses).to.deep.equal(['connecting', 'signing', 'submitting', 'done']);
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.not.equal(null);
  });

  it('draws the publisher as written, and checksums it only once the reader acts', async () => {
    const element = await subscribeButton(createThrowawayWallet(), { publisher: PUBLISHER.toLowerCase() });
    const address = () => element.shadowRoot!.querySelector('[part~="address"]')!.textContent!;
    expect(address()).to.contain(shortValue(PUBLISHER.toLowerCase()));
    // Frames go by, and nothing is hashed while no one acts.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    await element.updateComplete;
    expect(address()).to.contain(shortValue(PUBLISHER.toLowerCase()));
    actionButton(element).click();
    await waitUntil(() => address().includes(shortValue(PUBLISHER)), 'checksummed once the reader acts');
  });

  it('refuses a mistyped checksum when the reader acts, before any wallet is asked', async () => {
    const wallet = createThrowawayWallet();
    const { provider, calls } = spiedWallet(wallet);
    // One letter's case flipped: a typo EIP-55 catches.
    const mistyped = PUBLISHER.replace('C', 'c');
    const element = await subscribeButton(provider, { publisher: mistyped });
    expect(element.status).to.equal('idle');
    calls.length = 0;
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail).to.include({ code: 'invalid-config' });
    expect((await failed).detail.message).to.contain('wrong EIP-55 checksum');
    await element.updateComplete;
    expect(element.status).to.equal('error');
    expect(statusText(element)).to.equal('This button is not set up correctly, so nothing can be signed here.');
    expect(calls, 'the wallet is never asked').to.deep.equal([]);
  });

  it('refuses a mistyped checksum when the reader opens the exact message, which names the publisher checksummed', async () => {
    const element = await subscribeButton(createThrowawayWallet(), { publisher: PUBLISHER.replace('C', 'c') });
    const failed = oneEvent(element, 'xmtp-error');
    const details = element.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="message-details"]')!;
    details.open = true;
    expect((await failed).detail).to.include({ code: 'invalid-config' });
    await element.updateComplete;
    expect(statusText(element)).to.equal('This button is not set up correctly, so nothing can be signed here.');
    expect(element.shadowRoot!.querySelector('[part~="message"]'), 'no message for a publisher that is not one').to.equal(null);
  });

  it('shows the full sending address and the exact message on demand', async () => {
    const element = await subscribeButton(createThrowawayWallet());
    const address = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="address"]')!;
    expect(address.getAttribute('aria-expanded')).to.equal('false');
    address.click();
    await element.updateComplete;
    expect(address.getAttribute('aria-expanded')).to.equal('true');
    expect(address.textContent).to.contain(PUBLISHER);

    // Written when opened, not while the card is first drawn.
    expect(element.shadowRoot!.querySelector('[part~="message"]')!.textContent).to.equal('');
    const details = element.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="message-details"]')!;
    const toggled = oneEvent(details, 'toggle');
    details.open = true;
    await toggled;
    await element.updateComplete;
    const message = element.shadowRoot!.querySelector('[part~="message"]')!.textContent!;
    const time = message.match(/Current Time: (.*)\n/)![1]!;
    expect(message).to.equal(consentMessage(PUBLISHER.toLowerCase(), Date.parse(time)));
  });

  it('hands the signed proof to a host that prevents xmtp-consent-signed, and posts nothing', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await subscribeButton(wallet);
    element.addEventListener('xmtp-consent-signed', (event) => event.preventDefault());
    const signed = oneEvent(element, 'xmtp-consent-signed');
    actionButton(element).click();
    const { detail } = await signed;
    await statusReached(element, 'done');
    expect(detail.subscriber).to.equal(wallet.address);
    expect(detail.publisher).to.equal(PUBLISHER);
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.equal(null);
  });

  it('reports a rejection in the wallet, then signs when asked again', async () => {
    let reject = true;
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet, {
      fail: signingFails(4001, 'User rejected the request.', () => reject),
    });
    const element = await subscribeButton(provider);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('user-rejected');
    await statusReached(element, 'error');
    expect(statusText(element)).to.equal('The wallet did not sign. Nothing was shared.');
    expect(actionButton(element).textContent!.trim()).to.equal('Try again');
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.equal(null);

    reject = false;
    await clickUntil(element, 'done');
    expect(signatures()).to.equal(2);
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.not.equal(null);
  });

  it('refuses to sign when the wallet switched accounts without telling, and shows the new one', async () => {
    const wallet = createThrowawayWallet();
    const { provider, signatures } = spiedWallet(wallet, { announcesAccounts: false });
    const element = await subscribeButton(provider);
    await clickUntil(element, 'connected');
    const first = wallet.address;
    const second = wallet.switchAccount();
    expect(second).to.not.equal(first);

    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('wrong-account');
    expect(signatures()).to.equal(0);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="account"]')!.textContent).to.contain(second);

    await clickUntil(element, 'done');
    expect(signatures()).to.equal(1);
    expect(await storedRecord(server, PUBLISHER, first)).to.equal(null);
    expect(await storedRecord(server, PUBLISHER, second)).to.include({ subscriber: second });
  });

  it('follows an announced account switch and signs with the account it then shows', async () => {
    const wallet = createThrowawayWallet();
    const element = await subscribeButton(wallet);
    await clickUntil(element, 'connected');
    const second = wallet.switchAccount();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="account"]')!.textContent).to.contain(second);
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    expect((await subscribed).detail.subscriber).to.equal(second);
  });

  it('reports a wallet that refuses the account it is asked to sign with as wrong-account', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider } = spiedWallet(wallet, { fail: signingFails(4100, 'The requested account has not been authorized.') });
    const element = await subscribeButton(provider);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('wrong-account');
  });

  it('says so when there is no wallet at all', async () => {
    const element = await subscribeButton(undefined);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('no-wallet');
    await statusReached(element, 'error');
    expect(statusText(element)).to.contain('No wallet found');
    expect(element.shadowRoot!.querySelector('[part~="error"]')).to.not.equal(null);
    // On a computer: what a wallet is, and where to find one (loaded on demand, without a click).
    const helpShown = () => element.shadowRoot!.querySelector('[part~="wallet-help"]');
    await waitUntil(helpShown, 'the help without a wallet is shown');
    const help = helpShown()!;
    expect(help.textContent).to.contain('A wallet is an app that keeps your Ethereum account and signs for you.');
    expect(help.querySelector('a')!.href).to.equal('https://ethereum.org/en/wallets/find-wallet/');
    await expect(element).to.be.accessible();
  });

  it('tells a reader whose wallet is there but disconnected to open it, and offers no wallet to install', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider } = spiedWallet(wallet, { fail: signingFails(4900, 'The provider is disconnected from all chains.') });
    const element = await subscribeButton(provider);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('no-wallet');
    await statusReached(element, 'error');
    expect(statusText(element)).to.equal('Your wallet is not connected. Open it, then try again.');
    expect(actionButton(element).textContent!.trim()).to.equal('Try again');
    // The help without a wallet would have shown by now: it is not asked for.
    await walletHelpReady();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="wallet-help"]')).to.equal(null);
  });

  it('on a phone without a wallet, links to this page in the major wallet apps', async () => {
    Object.defineProperty(navigator, 'userAgentData', { value: { mobile: true }, configurable: true });
    try {
      const element = await subscribeButton(undefined);
      actionButton(element).click();
      await statusReached(element, 'error');
      await waitUntil(() => element.shadowRoot!.querySelector('[part~="wallet-apps"]'), 'the wallet apps are shown');
      const links = [...element.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="wallet-app"]')];
      expect(links.map((link) => link.textContent)).to.deep.equal([
        'MetaMask',
        'Coinbase Wallet',
        'Trust Wallet',
        'Rainbow',
        'OKX Wallet',
      ]);
      expect(links[1]!.href).to.equal(`https://go.cb-w.com/dapp?cb_url=${encodeURIComponent(location.href)}`);
      expect(element.shadowRoot!.querySelector('[part~="wallet-help"]')).to.equal(null);
      await expect(element).to.be.accessible();
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });

  it('saves the signed proof while the server is down and sends it, once, on "Send now"', async () => {
    const own = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await subscribeButton(provider, { endpoint: own.endpoint });
    await stopConsentServer(own);

    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('network');
    await statusReached(element, 'queued');
    expect(statusText(element)).to.contain('Your signature is saved in this browser and will be sent automatically');
    expect(actionButton(element).textContent!.trim()).to.equal('Send now');
    expect(localStorage.getItem('xmtp-subscribe:outbox')).to.contain(wallet.address);

    await restartConsentServer(own);
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    expect((await subscribed).detail.created).to.equal(true);
    expect(signatures()).to.equal(1);
    expect(await storedCount(own, PUBLISHER)).to.equal(1);
    expect(localStorage.getItem('xmtp-subscribe:outbox')).to.not.contain(wallet.address);
  });

  it('sends a saved proof by itself when the browser is back online', async () => {
    const own = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    const element = await subscribeButton(wallet, { endpoint: own.endpoint });
    await stopConsentServer(own);
    await clickUntil(element, 'queued');

    await restartConsentServer(own);
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    window.dispatchEvent(new Event('online'));
    expect((await subscribed).detail.subscriber).to.equal(wallet.address);
    expect(await storedCount(own, PUBLISHER)).to.equal(1);
  });

  it('sends a proof saved before the tab closed on the next load, exactly once', async () => {
    const own = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    const first = await subscribeButton(wallet, { endpoint: own.endpoint });
    await stopConsentServer(own);
    await clickUntil(first, 'queued');
    first.remove(); // the reader closes the tab

    await restartConsentServer(own);
    const { provider, signatures } = spiedWallet(wallet);
    const next = await subscribeButton(provider, { endpoint: own.endpoint });
    await statusReached(next, 'done');
    expect(signatures()).to.equal(0);
    expect(await storedCount(own, PUBLISHER)).to.equal(1);
    expect(await storedRecord(own, PUBLISHER, wallet.address)).to.include({ subscriber: wallet.address });
  });

  it('reports the server refusing a publisher it does not serve in plain words, stores nothing, and never asks to sign it again', async () => {
    const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await subscribeButton(provider, { publisher: other });
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    const { detail } = await failed;
    expect(detail).to.include({ code: 'rejected-by-server', serverCode: 'unknown_publisher' });
    expect(detail.message).to.equal(`${other} is not a publisher served here`);
    await element.updateComplete;
    expect(statusText(element)).to.equal('The list did not accept this, so nothing was stored. Let the site know.');
    expect(statusText(element)).to.not.match(/0x/);
    expect(element.shadowRoot!.querySelector('[part~="button"]'), 'no retry that would sign again').to.equal(null);
    element.subscribe();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signatures()).to.equal(1);
    expect(await storedRecord(server, other, wallet.address)).to.equal(null);

    element.reset();
    await element.updateComplete;
    expect(element.status).to.equal('idle');
    expect(actionButton(element).textContent!.trim()).to.equal('Subscribe');
  });

  it('refuses a publisher that is not an address, and recovers when it is fixed', async () => {
    const failed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('xmtp-error', resolve as EventListener, { once: true }),
    );
    const element = await subscribeButton(createThrowawayWallet(), { publisher: '0x12' });
    expect((await failed).detail.code).to.equal('invalid-config');
    expect((await failed).detail.message).to.contain("publisher must be a 0x-prefixed 40-hex address, got '0x12'");
    expect(element.status).to.equal('error');
    expect(actionButton(element).getAttribute('aria-disabled')).to.equal('true');

    element.publisher = PUBLISHER.toLowerCase();
    await element.updateComplete;
    expect(element.status).to.equal('idle');
    expect(actionButton(element).getAttribute('aria-disabled')).to.equal('false');
  });

  it('refuses an endpoint that is not http(s): plain words for the reader, the reason for the developer', async () => {
    const failed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('xmtp-error', resolve as EventListener, { once: true }),
    );
    const element = await subscribeButton(createThrowawayWallet(), { endpoint: 'javascript:alert(1)' });
    expect(element.status).to.equal('error');
    expect((await failed).detail.message).to.equal("endpoint must be an http(s) URL, got 'javascript:alert(1)'");
    expect(statusText(element)).to.equal('This button is not set up correctly, so nothing can be signed here.');
  });

  it('recognises a returning reader on load, without a click or another signature', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, calls, signatures } = spiedWallet(wallet);
    await clickUntil(await subscribeButton(provider), 'done');
    expect(signatures()).to.equal(1);

    calls.length = 0;
    const again = await subscribeButton(provider);
    await statusReached(again, 'done');
    expect(calls).to.deep.equal(['eth_accounts']);
    expect(statusText(again)).to.equal('You are on the list of The Test Gazette.');
  });

  it('on load asks only for granted accounts (no prompt), and stays idle when there are none', async () => {
    const { provider, calls } = spiedWallet(createThrowawayWallet());
    const element = await subscribeButton(provider);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.status).to.equal('idle');
    expect(calls).to.deep.equal(['eth_accounts']);
  });

  it('can be used with the keyboard alone', async () => {
    const wallet = createThrowawayWallet();
    const element = await subscribeButton(wallet);
    // Tab past the address toggle and the message disclosure to the action button.
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(actionButton(element));
    const connected = statusReached(element, 'connected');
    await sendKeys({ press: 'Enter' });
    await connected;
    expect(element.shadowRoot!.activeElement).to.equal(actionButton(element));
    const done = statusReached(element, 'done');
    await sendKeys({ press: 'Enter' });
    await done;
    await element.updateComplete;
    // The button is gone once subscribed; focus moves to the message that says so.
    expect(element.shadowRoot!.activeElement).to.equal(element.shadowRoot!.querySelector('[part~="status"]'));
  });

  it('is accessible when idle, connected, failed and done', async () => {
    const wallet = createThrowawayWallet();
    const element = await subscribeButton(wallet);
    await expect(element).to.be.accessible();
    await clickUntil(element, 'connected');
    await expect(element).to.be.accessible();
    await clickUntil(element, 'done');
    await expect(element).to.be.accessible();

    const failing = await subscribeButton(undefined);
    await clickUntil(failing, 'error');
    await expect(failing).to.be.accessible();
  });
});
