// Leaving the list as easily as joining it: a signed withdrawal from the same card, a private list
// that answers only its members, and returning readers who are checked, never asked to sign twice.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { Status } from '../../src/elements/shared/status.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import '../../src/locales/fr.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  restartConsentServer,
  spiedWallet,
  startConsentServer,
  statusReached,
  statusText,
  stopConsentServer,
  storedRecord,
  type ConsentServer,
} from './support.js';

const part = (element: XmtpSubscribe, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

function recordStatuses(element: XmtpSubscribe): Status[] {
  const statuses: Status[] = [];
  element.addEventListener('xmtp-status-change', (event) => statuses.push(event.detail.status));
  return statuses;
}

/** What the endpoint's status GET answers, status code and body, for a reader and a receipt. */
async function askList(server: ConsentServer, subscriber: string, receipt?: string) {
  const query = new URLSearchParams({ publisher: PUBLISHER, subscriber, ...(receipt ? { receipt } : {}) });
  const answer = await fetch(`${server.endpoint}?${query}`);
  return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.json() };
}

describe('<xmtp-subscribe>: leaving the list', () => {
  let server: ConsentServer;

  before(async () => {
    server = await startConsentServer();
  });

  async function card(provider: Eip1193Provider, { lang = 'en', endpoint = server.endpoint } = {}) {
    const wrapper = await fixture<HTMLDivElement>(html`
      <div lang=${lang}>
        <xmtp-subscribe publisher=${PUBLISHER} endpoint=${endpoint} publisher-name="The Test Gazette" .provider=${provider}></xmtp-subscribe>
      </div>
    `);
    const element = wrapper.querySelector('xmtp-subscribe')!;
    await element.updateComplete;
    return element;
  }

  async function subscribe(element: XmtpSubscribe) {
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    return (await subscribed).detail;
  }

  async function unsubscribe(element: XmtpSubscribe) {
    const unsubscribed = oneEvent(element, 'xmtp-unsubscribed');
    part(element, 'unsubscribe')!.click();
    return (await unsubscribed).detail;
  }

  it('subscribes, shows who subscribed and where to read, leaves with a signed withdrawal, and a reload shows Subscribe', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await card(provider);
    await subscribe(element);
    await statusReached(element, 'done');
    await element.updateComplete;

    expect(statusText(element)).to.equal('You are on the list of The Test Gazette.');
    expect(part(element, 'subscriber')!.textContent).to.contain(`${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`);
    const link = part(element, 'inbox-link') as HTMLAnchorElement;
    expect(link.href).to.equal('https://xmtp.chat/');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(part(element, 'unsubscribe-summary')!.textContent).to.equal(
      'Stop The Test Gazette (0x7099…79C8) from messaging you: you leave its list. Free: no transaction.',
    );
    expect(part(element, 'summary'), 'the consent summary is gone once signed').to.equal(null);
    await expect(element).to.be.accessible();

    const statuses = recordStatuses(element);
    const detail = await unsubscribe(element);
    expect(statuses).to.deep.equal(['connecting', 'signing', 'submitting', 'idle']);
    expect(signatures()).to.equal(2);
    expect(detail).to.include({ publisher: PUBLISHER, subscriber: wallet.address });
    expect(detail.changedAt % 1000).to.equal(0);
    expect(detail.receipt).to.be.a('string');
    expect((await storedRecord(server, PUBLISHER, wallet.address))!.state).to.equal('unsubscribed');
    expect(await askList(server, wallet.address, detail.receipt)).to.deep.include({
      body: { status: 'unsubscribed', changedAt: detail.changedAt },
    });

    await element.updateComplete;
    expect(statusText(element)).to.equal('You left the list of The Test Gazette. You can subscribe again at any time.');
    expect(actionButton(element).textContent!.trim()).to.equal('Subscribe');
    await expect(element).to.be.accessible();

    element.parentElement!.remove();
    const again = await card(provider);
    await statusReached(again, 'idle');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.status).to.equal('idle');
    expect(actionButton(again).textContent!.trim()).to.equal('Subscribe');
    expect(signatures()).to.equal(2);
  });

  it('does the same in French', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await card(wallet, { lang: 'fr' });
    await subscribe(element);
    await element.updateComplete;
    expect(statusText(element)).to.equal('Vous êtes sur la liste de The Test Gazette.');
    expect(part(element, 'unsubscribe')!.textContent!.trim()).to.equal('Se désabonner');
    expect(part(element, 'read-messages')!.textContent).to.contain('Lisez ses messages');
    await expect(element).to.be.accessible();

    await unsubscribe(element);
    await element.updateComplete;
    expect(statusText(element)).to.equal(
      'Vous avez quitté la liste de The Test Gazette. Vous pouvez vous réabonner à tout moment.',
    );
    expect(actionButton(element).textContent!.trim()).to.equal('S’abonner');
    await expect(element).to.be.accessible();
  });

  it('shows a returning reader "checking", never a Subscribe button, then subscribed', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, calls, signatures } = spiedWallet(wallet);
    await subscribe(await card(provider));
    calls.length = 0;

    // A wallet that takes its time to answer, as a phone wallet over a relay can.
    const slow: Eip1193Provider = {
      ...provider,
      request: async (args) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return provider.request(args);
      },
    };
    const again = await card(slow);
    expect(again.status).to.equal('checking');
    expect(actionButton(again).textContent!.trim()).to.equal('Checking…');
    expect(actionButton(again).getAttribute('aria-disabled')).to.equal('true');
    expect(statusText(again)).to.equal('Checking your subscription.');
    await expect(again).to.be.accessible();
    await statusReached(again, 'done');
    expect(calls).to.deep.equal(['eth_accounts']);
    expect(signatures()).to.equal(0);
  });

  it('checks a returning reader at the endpoint’s own URL, its query kept', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const endpoint = `${server.endpoint}?list=news`;
    await subscribe(await card(wallet, { endpoint }));
    const asked: URL[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      asked.push(new URL(input instanceof Request ? input.url : String(input)));
      return realFetch(input, init);
    };
    try {
      await statusReached(await card(wallet, { endpoint }), 'done');
    } finally {
      window.fetch = realFetch;
    }
    // Readers of earlier tests are remembered too, and checked alongside.
    const check = asked.find((url) => url.searchParams.get('subscriber') === wallet.address.toLowerCase());
    expect(check, 'the reader was checked').to.not.equal(undefined);
    expect(check!.searchParams.get('list')).to.equal('news');
    expect(check!.searchParams.get('receipt')).to.be.a('string');
  });

  it('keeps the reader off the list when an older proof is replayed after the withdrawal', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await card(wallet);
    const signed = oneEvent(element, 'xmtp-consent-signed');
    await subscribe(element);
    const { consentProof } = (await signed).detail;
    await unsubscribe(element);

    const replay = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publisher: PUBLISHER, subscriber: wallet.address, consentProof }),
    });
    expect(replay.status).to.equal(200);
    expect(await replay.json()).to.include({ status: 'unsubscribed' });
    expect((await storedRecord(server, PUBLISHER, wallet.address))!.state).to.equal('unsubscribed');
  });

  it('tells a stranger nothing: without the reader’s receipt the GET answers as for an address never seen', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { receipt } = await subscribe(await card(wallet));
    const other = await subscribe(await card(createThrowawayWallet({ connected: true })));
    const stranger = createThrowawayWallet().address;

    const never = await askList(server, stranger);
    expect(never).to.deep.equal({ status: 200, type: 'application/json; charset=utf-8', body: { status: 'unknown' } });
    expect(await askList(server, wallet.address)).to.deep.equal(never);
    expect(await askList(server, wallet.address, 'not-a-receipt')).to.deep.equal(never);
    expect(await askList(server, wallet.address, other.receipt)).to.deep.equal(never);
    expect((await askList(server, wallet.address, receipt)).body).to.include({ status: 'allowed' });
  });

  it('refuses to sign the withdrawal with another account than the one on the list, and can stay subscribed', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await card(provider);
    await subscribe(element);
    wallet.switchAccount();
    await element.updateComplete;

    const failed = oneEvent(element, 'xmtp-error');
    part(element, 'unsubscribe')!.click();
    expect((await failed).detail.code).to.equal('wrong-account');
    expect(signatures()).to.equal(1);
    await element.updateComplete;
    await expect(element).to.be.accessible();

    part(element, 'stay')!.click();
    await statusReached(element, 'done');
    expect(part(element, 'unsubscribe')).to.not.equal(null);
  });

  it('saves a withdrawal while the server is down and delivers it once it is back', async () => {
    const own = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    const element = await card(wallet, { endpoint: own.endpoint });
    await subscribe(element);
    await stopConsentServer(own);

    part(element, 'unsubscribe')!.click();
    await statusReached(element, 'queued');
    expect(localStorage.getItem('xmtp-subscribe:outbox')).to.contain('unsubscribe|');

    await restartConsentServer(own);
    const unsubscribed = oneEvent(element, 'xmtp-unsubscribed');
    actionButton(element).click();
    expect((await unsubscribed).detail.subscriber).to.equal(wallet.address);
    expect((await storedRecord(own, PUBLISHER, wallet.address))!.state).to.equal('unsubscribed');
    expect(localStorage.getItem('xmtp-subscribe:outbox')).to.not.contain('unsubscribe|');
  });
});
