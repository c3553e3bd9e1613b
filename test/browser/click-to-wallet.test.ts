// A click goes straight to the wallet: nothing waits on the network between the reader's click and
// `personal_sign` (mobile wallets open only within the click's user gesture), however slow the
// endpoint. The returning-reader check runs on load and its answer is reused.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import { PUBLISHER, actionButton, startConsentServer, statusReached, type ConsentServer } from './support.js';

const LATENCY_MS = 500;

/** Every request to `endpoint` takes `LATENCY_MS` longer, as over a slow network. */
function slowNetwork(endpoint: string): () => void {
  const fetch = window.fetch;
  window.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(endpoint)) {
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    }
    return fetch(input, init);
  };
  return () => {
    window.fetch = fetch;
  };
}

/** A real wallet that notes when it was asked to sign. */
function timedWallet(wallet: ReturnType<typeof createThrowawayWallet>) {
  const asked: number[] = [];
  const provider: Eip1193Provider = {
    ...wallet,
    request: (args) => {
      if (args.method === 'personal_sign') asked.push(performance.now());
      return wallet.request(args);
    },
  };
  return { provider, asked };
}

describe('click → wallet', () => {
  let server: ConsentServer;
  let restore: () => void;

  before(async () => {
    server = await startConsentServer();
  });

  beforeEach(() => {
    restore = slowNetwork(server.endpoint);
  });

  afterEach(() => restore());

  const card = (provider: Eip1193Provider) =>
    fixture<XmtpSubscribe>(
      html`<xmtp-subscribe publisher=${PUBLISHER} endpoint=${server.endpoint} .provider=${provider}></xmtp-subscribe>`,
    );

  it(`asks the wallet within 50 ms of the click, with ${LATENCY_MS} ms to the endpoint`, async () => {
    const { provider, asked } = timedWallet(createThrowawayWallet({ connected: true }));
    const element = await card(provider);
    await statusReached(element, 'idle');
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    const clicked = performance.now();
    actionButton(element).click();
    await subscribed;
    expect(asked).to.have.length(1);
    expect(asked[0]! - clicked).to.be.lessThan(50);
  });

  it('asks a reader this browser remembers within 50 ms too: the check ran on load', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const first = await card(wallet);
    const subscribed = oneEvent(first, 'xmtp-subscribed');
    actionButton(first).click();
    await subscribed;
    const unsubscribed = oneEvent(first, 'xmtp-unsubscribed');
    first.unsubscribe();
    await unsubscribed;
    // Another reader of this browser, remembered on the list, and the first one back.
    const other = createThrowawayWallet({ connected: true });
    const second = await card(other);
    const joined = oneEvent(second, 'xmtp-subscribed');
    actionButton(second).click();
    await joined;

    const { provider, asked } = timedWallet(wallet);
    const element = await card(provider);
    await statusReached(element, 'checking');
    await statusReached(element, 'idle');
    const again = oneEvent(element, 'xmtp-subscribed');
    const clicked = performance.now();
    actionButton(element).click();
    await again;
    expect(asked[0]! - clicked).to.be.lessThan(50);
  });
});
